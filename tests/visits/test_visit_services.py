"""Visits, evaluations, attachments and a case's letters, through their services (no Qt)."""

from __future__ import annotations

import datetime as dt
import stat

import pytest
from sqlalchemy import select

from borapp.i18n import set_language
from borapp.models import AuditEvent, Case, Child, Contract, Letter, Parent, StatusChange, Volunteer
from borapp.services.cases import attachments, evaluations
from borapp.services.cases import letters as cases_letters
from borapp.services.cases.flow import start_history
from borapp.services.errors import ValidationError
from borapp.services.visits import records
from borapp.services.visits.records import VisitInput

TODAY = dt.date.today()
REGISTERED = TODAY - dt.timedelta(days=120)
T10, T12 = dt.time(10, 0), dt.time(12, 0)


def make_case(workspace, ref: str = "2026-0042", *, registered_on: dt.date = REGISTERED) -> tuple[int, int]:
    """A synthetic case in the visits phase with both parents, a child and a matched volunteer."""
    with workspace.session() as session:
        volunteer = session.scalar(select(Volunteer).where(Volunteer.name == "Vera Voorbeeld"))
        if volunteer is None:
            volunteer = Volunteer(name="Vera Voorbeeld", region="Kop")
            session.add(volunteer)
        case = Case(ref=ref, registered_on=registered_on, visit_place="Speelkamer De Vlinder, Den Helder",
                    volunteer=volunteer)
        start_history(case)
        case.status = "visits"
        case.parents.extend([Parent(role="resident", name="Rianne de Proef"),
                             Parent(role="other", name="Otto van Proefstra")])
        case.children.append(Child(name="Kiki van Proefstra", birth_date=TODAY - dt.timedelta(days=7 * 365)))
        session.add(case)
        session.flush()
        return case.id, volunteer.id


def held(case_id: int, visit_id: int | None, on: dt.date | None = None, **changes) -> VisitInput:
    values = dict(case_id=case_id, visit_id=visit_id, on=on, state="held", start_time=T10, end_time=T12,
                  place="Speelkamer", brought_by="Verzorgende ouder", collected_by="Verzorgende ouder",
                  handover="Gescheiden aankomst, vlot verlopen.", what_happened="Samen getekend en gelezen.",
                  child_wellbeing="Ontspannen.", child_voice="Wil volgende keer buiten spelen.")
    values.update(changes)
    return VisitInput(**values)


def cancelled(case_id: int, visit_id: int, on: dt.date, **changes) -> VisitInput:
    values = dict(case_id=case_id, visit_id=visit_id, on=on, state="cancelled", cancelled_by="other",
                  cancel_reason="Ziek.", notice_hours=3)
    values.update(changes)
    return VisitInput(**values)


def _audit(workspace, record_type: str) -> list[tuple[str, int]]:
    with workspace.session() as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.record_type == record_type).order_by(AuditEvent.id))
        return [(e.action, e.record_id) for e in rows]


# ---- visits ----------------------------------------------------------------------------------------------------


def test_plan_a_series_of_eight_every_fortnight(workspace):
    case_id, volunteer_id = make_case(workspace)
    first = REGISTERED + dt.timedelta(days=10)
    ids = records.plan_series(workspace, case_id, first, 8, 14, T10, T12, "")
    rows = records.list_visits(workspace, case_id)
    assert [r.id for r in rows] == ids
    assert [r.on for r in rows] == [first + dt.timedelta(days=14 * i) for i in range(8)]
    assert {(r.state, r.start_time, r.end_time, r.volunteer_id) for r in rows} == {("planned", T10, T12, volunteer_id)}
    assert rows[0].place == "Speelkamer De Vlinder, Den Helder"  # the agreed place when none is given
    assert rows[0].volunteer_name == "Vera Voorbeeld"
    assert _audit(workspace, "visit") == [("create", i) for i in ids]


