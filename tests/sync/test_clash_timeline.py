"""What a coordinator typed and lost to a colleague's change in a conflict stays readable in the case's timeline on
her laptop: which field, what she typed and what it says now; a confidential address stays masked there."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from borapp.i18n import _, set_language
from borapp.models import Case, Parent, Visit
from borapp.services.sync import conflicts
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_colleague_timeline import entries
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture

CASE_CLASHED = _("{what}: clashed with a colleague's change").format(what=_("Case details"))


def clashes(laptop, ref: str) -> list[tuple[str, str]]:
    return [(title, detail) for kind, title, detail in entries(laptop, ref) if kind == "clash"]


def clash_on_the_place(team, **more):
    """Anna and Bram both change where the visits are; Anna's reaches the server first."""
    anna, bram = team
    ref = anna.register()
    anna.sync(), bram.sync()
    anna.edit(ref, visit_place="Speeltuin De Bres")
    bram.edit(ref, visit_place="Bibliotheek Schagen", **more)
    anna.sync()
    assert len(bram.sync().conflicts) == 1
    return ref


def test_the_value_that_lost_stays_readable_on_the_laptop_that_typed_it(team):
    anna, bram = team
    ref = clash_on_the_place(team, notes="Vader belt na 17 uur")
    assert bram.cases()[ref].visit_place == "Speeltuin De Bres", "the server's value holds here meanwhile"
    assert clashes(bram, ref) == [(CASE_CLASHED, "Plaats: hier getypt \u201cBibliotheek Schagen\u201d, "
                                                 "nu \u201cSpeeltuin De Bres\u201d")], \
        "only the field that clashed is named: the notes went through"
    assert clashes(anna, ref) == [], "Anna's change went through"

    found = conflicts.open_conflicts(anna.workspace, http=anna.http)
    conflicts.resolve(anna.workspace, found[0]["id"], "theirs", http=anna.http)
    anna.sync(), bram.sync()
    assert clashes(bram, ref) == [(CASE_CLASHED, _("{field}: typed here \u201c{typed}\u201d, now \u201c{now}\u201d")
                                   .format(field=_("Place"), typed="Bibliotheek Schagen", now="Speeltuin De Bres"))], \
        "settled for Anna's value, Bram's typing is still there to read"


def test_a_clash_settled_for_the_value_typed_here_says_it_stands(team):
    anna, bram = team
    ref = clash_on_the_place(team)
    found = conflicts.open_conflicts(bram.workspace, http=bram.http)
    conflicts.resolve(bram.workspace, found[0]["id"], "mine", http=bram.http)
    bram.sync()
    assert bram.cases()[ref].visit_place == "Bibliotheek Schagen"
    assert clashes(bram, ref) == [(CASE_CLASHED, _("What was typed here stands."))]


def test_a_confidential_address_stays_masked_in_the_clash(team):
    anna, bram = team
    ref = anna.register()
    with anna.workspace.session() as session:
        session.scalar(select(Parent).join(Case).where(Case.ref == ref)).address_confidential = True
    anna.sync(), bram.sync()
    for laptop, street in ((anna, "Kerkstraat 5"), (bram, "Dorpsweg 12")):
        with laptop.workspace.session() as session:
            session.scalar(select(Parent).join(Case).where(Case.ref == ref)).address = street
    anna.sync()
    assert len(bram.sync().conflicts) == 1
    shown = clashes(bram, ref)
    assert shown == [(_("{what}: clashed with a colleague's change").format(what=_("A parent's details")),
                      _("{field}: typed here \u201c{typed}\u201d, now \u201c{now}\u201d").format(
                          field=_("Street and number"), typed=_("(confidential address)"),
                          now=_("(confidential address)")))]
    assert not any(street in str(shown) for street in ("Kerkstraat", "Dorpsweg"))


def a_case_with_a_visit(team) -> str:
    """A case of Anna's with a visit planned on 3 June 2026, on both laptops."""
    anna, bram = team
    ref = anna.register()
    with anna.workspace.session() as session:
        case = session.scalar(select(Case).where(Case.ref == ref))
        session.add(Visit(case_id=case.id, on=dt.date(2026, 6, 3), state="planned"))
    anna.sync(), bram.sync()
    return ref


