"""A step's date corrected afterwards (services/cases/step_dates.py): within the dates of the steps around it, the
closing date and the annual report following, audited; refused in words outside them, with nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from borapp.models import AuditEvent, Case, StatusChange
from borapp.services.cases import flow
from borapp.services.cases.case_file import load_case
from borapp.services.cases.step_dates import correct_step_date
from borapp.services.errors import ValidationError
from borapp.services.reports.annual import annual_report
from tests.cases.test_case_services import add_case

REGISTERED = dt.date(2025, 3, 5)


def steps(workspace, case_id: int, *taken: tuple[str, dt.date, str]) -> dict[str, int]:
    """Take each (status, date, outcome) step in turn; the history id of each step by its status."""
    with workspace.session() as session:
        case = session.get(Case, case_id)
        for to, on, outcome in taken:
            reason = "parents_reconciled" if outcome == "stopped_at_intake" else ""
            flow.change_status(session, case, to, on=on, outcome=outcome, reason=reason)
        return {c.to_status: c.id for c in case.history}


@pytest.fixture
def closed_case(workspace):
    case_id = add_case(workspace, "BOR-2025-031", registered_on=REGISTERED)
    ids = steps(workspace, case_id, ("intake", dt.date(2025, 4, 1), ""),
                ("closed", dt.date(2026, 1, 5), "stopped_at_intake"))
    return case_id, ids


def closed_in(workspace, year: int) -> int:
    return annual_report(workspace, year, today=dt.date(2026, 12, 4)).closed.by_outcome.value


def test_the_closing_date_corrected_moves_the_case_to_the_other_year_of_the_report(workspace, closed_case):
    case_id, ids = closed_case
    assert (closed_in(workspace, 2025), closed_in(workspace, 2026)) == (0, 1)
    correct_step_date(workspace, case_id, ids["closed"], dt.date(2025, 12, 30))
    assert (closed_in(workspace, 2025), closed_in(workspace, 2026)) == (1, 0)
    facts = load_case(workspace, case_id, record_open=False)
    assert facts.closed_on == dt.date(2025, 12, 30)
    closing = next(e for e in facts.timeline if e.step_id == ids["closed"])
    assert closing.on == dt.date(2025, 12, 30)
    with workspace.session() as session:
        logged = session.execute(select(AuditEvent.action, AuditEvent.record_type, AuditEvent.record_id,
                                        AuditEvent.case_id).order_by(AuditEvent.id.desc())).first()
    assert tuple(logged) == ("update", "status_change", ids["closed"], case_id)


@pytest.mark.parametrize("on", [
    dt.date(2025, 3, 31),  # before the intake, the step before it
    dt.date.today() + dt.timedelta(days=1),  # after today: it is the last step
])
def test_a_date_outside_the_steps_around_it_is_refused_in_words(workspace, closed_case, on):
    case_id, ids = closed_case
    with pytest.raises(ValidationError) as refused:
        correct_step_date(workspace, case_id, ids["closed"], on)
    span = load_case(workspace, case_id, record_open=False).step_spans[ids["closed"]]
    assert refused.value.field == "on" and "1 april 2025" in str(refused.value)
    assert span.earliest == dt.date(2025, 4, 1) and span.latest == dt.date.today()
    assert load_case(workspace, case_id, record_open=False).closed_on == dt.date(2026, 1, 5)


def test_a_middle_step_lies_between_its_neighbours(workspace, closed_case):
    case_id, ids = closed_case
    spans = load_case(workspace, case_id, record_open=False).step_spans
    assert set(spans) == {ids["registered"], ids["intake"], ids["closed"]}
    assert (spans[ids["intake"]].earliest, spans[ids["intake"]].latest) == (REGISTERED, dt.date(2026, 1, 5))
    with pytest.raises(ValidationError):
        correct_step_date(workspace, case_id, ids["intake"], dt.date(2026, 1, 6))
    correct_step_date(workspace, case_id, ids["intake"], dt.date(2026, 1, 5))  # the same day as the next: allowed
    with workspace.session() as session:
        assert session.get(StatusChange, ids["intake"]).on == dt.date(2026, 1, 5)
        assert session.get(Case, case_id).closed_on == dt.date(2026, 1, 5), "only the closing moves the closing date"


def test_the_registration_date_is_corrected_as_the_first_step(workspace, closed_case):
    """Typed wrong at intake it counted the case in another year's registrations, with no way to mend it."""
    case_id, ids = closed_case
    span = load_case(workspace, case_id, record_open=False).step_spans[ids["registered"]]
    assert span.earliest == dt.date(1990, 1, 1) and span.latest == dt.date(2025, 4, 1)
    with pytest.raises(ValidationError, match="tot en met 1 april 2025"):
        correct_step_date(workspace, case_id, ids["registered"], dt.date(2025, 4, 2))
    registrations = annual_report(workspace, 2024, today=dt.date(2026, 12, 4)).registrations.total.value
    correct_step_date(workspace, case_id, ids["registered"], dt.date(2024, 12, 20))
    facts = load_case(workspace, case_id, record_open=False)
    assert facts.registered_on == dt.date(2024, 12, 20)
    assert next(e for e in facts.timeline if e.step_id == ids["registered"]).on == dt.date(2024, 12, 20)
    assert annual_report(workspace, 2024, today=dt.date(2026, 12, 4)).registrations.total.value == registrations + 1


