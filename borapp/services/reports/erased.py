"""The erased cases in the annual report: each left an anonymous row (`privacy.erased_counts`) that the report
counts exactly as it counted the case, in every table: the groups at a year's end (registrations, closings, open
cases, invoicing), how soon it started, and the cost section. So a report on a year adds up to the same figures
after an erasure as before. No list of cases behind a figure can show them: they have no number any more.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.models import ErasedCount


@dataclass(frozen=True)
class Erased:
    """One erased case as the report reads it."""

    registered_year: int
    registered_month: int
    municipality_id: int | None
    funding: str
    year_ends: dict[str, list]
    closed_month: str  # "YYYY-MM" or ""
    start: str
    start_days: int | None
    minutes: int
    expenses_cents: int
    claims: tuple[tuple, ...]  # ("YYYY-MM", volunteer id, visits, km, km cents, other cents)

    @property
    def registered_on(self) -> dt.date:
        """The first of its registration month: the day is not kept (the report needs the month at most)."""
        return dt.date(self.registered_year, self.registered_month, 1)

    def state(self, year: int) -> tuple[str, bool, str, str, int] | None:
        """(status, closed in `year`, outcome, reason, month of that closing) on 31 December of `year`; None before
        its registration. After the years kept it counts as no longer open (closed, as it stood, or by its erasure)."""
        if year < self.registered_year:
            return None
        found = self.year_ends.get(str(year))
        if found is not None:
            status, in_year, outcome, reason, month = found
            return status, bool(in_year), outcome, reason, int(month)
        last = self.year_ends.get(str(max(map(int, self.year_ends))), ["closed", False, "", "", 0])
        return ("closed", False, last[2], last[3], 0) if last[0] == "closed" else ("closed", False, "", "", 0)


def erased_cases(session: Session, municipality_id: int | None = None) -> list[Erased]:
    """Every erased case's row; with a `municipality_id`, that municipality's only."""
    query = select(ErasedCount)
    if municipality_id is not None:
        query = query.where(ErasedCount.municipality_id == municipality_id)
    return [Erased(r.registered_year, r.registered_month, r.municipality_id, r.funding or "",
                   json.loads(r.year_ends or "{}"), r.closed_month or "", r.start, r.start_days, r.minutes or 0,
                   r.expenses_cents or 0, tuple(tuple(c) for c in json.loads(r.expenses or "[]")))
            for r in session.scalars(query)]


def erased_behind(session: Session, selection) -> int:
    """How many erased cases a figure's `selection` (reports.selection.CaseSelection) counts: its list of cases
    cannot show them, so it says how many more the figure holds."""
    from borapp.services.reports.periods import WAITING
    from borapp.services.reports.selection import NO_MUNICIPALITY

    s = selection
    only = None if s.municipality_id in (None, NO_MUNICIPALITY) else s.municipality_id
    found = 0
    for gone in erased_cases(session, only):
        state = gone.state(s.year)
        if state is None and s.registered_up_to:
            continue
        if s.municipality_id == NO_MUNICIPALITY and gone.municipality_id is not None:
            continue
        if s.registered_year is not None and gone.registered_year != s.registered_year:
            continue
        if s.funding is not None and gone.funding != s.funding:
            continue
        if s.start and gone.start != s.start:
            continue
        if (s.state or s.outcome is not None or s.reason is not None) and not _in_state(s, state, WAITING):
            continue
        found += 1
    return found


def _in_state(s, state, waiting) -> bool:
    status, in_year, outcome, reason, _month = state or ("registered", False, "", "", 0)
    closed = status == "closed"
    wanted = {"open": not closed, "waiting": status in waiting, "closed_by_year_end": closed,
              "closed_in_year": closed and in_year}
    return ((not s.state or wanted[s.state]) and (s.outcome is None or outcome == s.outcome)
            and (s.reason is None or reason == s.reason))
