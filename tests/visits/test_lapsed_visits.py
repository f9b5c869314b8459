"""Visits still planned when a case is closed are cancelled by the closing: the case file calls them lapsed, not
cancelled by the coordinator, in the visits list, its counts and the timeline."""

from __future__ import annotations

import datetime as dt

from borapp.services.cases import actions
from borapp.services.cases.case_file import load_case
from borapp.services.visits import records
from tests.visits.test_visit_services import REGISTERED, TODAY, cancelled, held, make_case


def test_the_visits_planned_at_the_closing_lapse_and_a_cancellation_stays_one(workspace):
    case_id, _volunteer = make_case(workspace)
    first = REGISTERED + dt.timedelta(days=14)
    records.plan_series(workspace, case_id, first, 4, 14, dt.time(10), dt.time(12))
    ids = [v.id for v in records.list_visits(workspace, case_id)]
    records.record_visit(workspace, held(case_id, ids[0], first))
    records.record_visit(workspace, cancelled(case_id, ids[1], first + dt.timedelta(days=14),
                                              cancelled_by="coordinator", cancel_reason="Vrijwilliger ziek"))
    actions.change_status(workspace, case_id, "closing", on=TODAY)
    actions.change_status(workspace, case_id, "closed", on=TODAY, outcome="successful")

    visits = records.list_visits(workspace, case_id)
    assert [v.state_text for v in visits] == ["Gehouden", "Afgezegd (coördinator)", "Vervallen (dossier afgesloten)",
                                              "Vervallen (dossier afgesloten)"]
    assert records.visit_counts(workspace, case_id).summary() == \
        "0 gepland · 1 gehouden · 1 afgezegd (coördinator) · 2 vervallen"
    titles = [entry.title for entry in load_case(workspace, case_id, record_open=False).timeline
              if entry.kind == "visit"]
    assert titles.count("2 geplande omgangsmomenten vervallen: dossier afgesloten") == 1  # one line, at the closing
    assert titles.count("Omgangsmoment afgezegd door de coördinator") == 1


def test_deleted_at_the_closing_they_are_simply_gone(workspace):
    case_id, _volunteer = make_case(workspace)
    records.plan_series(workspace, case_id, REGISTERED + dt.timedelta(days=14), 2, 14, dt.time(10), dt.time(12))
    actions.change_status(workspace, case_id, "closing", on=TODAY)
    actions.change_status(workspace, case_id, "closed", on=TODAY, outcome="successful", planned_visits="delete")
    assert records.list_visits(workspace, case_id) == []
    assert records.visit_counts(workspace, case_id).summary() == "0 gepland · 0 gehouden · 0 afgezegd"
