"""The notes a report carries above its tables, in every format alike (PDF, CSV, XLSX and the Reports page): that
the year is not over yet, and (outside the organisation) what "<5" and "x" mean."""

from __future__ import annotations

from borapp.formatting import long_date
from borapp.i18n import _
from borapp.services.privacy.small_cells import is_hidden
from borapp.services.reports.periods import counted_to


def provisional_note(report) -> str:
    """For a year not over yet: its figures are as they stood on the day of the report; "" once the year is over."""
    if not counted_to(report.year, report.made_on):
        return ""
    return _("Provisional: {year} is not over yet. Where this report says the end of {year} or 31 December, "
             "read {date}: the figures are as they stood that day.").format(
                 year=report.year, date=long_date(report.made_on))


def marks_legend(small_cells: int) -> str:
    """What "<N" and "x" stand for in a report for outside the organisation (threshold `small_cells`)."""
    return _("For readers outside the organisation: a count of 1 to {below} families is shown as "
             "“<{threshold}”. Where such a count would follow from a total and the figures beside it, another "
             "count is hidden with it. Where “<{threshold}” would still say too much (a hidden count of "
             "{threshold} or more or of 0, or hidden counts that the totals and “1 to {below}” would tell), "
             "they are shown as “x” (not shown).").format(below=small_cells - 1, threshold=small_cells)


def spreadsheet_notes(report, tables, small_cells: int | None) -> tuple[list[str], list[str]]:
    """(above the tables, below them) in a CSV or XLSX file: the provisional note first, the marks' legend last,
    when the tables hold a hidden count."""
    above = [note for note in (provisional_note(report),) if note]
    marked = small_cells is not None and any(is_hidden(c) for t in tables for r in t.rows for c in r.cells)
    return above, [marks_legend(small_cells)] if marked else []
