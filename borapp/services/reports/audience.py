"""Who a report is for. Inside the organisation it shows every count; for outside (the municipality, a funder) a
count under the threshold (setting privacy.small_cell_threshold) that could point to one family is shown as "<5",
with secondary suppression so that no hidden cell follows from a total, a row or another table
(services/reports/outside_tables.py). Totals and the organisation's own figures stay. The table for invoicing is
left out (it is not for publication: each municipality is invoiced with its own figures), a line in its place saying
that the internal report holds it. The outside PDF leaves the charts out: a bar's length would give the hidden number
away."""

from __future__ import annotations

import json

from borapp.i18n import _
from borapp.services.errors import UsageError
from borapp.services.privacy.small_cells import AUDIENCES, EXTERNAL, INTERNAL, NOT_SHOWN, hidden, is_hidden
from borapp.services.reports.outside_tables import outside_tables
from borapp.services.reports.tables import Table
from borapp.services.reports.tables_people import all_tables

__all__ = ["AUDIENCES", "EXTERNAL", "INTERNAL", "check_audience", "tables_for", "external_json"]


def check_audience(audience: str) -> str:
    audience = (audience or INTERNAL).strip().lower()
    if audience not in AUDIENCES:
        raise UsageError(_("A report is 'internal' (every count) or 'external' (small counts hidden)."))
    return audience


def tables_for(report, audience: str, threshold: int) -> list[Table]:
    tables = all_tables(report)
    if check_audience(audience) == INTERNAL:
        return tables
    return outside_tables(tables, threshold, one_municipality=bool(getattr(report, "municipality", "")))


def external_json(report, data: bytes, threshold: int) -> bytes:
    """The outside JSON holds the outside tables, as the PDF, CSV and XLSX show them (one way of hiding, checked
    once: the inside JSON's nested counts gave a hidden cell back from a total beside it), and the cost groups."""
    found = json.loads(data.decode("utf-8"))
    shown = {key: found[key] for key in ("year", "organisation", "made_on", "municipality") if key in found}
    shown["audience"], shown["small_cells"], shown["not_shown"] = EXTERNAL, hidden(threshold), NOT_SHOWN
    tables = tables_for(report, EXTERNAL, threshold)
    shown["tables"] = [{"key": t.key, "title": t.title, "columns": list(t.columns),
                        "rows": [{"kind": row.kind, "cells": list(row.cells)} for row in t.rows],
                        **({"note": t.note} if t.note else {})}
                       for t in tables if t.key != "costs"]
    if isinstance(found.get("costs"), dict):
        shown["costs"] = _outside_costs(found["costs"], next((t for t in tables if t.key == "costs"), None))
    return json.dumps(shown, ensure_ascii=False, indent=2).encode("utf-8")


def _outside_costs(costs: dict, table: Table | None) -> dict:
    """No list of trajectories or of volunteers' claims (they name cases and people); each group as the outside cost
    table shows it: a hidden count only its mark, a group without amounts there (one family's cost) none here."""
    from borapp.services.reports.tables_costs import COUNT_COLUMN, MONEY_COLUMNS, cost_rows

    def group(spread: dict, row) -> dict:
        if row is None:  # no table: nothing was closed
            return {"count": spread.get("count", 0)}
        count = row.cells[COUNT_COLUMN]
        if is_hidden(count) or all(row.cells[c] is None for c in MONEY_COLUMNS):
            return {"count": count}
        return spread

    rows = [row for row in table.rows if row.kind in ("row", "total")] if table is not None else []
    total, parts = (rows[0], rows[1:]) if rows else (None, [])
    shown = {"by_outcome": {}, "by_municipality": {}}
    for (section, key, spread), row in zip(cost_rows(costs), parts):
        shown[section][key] = group(spread, row)
    return {"year": costs.get("year"), "currency": costs.get("currency"),
            "closed": group(costs.get("closed", {}), total), **shown,
            "expenses_by_month": costs.get("expenses_by_month", {}),
            "expenses_total_cents": costs.get("expenses_total_cents")}
