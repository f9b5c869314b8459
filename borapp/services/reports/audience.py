"""Who a report is for. Inside the organisation it shows every count; for outside (the municipality, a funder) a
count under the threshold (setting privacy.small_cell_threshold) that could point to one family is shown as "<5",
with secondary suppression per column so no hidden cell follows from a total (services/privacy/small_cells.py).
Totals stay. The outside PDF leaves the charts out: a bar's length would give the hidden number away."""

from __future__ import annotations

import json
from dataclasses import replace

from borapp.i18n import _
from borapp.services.errors import UsageError
from borapp.services.privacy.small_cells import AUDIENCES, EXTERNAL, INTERNAL, suppress, suppress_breakdown
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
    shown = suppress(found, threshold, keep=KEEP)
    shown["audience"], shown["small_cells"] = EXTERNAL, f"<{threshold}"
    return json.dumps(shown, ensure_ascii=False, indent=2).encode("utf-8")


def _hide_small(table: Table, threshold: int) -> Table:
    """Per numeric column, the plain rows as one breakdown; headings, subtotals and totals stay as they are."""
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