@pytest.mark.parametrize("args, field", [
    (dict(count=0), "count"), (dict(count=25), "count"), (dict(every_days=0), "every_days"),
    (dict(first_on=REGISTERED - dt.timedelta(days=1)), "first_on"), (dict(first_on=None), "first_on"),
    (dict(end=T10), "end_time"), (dict(start=None), "start_time"), (dict(place="x" * 301), "place"),
])
def test_a_wrong_series_says_which_field_and_saves_nothing(workspace, args, field):
    case_id, _ = make_case(workspace)
    values = dict(first_on=REGISTERED + dt.timedelta(days=3), count=8, every_days=14, start=T10, end=T12, place="")
    values.update(args)
    with pytest.raises(ValidationError) as info:
        records.plan_series(workspace, case_id, **values)
    assert info.value.field == field and str(info.value)
    assert records.list_visits(workspace, case_id) == []


def test_record_a_visit_as_held_with_everything_the_record_holds(workspace):
    case_id, volunteer_id = make_case(workspace)
    first_id = records.plan_series(workspace, case_id, REGISTERED + dt.timedelta(days=7), 3, 14, T10, T12)[0]
    on = REGISTERED + dt.timedelta(days=7)
    records.record_visit(workspace, held(case_id, first_id, on, volunteer_id=volunteer_id, others_present="Oma",
                                        incidents="Geen.", ended_early=True, ended_early_reason="Kind werd moe.",
                                        cancelled_by="other", cancel_reason="ignored for a held visit"))
    detail = records.get_visit(workspace, first_id)
    assert (detail.state, detail.on, detail.start_time, detail.end_time) == ("held", on, T10, T12)
    assert detail.volunteer_name == "Vera Voorbeeld"
    assert detail.what_happened == "Samen getekend en gelezen."
    assert detail.child_voice == "Wil volgende keer buiten spelen."
    assert (detail.others_present, detail.incidents, detail.ended_early) == ("Oma", "Geen.", True)
    assert (detail.cancelled_by, detail.cancel_reason, detail.notice_hours) == ("", "", None)
    assert _audit(workspace, "visit")[-1] == ("update", first_id)


def test_record_a_cancelled_visit_with_who_why_and_how_late(workspace):
    case_id, _ = make_case(workspace)
    ids = records.plan_series(workspace, case_id, REGISTERED + dt.timedelta(days=7), 2, 14, T10, T12)
    records.record_visit(workspace, cancelled(case_id, ids[1], REGISTERED + dt.timedelta(days=21),
                                             what_happened="not kept for a cancelled visit"))
    detail = records.get_visit(workspace, ids[1])
    assert (detail.state, detail.cancelled_by, detail.cancel_reason, detail.notice_hours) == \
        ("cancelled", "other", "Ziek.", 3)
    assert detail.what_happened == ""
    row = records.list_visits(workspace, case_id)[1]
    set_language("en")
    assert row.state_text == "Cancelled (non-resident parent)"


def test_a_visit_never_planned_can_be_recorded_directly(workspace):
    case_id, _ = make_case(workspace)
    new_id = records.record_visit(workspace, held(case_id, None, TODAY))
    assert [v.id for v in records.list_visits(workspace, case_id)] == [new_id]
    assert _audit(workspace, "visit") == [("create", new_id)]


