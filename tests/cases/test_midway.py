"""Halfway is one rule (cases/midway.py): the contract, the case header and Today say and count it the same way."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import literal, select

from borapp.services import dashboard
from borapp.services.cases import case_file
from borapp.services.cases.midway import midway_after, midway_due
from borapp.services.visits import records
from tests.visits.test_visit_services import cancelled, held, make_case

TODAY = dt.date.today()


def test_the_rule_in_numbers_and_in_sql_says_the_same(workspace):
    pairs = [(h, n) for n in range(0, 14) for h in range(0, 14)]
    with workspace.session() as session:
        in_sql = [bool(session.scalar(select(midway_due(literal(h), literal(n))))) for h, n in pairs]
    assert in_sql == [midway_due(h, n) for h, n in pairs]
    assert [midway_after(n) for n in (0, 1, 6, 7, 8, 12)] == [1, 1, 3, 4, 4, 6]


def test_a_cancelled_visit_brings_nobody_nearer_the_midway_evaluation(workspace):
    """The walker's case: 8 agreed, visit 4 was the third held (one cancelled). The contract said "after visit 4",
    Today counted held ones; now the header says the rule with the count, and Today lists it at the fourth held."""
    from borapp.models import Case

    case_id, _volunteer = make_case(workspace)
    with workspace.session() as session:
        session.get(Case, case_id).agreed_visits = 8
    first = TODAY - dt.timedelta(days=40)
    ids = records.plan_series(workspace, case_id, first, 8, 7, dt.time(10), dt.time(12))
    for i, visit_id in enumerate(ids[:4]):
        day = first + dt.timedelta(days=7 * i)
        records.record_visit(workspace, cancelled(case_id, visit_id, day) if i == 2 else held(case_id, visit_id, day))
    facts = case_file.load_case(workspace, case_id, record_open=False)
    assert facts.midway_rule == ("De tussenevaluatie wordt gehouden als 4 van de 8 omgangsmomenten zijn gehouden. "
                                 "Tot nu toe 3 gehouden.")
    assert dashboard.today(workspace, TODAY).section("evaluations_due").count == 0
    records.record_visit(workspace, held(case_id, ids[4], first + dt.timedelta(days=28)))
    assert case_file.load_case(workspace, case_id, record_open=False).midway_rule.endswith("Tot nu toe 4 gehouden.")
    assert dashboard.today(workspace, TODAY).section("evaluations_due").count == 1
