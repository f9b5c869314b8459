"""The anonymous count an erased case leaves: what the annual report counted of it, made from the case just before
it goes (`count_case`), so a report on any year gives the same figures after the erasure as before.

It holds only what the report's tables count: registration year and month, municipality, funding, the state at each
year's end (status, outcome, reason category, month of the closing), how soon it started (days to the first visit),
the hours and expenses recorded in all, and the volunteers' claims per month. No case number, name, free text or day,
and no link to the tombstone. It is made wherever the case is removed by an erasure: here, on each laptop of a team
when the erasure arrives (from the laptop's own copy of the case, which sync keeps the same), and again on a
restore that re-applies a tombstone to an older backup that still holds the case (`erasure.carry_erasures`).
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import Integer, case as when, cast, func, select
from sqlalchemy.orm import Session

from borapp.models import Case, CaseHours, ErasedCount, StatusChange, Visit, VisitExpense
from borapp.services.reports.periods import first_day, last_day, state_at
from borapp.services.reports.selection import first_visit_on, within_a_month


def count_case(session: Session, case: Case, today: dt.date | None = None) -> ErasedCount:
    """The anonymous row of `case` (added to the session; the caller removes the case in the same transaction)."""
    session.flush()
    today = today or dt.date.today()
    years = _year_ends(session, case, today)
    start, days = _start(session, case.id)
    row = ErasedCount(
        registered_year=case.registered_on.year, registered_month=case.registered_on.month,
        municipality_id=case.municipality_id, funding=case.funding or "", year_ends=json.dumps(years),
        closed_month=case.closed_on.strftime("%Y-%m") if case.closed_on is not None else "",
        start=start, start_days=days, minutes=_minutes(session, case.id),
        expenses_cents=_expenses_cents(session, case.id), expenses=json.dumps(_claims(session, case.id)))
    session.add(row)
    return row


def _year_ends(session: Session, case: Case, today: dt.date) -> dict[str, list]:
    """Per year from its registration: [status, closed in that year, outcome, reason, month of that closing or 0],
    as `reports.case_groups` reads them; up to its last status change, and while still open up to this year."""
    changed = session.scalar(select(func.max(StatusChange.on)).where(StatusChange.case_id == case.id))
    last = max(case.registered_on.year, changed.year if changed else 0)
    years: dict[str, list] = {}
    year = case.registered_on.year
    while year <= last or (year <= today.year and years and years[str(year - 1)][0] != "closed"):
        state = state_at(last_day(year))
        found = session.execute(select(state.c.status, state.c.since, state.c.outcome, state.c.reason)
                                .where(state.c.case_id == case.id)).first()
        status, since, outcome, reason = found or (None, None, None, None)
        status = status or "registered"
        closed = status == "closed"
        in_year = closed and since is not None and _day(since) >= first_day(year)
        years[str(year)] = [status, in_year, (outcome or "") if closed else "", (reason or "") if closed else "",
                            _day(since).month if in_year else 0]
        year += 1
    return years


def _day(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _start(session: Session, case_id: int) -> tuple[str, int | None]:
    """As `reports.timeliness` groups it: within a month, later or not started, and the days to the first visit."""
    first = first_visit_on()
    days = cast(func.julianday(first) - func.julianday(Case.registered_on), Integer)
    group = when((first.is_(None), "not_started"), (within_a_month(first), "within_month"), else_="later")
    key, number = session.execute(select(group, days).where(Case.id == case_id)).one()
    return key, (None if key == "not_started" else number)


def _minutes(session: Session, case_id: int) -> int:
    return int(session.scalar(select(func.sum(CaseHours.minutes)).where(CaseHours.case_id == case_id)) or 0)


def _expenses_cents(session: Session, case_id: int) -> int:
    return int(session.scalar(
        select(func.sum(VisitExpense.kilometres * VisitExpense.rate_cents + VisitExpense.other_cents))
        .join(Visit, Visit.id == VisitExpense.visit_id)
        .where(Visit.case_id == case_id, Visit.state != "planned")) or 0)


def _claims(session: Session, case_id: int) -> list[list]:
    """Per month and volunteer, as `reports.costs.reimbursements` adds them up: what is owed for its visits."""
    month = func.strftime("%Y-%m", Visit.on)
    rows = session.execute(
        select(month, Visit.volunteer_id, func.count(VisitExpense.id), func.sum(VisitExpense.kilometres),
               func.sum(VisitExpense.kilometres * VisitExpense.rate_cents), func.sum(VisitExpense.other_cents))
        .select_from(VisitExpense).join(Visit, Visit.id == VisitExpense.visit_id)
        .where(Visit.case_id == case_id, Visit.state != "planned")
        .group_by(month, Visit.volunteer_id).order_by(month, Visit.volunteer_id))
    return [[m, vid, int(n), int(km or 0), int(km_cents or 0), int(other or 0)]
            for m, vid, n, km, km_cents, other in rows]
