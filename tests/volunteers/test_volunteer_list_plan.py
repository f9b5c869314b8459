"""The volunteers list counts case loads from the open cases' index entries: with a long history (100,000 cases,
10,000 volunteers who mostly left) reading every case's row made the page take a second (bench/run.py --growth)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event

from borapp.models import Case, Volunteer
from borapp.services.volunteers.profiles import list_volunteers


def plans_of_the_list(workspace) -> list[str]:
    seen = []

    def record(_conn, _cursor, statement, params, _context, _many):
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, params))

    event.listen(workspace.vault.engine, "before_cursor_execute", record)
    try:
        rows = list_volunteers(workspace)
    finally:
        event.remove(workspace.vault.engine, "before_cursor_execute", record)
    assert [r.case_load for r in rows] == [1]
    with workspace.vault.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        return [row[3] for statement, params in seen
                for row in raw.execute("EXPLAIN QUERY PLAN " + statement, params).fetchall()]


def test_case_loads_read_the_status_index_not_every_case(workspace):
    with workspace.session() as session:
        helper = Volunteer(name="Ria Proef")
        session.add(helper)
        session.flush()
        session.add_all([Case(ref=f"P-{i}", registered_on=dt.date(2020, 1, 1) + dt.timedelta(days=i),
                              status="visits" if i == 0 else "closed", volunteer_id=helper.id) for i in range(30)])
    lines = plans_of_the_list(workspace)
    case_lines = [line for line in lines if " case_file " in f" {line} "]
    assert case_lines and all(line.startswith("SEARCH case_file USING") and "status=?" in line
                              for line in case_lines), lines
