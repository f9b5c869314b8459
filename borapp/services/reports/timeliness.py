"""How soon the cases registered in the year started: the median number of days from registration to the first
visit held, and how many started within a month (the aim: contact within one month of registration)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Integer, case, cast, func, select
from sqlalchemy.orm import Session

from borapp.i18n import _
from borapp.models import Case
from borapp.services.reports.erased import erased_cases
from borapp.services.reports.figures import Figure, figure
from borapp.services.reports.periods import first_day, last_day
from borapp.services.reports.selection import CaseSelection, first_visit_on, within_a_month


@dataclass(frozen=True)
class Timeliness:
    started: Figure  # the year's registrations: started within a month, started later, not started
    median_days: float | None  # over the cases that started

    @property
    def share_within_month(self) -> float | None:
        """Percentage of the cases that started which started within a month of registration."""
        within = self.started.part_value("within_month")
        begun = within + self.started.part_value("later")
        return round(within * 100 / begun, 1) if begun else None


def timeliness(session: Session, year: int, municipality_id: int | None = None) -> Timeliness:
    first = first_visit_on()
    days = cast(func.julianday(first) - func.julianday(Case.registered_on), Integer)
    group = case((first.is_(None), "not_started"), (within_a_month(first), "within_month"), else_="later")
    query = (select(group, days, func.count()).select_from(Case)
             .where(Case.registered_on >= first_day(year), Case.registered_on <= last_day(year)))
    if municipality_id is not None:
        query = query.where(Case.municipality_id == municipality_id)
    rows = session.execute(query.group_by(group, days))
    counts: dict[str, int] = {}
    spread: list[tuple[int, int]] = []
    for key, number_of_days, n in rows:
        counts[key] = counts.get(key, 0) + n
        if key != "not_started":
            spread.append((number_of_days, n))
    for gone in erased_cases(session, municipality_id):  # counted as the cases were
        if gone.registered_year == year:
            counts[gone.start] = counts.get(gone.start, 0) + 1
            if gone.start != "not_started":
                spread.append((gone.start_days, 1))
    labels = (("within_month", _("Started within a month")), ("later", _("Started later")),
              ("not_started", _("No visit held (yet)")))
    parts = [Figure(key, label, counts.get(key, 0), (), CaseSelection(year, registered_year=year, start=key))
             for key, label in labels]
    started = figure("started", _("Registrations in {year} by start").format(year=year), parts,
                     CaseSelection(year, registered_year=year))
    return Timeliness(started, weighted_median(spread))


def weighted_median(values: list[tuple[int, int]]) -> float | None:
    """The median of values given as (value, how many times)."""
    total = sum(n for _v, n in values)
    if not total:
        return None
    ordered = sorted(values)

    def nth(index: int) -> int:
        seen = 0
        for value, n in ordered:
            seen += n
            if index < seen:
                return value
        return ordered[-1][0]

    middle = total // 2
    return float(nth(middle)) if total % 2 else (nth(middle - 1) + nth(middle)) / 2
