"""A record added offline under one a colleague deleted meanwhile (an expense claim under a visit Anna deleted),
against the real service on a throw-away PostgreSQL with two real vaults: a conflict the coordinators see, whose
choices bring the visit back with the claim or leave both deleted; every laptop then holds the same."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from borapp.i18n import _
from borapp.models import Visit, VisitExpense, Volunteer
from borapp.services.costs import expenses
from borapp.services.sync import conflicts
from borapp.services.visits import records
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_delete_vs_edit import FIRST, everyone_syncs, settle, two_visits, visit_id, visits
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture


def claims(laptop) -> dict[dt.date, int]:
    with laptop.workspace.session() as session:
        return {v.on: e.kilometres for e, v in session.execute(select(VisitExpense, Visit).join(Visit))}


def crossed(team) -> dict:
    """Anna deletes the first visit, still planned, and syncs; Bram, offline, records it as cancelled by a parent with
    Vera on her way, and claims her 24 km, then syncs. The one open conflict (his edit of the visit and his claim under it)."""
    anna, bram = team
    two_visits(team)
    with anna.workspace.session() as session:
        session.add(Volunteer(name="Vera Visser"))
    anna.sync(), bram.sync()
    records.delete_visit(anna.workspace, visit_id(anna, FIRST))
    first = visit_id(bram, FIRST)
    with bram.workspace.session() as session:
        v = session.get(Visit, first)
        vera = session.scalar(select(Volunteer.id))
        data = records.VisitInput(case_id=v.case_id, on=v.on, state="cancelled", visit_id=v.id,
                                  start_time=v.start_time, end_time=v.end_time, place=v.place, volunteer_id=vera,
                                  cancelled_by=records.CANCELLED_BY[0], cancel_reason="Kind ziek")
    records.record_visit(bram.workspace, data)
    expenses.save_expense(bram.workspace, first, expenses.ExpenseInput(kilometres="24"))
    anna.sync(), bram.sync()
    found = conflicts.open_conflicts(bram.workspace, http=bram.http)
    assert len(found) == 1, "Bram's claim under the deleted visit went without a word"
    return found[0]


def live_claims_on_server(db_url: str) -> int:
    import psycopg

    with psycopg.connect(db_url) as conn:
        return conn.execute("SELECT count(*) FROM records WHERE type = 'visit_expense' AND NOT deleted").fetchone()[0]


def test_the_claim_under_a_deleted_visit_is_a_conflict_said_in_words(team, db_url):
    anna, bram = team
    found = crossed(team)
    assert live_claims_on_server(db_url) == 0, "the server keeps a claim live under a visit deleted there"
    assert claims(anna) == {}, "Anna holds a claim under a visit gone there"
    row, = conflicts.describe_conflicts(anna.workspace, [found])
    assert row.record == "Omgangsmoment · 12 december 2026 · " + anna.cases().popitem()[0]
    assert row.server == "verwijderd"
    assert row.mine.endswith("\nOnkostendeclaratie toegevoegd"), row.mine
    assert (row.server_device, row.device) == ("deze laptop", "bram")
    assert row.choices.keep_mine == "Terugzetten, met wat is toegevoegd"


def test_kept_the_visit_comes_back_with_the_claim_on_every_laptop(team):
    anna, bram = team
    settle(anna, crossed(team), "mine")
    everyone_syncs(team)
    assert claims(anna) == claims(bram) == {FIRST: 24}
    assert set(visits(anna)) == set(visits(bram)) == {FIRST, FIRST + dt.timedelta(days=14)}


def test_left_deleted_the_visit_and_the_claim_are_gone_from_every_laptop(team):
    anna, bram = team
    settle(anna, crossed(team), "theirs")
    everyone_syncs(team)
    assert claims(anna) == claims(bram) == {}
    assert set(visits(anna)) == set(visits(bram)) == {FIRST + dt.timedelta(days=14)}
    assert conflicts.open_conflicts(bram.workspace, http=bram.http) == []
