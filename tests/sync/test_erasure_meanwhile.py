"""An erasure meets what a colleague typed offline into the same case: whichever reaches the server first, nothing
of it is kept there or on any laptop, and no laptop's sync gets stuck on it. A change that refers to a record a
laptop never had stops the pull with a clear message, and nothing is applied or lost."""

from __future__ import annotations

import datetime as dt
import uuid as uuids

import psycopg
import pytest
from sqlalchemy import select

from borapp.models import Case, Visit
from borapp.services import settings
from borapp.services.privacy.erasure import erase_case
from borapp.services.sync.transport import SyncError
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture

SECRET = "Wobbelgrauw"


def _visit_offline(laptop, ref: str) -> None:
    with laptop.workspace.session() as session:
        case = session.scalar(select(Case).where(Case.ref == ref))
        session.add(Visit(case_id=case.id, on=dt.date(2026, 5, 9), state="held",
                          what_happened=f"{SECRET} bracht een tekening mee"))


def _nothing_left(db_url, *laptops) -> None:
    with psycopg.connect(db_url) as conn:
        for table in ("records", "change_log"):
            assert conn.execute(f"SELECT count(*) FROM {table} WHERE fields::text ILIKE %s",
                                (f"%{SECRET}%",)).fetchone()[0] == 0, table
    for laptop in laptops:
        with laptop.workspace.session() as session:
            assert session.scalars(select(Visit.what_happened)).all() == []


def test_a_visit_typed_offline_into_a_case_erased_meanwhile_is_erased_on_arrival(team, db_url):
    anna, bram = team
    ref = anna.register()
    anna.sync(), bram.sync()
    _visit_offline(bram, ref)
    erase_case(anna.workspace, ref, "verzoek van de ouder", confirm=ref)
    anna.sync()
    result = bram.sync()  # the erasure is on the server first
    assert result.conflicts == []
    anna.sync()
    _nothing_left(db_url, anna, bram)


def test_a_visit_that_reached_the_server_before_the_erasure_is_erased_with_the_case(team, db_url):
    anna, bram = team
    ref = anna.register()
    anna.sync(), bram.sync()
    erase_case(anna.workspace, ref, "verzoek van de ouder", confirm=ref)  # offline: anna has not seen the visit
    _visit_offline(bram, ref)
    bram.sync()
    anna.sync()  # before: stopped for good on the visit whose case is gone here (FOREIGN KEY constraint failed)
    bram.sync()
    _nothing_left(db_url, anna, bram)
    assert ref not in bram.cases()


def test_a_change_that_refers_to_a_record_this_laptop_never_had_stops_the_pull_with_a_clear_message(team, db_url):
    anna, bram = team
    ref = anna.register()
    anna.sync()
    with psycopg.connect(db_url) as conn:  # as a server restored from a backup without moving its change numbers
        visit, unknown = str(uuids.uuid4()), str(uuids.uuid4())
        fields = '{"case": "%s", "on": "2026-05-09", "state": "held"}' % unknown
        conn.execute("INSERT INTO records (type, uuid, fields) VALUES ('visit', %s, %s)", (visit, fields))
        conn.execute("INSERT INTO change_log (type, uuid, kind, fields, device) VALUES ('visit', %s, 'upsert', %s, "
                     "'elders')", (visit, fields))
    seq = settings.read_int(bram.workspace, "sync.last_seq")
    with pytest.raises(SyncError) as refused:
        bram.sync()
    assert refused.value.code == "unknown_record"
    assert "never had" in str(refused.value) or "nooit" in str(refused.value)
    assert settings.read_int(bram.workspace, "sync.last_seq") == seq, "the page was half applied"
    assert ref not in bram.cases()


def test_an_expense_added_offline_to_a_visit_deleted_meanwhile_does_not_stop_the_sync(team):
    from borapp.models import VisitExpense

    anna, bram = team
    ref = anna.register()
    _visit_offline(anna, ref)
    anna.sync(), bram.sync()
    with anna.workspace.session() as session:
        session.delete(session.scalar(select(Visit)))
    with bram.workspace.session() as session:
        session.add(VisitExpense(visit_id=session.scalar(select(Visit.id)), kilometres=12, note="parkeren"))
    anna.sync(), bram.sync()
    anna.sync()  # before: stopped for good on the expense whose visit is gone here (NOT NULL constraint failed)
    for laptop in (anna, bram):
        with laptop.workspace.session() as session:
            assert session.scalars(select(VisitExpense)).all() == []
            assert session.scalars(select(Visit)).all() == []
