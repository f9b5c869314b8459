"""The annual report's tables for outside the organisation: small counts hidden across all tables at once.

The table per municipality for invoicing is not in it: invoicing is between the organisation and each
municipality, with that municipality's own figures, and is not for publication. Hidden there (as it was), a
municipality could not invoice from it; shown whole, its counts per municipality and funding would give back the
registrations' hidden cells (the same cases). So it is left out, with a line saying that the internal report holds
it.

A table's hidden cell can follow from another table: a municipality's registrations are its open plus its closed
cases (the same row), an outcome's reasons add up to that outcome's count, and the cost groups by outcome are the
closed cases by outcome again. So every count is named by the cases behind it (its `CaseSelection`; one count
in two tables is one cell), every way the cells add up is one sum, and `privacy.small_cells.suppress_linked`
hides them so that no sum gives one back. The summary, the volunteers' figures and the totals are shown as they are
(they count no family), as is the row of cases registered and closed in the report's year (the summary gives it),
and so is whatever those figures give by subtraction: closed 11, of them 7 registered this year, leave 4 registered
the year before, which an "x" would only pretend to hide.

A report for one municipality is another matter: its totals and summary count that municipality's few families (a
total of 2 beside its one row, hidden, gave the row back). There every count of a family is hidden when small,
totals and summary too, and each sum is still taken as known to the reader: what the solver hides then stays hidden
even if the reader had the totals from elsewhere (the report for all municipalities).
"""

from __future__ import annotations

from dataclasses import replace

from borapp.i18n import _
from borapp.services.privacy.small_cells import NOT_SHOWN, Sum, is_hidden, suppress_linked
from borapp.services.reports.tables import Table

PUBLIC_TABLES = frozenset({"summary", "volunteers", "trainings_and_meetings"})  # no family counted
NOT_PUBLISHED = frozenset({"invoicing"})  # each municipality is invoiced with its own figures
REGISTERED, OPEN, CLOSED = 2, 3, 4  # the registrations table: this year's registrations, open and closed of them


def outside_tables(tables: list[Table], threshold: int, *, one_municipality: bool = False) -> list[Table]:
    tables = [_left_out(t) if t.key in NOT_PUBLISHED else _without_subtotals(t) for t in tables]
    names = _Names(tables, whole=not one_municipality)
    sums = [s for i, t in enumerate(tables) for s in _sums(i, t, names)]
    marks = suppress_linked(names.values, sums, threshold, names.public, totals_shown=names.whole)
    return [_finish(t, [[marks.get(names.of(i, r, c), cell) for c, cell in enumerate(row.cells)]
                        for r, row in enumerate(t.rows)], threshold) for i, t in enumerate(tables)]


def _left_out(table: Table) -> Table:
    """In its place, its title and where its figures are: a reader does not take the missing table for nothing."""
    return Table(table.key, table.title, (), (), _(
        "Not in this version for outside the organisation: these figures are for invoicing, not for publication. "
        "Each municipality is invoiced with its own figures; they are all in the internal annual report."))


def _without_subtotals(table: Table) -> Table:
    """A group of one row has a subtotal that repeats it, and the total minus the other subtotals gives any group's
    back: outside, the registrations' subtotals per funding are left out and each column adds up to the total."""
    kinds = {row.kind for row in table.rows}
    if {"subtotal", "total"} <= kinds and table.key not in PUBLIC_TABLES:
        return replace(table, rows=tuple(row for row in table.rows if row.kind != "subtotal"))
    return table


class _Names:
    """Each count cell's name: the cases behind it, or its place when no cases are named (or the same cases were
    counted differently, which would not be one count)."""

    def __init__(self, tables: list[Table], whole: bool = True):
        self.whole = whole  # the report for all municipalities: its totals and summary count no one family
        self.values: dict = {}
        self.public: set = set()
        self._names: dict = {}
        for i, table in enumerate(tables):
            for r, row in enumerate(table.rows):
                for c, cell in enumerate(row.cells):
                    if isinstance(cell, int) and not isinstance(cell, bool):
                        self._add(i, r, c, table, row, cell)

    def _add(self, i: int, r: int, c: int, table: Table, row, cell: int) -> None:
        name = row.selection(c)
        if name is None or self.values.get(name, cell) != cell:
            name = (table.key, r, c)
        self._names[i, r, c] = name
        self.values[name] = cell
        if self._public(table, row):
            self.public.add(name)

    def _public(self, table: Table, row) -> bool:
        if not self.whole:
            return table.key in PUBLIC_TABLES and table.key != "summary"
        return table.key in PUBLIC_TABLES or row.kind == "total" or _given_by_summary(table, row)

    def of(self, i: int, r: int, c: int):
        return self._names.get((i, r, c))


