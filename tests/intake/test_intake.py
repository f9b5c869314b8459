"""The intake service: rules per wizard step, the case number, organisations, history, the proposed letter,
duplicates and the confidential address. Synthetic names only."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from borapp.i18n import _, set_language
from borapp.models import AuditEvent, Case, Letter, Municipality, MunicipalityFunding, Organisation
from borapp.services import settings
from borapp.services.cases.editing import ChildInput, ParentInput
from borapp.services.cases.search_index import search_case_ids
from borapp.services.errors import ValidationError
from borapp.services.intake import flow
from borapp.services.intake.duplicates import find_duplicates, name_key
from borapp.services.intake.flow import IntakeInput, validate_step
from borapp.services.intake.summary import summarise
from tests.cases.test_case_services import add_case

ON = dt.date(2026, 3, 10)
INTAKE_ON = dt.date(2026, 3, 6)  # the intake talk, days before the case was typed in


def add_municipality(workspace, name="Bergdorp", funding="purchased", year=2026) -> int:
    with workspace.session() as session:
        municipality = Municipality(name=name, region="Kop")
        municipality.fundings.append(MunicipalityFunding(year=year, funding=funding))
        session.add(municipality)
        session.flush()
        return municipality.id


def add_organisation(workspace, name="Jeugdbescherming Testregio", kind="youth_protection") -> int:
    with workspace.session() as session:
        org = Organisation(name=name, kind=kind)
        session.add(org)
        session.flush()
        return org.id


def good_input(municipality_id: int, **changes) -> IntakeInput:
    inp = IntakeInput(
        registered_on=dt.date(2026, 3, 2), intake_on=INTAKE_ON, route="court",
        referrer_name="Rechtbank Testland", referrer_kind="court", referrer_contact="Mr. T. Toetsing",
        referrer_email="griffie@rechtbank.example", commissioner_same=False,
        commissioner_name="Gemeente Bergdorp Jeugd", commissioner_kind="other",
        municipality_id=municipality_id, funding="purchased",
        resident=ParentInput("resident", "Petra Proef", "Teststraat 1", "1234ab", "Bergdorp", True,
                             "petra@example.nl", "06-12345678"),
        other=ParentInput("other", "Karel Kladversie", "Proefweg 9", "", "Duindorp", False, "", ""),
        children=(ChildInput(name="Sanne Proef", birth_date=dt.date(2019, 5, 1)),
                  ChildInput(name="Bram Proef", birth_date=dt.date(2021, 8, 14))),
        court_decision_on=dt.date(2026, 2, 20), court_frequency="Eens per twee weken, twee uur",
        court_duration="Zes maanden", court_buildup="Na drie keer zonder begeleiding bij de overdracht",
        motivation_resident="Wil dat de kinderen hun vader zien.", motivation_other="Mist de kinderen.",
        no_contact_order=True, no_contact_details="Contactverbod tussen de ouders tot 1 juni 2026.",
        must_not_meet="De ouders onderling", staggered_arrival=True,
        preferred_slots=("sat-morning", "wed-afternoon"), visit_place="Speeltuin De Proef",
        wish_gender="f", wish_languages=("nl", "tr"), other_wishes="Liefst een vaste begeleider.",
    )
    return dataclasses.replace(inp, **changes)


@pytest.fixture
def municipality(workspace):
    return add_municipality(workspace)


# ---- validation per step --------------------------------------------------------------------------------------------

def test_an_empty_intake_is_refused_on_every_step_with_a_message_per_field():
    empty = IntakeInput()
    assert validate_step("route", empty, ON) == {"registered_on": _("Required."), "intake_on": _("Required."),
                                                 "route": _("Choose a route.")}
    assert set(validate_step("referrer", empty, ON)) == {"referrer_name", "referrer_kind", "referrer_contact"}
    assert set(validate_step("municipality", empty, ON)) == {"municipality_id", "funding"}
    assert validate_step("resident", empty, ON) == {"resident.name": _("Required.")}
    assert validate_step("other_parent", empty, ON) == {"other.name": _("Required.")}
    assert validate_step("children", empty, ON) == {"children": _("Add at least one child.")}
    assert validate_step("safety", empty, ON) == {}
    assert validate_step("wishes", empty, ON) == {}


def test_a_child_born_after_the_registration_points_to_a_slip_in_a_date(municipality):
    """1-2-1926 for 1-2-2026 made case BOR-1926-001 with children born in 2013 and 2019, and no word of it."""
    good = good_input(municipality)
    slip = dataclasses.replace(good, registered_on=dt.date(1926, 2, 1), intake_on=dt.date(1926, 2, 1))
    problems = validate_step("children", slip, ON)
    assert problems and all(field.endswith(".birth_date") and "1 februari 1926" in text
                            for field, text in problems.items())
    assert validate_step("children", good, ON) == {}


def test_each_step_checks_its_fields(municipality):
    good = good_input(municipality)
    for step in flow.STEPS:
        assert validate_step(step, good, ON) == {}, step
    assert set(validate_step("route", dataclasses.replace(good, registered_on=ON + dt.timedelta(days=1)), ON)) == {
        "registered_on", "intake_on"}  # in the future, and after the intake talk
    bad_parent = dataclasses.replace(good.resident, postcode="12345", email="geen-adres", phone="bel mij")
    assert set(validate_step("resident", dataclasses.replace(good, resident=bad_parent), ON)) == {
        "resident.postcode", "resident.email", "resident.phone"}
    children = (ChildInput(name="Sanne Proef"), ChildInput(), ChildInput(birth_date=dt.date(2020, 1, 1)))
    assert set(validate_step("children", dataclasses.replace(good, children=children), ON)) == {
        "children.0.birth_date", "children.2.name"}
    assert validate_step("referrer", dataclasses.replace(good, referrer_email="x@"), ON) == {
        "referrer_email": _("Not an e-mail address (name@example.nl).")}


def test_the_court_step_depends_on_the_route(municipality):
    no_date = good_input(municipality, court_decision_on=None)
    assert validate_step("court", no_date, ON) == {"court_decision_on": _("Required.")}
    assert validate_step("court", dataclasses.replace(no_date, route="ots"), ON) == {}
    later = dataclasses.replace(no_date, route="self", court_decision_on=ON + dt.timedelta(days=3))
    assert validate_step("court", later, ON) == {}  # skipped for the own-initiative route


def test_a_no_contact_order_needs_details_and_staggered_arrival(municipality):
    inp = good_input(municipality, no_contact_details="", staggered_arrival=False)
    assert set(validate_step("safety", inp, ON)) == {"no_contact_details", "staggered_arrival"}


def test_a_child_older_than_twelve_warns_but_does_not_block(workspace, municipality):
    older = good_input(municipality, children=(ChildInput(name="Tim Proef", birth_date=dt.date(2011, 1, 1)),))
    assert validate_step("children", older, ON) == {}
    assert any("Tim Proef" in w for w in summarise(workspace, older, ON).warnings)


def test_summary_collects_every_step_and_the_first_problem_is_raised_on_create(workspace, municipality):
    inp = good_input(municipality, route="", other=ParentInput("other"))
    assert list(validate_step("summary", inp, ON)) == ["route", "other.name"]
    with pytest.raises(ValidationError) as refused:
        flow.create_case(workspace, inp, ON)
    assert refused.value.field == "route"
    with workspace.session() as session:
        assert session.scalar(select(Case.id)) is None


def test_the_wizard_state_goes_through_json_and_back(municipality):
    inp = good_input(municipality)
    assert flow.from_dict(flow.to_dict(inp)) == dataclasses.replace(
        inp, children=tuple(ChildInput(name=c.name, birth_date=c.birth_date) for c in inp.children))
    assert flow.from_dict({"route": 3, "children": "x", "registered_on": "not a date"}) == IntakeInput()


# ---- making the case ------------------------------------------------------------------------------------------------

def test_create_makes_the_case_in_intake_with_a_dated_history(workspace, municipality):
    case_id = flow.create_case(workspace, good_input(municipality), ON)
    with workspace.session() as session:
        case = session.get(Case, case_id)
        assert case.status == "intake" and case.ref == "BOR-2026-001"
        assert [(h.on, h.from_status, h.to_status) for h in case.history] == [
            (dt.date(2026, 3, 2), "", "registered"), (INTAKE_ON, "registered", "intake")]
        assert case.coordinator_id == workspace.coordinator_id
        assert case.route == "court" and case.funding == "purchased" and case.municipality_id == municipality
        assert case.court_decision_on == dt.date(2026, 2, 20) and case.court_duration == "Zes maanden"
        assert [c.name for c in case.children] == ["Sanne Proef", "Bram Proef"]
        assert case.preferred_slots == "wed-afternoon;sat-morning"
        assert (case.wish_gender, case.wish_languages) == ("f", "nl;tr")
        assert case.staggered_arrival and "Contactverbod" in case.safety
        assert "Verzorgende ouder: Wil dat" in case.motivation  # in the vault's language (Dutch)
        assert case.volunteer_wishes == "Liefst een vaste begeleider."
    with workspace.session() as session:
        assert search_case_ids(session, "kladversie") == [case_id]


def test_the_intake_talk_is_today_or_earlier_and_not_before_the_registration(municipality):
    good = good_input(municipality)
    assert validate_step("route", dataclasses.replace(good, intake_on=ON), ON) == {}  # today
    assert validate_step("route", dataclasses.replace(good, intake_on=good.registered_on), ON) == {}
    assert validate_step("route", dataclasses.replace(good, intake_on=ON + dt.timedelta(days=1)), ON) == {
        "intake_on": _("This date is in the future.")}
    assert validate_step("route", dataclasses.replace(good, intake_on=dt.date(2026, 3, 1)), ON) == {
        "intake_on": _("The intake talk cannot be before the registration ({date}).").format(date="2 maart 2026")}
    assert flow.from_dict(flow.to_dict(good)).intake_on == INTAKE_ON  # kept in a draft


def test_the_intake_talk_dates_the_intake_in_the_timeline_and_the_letters(workspace, municipality):
    from borapp.services.cases.timeline import timeline
    from borapp.services.documents.letters import render_letter

    created = flow.create_intake(workspace, good_input(municipality), ON)
    with workspace.session() as session:
        steps = [(e.on, e.title) for e in timeline(session, session.get(Case, created.case_id)) if e.kind == "status"]
    assert steps[0][0] == INTAKE_ON and "Intake" in steps[0][1]
    for kind in ("intake", "closing"):
        body = render_letter(workspace, created.case_id, kind).body
        assert "6 maart 2026" in body and "10 maart 2026" not in body, kind


def test_the_confidential_flag_and_the_postcode_are_kept(workspace, municipality):
    case_id = flow.create_case(workspace, good_input(municipality), ON)
    with workspace.session() as session:
        case = session.get(Case, case_id)
        resident, other = case.parent("resident"), case.parent("other")
        assert resident.address_confidential and resident.postcode == "1234 AB"
        assert not other.address_confidential and other.city == "Duindorp"


def test_case_numbers_follow_on_within_the_registration_year(workspace, municipality):
    add_case(workspace, "BOR-2026-014", registered_on=dt.date(2026, 1, 5))
    add_case(workspace, "BOR-2025-088", registered_on=dt.date(2025, 11, 5))
    add_case(workspace, "IMPORT-7", registered_on=dt.date(2026, 1, 9))
    inputs = [good_input(municipality, other=ParentInput("other", f"Ouder Nummer{i}")) for i in range(2)]
    inputs.append(good_input(municipality, registered_on=dt.date(2025, 12, 30), court_decision_on=dt.date(2025, 12, 1)))
    refs = [flow.create_intake(workspace, inp, ON).ref for inp in inputs]
    assert refs == ["BOR-2026-015", "BOR-2026-016", "BOR-2025-089"]


def test_new_organisations_are_made_once_and_existing_ones_chosen(workspace, municipality):
    existing = add_organisation(workspace)
    flow.create_case(workspace, good_input(municipality), ON)
    flow.create_case(workspace, good_input(municipality, referrer_name="rechtbank  testland",
                                             commissioner_same=False, commissioner_id=existing,
                                             commissioner_name=""), ON)
    with workspace.session() as session:
        orgs = {o.name: o for o in session.scalars(select(Organisation))}
        assert set(orgs) == {"Jeugdbescherming Testregio", "Rechtbank Testland", "Gemeente Bergdorp Jeugd"}
        assert orgs["Rechtbank Testland"].kind == "court"
        assert orgs["Rechtbank Testland"].contact_person == "Mr. T. Toetsing"
        cases = session.scalars(select(Case).order_by(Case.id)).all()
        assert cases[0].commissioner.name == "Gemeente Bergdorp Jeugd"
        assert cases[1].referrer.name == "Rechtbank Testland" and cases[1].commissioner_id == existing


def test_same_as_referrer_and_no_commissioner(workspace, municipality):
    org = add_organisation(workspace)
    first = flow.create_case(workspace, good_input(municipality, referrer_id=org, commissioner_same=True), ON)
    second = flow.create_case(workspace, good_input(municipality, referrer_id=org, commissioner_same=False,
                                                      commissioner_name=""), ON)
    with workspace.session() as session:
        assert session.get(Case, first).commissioner_id == org
        assert session.get(Case, second).commissioner_id is None


def test_a_vanished_organisation_or_municipality_is_refused(workspace, municipality):
    with pytest.raises(ValidationError) as refused:
        flow.create_case(workspace, good_input(municipality, referrer_id=999), ON)
    assert refused.value.field == "referrer_id"
    with pytest.raises(ValidationError) as refused:
        flow.create_case(workspace, good_input(999), ON)
    assert refused.value.field == "municipality_id"


def test_the_own_initiative_route_keeps_no_court_details(workspace, municipality):
    case_id = flow.create_case(workspace, good_input(municipality, route="self"), ON)
    with workspace.session() as session:
        case = session.get(Case, case_id)
        assert case.court_decision_on is None and case.court_frequency == "" and case.court_buildup == ""


def test_a_letter_to_the_referrer_is_proposed_as_a_draft_in_the_vaults_language(workspace, municipality):
    set_language("en")  # the screen is English; the vault says Dutch
    created = flow.create_intake(workspace, good_input(municipality), ON)
    with workspace.session() as session:
        letter = session.get(Letter, created.letter_id)
        assert (letter.case_id, letter.kind, letter.state) == (created.case_id, "intake", "draft")
        assert letter.language == "nl"
        assert (letter.recipient_name, letter.recipient_email) == ("Mr. T. Toetsing", "griffie@rechtbank.example")
        assert letter.subject == "Aanmelding ontvangen: dossier BOR-2026-001"
        assert "2 maart 2026" in letter.body and "6 maart 2026" in letter.body  # Dutch dates: registered, intake
        assert "Teststraat" not in letter.body  # no addresses in a letter
        settings.put(session, "language", "en")
    second = flow.create_intake(workspace, good_input(municipality), ON)
    with workspace.session() as session:
        letter = session.get(Letter, second.letter_id)
        assert letter.language == "en" and letter.subject == "Referral received: case BOR-2026-002"
        assert "The intake with the parents took place on 6 March 2026." in letter.body


def test_the_proposed_letter_is_worded_by_the_saved_template_and_signs_off_once(workspace, municipality):
    from borapp.services.documents import templates
    from borapp.services.outbox import letters as outbox

    created = flow.create_intake(workspace, good_input(municipality), ON)
    with workspace.session() as session:
        body = session.get(Letter, created.letter_id).body
    assert body.startswith("Geachte Mr. T. Toetsing,") and "groet" not in body  # the PDF adds the closing
    pdf = " ".join(PdfReader(io.BytesIO(outbox.letter_pdf(workspace, created.letter_id))).pages[0].extract_text().split())
    assert pdf.count("Met vriendelijke groet") == 1
    templates.save_template(workspace, "intake", "nl", "Beste {referrer_contact},\n\nOnze eigen woorden: het "
                                                       "kennismakingsgesprek was op {intake_on}.")
    created = flow.create_intake(workspace, good_input(municipality), ON)
    with workspace.session() as session:
        body = session.get(Letter, created.letter_id).body
    assert body == "Beste Mr. T. Toetsing,\n\nOnze eigen woorden: het kennismakingsgesprek was op 6 maart 2026."


def test_the_audit_names_records_not_people(workspace, municipality):
    created = flow.create_intake(workspace, good_input(municipality), ON)
    with workspace.session() as session:
        events = [(e.action, e.record_type, e.record_id) for e in session.scalars(select(AuditEvent))]
    assert ("create", "case", created.case_id) in events
    assert ("status", "case", created.case_id) in events
    assert ("create", "letter", created.letter_id) in events
    assert sum(1 for e in events if e[:2] == ("create", "organisation")) == 2


# ---- duplicates -----------------------------------------------------------------------------------------------------

def test_a_child_with_the_same_name_and_birth_date_is_found(workspace, municipality):
    other_case = add_case(workspace, "BOR-2025-003", resident="Anja Anders", other="Bert Anders",
                          children=(("Sanne Próef", dt.date(2019, 5, 1)), ("Bram Proef", dt.date(2020, 1, 1))),
                          status="waiting")
    found = find_duplicates(workspace, good_input(municipality))
    assert [(d.case_id, d.ref, d.status, d.kind, d.name) for d in found] == [
        (other_case, "BOR-2025-003", "waiting", "child", "Sanne Próef")]
    assert "BOR-2025-003" in found[0].describe()


def test_a_parent_with_the_same_name_is_found_whatever_the_accents_and_case(workspace, municipality):
    add_case(workspace, "BOR-2024-010", resident="PETRA  PRÖEF", other="Kees Anders", children=(), status="closed")
    add_case(workspace, "BOR-2024-011", resident="Petra Proefje", other="Karel Kladversie-Anders", children=())
    found = find_duplicates(workspace, good_input(municipality))
    assert [(d.ref, d.kind, d.name, d.status) for d in found] == [("BOR-2024-010", "parent", "PETRA  PRÖEF", "closed")]
    assert name_key("Zoë  de VRIES") == "zoe de vries"


def test_no_duplicates_for_a_new_family(workspace, municipality):
    add_case(workspace, "BOR-2025-001")
    assert find_duplicates(workspace, good_input(municipality)) == []
    assert find_duplicates(workspace, IntakeInput()) == []


def test_the_summary_reads_back_every_step(workspace, municipality):
    summary = summarise(workspace, good_input(municipality), ON)
    titles = [s.title for s in summary.sections]
    assert titles[0] == _("Registration") and _("Court decision") in titles
    rows = {label: value for s in summary.sections for label, value in s.rows}
    assert rows[_("Municipality")] == "Bergdorp"
    assert rows[_("Preferred days")] == "Woensdag middag, Zaterdag ochtend"
    assert "Rechtbank Testland" in rows[_("Referrer")]
    own = summarise(workspace, good_input(municipality, route="self"), ON)
    assert _("Court decision") not in [s.title for s in own.sections]


def test_municipality_choices_suggest_the_funding_of_the_year(workspace):
    add_municipality(workspace, "Bergdorp", "purchased", 2025)
    add_municipality(workspace, "Aadorp", "per_case", 2027)
    choices = flow.municipality_choices(workspace, 2026)
    assert [(c.name, c.funding) for c in choices] == [("Aadorp", ""), ("Bergdorp", "purchased")]


def test_a_kept_draft_reads_back_and_names_the_family(municipality):
    payload = flow.draft_payload(good_input(municipality), 5, [(3, "parent", "petra proef")])
    data, page, acknowledged = flow.read_draft(payload)
    assert (data.resident.name, page, acknowledged) == ("Petra Proef", 5, [(3, "parent", "petra proef")])
    assert flow.read_draft({"page": 99})[1] == 1
    from borapp.services.intake.answers import describe_draft

    title, text = describe_draft(payload)
    assert title == _("New intake: {family}").format(family="Petra Proef")
    assert text == _("Intake not finished (step {n} of {total})").format(n=5, total=10)
    assert describe_draft({})[0] == _("New intake")


@pytest.mark.parametrize("typed, good", [
    ("06-12345678", True), ("020-123 45 67", True), ("(020) 123 45 67", True), ("0612345678", True),
    ("+31 6 12345678", True), ("0031 6 12345678", True), ("+44 20 7946 0958", True), ("", True),
    ("06-1234567", False), ("06-123456789", False), ("12345678", False), ("bellen na 5", False), ("++31", False),
    ("0800-2000", True), ("0900-123 45 67", True), ("14 072", True),  # a help line, a municipality (were refused)
    ("0800-12345", False), ("14 07", False), ("0612-3456", False),
])
def test_a_phone_number_has_ten_digits_or_comes_from_abroad(typed, good):
    from borapp.services.validation import phone_problem

    assert (phone_problem(typed) == "") is good, typed


def test_a_registration_months_back_is_asked_about_gently_weeks_back_not():
    """1-2-26 typed on 6-12-2026 (meant 1-12?) went through without a word: only years back were warned of."""
    from borapp.services.intake.checks import registration_warning

    on = dt.date(2026, 12, 6)
    assert registration_warning(dt.date(2026, 2, 1), on) == _(
        "Registered on {date}, {months} months ago: is that right?").format(date="1 februari 2026", months=10)
    assert registration_warning(dt.date(2026, 10, 7), on) == ""  # within two months: an ordinary wait
    assert "2 " in registration_warning(dt.date(2026, 10, 6), on)
    assert registration_warning(on, on) == "" and registration_warning(None, on) == ""
    assert "2025" in registration_warning(dt.date(2025, 11, 1), on)  # a year back: the year is what matters
