"""The volunteers list counts case loads from the open cases' index entries: with a long history (100,000 cases,
10,000 volunteers who mostly left) reading every case's row made the page take a second (bench/run.py --growth)."""

from __future__ import annotations

import datetime as dt

from borapp.models import Case, Volunteer
from borapp.services.volunteers.profiles import list_volunteers
from tests.helpers.plans import plan_lines, reads_of


def plans_of_the_list(workspace) -> list[str]:
    with reads_of(workspace.vault.engine) as seen:
        rows = list_volunteers(workspace)
    assert [r.case_load for r in rows] == [1]
    return [line for statement, params in seen for line in plan_lines(workspace.vault.engine, statement, params)]


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