def test_a_clash_on_a_visit_names_the_visit_by_its_date(team):
    anna, bram = team
    ref = a_case_with_a_visit(team)
    for laptop, place in ((anna, "Speelkamer"), (bram, "Kinderboerderij")):
        with laptop.workspace.session() as session:
            session.scalar(select(Visit)).place = place
    anna.sync()
    assert len(bram.sync().conflicts) == 1
    assert clashes(bram, ref) == [(_("{what}: clashed with a colleague's change").format(
        what=_("A visit")), "van 3 juni 2026\nPlaats: hier getypt \u201cKinderboerderij\u201d, nu \u201cSpeelkamer\u201d")]


def test_typing_into_a_visit_a_colleague_deleted_is_named_with_the_removal(team):
    """Bram typed a place into a visit Anna had deleted meanwhile: the removal took his typing with it, unsaid."""
    anna, bram = team
    ref = a_case_with_a_visit(team)
    with anna.workspace.session() as session:
        session.delete(session.scalar(select(Visit)))
    with bram.workspace.session() as session:
        session.scalar(select(Visit)).place = "Kinderboerderij"
    anna.sync()
    assert len(bram.sync().conflicts) == 1
    removal = [(title, detail) for kind, title, detail in entries(bram, ref) if kind == "colleague"
               and title == _("{what} deleted on {laptop}").format(what=_("A visit"), laptop="anna")]
    assert removal == [(removal[0][0], "Plaats: hier getypt \u201cKinderboerderij\u201d, wat niet is doorgegaan")]


def test_a_date_that_clashed_is_said_in_words(team):
    anna, bram = team
    ref = a_case_with_a_visit(team)
    for laptop, day in ((anna, dt.date(2026, 6, 10)), (bram, dt.date(2026, 6, 17))):
        with laptop.workspace.session() as session:
            session.scalar(select(Visit)).on = day
    anna.sync()
    assert len(bram.sync().conflicts) == 1
    [(_title, detail)] = clashes(bram, ref)
    assert detail.endswith("Datum: hier getypt \u201c17 juni 2026\u201d, nu \u201c10 juni 2026\u201d"), detail


def test_a_clash_on_a_visits_state_names_the_state_and_the_parent_as_the_conflicts_window_does(team):
    """Anna recorded the visit as held, Bram as a no-show of the non-resident parent: his timeline says so in the
    words of the visit screen and the conflicts window (sync.code_words), not 'no_show' and 'other'."""
    anna, bram = team
    ref = a_case_with_a_visit(team)
    with anna.workspace.session() as session:
        session.scalar(select(Visit)).state = "held"
    with bram.workspace.session() as session:
        visit = session.scalar(select(Visit))
        visit.state, visit.no_show_by = "no_show", "other"
    anna.sync()
    assert len(bram.sync().conflicts) == 1
    assert clashes(bram, ref) == [("Een omgangsmoment: botsing met een collega", "van 3 juni 2026\n"
                                   "Stand: hier getypt \u201cNiet verschenen\u201d, nu \u201cGehouden\u201d\n"
                                   "Niet verschenen: hier getypt \u201cUitwonende ouder\u201d, nu \u201c(leeg)\u201d")]
    set_language("en")
    assert clashes(bram, ref) == [("A visit: clashed with a colleague's change", "of 3 June 2026\n"
                                   "State: typed here \u201cDid not show up\u201d, now \u201cHeld\u201d\n"
                                   "Did not show up: typed here \u201cNon-resident parent\u201d, now \u201c(empty)\u201d")]


def test_a_role_typed_into_a_parent_a_colleague_deleted_is_named_as_the_screens_name_it(team):
    anna, bram = team
    ref = anna.register()
    anna.sync(), bram.sync()
    with anna.workspace.session() as session:
        session.delete(session.scalar(select(Parent).join(Case).where(Case.ref == ref)))
    with bram.workspace.session() as session:
        session.scalar(select(Parent).join(Case).where(Case.ref == ref)).role = "other"
    anna.sync()
    assert len(bram.sync().conflicts) == 1
    removed = [detail for kind, _title, detail in entries(bram, ref) if kind == "colleague"]
    assert removed == ["Rol: hier getypt \u201cUitwonende ouder\u201d, wat niet is doorgegaan"]
    set_language("en")
    assert [detail for kind, _title, detail in entries(bram, ref) if kind == "colleague"] == \
        ["Role: typed here \u201cNon-resident parent\u201d, which did not go through"]
