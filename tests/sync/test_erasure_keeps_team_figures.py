"""A case erased on one laptop of a team keeps its anonymous count on every laptop, made once on each from its own
copy of the case before any of it goes (its records may arrive over several pages, the case itself last), so the
annual figures stay the same everywhere and no laptop counts it twice."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from borapp.models import Case, CaseHours, ErasedCount, StatusChange, Visit, VisitExpense
from borapp.services.privacy.erasure import erase_case
from borapp.services.reports.annual import annual_report
from borapp.services.reports.tables_people import all_tables
from borapp.services.sync import run
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture

TODAY = dt.date(2026, 11, 30)


def _closed_case(anna) -> str:
    """Registered 1 May, a visit held with expenses, hours recorded, closed successfully in October."""
    ref = anna.register(funding="per_case")
    with anna.workspace.session() as session:
        case = session.scalar(select(Case).where(Case.ref == ref))
        case.history.append(StatusChange(on=dt.date(2026, 5, 1), from_status="", to_status="registered"))
        case.history.append(StatusChange(on=dt.date(2026, 6, 2), from_status="registered", to_status="visits"))
        case.history.append(StatusChange(on=dt.date(2026, 10, 9), from_status="visits", to_status="closed",
                                         outcome="successful"))
        case.status, case.closed_on, case.outcome = "closed", dt.date(2026, 10, 9), "successful"
        visit = Visit(case_id=case.id, on=dt.date(2026, 5, 20), state="held")
        session.add(visit)
        session.flush()
        session.add(VisitExpense(visit_id=visit.id, kilometres=12, rate_cents=23, other_cents=350))
        session.add(CaseHours(case_id=case.id, on=dt.date(2026, 5, 3), kind="talk", minutes=90))
    return ref


def _figures(laptop) -> list:
    report = annual_report(laptop.workspace, 2026, today=TODAY)
    return [(t.key, [r.cells for r in t.rows]) for t in all_tables(report)] + [report.costs["closed"]]


def _counts(laptop) -> int:
    with laptop.workspace.reading() as session:
        return session.scalar(select(func.count()).select_from(ErasedCount))


def test_an_erasure_keeps_the_figures_on_both_laptops_counted_once(team, monkeypatch):
    anna, bram = team
    monkeypatch.setattr(run, "BATCH", 3)  # the case's records come to Bram over several pages
    ref = _closed_case(anna)
    anna.register()  # one more, open: the registrations are more than the erased one
    anna.sync(), bram.sync()
    before = _figures(anna)
    assert _figures(bram) == before and before[-1]["count"] == 1

    erase_case(anna.workspace, ref, "verzoek van de ouder", confirm=ref)
    anna.sync(), bram.sync()
    anna.sync(), bram.sync()  # again: nothing is counted twice

    assert ref not in bram.cases()
    assert _counts(anna) == 1 and _counts(bram) == 1
    assert _figures(anna) == before
    assert _figures(bram) == before
