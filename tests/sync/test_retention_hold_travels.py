"""Why a case past its retention period is kept longer travels like the case's other records: a hold noted on one
laptop takes the case off the colleague's list of cases due for destruction too, noted again it changes there, and
it goes with the case when the case is erased."""

from __future__ import annotations

import datetime as dt

import psycopg
from sqlalchemy import delete, func, select

from borapp.models import Case, RetentionHold, SyncIdentity, SyncOp
from borapp.services import settings
from borapp.services.privacy import retention
from borapp.services.privacy.erasure import erase_case
from borapp.services.sync.snapshot import CAUGHT_UP
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture

TODAY = dt.date(2026, 12, 2)


def _closed_long_ago(laptop) -> str:
    ref = laptop.register()
    laptop.edit(ref, status="closed", closed_on=dt.date(2001, 1, 1), outcome="successful")
    return ref


def _case_id(laptop, ref: str) -> int:
    with laptop.workspace.session() as session:
        return session.scalar(select(Case.id).where(Case.ref == ref))


def _due(laptop, on: dt.date = TODAY) -> list[str]:
    return [d.ref for d in retention.due_for_destruction(laptop.workspace, on)]


def _hold(laptop) -> tuple | None:
    with laptop.workspace.session() as session:
        hold = session.scalar(select(RetentionHold))
        return (hold.reason, hold.until, hold.actor) if hold is not None else None


def _queued_naming(laptop, word: str) -> list[str]:
    with laptop.workspace.session() as session:
        return [f for f in session.scalars(select(SyncOp.fields)) if word in f]


def _everyone_syncs(*laptops) -> None:
    for laptop in (*laptops, *laptops):
        laptop.sync()


def test_a_case_kept_longer_on_one_laptop_leaves_the_colleagues_list_too(team):
    anna, bram = team
    ref = _closed_long_ago(anna)
    _everyone_syncs(anna, bram)
    assert _due(bram) == [ref]

    retention.keep_longer(anna.workspace, _case_id(anna, ref), "rechtszaak loopt nog", on=TODAY)
    _everyone_syncs(anna, bram)
    assert _due(bram) == []
    assert _hold(bram) == ("rechtszaak loopt nog", dt.date(2027, 12, 2), anna.workspace.actor)

    retention.keep_longer(bram.workspace, _case_id(bram, ref), "uitspraak binnen", dt.date(2027, 1, 15), on=TODAY)
    _everyone_syncs(bram, anna)
    assert _hold(anna) == ("uitspraak binnen", dt.date(2027, 1, 15), bram.workspace.actor)
    assert _due(anna, dt.date(2027, 1, 15)) == [ref]


def test_a_hold_taken_off_on_one_laptop_is_taken_off_on_the_other(team):
    anna, bram = team
    ref = _closed_long_ago(anna)
    retention.keep_longer(anna.workspace, _case_id(anna, ref), "rechtszaak loopt nog", on=TODAY)
    _everyone_syncs(anna, bram)
    with bram.workspace.session() as session:
        session.delete(session.scalar(select(RetentionHold)))
    _everyone_syncs(bram, anna)
    assert _hold(anna) is None
    assert _due(anna) == [ref]


def test_the_hold_goes_with_the_case_erased_on_the_other_laptop_and_from_the_server(team, db_url):
    anna, bram = team
    ref = _closed_long_ago(anna)
    retention.keep_longer(anna.workspace, _case_id(anna, ref), "rechtszaak Wobbelgrauw loopt nog", on=TODAY)
    _everyone_syncs(anna, bram)
    retention.keep_longer(bram.workspace, _case_id(bram, ref), "Wobbelgrauw gaat in hoger beroep", on=TODAY)
    erase_case(bram.workspace, ref, "bewaartermijn voorbij", confirm=ref)  # before that note was sent
    assert _queued_naming(bram, "Wobbelgrauw") == [], "the queue forgets the case's notes with it"
    _everyone_syncs(bram, anna)
    for laptop in (anna, bram):
        assert _hold(laptop) is None
        assert _queued_naming(laptop, "Wobbelgrauw") == []
    with psycopg.connect(db_url) as conn:  # the reason named the family's court case: erased there too
        for table in ("records", "change_log"):
            assert conn.execute(f"SELECT count(*) FROM {table} WHERE fields::text ILIKE '%Wobbelgrauw%'"
                                ).fetchone()[0] == 0


def test_the_same_case_kept_longer_on_two_laptops_offline_stays_one_hold_each(team):
    anna, bram = team
    ref = _closed_long_ago(anna)
    _everyone_syncs(anna, bram)
    retention.keep_longer(anna.workspace, _case_id(anna, ref), "rechtszaak", on=TODAY)
    retention.keep_longer(bram.workspace, _case_id(bram, ref), "rechtszaak", on=TODAY)
    _everyone_syncs(anna, bram)  # the second hold of one case stopped the pull on the vault's unique case
    for laptop in (anna, bram):
        assert _due(laptop) == []
        with laptop.workspace.session() as session:
            assert session.scalar(select(func.count()).select_from(RetentionHold)) == 1


def test_a_vault_that_joined_before_holds_travelled_sends_its_own_at_the_next_sync(team):
    anna, bram = team
    ref = _closed_long_ago(anna)
    _everyone_syncs(anna, bram)
    retention.keep_longer(anna.workspace, _case_id(anna, ref), "rechtszaak loopt nog", on=TODAY)
    with anna.workspace.session() as session:  # as a vault upgraded from 0037 has it: no identity, nothing queued
        for table in (SyncIdentity, SyncOp):
            session.execute(delete(table).where(table.type == "retention_hold"))
        settings.put(session, CAUGHT_UP, "0037")
    _everyone_syncs(anna, bram)
    assert _due(bram) == []
