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
    """The cost groups exactly as the outside cost table shows them, and nothing else: no trajectories or claims
    (they name cases and people), no expenses by month (one family's visits, kilometres and euros in a municipality's
    report), no quartiles, means or sums the table does not print. A hidden count is only its mark; a group without
    amounts there (one family's cost) has none here."""
    from borapp.services.reports.tables_costs import COUNT_COLUMN, MONEY_COLUMNS, cost_rows

    def group(row) -> dict:
        shown = {"count": row.cells[COUNT_COLUMN]}
        if not is_hidden(shown["count"]) and any(row.cells[c] is not None for c in MONEY_COLUMNS):
            shown |= {key: _cents(row.cells[c]) for key, c in zip(MONEY_KEYS, MONEY_COLUMNS)}
        return shown

    shown: dict = {"year": costs.get("year"), "currency": costs.get("currency")}
    if table is None:  # nothing was closed
        return shown | {"closed": {"count": costs.get("closed", {}).get("count", 0)}}
    if table.note:  # nothing recorded: the table is left out, its line says why
        return shown | {"note": table.note}
    rows = [row for row in table.rows if row.kind in ("row", "total")]
    shown |= {"closed": group(rows[0]), "by_outcome": {}, "by_municipality": {}}
    for (section, key, _spread), row in zip(cost_rows(costs), rows[1:]):
        shown[section][key] = group(row)
    return shown


MONEY_KEYS = ("median_cents", "min_cents", "max_cents")  # the cost table's money columns, in their order


def _cents(euros) -> int | None:
    return None if euros is None else round(float(euros) * 100)
