"""Who a report is for. Inside the organisation it shows every count; for outside (the municipality, a funder) a
count under the threshold (setting privacy.small_cell_threshold) that could point to one family is shown as "<5",
with secondary suppression so no hidden cell follows from a total (services/privacy/small_cells.py): per column
within each group of rows a total closes. A table with subtotals and a total (registrations per municipality) leaves
its subtotals out: a group's subtotal gave its hidden cell back (one closed case in Medemblik, the only one in its
group; a group of one row repeats it), so each column is one breakdown of the total. Totals stay. Of the closed
cases by registration year, the report year's row follows from the summary and is shown; the earlier years are
hidden among themselves. Figures of the organisation as a whole (the summary) and of its
volunteers and meetings count no family, so they are shown as they are; in the invoicing table the purchased
trajectories are the municipality's own figure, and what remains of them is hidden with the used ones it would give
away. The outside PDF leaves the charts out: a bar's length would give the hidden number away."""

from __future__ import annotations

import json
from dataclasses import replace

from borapp.i18n import _
from borapp.services.errors import UsageError
from borapp.services.privacy.small_cells import (
    AUDIENCES, EXTERNAL, INTERNAL, NOT_SHOWN, hidden, is_hidden, suppress_breakdown,
)
from borapp.services.reports.tables import Table
from borapp.services.reports.tables_people import all_tables

NO_FAMILIES = frozenset({"summary", "volunteers", "trainings_and_meetings"})  # tables shown outside as they are

__all__ = ["AUDIENCES", "EXTERNAL", "INTERNAL", "check_audience", "tables_for", "external_json"]


def check_audience(audience: str) -> str:
    audience = (audience or INTERNAL).strip().lower()
    if audience not in AUDIENCES:
        raise UsageError(_("A report is 'internal' (every count) or 'external' (small counts hidden)."))
    return audience


def tables_for(report, audience: str, threshold: int) -> list[Table]:
    tables = all_tables(report)
    return tables if check_audience(audience) == INTERNAL else [_hide_small(t, threshold) for t in tables]


def external_json(report, data: bytes, threshold: int) -> bytes:
    """The outside JSON holds the outside tables, as the PDF, CSV and XLSX show them (one way of hiding, checked
    once: the inside JSON's nested counts gave a hidden cell back from a total beside it), and the cost groups."""
    found = json.loads(data.decode("utf-8"))
    shown = {key: found[key] for key in ("year", "organisation", "made_on") if key in found}
    shown["audience"], shown["small_cells"], shown["not_shown"] = EXTERNAL, hidden(threshold), NOT_SHOWN
    shown["tables"] = [{"key": t.key, "title": t.title, "columns": list(t.columns),
                        "rows": [{"kind": row.kind, "cells": list(row.cells)} for row in t.rows]}
                       for t in tables_for(report, EXTERNAL, threshold) if t.key != "costs"]
    if isinstance(found.get("costs"), dict):
        shown["costs"] = _outside_costs(found["costs"], threshold)
    return json.dumps(shown, ensure_ascii=False, indent=2).encode("utf-8")


def _outside_costs(costs: dict, threshold: int) -> dict:
    """No list of trajectories or of volunteers' claims (they name cases and people); a group of fewer trajectories
    than the threshold shows neither its count nor its amounts (they would be one family's cost)."""
    def group(spread: dict) -> dict:
        if 0 < (spread.get("count") or 0) < threshold:
            return {"count": f"<{threshold}"}
        return spread

    return {"year": costs.get("year"), "currency": costs.get("currency"), "closed": group(costs.get("closed", {})),
            "by_outcome": {k: group(v) for k, v in costs.get("by_outcome", {}).items()},
            "by_municipality": {k: group(v) for k, v in costs.get("by_municipality", {}).items()},
            "expenses_by_month": costs.get("expenses_by_month", {}),
            "expenses_total_cents": costs.get("expenses_total_cents")}


