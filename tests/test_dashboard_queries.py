"""Today's data comes from a fixed number of queries, however many cases there are (no query per case or contract):
the cost grows with the data only inside SQLite, not in round trips and Python loops."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from borapp.models import Child, Contract, ContractSignature, Parent, Visit
from borapp.services.dashboard import today
from tests.test_dashboard import DAY, ON, add, make_case, make_volunteer


def queries_for_today(workspace, limit: int | None = None) -> int:
    statements = []
    engine = workspace.vault.engine
    listener = lambda *args: statements.append(args[2])  # noqa: E731 - (conn, cursor, statement, ...)
    event.listen(engine, "before_cursor_execute", listener)
    try:
        today(workspace, ON, limit=limit)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return len(statements)


def add_open_cases(workspace, first: int, count: int) -> None:
    volunteer = make_volunteer(workspace, f"Vrijwilliger {first}")
    for n in range(first, first + count):
        case_id = make_case(workspace, f"Q-{n}", "visits", registered_on=ON - 300 * DAY, volunteer_id=volunteer)
        add(workspace, Contract(case_id=case_id, version=1, signatures=[
                ContractSignature(role="resident", name="x", signed_on=ON)]),
            Visit(case_id=case_id, on=ON - 200 * DAY, state="held"),
            Visit(case_id=case_id, on=ON + DAY, state="planned"),
            Child(case_id=case_id, name=f"Kind {n}", birth_date=ON - 2000 * DAY),  # whom each row is about
            Parent(case_id=case_id, role="resident", name=f"Ouder {n}"))


@pytest.mark.parametrize("limit", [None, 10])
def test_the_number_of_queries_does_not_grow_with_the_cases(workspace, limit):
    add_open_cases(workspace, 0, 3)
    few = queries_for_today(workspace, limit)
    add_open_cases(workspace, 3, 30)
    many = queries_for_today(workspace, limit)
    assert many == few, f"{few} queries for 3 cases, {many} for 33: a query per case or contract"
