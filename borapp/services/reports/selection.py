"""Which cases stand behind a figure: a small, hashable description, turned into SQL only when the list is asked for
(a double-click on a figure, `case_rows`), so the report itself never fetches a case.

Every field narrows the selection; None means "any". States are taken at the end of `year` (see `periods`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, and_, func, select

from borapp.models import Case, Municipality, Visit
from borapp.services.cases.status import status_label
from borapp.services.reports.periods import WAITING, first_day, last_day, registered_year, state_at

NO_MUNICIPALITY = 0  # `municipality_id` for the cases that have none
STATES = ("open", "waiting", "closed_by_year_end", "closed_in_year")
STARTS = ("within_month", "later", "not_started")


@dataclass(frozen=True)
class CaseSelection:
    year: int
    registered_year: int | None = None
    registered_up_to: bool = True  # only cases registered on or before 31 December of `year`
    municipality_id: int | None = None  # NO_MUNICIPALITY: the cases without one
    funding: str | None = None  # "" = not recorded
    state: str | None = None  # one of STATES, at the end of `year`
    outcome: str | None = None
    reason: str | None = None
    start: str | None = None  # one of STARTS: when the first visit was held


@dataclass(frozen=True)
class CaseLine:
    """One case in the list behind a figure."""

    id: int
    ref: str
    registered_on: dt.date
    municipality: str
    status: str  # today's, in words
    closed_on: dt.date | None


def case_ids(session, selection: CaseSelection) -> list[int]:
    return list(session.scalars(_where(select(Case.id), selection).order_by(Case.registered_on, Case.id)))


def case_lines(session, selection: CaseSelection) -> list[CaseLine]:
    query = (select(Case.id, Case.ref, Case.registered_on, Municipality.name, Case.status, Case.closed_on)
             .outerjoin(Municipality, Municipality.id == Case.municipality_id))
    rows = session.execute(_where(query, selection).order_by(Case.registered_on, Case.id))
    return [CaseLine(i, ref, on, name or "", status_label(status), closed) for i, ref, on, name, status, closed
            in rows]


def _where(query: Select, s: CaseSelection) -> Select:
    end = last_day(s.year)
    if s.registered_up_to:
        query = query.where(Case.registered_on <= end)
    if s.registered_year is not None:
        query = query.where(registered_year() == s.registered_year)
    if s.municipality_id == NO_MUNICIPALITY:
        query = query.where(Case.municipality_id.is_(None))
    elif s.municipality_id is not None:
        query = query.where(Case.municipality_id == s.municipality_id)
    if s.funding is not None:
        query = query.where(Case.funding == s.funding)
    if s.state or s.outcome is not None or s.reason is not None:
        query = _where_state(query, s)
    if s.start:
        query = _where_start(query, s.start)
    return query


def _where_state(query: Select, s: CaseSelection) -> Select:
    state = state_at(last_day(s.year))
    query = query.outerjoin(state, state.c.case_id == Case.id)
    status = func.coalesce(state.c.status, "registered")
    conditions = {
        "open": status != "closed",
        "waiting": status.in_(WAITING),
        "closed_by_year_end": status == "closed",
        "closed_in_year": and_(status == "closed", state.c.since >= first_day(s.year)),
    }
    if s.state:
        query = query.where(conditions[s.state])
    if s.outcome is not None:
        query = query.where(func.coalesce(state.c.outcome, "") == s.outcome)
    if s.reason is not None:
        query = query.where(func.coalesce(state.c.reason, "") == s.reason)
    return query


def first_visit_on():
    """The date of the case's first held visit (SQL, per case through the visits' case index)."""
    return (select(func.min(Visit.on)).where(Visit.case_id == Case.id, Visit.state == "held")
            .correlate(Case).scalar_subquery())


def within_a_month(first_on) -> object:
    return first_on <= func.date(Case.registered_on, "+1 month")


def _where_start(query: Select, start: str) -> Select:
    first = first_visit_on()
    if start == "not_started":
        return query.where(first.is_(None))
    soon = within_a_month(first)
    return query.where(and_(first.is_not(None), soon if start == "within_month" else ~soon))