def _hide_small(table: Table, threshold: int) -> Table:
    """Per numeric column, each group of plain rows as one breakdown; headings and totals stay."""
    if table.key == "costs":
        return _hide_small_costs(table, threshold)
    if table.key in NO_FAMILIES:
        return table
    if table.key == "invoicing":
        return _hide_small_invoicing(table, threshold)
    kinds = {row.kind for row in table.rows}
    if {"subtotal", "total"} <= kinds:
        # a group of one row has a subtotal that repeats it, and the total minus the other subtotals gives any
        # group's back: outside, the groups' subtotals are left out and each column is one breakdown of the total
        table = replace(table, rows=tuple(row for row in table.rows if row.kind != "subtotal"))
        groups = [[i for i, row in enumerate(table.rows) if row.kind == "row"]]
    else:
        groups = _groups(table)
    if table.key == "closed_by_registration_year":
        public = set(_this_years_registrations(table))
        groups = [[i for i in group if i not in public] for group in groups]
    cells = [list(row.cells) for row in table.rows]
    for group in (g for g in groups if g):
        _suppress_columns(cells, group, range(1, max(len(cells[i]) for i in group)), threshold)
    return _with_cells(table, cells)


def _this_years_registrations(table: Table) -> list[int]:
    """The row of cases registered and closed in the report's year: the summary gives it (registrations minus those
    still open), so hiding it protects nothing, and the earlier years' rows are one breakdown of the rest (the
    report-year row hidden as the second cell left 2018's 3 closed cases to follow from 11 − 8)."""
    year = table.columns[1]
    return [i for i, row in enumerate(table.rows) if row.kind == "row" and row.selection(1) is not None
            and str(row.selection(1).registered_year) == year]


def _groups(table: Table) -> list[list[int]]:
    """The plain rows between headings, subtotals and totals: each group adds up to the subtotal that closes it."""
    groups, current = [], []
    for i, row in enumerate(table.rows):
        if row.kind == "row":
            current.append(i)
        elif current:
            groups.append(current)
            current = []
    return groups + ([current] if current else [])


def _suppress_columns(cells: list[list], rows: list[int], columns, threshold: int) -> None:
    for column in columns:
        counts = {i: cells[i][column] for i in rows if column < len(cells[i])
                  and isinstance(cells[i][column], int) and not isinstance(cells[i][column], bool)}
        for i, value in suppress_breakdown(counts, threshold).items():
            cells[i][column] = value


def _hide_small_invoicing(table: Table, threshold: int) -> Table:
    """The used and to-invoice trajectories are families; the purchased ones are not, but purchased minus what
    remains gives the used count back, so a row's remainder goes where its used count is hidden."""
    from borapp.services.reports.tables_people import INVOICING_REMAINING, INVOICING_TO_INVOICE, INVOICING_USED

    cells = [list(row.cells) for row in table.rows]
    rows = [i for i, row in enumerate(table.rows) if row.kind == "row"]
    _suppress_columns(cells, rows, (INVOICING_USED, INVOICING_TO_INVOICE), threshold)
    for i in rows:
        if is_hidden(cells[i][INVOICING_USED]) and cells[i][INVOICING_REMAINING] is not None:
            cells[i][INVOICING_REMAINING] = NOT_SHOWN
    return _with_cells(table, cells)


def _with_cells(table: Table, cells: list[list]) -> Table:
    return replace(table, rows=tuple(replace(row, cells=tuple(c)) for row, c in zip(table.rows, cells)))


def _hide_small_costs(table: Table, threshold: int) -> Table:
    """A group of fewer trajectories than the threshold: "<5" and no amounts (one family's cost)."""
    from borapp.services.reports.tables_costs import COUNT_COLUMN, MONEY_COLUMNS

    rows = []
    for row in table.rows:
        count = row.cells[COUNT_COLUMN]
        if row.kind != "heading" and isinstance(count, int) and 0 < count < threshold:
            cells = list(row.cells)
            cells[COUNT_COLUMN] = hidden(threshold)
            for column in MONEY_COLUMNS:
                cells[column] = None
            row = replace(row, cells=tuple(cells))
        rows.append(row)
    return replace(table, rows=tuple(rows))
