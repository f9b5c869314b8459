"""The cases at a year's end in one grouped query: how many per registration year, municipality, funding, state,
outcome and reason. Registrations, closings and the open cases are all sums over these few groups, so they cannot
disagree with each other, and the vault is read once whatever its size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from borapp.models import Case
from borapp.services.reports.periods import WAITING, first_day, last_day, registered_year, state_at


@dataclass(frozen=True)
class CaseGroup:
    registered_year: int
    municipality_id: int | None
    funding: str
    status: str  # at the end of the year
    closed_in_year: bool  # closed at the year's end by a closing dated in that year
    outcome: str
    reason: str
    count: int

    @property
    def is_open(self) -> bool:
        return self.status != "closed"

    @property
    def is_waiting(self) -> bool:
        return self.status in WAITING


def case_groups(session: Session, year: int) -> list[CaseGroup]:
    """Every case registered on or before 31 December of `year`, grouped by what the report counts."""
    state = state_at(last_day(year))
    status = func.coalesce(state.c.status, "registered")
    closed_in = case((and_(status == "closed", state.c.since >= first_day(year)), 1), else_=0)
    outcome, reason = func.coalesce(state.c.outcome, ""), func.coalesce(state.c.reason, "")
    keys = (registered_year(), Case.municipality_id, Case.funding, status, closed_in, outcome, reason)
    query = (select(*keys, func.count()).select_from(Case).outerjoin(state, state.c.case_id == Case.id)
             .where(Case.registered_on <= last_day(year)).group_by(*keys))
    return [CaseGroup(int(y), m, f or "", s, bool(c), o if s == "closed" else "", r if s == "closed" else "", n)
            for y, m, f, s, c, o, r, n in session.execute(query)]


def count(groups: Iterable[CaseGroup], keep: Callable[[CaseGroup], bool]) -> int:
    return sum(g.count for g in groups if keep(g))


def tally(groups: Iterable[CaseGroup], key: Callable[[CaseGroup], object],
          keep: Callable[[CaseGroup], bool] = lambda g: True) -> dict:
    """{key: number of cases} over the groups `keep` lets through."""
    totals: dict = {}
    for group in groups:
        if keep(group):
            totals[key(group)] = totals.get(key(group), 0) + group.count
    return totals