def _given_by_summary(table: Table, row) -> bool:
    """The cases registered and closed in the report's year: the summary's registrations minus those still open."""
    selection = row.selection(1)
    return (table.key == "closed_by_registration_year" and selection is not None
            and str(selection.registered_year) == table.columns[1])


def _sums(i: int, table: Table, names: _Names) -> list[Sum]:
    if table.key == "summary" and not names.whole:
        return [_open_at_year_end(i, table, names)]
    if table.key in PUBLIC_TABLES:
        return []
    sums = []
    for group in _groups(table):  # each adds up to a total shown, or (reasons) to its outcome's count
        for c in range(1, max(len(table.rows[r].cells) for r in group)):
            parts = tuple(n for n in (names.of(i, r, c) for r in group) if n is not None)
            if parts:
                sums.append(Sum(parts, _reasons_outcome(table, group, c)))
    if table.key == "registrations_per_municipality":
        rows = [[names.of(i, r, c) for c in (OPEN, CLOSED, REGISTERED)] for r, row in enumerate(table.rows)
                if row.kind == "row"]
        sums += [Sum((opened, closed), registered) for opened, closed, registered in rows if None not in
                 (opened, closed, registered)]
    return sums


def _open_at_year_end(i: int, table: Table, names: _Names) -> Sum:
    """The summary's cases open at year end by registration year add up to its "open at the end" (the subtotal;
    taken as known); its other rows are each counted in another table too (one name)."""
    end = next(r for r, row in enumerate(table.rows) if row.kind == "subtotal")
    return Sum(tuple(n for n in (names.of(i, r, 1) for r in range(2, end)) if n is not None))


def _reasons_outcome(table: Table, group: list[int], column: int):
    """The reasons of one outcome add up to that outcome's count in the outcomes table; other groups add up to a
    total the reader has."""
    if table.key != "reasons":
        return None
    found = next((s for s in (table.rows[r].selection(column) for r in group) if s is not None), None)
    return None if found is None else replace(found, reason=None)


def _groups(table: Table) -> list[list[int]]:
    """The plain rows between headings and totals; the registrations' funding groups are one group, their
    subtotals being left out."""
    if table.key == "registrations_per_municipality":
        rows = [r for r, row in enumerate(table.rows) if row.kind == "row"]
        return [rows] if rows else []  # a year without registrations (nor the year before) has no rows
    groups, current = [], []
    for r, row in enumerate(table.rows):
        if row.kind == "row":
            current.append(r)
        elif current:
            groups.append(current)
            current = []
    return groups + ([current] if current else [])


def _finish(table: Table, cells: list[list], threshold: int) -> Table:
    """What follows from a hidden count goes with it: a cost group's amounts, the share of cases started within a
    month; and a median over fewer cases than the threshold (one family's days to its first visit)."""
    if table.key == "costs":
        from borapp.services.reports.tables_costs import COUNT_COLUMN, MONEY_COLUMNS

        for row, original in zip(cells, table.rows):
            count = original.cells[COUNT_COLUMN]
            if original.kind != "heading" and (is_hidden(row[COUNT_COLUMN]) or 0 < (count or 0) < threshold):
                for column in MONEY_COLUMNS:
                    row[column] = None  # one family's cost, or a group whose size is hidden
    elif table.key == "timeliness":
        from borapp.services.reports.tables_people import TIMELINESS_MEDIAN, TIMELINESS_SHARE, TIMELINESS_STARTED

        if any(is_hidden(cells[r][1]) for r in TIMELINESS_STARTED):
            cells[TIMELINESS_SHARE][1] = NOT_SHOWN  # within ÷ (within + later) gives the hidden split back
        if 0 < sum(table.rows[r].cells[1] or 0 for r in TIMELINESS_STARTED) < threshold:
            cells[TIMELINESS_MEDIAN][1] = NOT_SHOWN  # the days of one family, or of a few
    return replace(table, rows=tuple(replace(row, cells=tuple(c)) for row, c in zip(table.rows, cells)))
