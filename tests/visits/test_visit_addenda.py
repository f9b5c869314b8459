"""A finished visit report is a fact: it is not edited any more, and a correction is an addendum, dated, signed and
found by the search box; the case's timeline shows it."""

from __future__ import annotations

import datetime as dt

import pytest

from borapp.models import Case
from borapp.services.cases.search_index import search_case_ids
from borapp.services.cases.timeline import timeline
from borapp.services.errors import ValidationError
from borapp.services.visits.addenda import add_addendum, finish_report
from borapp.services.visits.records import VisitInput, get_visit, record_visit
from tests.cases.test_case_services import add_case

HELD_ON = dt.date(2026, 3, 7)


@pytest.fixture
def visit(workspace):
    case_id = add_case(workspace, "BOR-2026-014", status="visits", registered_on=dt.date(2026, 1, 5))
    return record_visit(workspace, VisitInput(case_id, HELD_ON, "held", start_time=dt.time(10), end_time=dt.time(12),
                                              place="Speeltuin", what_happened="Samen getekend."))


def test_a_finished_report_is_not_edited_and_an_addendum_corrects_it(workspace, visit):
    with pytest.raises(ValidationError) as early:
        add_addendum(workspace, visit, "Te vroeg")
    assert early.value.field == "text"
    finished = finish_report(workspace, visit, dt.date(2026, 3, 8))
    detail = get_visit(workspace, visit)
    assert detail.report_final_on == finished == dt.date(2026, 3, 8)

    edit = VisitInput(detail.case_id, HELD_ON, "held", visit_id=visit, start_time=dt.time(10), end_time=dt.time(12),
                      place="Speeltuin", what_happened="Anders opgeschreven.")
    with pytest.raises(ValidationError) as refused:
        record_visit(workspace, edit)
    assert refused.value.field == "report" and "8 maart 2026" in str(refused.value)
    assert get_visit(workspace, visit).what_happened == "Samen getekend."

    add_addendum(workspace, visit, "De vader kwam tien minuten te laat.", dt.date(2026, 3, 9))
    (addendum,) = get_visit(workspace, visit).addenda
    assert (addendum.written_on, addendum.author, addendum.text) == (
        dt.date(2026, 3, 9), workspace.actor, "De vader kwam tien minuten te laat.")
    with workspace.session() as session:
        assert search_case_ids(session, "tien minuten") == [detail.case_id]
        entries = timeline(session, session.get(Case, detail.case_id))
    assert any(e.title == "Aanvulling op het verslag van het omgangsmoment van 7 maart 2026"
               and "tien minuten" in e.detail for e in entries)


def test_only_a_held_visit_with_its_report_written_is_finished(workspace, visit):
    detail = get_visit(workspace, visit)
    planned = record_visit(workspace, VisitInput(detail.case_id, dt.date(2026, 3, 21), "planned"))
    with pytest.raises(ValidationError):
        finish_report(workspace, planned)
    empty = record_visit(workspace, VisitInput(detail.case_id, dt.date(2026, 3, 14), "held", start_time=dt.time(10),
                                               end_time=dt.time(12)))
    with pytest.raises(ValidationError) as unwritten:
        finish_report(workspace, empty)
    assert unwritten.value.field == "what_happened"
    with pytest.raises(ValidationError):
        add_addendum(workspace, visit, "   ")
