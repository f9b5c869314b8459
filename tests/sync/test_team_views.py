"""'My cases', Today and the annual report work across the team (issue 15): a case a colleague registered for
this coordinator is hers on her laptop after a sync, and the report counts the organisation's cases, not one
laptop's."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from borapp.models import Case, Coordinator, Municipality
from borapp.services import dashboard
from borapp.services.cases import listing
from borapp.services.reports.annual import annual_report
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture

YEAR = dt.date.today().year - 1


def register_for(laptop, ref: str, coordinator: str, on: dt.date) -> None:
    """Anna registers a case and gives it to a coordinator by name (the coordinator record travels by name)."""
    with laptop.workspace.session() as session:
        who = session.scalar(select(Coordinator).where(Coordinator.name == coordinator))
        if who is None:
            who = Coordinator(name=coordinator)
        town = session.scalar(select(Municipality).where(Municipality.name == "Bergen (NH)"))
        session.add(Case(ref=ref, registered_on=on, status="registered", municipality=town, coordinator=who))


def test_my_cases_today_and_the_report_cover_the_team(team):
    anna, bram = team
    long_ago = dt.date.today() - dt.timedelta(weeks=9)  # waiting too long: on Today
    register_for(anna, "BOR-T-001", "Coördinator bram", long_ago)
    register_for(anna, "BOR-T-002", "Coördinator anna", long_ago)
    register_for(bram, "BOR-T-003", "Coördinator bram", dt.date(YEAR, 3, 1))
    register_for(anna, "BOR-T-004", "Coördinator anna", dt.date(YEAR, 4, 1))
    anna.sync()
    bram.sync()
    anna.sync()

    mine = listing.list_cases(bram.workspace, listing.CaseFilter(mine_only=True))
    assert {row.ref for row in mine} == {"BOR-T-001", "BOR-T-003"}, "Bram's cases, whoever registered them"
    assert listing.count_cases(bram.workspace, listing.CaseFilter(mine_only=True)) == 2
    waiting = dashboard.today(bram.workspace, mine_only=True).section("waiting")
    assert {item.title for item in waiting.items} == {"BOR-T-001", "BOR-T-003"}
    everyone = dashboard.today(bram.workspace).section("waiting")
    assert {item.title for item in everyone.items} == {"BOR-T-001", "BOR-T-002", "BOR-T-003", "BOR-T-004"}

    for laptop in (anna, bram):
        report = annual_report(laptop.workspace, YEAR)
        assert report.registrations.total.value == 2, "the organisation's registrations of that year, on each laptop"
