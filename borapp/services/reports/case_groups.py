"""The cases at a year's end in one grouped query: how many per registration year, municipality, funding, state,
outcome and reason. Registrations, closings and the open cases are all sums over these few groups, so they cannot
disagree with each other, and the vault is read once whatever its size. The erased cases' anonymous rows
(`erased`) join the groups as the cases did.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from borapp.models import Case
from borapp.services.reports.erased import Erased, erased_cases
from borapp.services.reports.periods import WAITING, first_day, last_day, registered_year, state_cte


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
    return two_years(session, year)[year]


def two_years(session: Session, year: int, municipality_id: int | None = None) -> dict[int, list[CaseGroup]]:
    """`case_groups` for `year` and the year before, reading the cases and their history once; with a
    `municipality_id`, that municipality's cases only."""
    states = {y: state_cte(last_day(y), f"state_{y}") for y in (year, year - 1)}
    columns = [registered_year(), Case.municipality_id, Case.funding]
    for y, state in states.items():
        columns += [state.c.status, case((state.c.since >= first_day(y), 1), else_=0), state.c.outcome,
                    state.c.reason]
    query = select(*columns, func.count()).select_from(Case)
    for state in states.values():
        query = query.outerjoin(state, state.c.case_id == Case.id)
    query = query.where(Case.registered_on <= last_day(year))
    if municipality_id is not None:
        query = query.where(Case.municipality_id == municipality_id)
    rows = session.execute(query.group_by(*columns)).all()
    erased = erased_cases(session, municipality_id)
    return {y: _merge(rows, y, 3 + 4 * index, erased) for index, y in enumerate(states)}


def _merge(rows, year: int, at: int, erased: list[Erased] = ()) -> list[CaseGroup]:
    """The groups of one year from the rows of both: its own state columns start at `at`; with the erased cases."""
    totals: dict[tuple, int] = {}
    for gone in erased:
        state = gone.state(year)
        if state is not None:
            status, in_year, outcome, reason, _month = state
            key = (gone.registered_year, gone.municipality_id, gone.funding, status, in_year, outcome, reason)
            totals[key] = totals.get(key, 0) + 1
    for row in rows:
        registered, municipality, funding = row[0], row[1], row[2]
        if registered > year:
            continue
        status, since_in_year, outcome, reason = row[at:at + 4]
        status = status or "registered"
        closed = status == "closed"
        key = (int(registered), municipality, funding or "", status, closed and bool(since_in_year),
               (outcome or "") if closed else "", (reason or "") if closed else "")
        totals[key] = totals.get(key, 0) + row[-1]
    return [CaseGroup(*key, n) for key, n in totals.items()]


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
