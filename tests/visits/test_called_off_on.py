"""The day a visit was called off is kept: a visit called off on 10 March for 20 March was counted as called off on
20 March, so a midway letter on an evaluation between the two had it still planned."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from borapp.models import Visit
from borapp.services.cases import actions
from borapp.services.errors import ValidationError
from borapp.services.visits import records
from tests.visits.test_visit_services import REGISTERED, T10, T12, TODAY, cancelled, make_case

AHEAD = TODAY + dt.timedelta(days=10)


def planned(workspace, case_id: int, on: dt.date) -> int:
    return records.plan_series(workspace, case_id, on, 1, 7, T10, T12)[0]


def test_a_visit_called_off_ahead_keeps_the_day_it_was_called_off(workspace):
    case_id, _ = make_case(workspace)
    on = TODAY - dt.timedelta(days=5)
    visit = planned(workspace, case_id, on)
    records.record_visit(workspace, cancelled(case_id, visit, on, cancelled_on=on - dt.timedelta(days=10)))
    assert records.get_visit(workspace, visit).cancelled_on == on - dt.timedelta(days=10)


def test_without_a_day_given_it_is_called_off_today_or_on_its_own_day_when_that_has_passed(workspace):
    case_id, _ = make_case(workspace)
    ahead, past = planned(workspace, case_id, AHEAD), planned(workspace, case_id, TODAY - dt.timedelta(days=3))
    records.record_visit(workspace, cancelled(case_id, ahead, AHEAD))
    records.record_visit(workspace, cancelled(case_id, past, TODAY - dt.timedelta(days=3)))
    assert records.get_visit(workspace, ahead).cancelled_on == TODAY
    assert records.get_visit(workspace, past).cancelled_on == TODAY - dt.timedelta(days=3)


def test_saved_again_without_the_day_it_keeps_the_day_and_held_again_it_has_none(workspace):
    case_id, _ = make_case(workspace)
    visit = planned(workspace, case_id, AHEAD)
    records.record_visit(workspace, cancelled(case_id, visit, AHEAD, cancelled_on=TODAY - dt.timedelta(days=1)))
    records.record_visit(workspace, cancelled(case_id, visit, AHEAD, cancel_reason="Ziek, koorts."))
    assert records.get_visit(workspace, visit).cancelled_on == TODAY - dt.timedelta(days=1)
    records.record_visit(workspace, records.VisitInput(case_id, AHEAD, "planned", visit, T10, T12))
    assert records.get_visit(workspace, visit).cancelled_on is None


@pytest.mark.parametrize("day, words", [
    (AHEAD + dt.timedelta(days=1), "voor de dag zelf of op die dag"),
    (TODAY + dt.timedelta(days=1), "kan niet in de toekomst liggen"),
    (REGISTERED - dt.timedelta(days=1), "kan niet vóór de aanmeldingsdatum"),
])
def test_a_day_it_cannot_have_been_called_off_is_refused_under_its_field(workspace, day, words):
    case_id, _ = make_case(workspace)
    visit = planned(workspace, case_id, AHEAD)
    with pytest.raises(ValidationError) as refused:
        records.record_visit(workspace, cancelled(case_id, visit, AHEAD, cancelled_on=day))
    assert refused.value.field == "cancelled_on" and words in str(refused.value), str(refused.value)
    assert records.get_visit(workspace, visit).state == "planned"


def test_the_visits_that_lapse_at_the_closing_are_called_off_on_the_closing_day(workspace):
    case_id, _ = make_case(workspace)
    visit = planned(workspace, case_id, AHEAD)
    actions.change_status(workspace, case_id, "closing", on=TODAY - dt.timedelta(days=1))
    actions.change_status(workspace, case_id, "closed", on=TODAY, outcome="successful")
    with workspace.session() as session:
        assert session.scalar(select(Visit.cancelled_on).where(Visit.id == visit)) == TODAY