@pytest.mark.parametrize("changes, field", [
    (dict(on=None), "on"), (dict(on=REGISTERED - dt.timedelta(days=1)), "on"),
    (dict(on=TODAY + dt.timedelta(days=1)), "on"), (dict(start_time=None), "start_time"),
    (dict(end_time=dt.time(9, 0)), "end_time"), (dict(ended_early=True, ended_early_reason=" "), "ended_early_reason"),
    (dict(state="cancelled", cancelled_by=""), "cancelled_by"),
    (dict(state="cancelled", cancelled_by="resident", cancel_reason=""), "cancel_reason"),
    (dict(state="cancelled", cancelled_by="child", cancel_reason="Wilde niet.", notice_hours=-1), "notice_hours"),
    (dict(brought_by="x" * 201), "brought_by"), (dict(state="visited"), "state"),
])
def test_a_wrong_record_says_which_field_and_saves_nothing(workspace, changes, field):
    case_id, _ = make_case(workspace)
    visit_id = records.plan_series(workspace, case_id, REGISTERED + dt.timedelta(days=7), 1, 14, T10, T12)[0]
    before = records.get_visit(workspace, visit_id)
    with pytest.raises(ValidationError) as info:
        records.record_visit(workspace, held(case_id, visit_id, **{"on": REGISTERED + dt.timedelta(days=7),
                                                                  **changes}))
    assert info.value.field == field and str(info.value)
    assert records.get_visit(workspace, visit_id) == before
    assert _audit(workspace, "visit") == [("create", visit_id)]


def test_only_planned_visits_can_be_deleted(workspace):
    case_id, _ = make_case(workspace)
    ids = records.plan_series(workspace, case_id, REGISTERED + dt.timedelta(days=7), 2, 7, T10, T12)
    records.record_visit(workspace, held(case_id, ids[0], REGISTERED + dt.timedelta(days=7)))
    with pytest.raises(ValidationError):
        records.delete_visit(workspace, ids[0])
    records.delete_visit(workspace, ids[1])
    assert [v.id for v in records.list_visits(workspace, case_id)] == [ids[0]]
    assert _audit(workspace, "visit")[-1] == ("delete", ids[1])


def test_counts_per_state_and_canceller(workspace):
    case_id, _ = make_case(workspace)
    start = REGISTERED + dt.timedelta(days=7)
    ids = records.plan_series(workspace, case_id, start, 8, 7, T10, T12)
    records.record_visit(workspace, held(case_id, ids[0], start))
    records.record_visit(workspace, cancelled(case_id, ids[1], start + dt.timedelta(days=7)))
    counts = records.visit_counts(workspace, case_id)
    assert (counts.planned, counts.held, counts.cancelled, counts.total) == (6, 1, 1, 8)
    assert counts.cancelled_by == {"other": 1}
    set_language("en")
    assert counts.summary() == "6 planned · 1 held · 1 cancelled (non-resident parent)"
    records.record_visit(workspace, cancelled(case_id, ids[2], start + dt.timedelta(days=14), cancelled_by="volunteer"))
    assert records.visit_counts(workspace, case_id).summary() == \
        "5 planned · 1 held · 2 cancelled (1 non-resident parent, 1 volunteer)"


def test_planning_defaults_follow_the_last_visit(workspace):
    case_id, volunteer_id = make_case(workspace)
    fresh = records.planning_defaults(workspace, case_id)
    assert (fresh.first_on, fresh.start, fresh.place) == (TODAY, None, "Speelkamer De Vlinder, Den Helder")
    records.plan_series(workspace, case_id, TODAY, 2, 7, T10, T12)
    later = records.planning_defaults(workspace, case_id)
    assert (later.first_on, later.start, later.end) == (TODAY + dt.timedelta(days=21), T10, T12)
    assert records.volunteer_choices(workspace, case_id)[0] == records.VolunteerChoice(volunteer_id, "Vera Voorbeeld",
                                                                                    True)


def test_the_audit_never_holds_personal_content(workspace):
    case_id, _ = make_case(workspace)
    ids = records.plan_series(workspace, case_id, REGISTERED + dt.timedelta(days=7), 1, 7, T10, T12)
    records.record_visit(workspace, held(case_id, ids[0], REGISTERED + dt.timedelta(days=7)))
    with workspace.session() as session:
        events = [(e.action, e.record_type, e.record_id, e.actor) for e in session.scalars(select(AuditEvent))]
    text = repr(events)
    assert "getekend" not in text and "buiten spelen" not in text
    assert ("update", "visit", ids[0], "Test Coördinator") in events


# ---- evaluations -----------------------------------------------------------------------------------------------


