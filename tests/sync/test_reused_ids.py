"""SQLite gives a new row the largest id plus one, so a record made after the newest one was deleted gets the
deleted one's id. The deleted record's identity stays as its tombstone; the new record must not answer to it, or
its changes would travel under the deleted record's uuid (and the server would refuse them as edits of a deleted
record)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from borapp.models import Case, SyncOp, Visit
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_documents_travel import _case_on
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture


def _plan(laptop, case_id: int, on: dt.date) -> int:
    with laptop.workspace.session() as session:
        visit = Visit(case_id=case_id, on=on, state="planned", place="Speeltuin")
        session.add(visit)
        session.flush()
        return visit.id


def test_a_record_that_gets_a_deleted_records_id_travels_as_itself(team):
    anna, bram = team
    ref = anna.register()
    case_id = _case_on(anna, ref)
    first = _plan(anna, case_id, dt.date(2026, 6, 1))
    anna.sync(), bram.sync()
    with anna.workspace.session() as session:
        session.delete(session.get(Visit, first))
    second = _plan(anna, case_id, dt.date(2026, 6, 15))
    assert second == first  # SQLite's choice, which this test is about
    with anna.workspace.session() as session:
        session.get(Visit, second).place = "Bibliotheek"  # an edit in a later session looks its uuid up again
    result = anna.sync()
    assert result.conflicts == []
    bram.sync()
    with bram.workspace.session() as session:
        visits = session.execute(select(Visit.on, Visit.place).join(Case).where(Case.ref == ref)).all()
    assert visits == [(dt.date(2026, 6, 15), "Bibliotheek")]
    with anna.workspace.session() as session:
        assert session.scalars(select(SyncOp.outcome).where(SyncOp.type == "visit")).all() == ["applied"] * 4

    with bram.workspace.session() as session:  # the same on the laptop that got all three by sync
        session.scalar(select(Visit)).place = "Buurthuis"
    assert bram.sync().conflicts == []
    anna.sync()
    with anna.workspace.session() as session:
        assert session.scalars(select(Visit.place)).all() == ["Buurthuis"]