def test_no_date_is_asked_for_and_a_hand_over_is_no_step(workspace, closed_case):
    case_id, ids = closed_case
    with pytest.raises(ValidationError, match="datum"):
        correct_step_date(workspace, case_id, ids["closed"], None)
    with workspace.session() as session:
        case = session.get(Case, case_id)
        case.history.append(StatusChange(on=dt.date(2026, 2, 1), from_status="closed", to_status="closed",
                                         reason="handover"))
        session.flush()
        handover = case.history[-1].id
    with pytest.raises(Exception, match="geschiedenis"):
        correct_step_date(workspace, case_id, handover, dt.date(2026, 2, 2))


def test_in_a_team_the_correction_travels_as_an_edit_of_the_step_and_the_case(workspace, closed_case):
    import json

    from tests.sync.test_capture import joined, ops, uuid

    case_id, ids = closed_case
    joined(workspace)
    correct_step_date(workspace, case_id, ids["closed"], dt.date(2025, 12, 30))
    sent = {op.type: (op.uuid, json.loads(op.fields)) for op in ops(workspace)}
    step_uuid, step_fields = sent["status_change"]
    assert step_uuid == uuid(workspace, "status_change", ids["closed"])
    assert step_fields["on"] == {"old": "2026-01-05", "new": "2025-12-30"}
    assert sent["case"][1]["closed_on"] == {"old": "2026-01-05", "new": "2025-12-30"}


def test_a_closing_is_not_corrected_to_before_a_visit_that_was_held(workspace, closed_case):
    from borapp.models import Visit

    case_id, ids = closed_case
    with workspace.session() as session:
        session.add(Visit(case_id=case_id, on=dt.date(2025, 12, 1), state="held"))
    with pytest.raises(ValidationError, match="1 december 2025"):
        correct_step_date(workspace, case_id, ids["closed"], dt.date(2025, 11, 30))
    assert load_case(workspace, case_id, record_open=False).step_spans[ids["closed"]].earliest == dt.date(2025, 12, 1)
    correct_step_date(workspace, case_id, ids["closed"], dt.date(2025, 12, 1))


def test_a_registration_is_not_moved_to_1900_nor_after_the_cases_first_hours(workspace, closed_case):
    """1-1-1900 was taken ("Sinds aanmelding 46.358 dagen"), and a registration moved after the case's hours of
    some days before left those hours refused on every later edit."""
    from borapp.services.costs import hours
    from borapp.services.costs.hours import HoursInput

    case_id, ids = closed_case
    hours.record_hours(workspace, HoursInput(case_id=case_id, on=dt.date(2025, 3, 20), kind=hours.HOURS_KINDS[0],
                                             hours="1"))
    with pytest.raises(ValidationError, match="1 januari 1990"):
        correct_step_date(workspace, case_id, ids["registered"], dt.date(1900, 1, 1))
    with pytest.raises(ValidationError, match="20 maart 2025"):
        correct_step_date(workspace, case_id, ids["registered"], dt.date(2025, 3, 25))
    correct_step_date(workspace, case_id, ids["registered"], dt.date(2025, 3, 20))
    assert load_case(workspace, case_id, record_open=False).registered_on == dt.date(2025, 3, 20)
