"""A visit deleted on one laptop while a colleague changed it on hers (offline, both ways round), against the real
service on a throw-away PostgreSQL with two real vaults: a person settles it, and then every laptop holds the same
visits: back everywhere with the change kept, or gone everywhere. Nothing typed disappears without being said."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from borapp.i18n import _
from borapp.models import Case, Visit
from borapp.services.sync import conflicts
from borapp.services.visits import records
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_colleague_timeline import entries
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture

FIRST, SECOND = dt.date(2026, 12, 12), dt.date(2026, 12, 26)


def visits(laptop) -> dict[dt.date, str]:
    with laptop.workspace.session() as session:
        return {v.on: v.place for v in session.scalars(select(Visit))}


def visit_id(laptop, on: dt.date) -> int:
    with laptop.workspace.session() as session:
        return session.scalar(select(Visit.id).where(Visit.on == on))


def move(laptop, on: dt.date, place: str) -> None:
    """What the visit editor saves when the coordinator types another place."""
    wanted = visit_id(laptop, on)
    with laptop.workspace.session() as session:
        v = session.get(Visit, wanted)
        data = records.VisitInput(case_id=v.case_id, on=v.on, state="planned", visit_id=v.id,
                                  start_time=v.start_time, end_time=v.end_time, place=place)
    records.record_visit(laptop.workspace, data)


def two_visits(team) -> str:
    """A case of Anna's with two visits planned a fortnight apart, on both laptops."""
    anna, bram = team
    ref = anna.register()
    with anna.workspace.session() as session:
        case_id = session.scalar(select(Case.id).where(Case.ref == ref))
    records.plan_series(anna.workspace, case_id, FIRST, 2, 14, dt.time(10), dt.time(11, 30), "Buurthuis De Kolk")
    anna.sync(), bram.sync()
    assert visits(bram) == {FIRST: "Buurthuis De Kolk", SECOND: "Buurthuis De Kolk"}
    return ref


def crossed(team) -> dict:
    """Anna deletes the first visit while Bram moves it; Bram deletes the second while Anna moves it. Both sync.
    The open conflicts by what the server holds: True for the visit deleted there (Bram's edit came later)."""
    anna, bram = team
    records.delete_visit(anna.workspace, visit_id(anna, FIRST))
    move(bram, FIRST, "Speeltuin Julianadorp")
    records.delete_visit(bram.workspace, visit_id(bram, SECOND))
    move(anna, SECOND, "Bibliotheek Den Helder")
    anna.sync(), bram.sync(), anna.sync()
    found = conflicts.open_conflicts(bram.workspace, http=bram.http)
    assert len(found) == 2
    return {c["server"] is True: c for c in found}


def settle(laptop, conflict: dict, keep: str) -> None:
    conflicts.resolve(laptop.workspace, conflict["id"], keep, http=laptop.http)


def everyone_syncs(team) -> None:
    anna, bram = team
    anna.sync(), bram.sync(), anna.sync()


def test_kept_both_ways_the_visits_are_back_on_every_laptop_with_the_change(team):
    anna, bram = team
    ref = two_visits(team)
    found = crossed(team)
    settle(bram, found[True], "mine")  # Anna deleted the first, Bram keeps his new place
    settle(bram, found[False], "theirs")  # Bram deleted the second, Anna's new place is kept
    everyone_syncs(team)
    expected = {FIRST: "Speeltuin Julianadorp", SECOND: "Bibliotheek Den Helder"}
    assert visits(anna) == expected
    assert visits(bram) == expected
    back = _("{what} brought back by {laptop}").format(what=_("A visit"), laptop="bram")
    assert (back, "van 12 december 2026") in [(t, d) for k, t, d in entries(anna, ref) if k == "colleague"], \
        "Anna's timeline says that the visit she deleted is back, and who chose it"


def test_deleted_both_ways_the_visits_are_gone_from_every_laptop(team):
    anna, bram = team
    two_visits(team)
    found = crossed(team)
    settle(bram, found[True], "theirs")  # the first stays deleted, as Anna wanted
    settle(bram, found[False], "mine")  # the second goes, as Bram wanted
    everyone_syncs(team)
    assert visits(anna) == visits(bram) == {}


def funding_years(laptop) -> dict[str, tuple[str, dict]]:
    from borapp.services import organisation_setup

    return {m.name: (m.region, m.funding) for m in organisation_setup.municipalities(laptop.workspace)}


def test_a_municipality_kept_after_either_delete_comes_back_with_its_funding_years(team):
    """The vault deletes a municipality's funding years with it: keeping the municipality keeps them too."""
    from borapp.services import organisation_setup as setup

    anna, bram = team
    for name in ("Schagen", "Texel"):
        setup.set_funding(anna.workspace, setup.save_municipality(anna.workspace, name, ""), 2026, "per_case")
    anna.sync(), bram.sync()
    ids = {who: {m.name: m.id for m in setup.municipalities(laptop.workspace)}
           for who, laptop in (("anna", anna), ("bram", bram))}
    setup.delete_municipality(anna.workspace, ids["anna"]["Schagen"])
    setup.save_municipality(bram.workspace, "Schagen", "Kop van Noord-Holland", ids["bram"]["Schagen"])
    setup.delete_municipality(bram.workspace, ids["bram"]["Texel"])
    setup.save_municipality(anna.workspace, "Texel", "Waddeneilanden", ids["anna"]["Texel"])
    anna.sync(), bram.sync(), anna.sync()
    for conflict in conflicts.open_conflicts(bram.workspace, http=bram.http):
        settle(bram, conflict, "mine" if conflict["server"] is True else "theirs")  # keep both edits
    everyone_syncs(team)
    expected = {"Bergen (NH)": ("", {}), "Schagen": ("Kop van Noord-Holland", {2026: "per_case"}),
                "Texel": ("Waddeneilanden", {2026: "per_case"})}
    assert funding_years(anna) == expected
    assert funding_years(bram) == expected
