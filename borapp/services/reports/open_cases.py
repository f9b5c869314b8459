"""Cases open at the end of the year (registered on or before 31 December, not closed by then) by registration
year, and the waiting list then (registered, not yet taken up: part of the open cases). For a year not over yet they
are labelled with the day the report counts to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from borapp.formatting import long_date
from borapp.i18n import _
from borapp.services.reports.case_groups import CaseGroup, tally
from borapp.services.reports.figures import Figure, figure
from borapp.services.reports.selection import CaseSelection


@dataclass(frozen=True)
class OpenCases:
    by_registration_year: Figure
    waiting_list: Figure  # parts by registration year


def open_cases(groups: list[CaseGroup], year: int, until: dt.date | None = None) -> OpenCases:
    """`until`: the day a year not over yet is counted to (periods.counted_to)."""
    if until is None:
        open_label = _("Open at the end of {year}").format(year=year)
        waiting_label = _("Waiting list at the end of {year}").format(year=year)
    else:
        open_label = _("Open on {date}").format(date=long_date(until))
        waiting_label = _("Waiting list on {date}").format(date=long_date(until))
    return OpenCases(_per_year(groups, year, "open", open_label), _per_year(groups, year, "waiting", waiting_label))


def _per_year(groups: list[CaseGroup], year: int, state: str, label: str) -> Figure:
    keep = (lambda g: g.is_open) if state == "open" else (lambda g: g.is_waiting)
    counts = tally(groups, lambda g: g.registered_year, keep)
    parts = [Figure(str(y), _("Registered in {year}").format(year=y), n, (),
                    CaseSelection(year, registered_year=y, state=state)) for y, n in sorted(counts.items())]
    return figure("open" if state == "open" else "waiting_list", label, parts, CaseSelection(year, state=state))