def test_add_and_edit_an_evaluation(workspace):
    case_id, _ = make_case(workspace)
    defaults = evaluations.new_evaluation_defaults(workspace, case_id)
    assert defaults.kind == "midway" and "Rianne de Proef" in defaults.participants
    data = evaluations.EvaluationInput(case_id, TODAY - dt.timedelta(days=2), "midway", defaults.participants,
                                       "Vanaf nu om de week.", "Goed gesprek.")
    evaluation_id = evaluations.save_evaluation(workspace, data)
    evaluations.save_evaluation(workspace, evaluations.EvaluationInput(
        case_id, data.held_on, "midway", data.participants, "Vanaf nu elke week.", "", evaluation_id=evaluation_id))
    [item] = evaluations.list_evaluations(workspace, case_id)
    assert (item.id, item.agreements, item.notes) == (evaluation_id, "Vanaf nu elke week.", "")
    assert evaluations.new_evaluation_defaults(workspace, case_id).kind == "final"
    assert _audit(workspace, "evaluation") == [("create", evaluation_id), ("update", evaluation_id)]


@pytest.mark.parametrize("changes, field", [
    (dict(held_on=None), "held_on"), (dict(held_on=TODAY + dt.timedelta(days=1)), "held_on"),
    (dict(held_on=REGISTERED - dt.timedelta(days=1)), "held_on"), (dict(kind="weird"), "kind"),
    (dict(participants=" "), "participants"),
])
def test_a_wrong_evaluation_saves_nothing(workspace, changes, field):
    case_id, _ = make_case(workspace)
    values = dict(case_id=case_id, held_on=TODAY, kind="midway", participants="Ouders, vrijwilliger")
    values.update(changes)
    with pytest.raises(ValidationError) as info:
        evaluations.save_evaluation(workspace, evaluations.EvaluationInput(**values))
    assert info.value.field == field
    assert evaluations.list_evaluations(workspace, case_id) == []


# ---- attachments -----------------------------------------------------------------------------------------------


def test_add_read_and_delete_an_attachment(workspace):
    case_id, _ = make_case(workspace)
    content = b"%PDF-1.4 beschikking synthetisch"
    attachment_id = attachments.add_attachment(workspace, case_id, "court_decision",
                                               r"C:\Users\coordinator\Downloads\beschikking.pdf", content, "")
    [item] = attachments.list_attachments(workspace, case_id)
    assert (item.filename, item.mime_type, item.size, item.kind) == \
        ("beschikking.pdf", "application/pdf", len(content), "court_decision")
    filename, mime, data = attachments.read_attachment(workspace, attachment_id)
    assert (filename, mime, data) == ("beschikking.pdf", "application/pdf", content)
    attachments.delete_attachment(workspace, attachment_id)
    assert attachments.list_attachments(workspace, case_id) == []
    assert _audit(workspace, "attachment") == [("create", attachment_id), ("open", attachment_id),
                                               ("delete", attachment_id)]


def test_attachment_limits_are_told_clearly(workspace):
    case_id, _ = make_case(workspace)
    with pytest.raises(ValidationError, match="25") as info:
        attachments.add_attachment(workspace, case_id, "other", "scan.pdf", b"\0" * (attachments.MAX_BYTES + 1))
    assert info.value.field == "file"
    with pytest.raises(ValidationError):
        attachments.add_attachment(workspace, case_id, "other", "leeg.txt", b"")
    with pytest.raises(ValidationError) as info:
        attachments.add_attachment(workspace, case_id, "photo", "a.png", b"x")
    assert info.value.field == "kind"
    assert attachments.list_attachments(workspace, case_id) == []


def test_a_copy_is_written_only_where_asked_and_readable_by_the_user_only(workspace, tmp_path):
    case_id, _ = make_case(workspace)
    attachment_id = attachments.add_attachment(workspace, case_id, "referral", "verwijzing.txt", b"tekst")
    target = tmp_path / "kopie.txt"
    attachments.save_copy(workspace, attachment_id, target)
    assert target.read_bytes() == b"tekst"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert _audit(workspace, "attachment")[-1] == ("export", attachment_id)


