"""The annual report as tables, the way the 2019 report sets them out: the one layout the PDF, the spreadsheet,
the CSV file and the Reports screen all show. Cells hold plain values (numbers unformatted, None for "not
applicable"); each cell may know the cases behind it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from borapp.formatting import day_month, long_date, number, percent
from borapp.i18n import _
from borapp.services.reports.closings import reason_rank
from borapp.services.reports.figures import Figure
from borapp.services.reports.labels import funding_label
from borapp.services.reports.periods import counted_to
from borapp.services.reports.selection import CaseSelection



class Euros(float):
    """An amount in euros: shown with its cents (406,10, never 406,1); a plain number in the spreadsheet and JSON."""


class Percent(float):
    """A percentage (−40.0 for −40 %): shown with its sign in the user's language, a fraction in the spreadsheet."""


Cell = int | float | str | None


def cell_text(value: Cell) -> str:
    """A cell as the PDF and the Reports screen show it: numbers in the user's language, amounts with two decimals."""
    if value is None:
        return ""
    if isinstance(value, Percent):
        return percent(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return number(value, decimals=2 if isinstance(value, Euros) else None)
    return str(value)


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    selections: tuple[CaseSelection | None, ...] = ()  # per cell, where cases stand behind it
    kind: str = "row"  # "row", "subtotal", "total" or "heading"

    def selection(self, column: int) -> CaseSelection | None:
        return self.selections[column] if column < len(self.selections) else None


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...] = field(default=())
    note: str = ""  # a table left out of this version of the report: why, and where its figures are instead
    footnote: str = ""  # under a table that is shown: how its figures were made (the cost table: the rates used)


def figure_row(fig: Figure, *others: Figure | None, kind: str = "row") -> Row:
    """A row: the figure's label, its value, and the values of the same figure in other columns."""
    figs = (fig, *others)
    return Row((fig.label, *(f.value if f else 0 for f in figs)),
               (None, *(f.selection if f else None for f in figs)), kind)


def case_tables(report) -> list[Table]:
    return [_summary(report), _per_municipality(report), _closed_by_year(report), _outcomes(report),
            _reasons(report)]  # in the PDF's order


def _per_municipality(report) -> Table:
    y = report.year
    columns = (_("Municipality"), str(y - 1), str(y), *_open_and_closed(counted_to(y, report.made_on)))
    rows: list[Row] = []
    by_funding: dict[str, list] = {}
    for line in report.registrations.table:  # already in the order of FUNDINGS
        by_funding.setdefault(line.funding, []).append(line)
    for funding, lines in by_funding.items():
        rows.append(Row((funding_label(funding), None, None, None, None), kind="heading"))
        for line in lines:
            sel = line.selection
            rows.append(Row((line.municipality, line.previous_year, line.registered, line.open, line.closed),
                            (None, replace(sel, year=y - 1, registered_year=y - 1), sel,
                             replace(sel, state="open"), replace(sel, state="closed_by_year_end"))))
        sel = CaseSelection(y, registered_year=y, funding=funding)
        rows.append(Row((_("Total {funding}").format(funding=funding_label(funding).lower()),
                         *(sum(getattr(line, a) for line in lines) for a in ("previous_year", "registered", "open",
                                                                           "closed"))),
                        (None, replace(sel, year=y - 1, registered_year=y - 1), sel, replace(sel, state="open"),
                         replace(sel, state="closed_by_year_end")), "subtotal"))
    total = report.registrations.total
    rows.append(Row((_("Total"), report.registrations.previous_year.value, total.value,
                     sum(p.part_value("open") for p in total.parts), sum(p.part_value("closed") for p in total.parts)),
                    (None, report.registrations.previous_year.selection, total.selection,
                     CaseSelection(y, registered_year=y, state="open"),
                     CaseSelection(y, registered_year=y, state="closed_by_year_end")), "total"))
    return Table("registrations_per_municipality", _("Registrations per municipality"), columns, tuple(rows))


def _open_and_closed(until) -> tuple[str, str]:
    """Of a year's registrations, open and closed at its end, or (not over yet) on the day it is counted to."""
    if until is None:
        return _("Open at year end"), _("Closed by year end")
    return _("Open on {date}").format(date=day_month(until)), _("Closed by then")


def _open_registered_in(year: str, until) -> str:
    if until is None:
        return _("Open at year end, registered in {year}").format(year=year)
    return _("Open on {date}, registered in {year}").format(date=long_date(until), year=year)


def _summary(report) -> Table:
    y, reg, still_open = report.year, report.registrations, report.open_at_year_end
    rows = [Row((_("Registrations in {year}").format(year=y - 1), reg.previous_year.value),
                (None, reg.previous_year.selection)),
            Row((_("Registrations in {year}").format(year=y), reg.total.value), (None, reg.total.selection))]
    until = counted_to(y, report.made_on)
    rows += [Row((_open_registered_in(p.key, until), p.value), (None, p.selection))
             for p in still_open.by_registration_year.parts]
    rows += [figure_row(still_open.by_registration_year, kind="subtotal"), figure_row(still_open.waiting_list),
             figure_row(report.closed.by_outcome, kind="total")]
    return Table("summary", _("Registrations and open cases"), ("", str(y)), tuple(rows))


def _closed_by_year(report) -> Table:
    fig = report.closed.by_registration_year
    rows = [figure_row(p) for p in fig.parts] + [Row((_("Total closed"), fig.value), (None, fig.selection), "total")]
    return Table("closed_by_registration_year", fig.label, ("", str(report.year)), tuple(rows))


def _outcomes(report) -> Table:
    now, before = report.closed.by_outcome, report.closed_previous_year.by_outcome
    rows = [Row((_("Total closed"), before.value, now.value), (None, before.selection, now.selection), "total")]
    rows += _side_by_side(before, now)
    return Table("outcomes", _("Outcomes of the closed cases"), ("", str(report.year - 1), str(report.year)),
                 tuple(rows))


def _side_by_side(before: Figure | None, now: Figure, rank=None) -> list[Row]:
    """A row per part of either figure: last year's value, then this year's; with `rank`, in its order (a part
    found in last year only took the bottom place)."""
    earlier = before.parts if before else ()
    keys = [p.key for p in now.parts] + [p.key for p in earlier if not now.part(p.key)]
    if rank is not None:
        keys.sort(key=rank)
    rows = []
    for key in keys:
        mine, theirs = now.part(key), before.part(key) if before else None
        rows.append(Row(((mine or theirs).label, theirs.value if theirs else 0, mine.value if mine else 0),
                        (None, theirs.selection if theirs else None, mine.selection if mine else None)))
    return rows


def _reasons(report) -> Table:
    now, before = report.closed.by_outcome, report.closed_previous_year.by_outcome
    rows: list[Row] = []
    for outcome in now.parts:
        earlier = before.part(outcome.key)
        if not outcome.parts and not (earlier and earlier.parts):
            continue
        rows.append(Row((outcome.label, None, None), kind="heading"))
        rows += _side_by_side(earlier, outcome, lambda key, o=outcome.key: reason_rank(o, key))
    return Table("reasons", _("Reasons"), ("", str(report.year - 1), str(report.year)), tuple(rows))
