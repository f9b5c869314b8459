"""Who a report is for. Inside the organisation it shows every count; for outside (the municipality, a funder) a
count under the threshold (setting privacy.small_cell_threshold) that could point to one family is shown as "<5",
with secondary suppression so that no hidden cell follows from a total, a row or another table
(services/reports/outside_tables.py). Totals and the organisation's own figures stay; in the invoicing table the
purchased trajectories are the municipality's own figure, and what remains of them is hidden with the used ones it
would give away. The outside PDF leaves the charts out: a bar's length would give the hidden number away."""

from __future__ import annotations

import json
from dataclasses import replace

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
    return tables if check_audience(audience) == INTERNAL else outside_tables(tables, threshold)


def external_json(report, data: bytes, threshold: int) -> bytes:
    """The outside JSON holds the outside tables, as the PDF, CSV and XLSX show them (one way of hiding, checked
    once: the inside JSON's nested counts gave a hidden cell back from a total beside it), and the cost groups."""
    found = json.loads(data.decode("utf-8"))
    shown = {key: found[key] for key in ("year", "organisation", "made_on") if key in found}
    shown["audience"], shown["small_cells"], shown["not_shown"] = EXTERNAL, hidden(threshold), NOT_SHOWN
    tables = tables_for(report, EXTERNAL, threshold)
    shown["tables"] = [{"key": t.key, "title": t.title, "columns": list(t.columns),
                        "rows": [{"kind": row.kind, "cells": list(row.cells)} for row in t.rows]}
                       for t in tables if t.key != "costs"]
    if isinstance(found.get("costs"), dict):
        shown["costs"] = _outside_costs(found["costs"], next((t for t in tables if t.key == "costs"), None),
                                        threshold)
    return json.dumps(shown, ensure_ascii=False, indent=2).encode("utf-8")


def _outside_costs(costs: dict, table: Table | None, threshold: int) -> dict:
    """No list of trajectories or of volunteers' claims (they name cases and people); a group whose count the
    outside cost table hides shows only that mark, and a group of fewer trajectories than the threshold no amounts
    (they would be one family's cost)."""
    from borapp.services.reports.tables_costs import COUNT_COLUMN, cost_rows

    def group(spread: dict, shown) -> dict:
        if is_hidden(shown):
            return {"count": shown}
        return {"count": spread.get("count")} if 0 < (spread.get("count") or 0) < threshold else spread

    shown = {"by_outcome": {}, "by_municipality": {}}
    rows = [row for row in table.rows if row.kind == "row"] if table is not None else []
    for (section, key, spread), row in zip(cost_rows(costs), rows):
        shown[section][key] = group(spread, row.cells[COUNT_COLUMN])
    return {"year": costs.get("year"), "currency": costs.get("currency"),
            "closed": group(costs.get("closed", {}), None), **shown,
            "expenses_by_month": costs.get("expenses_by_month", {}),
            "expenses_total_cents": costs.get("expenses_total_cents")}