def test_the_signed_copy_of_a_contract_stays(workspace):
    case_id, _ = make_case(workspace)
    attachment_id = attachments.add_attachment(workspace, case_id, "signed_contract", "getekend.pdf", b"%PDF-1.4")
    with workspace.session() as session:
        session.add(Contract(case_id=case_id, version=1, signed_copy_id=attachment_id))
    with pytest.raises(ValidationError):
        attachments.delete_attachment(workspace, attachment_id)
    assert len(attachments.list_attachments(workspace, case_id)) == 1


# ---- letters ---------------------------------------------------------------------------------------------------


def test_the_letters_of_a_case_with_words_for_kind_and_state(workspace):
    case_id, _ = make_case(workspace)
    other_id, _ = make_case(workspace, "2026-0043")
    with workspace.session() as session:
        session.add_all([Letter(case_id=case_id, kind="start", recipient_name="Jeugdteam Voorbeeldstad", state="sent"),
                         Letter(case_id=case_id, kind="evaluation", parent_role="other", state="draft"),
                         Letter(case_id=other_id, kind="closing", recipient_name="Elders", state="ready")])
    set_language("en")
    rows = cases_letters.list_letters(workspace, case_id)
    assert {(r.kind_label, r.state_label, r.recipient) for r in rows} == {
        ("Visits started", "Sent", "Jeugdteam Voorbeeldstad"),
        ("Midway evaluation", "Draft", "Non-resident parent"),
    }



def _set_status(workspace, case_id: int, status: str, *, volunteer: bool) -> None:
    with workspace.session() as session:
        case = session.get(Case, case_id)
        case.status = status
        if not volunteer:
            case.volunteer = None


@pytest.mark.parametrize("status", ["intake", "contract", "matching"])
def test_a_visit_is_not_held_before_a_volunteer_is_matched(workspace, status):
    """Recorded in intake, a held visit said the family had a supervised visit with nobody to supervise it."""
    case_id, _ = make_case(workspace)
    _set_status(workspace, case_id, status, volunteer=False)
    with pytest.raises(ValidationError) as refused:
        records.record_visit(workspace, held(case_id, None, TODAY))
    expected = "Koppel eerst een vrijwilliger" if status == "matching" else "Zet eerst de volgende stappen"
    assert refused.value.field == "state" and expected in str(refused.value)
    assert records.list_visits(workspace, case_id) == []
    records.record_visit(workspace, cancelled(case_id, None, TODAY))  # a planned one called off is no visit held
    assert [v.state for v in records.list_visits(workspace, case_id)] == ["cancelled"]


def test_the_first_visit_held_after_matching_starts_the_visits_on_its_day(workspace):
    from borapp.services.cases import case_file

    case_id, _ = make_case(workspace)
    _set_status(workspace, case_id, "matching", volunteer=True)
    records.record_visit(workspace, held(case_id, None, TODAY - dt.timedelta(days=2)))
    facts = case_file.load_case(workspace, case_id, record_open=False)
    assert facts.status == "visits" and facts.timeline[0].on == TODAY - dt.timedelta(days=2)
    records.record_visit(workspace, held(case_id, None, TODAY))  # the next one leaves the status be
    assert [t.on for t in case_file.load_case(workspace, case_id, record_open=False).timeline
            if t.kind == "status"].count(TODAY) == 0


def _in_matching(workspace, case_id: int, since: dt.date, matched_on: dt.date | None = None) -> None:
    """The case stepped into matching on `since` (and its volunteer was matched on `matched_on`)."""
    with workspace.session() as session:
        case = session.get(Case, case_id)
        case.history.append(StatusChange(on=since, from_status="contract", to_status="matching"))
        if matched_on is not None:
            case.history.append(StatusChange(on=matched_on, from_status="matching", to_status="matching",
                                             reason="volunteer_matched"))
        case.status = "matching"


