"""Who a report is for. Inside the organisation it shows every count; for outside (the municipality, a funder) a
count under the threshold (setting privacy.small_cell_threshold) that could point to one family is shown as "<5",
with secondary suppression per column so no hidden cell follows from a total (services/privacy/small_cells.py).
Totals stay. The outside PDF leaves the charts out: a bar's length would give the hidden number away."""

from __future__ import annotations

import json
from dataclasses import replace

from borapp.i18n import _
from borapp.services.errors import UsageError
from borapp.services.privacy.small_cells import (
    AUDIENCES, EXTERNAL, INTERNAL, hidden, suppress, suppress_breakdown,
)
from borapp.services.reports.tables import Table
from borapp.services.reports.tables_people import all_tables

KEEP = frozenset({"year", "organisation", "made_on", "total", "previous_year_total", "audience", "small_cells"})

__all__ = ["AUDIENCES", "EXTERNAL", "INTERNAL", "check_audience", "tables_for", "external_json"]


def check_audience(audience: str) -> str:
    audience = (audience or INTERNAL).strip().lower()
    if audience not in AUDIENCES:
        raise UsageError(_("A report is 'internal' (every count) or 'external' (small counts hidden)."))
    return audience


def tables_for(report, audience: str, threshold: int) -> list[Table]:
    tables = all_tables(report)
    return tables if check_audience(audience) == INTERNAL else [_hide_small(t, threshold) for t in tables]


def external_json(data: bytes, threshold: int) -> bytes:
    found = json.loads(data.decode("utf-8"))
    costs = found.pop("costs", None)
    shown = suppress(found, threshold, keep=KEEP)
    if isinstance(costs, dict):
        shown["costs"] = _outside_costs(costs, threshold)
    shown["audience"], shown["small_cells"] = EXTERNAL, f"<{threshold}"
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
    """Per numeric column, the plain rows as one breakdown; headings, subtotals and totals stay as they are."""
    if table.key == "costs":
        return _hide_small_costs(table, threshold)
    rows = list(table.rows)
    plain = [i for i, row in enumerate(rows) if row.kind == "row"]
    width = max((len(row.cells) for row in rows), default=0)
    cells = [list(row.cells) for row in rows]
    for column in range(1, width):
        counts = {i: cells[i][column] for i in plain if column < len(cells[i])
                  and isinstance(cells[i][column], int) and not isinstance(cells[i][column], bool)}
        for i, value in suppress_breakdown(counts, threshold).items():
            cells[i][column] = value
    return replace(table, rows=tuple(replace(row, cells=tuple(c)) for row, c in zip(rows, cells)))


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