def test_a_held_visit_before_the_case_reached_matching_says_so(workspace):
    case_id, _ = make_case(workspace)
    _in_matching(workspace, case_id, TODAY - dt.timedelta(days=10))
    with pytest.raises(ValidationError) as refused:
        records.record_visit(workspace, held(case_id, None, TODAY - dt.timedelta(days=11)))
    assert refused.value.field == "on" and records.list_visits(workspace, case_id) == []


def test_a_case_in_intake_with_a_volunteer_already_says_why_not_with_no_traceback(workspace):
    """An import can give a case in intake a volunteer: the visit held then escaped as a TransitionRefused."""
    case_id, _ = make_case(workspace)
    _set_status(workspace, case_id, "intake", volunteer=True)
    with pytest.raises(ValidationError) as refused:
        records.record_visit(workspace, held(case_id, None, TODAY))
    assert refused.value.field == "state" and "nog op 'Intake'" in str(refused.value)
    assert records.list_visits(workspace, case_id) == []


def test_a_visit_is_not_held_before_the_volunteer_was_matched(workspace):
    case_id, _ = make_case(workspace)
    _in_matching(workspace, case_id, TODAY - dt.timedelta(days=10), matched_on=TODAY - dt.timedelta(days=3))
    with pytest.raises(ValidationError) as refused:
        records.record_visit(workspace, held(case_id, None, TODAY - dt.timedelta(days=5)))
    assert refused.value.field == "on" and "toen de vrijwilliger werd gekoppeld" in str(refused.value)
    records.record_visit(workspace, held(case_id, None, TODAY - dt.timedelta(days=3)))  # the day of the match


def test_once_the_visits_started_a_visit_is_still_not_held_before_the_first_match(workspace):
    """Matched on the 5th and the visits started that day, a visit held on the 20th of the month before was saved
    without a word, and the start letter named it as the first visit."""
    case_id, _ = make_case(workspace)
    _in_matching(workspace, case_id, TODAY - dt.timedelta(days=30), matched_on=TODAY - dt.timedelta(days=3))
    records.record_visit(workspace, held(case_id, None, TODAY - dt.timedelta(days=3)))  # starts the visits
    for status in ("visits", "evaluation", "closing"):
        with workspace.session() as session:
            session.get(Case, case_id).status = status
        with pytest.raises(ValidationError) as refused:
            records.record_visit(workspace, held(case_id, None, TODAY - dt.timedelta(days=15)))
        assert refused.value.field == "on" and "toen de vrijwilliger werd gekoppeld" in str(refused.value)
    assert len(records.list_visits(workspace, case_id)) == 1
    records.record_visit(workspace, cancelled(case_id, None, TODAY - dt.timedelta(days=15)))  # no visit held


def test_a_case_from_before_the_app_without_a_match_on_record_is_not_held_to_one(workspace):
    case_id, _ = make_case(workspace)  # in visits, no match recorded (as a case imported from Excel)
    records.record_visit(workspace, held(case_id, None, REGISTERED + dt.timedelta(days=7)))
    assert len(records.list_visits(workspace, case_id)) == 1


def test_a_visit_called_off_by_someone_else_has_one_pair_of_brackets(workspace):
    case_id, _ = make_case(workspace)
    ids = records.plan_series(workspace, case_id, REGISTERED + dt.timedelta(days=7), 1, 14, T10, T12)
    records.record_visit(workspace, cancelled(case_id, ids[0], REGISTERED + dt.timedelta(days=7),
                                              cancelled_by="external", cancel_reason="Storm."))
    assert records.list_visits(workspace, case_id)[0].state_text == "Afgezegd (iemand anders)"


def _status_steps(workspace, case_id: int) -> tuple[str, list[tuple[str, str, dt.date]]]:
    with workspace.session() as session:
        case = session.get(Case, case_id)
        return case.status, [(h.from_status, h.to_status, h.on) for h in case.history if h.from_status]


def test_the_first_visit_held_after_the_midway_evaluation_takes_the_case_back_to_visits(workspace):
    """The walker's case stayed in "Tussenevaluatie" four visits after it: the visits go on, and so does the status,
    by a step of its own (the evaluation stays in the history the annual report reads)."""
    case_id, _ = make_case(workspace)
    evaluated_on, before, after = TODAY - dt.timedelta(days=30), TODAY - dt.timedelta(days=40), TODAY - dt.timedelta(days=20)
    evaluations.save_evaluation(workspace, evaluations.EvaluationInput(case_id, evaluated_on, "midway", "Ouders"))
    records.record_visit(workspace, held(case_id, None, before))  # a visit before it, recorded late: no step
    records.record_visit(workspace, held(case_id, None, evaluated_on))  # the same day: no step either
    assert _status_steps(workspace, case_id) == ("evaluation", [("visits", "evaluation", evaluated_on)])
    records.record_visit(workspace, held(case_id, None, after))
    assert _status_steps(workspace, case_id) == ("visits", [("visits", "evaluation", evaluated_on),
                                                            ("evaluation", "visits", after)])


def test_a_midway_evaluation_recorded_after_later_visits_steps_on_to_visits(workspace):
    case_id, _ = make_case(workspace)
    evaluated_on, after = TODAY - dt.timedelta(days=30), TODAY - dt.timedelta(days=20)
    records.record_visit(workspace, held(case_id, None, after))
    evaluations.save_evaluation(workspace, evaluations.EvaluationInput(case_id, evaluated_on, "midway", "Ouders"))
    assert _status_steps(workspace, case_id) == ("visits", [("visits", "evaluation", evaluated_on),
                                                            ("evaluation", "visits", after)])


def test_a_visit_held_in_the_future_is_refused_in_plain_dutch(workspace):
    case_id, _ = make_case(workspace)
    with pytest.raises(ValidationError) as refused:
        records.record_visit(workspace, held(case_id, None, TODAY + dt.timedelta(days=1)))
    assert str(refused.value) == "Een omgangsmoment kan pas vanaf de dag zelf als gehouden worden vastgelegd."


def test_a_series_is_not_planned_before_the_volunteer_was_matched(workspace):
    """The walker planned a series from before the match: those visits could never be recorded as held, only deleted
    or falsely cancelled. Planning is held to the same first day as recording, in the same words."""
    case_id, _ = make_case(workspace)
    _in_matching(workspace, case_id, TODAY - dt.timedelta(days=10), matched_on=TODAY - dt.timedelta(days=3))
    with pytest.raises(ValidationError) as refused:
        records.plan_series(workspace, case_id, TODAY - dt.timedelta(days=5), 3, 14, T10, T12)
    assert refused.value.field == "first_on" and "toen de vrijwilliger werd gekoppeld" in str(refused.value)
    assert records.list_visits(workspace, case_id) == []
    records.plan_series(workspace, case_id, TODAY - dt.timedelta(days=3), 3, 14, T10, T12)  # the day of the match


def test_a_single_visit_is_not_planned_before_the_first_match_either(workspace):
    case_id, _ = make_case(workspace)
    _in_matching(workspace, case_id, TODAY - dt.timedelta(days=30), matched_on=TODAY - dt.timedelta(days=3))
    records.record_visit(workspace, held(case_id, None, TODAY - dt.timedelta(days=3)))  # starts the visits
    planned = VisitInput(case_id=case_id, visit_id=None, on=TODAY - dt.timedelta(days=15), state="planned")
    with pytest.raises(ValidationError) as refused:
        records.record_visit(workspace, planned)
    assert refused.value.field == "on" and "toen de vrijwilliger werd gekoppeld" in str(refused.value)
    assert len(records.list_visits(workspace, case_id)) == 1
