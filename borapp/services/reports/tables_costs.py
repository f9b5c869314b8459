"""The cost per closed trajectory as a table (services/reports/costs.py computes it): how many trajectories, and
the median, lowest and highest cost in euros, for all of them, by outcome and by municipality."""

from __future__ import annotations

from borapp.i18n import _
from borapp.services.cases.status import outcome_label
from borapp.services.reports.closings import NOT_RECORDED
from borapp.services.reports.tables import Euros, Row, Table

COUNT_COLUMN = 1
MONEY_COLUMNS = (2, 3, 4)


def costs_table(report) -> Table | None:
    costs = report.costs
    if not isinstance(costs, dict) or not costs.get("closed", {}).get("count"):
        return None
    columns = ("", _("Trajectories"), _("Median cost"), _("Lowest"), _("Highest"))
    rows = [_row(_("All closed trajectories"), costs["closed"], "total")]
    rows.append(Row((_("By outcome"), None, None, None, None), kind="heading"))
    rows += [_row(outcome_label(key) or _(NOT_RECORDED), spread) for key, spread in costs.get("by_outcome", {}).items()
             if spread.get("count")]
    rows.append(Row((_("By municipality"), None, None, None, None), kind="heading"))
    rows += [_row(name or _("No municipality"), spread) for name, spread in sorted(costs.get("by_municipality",
                                                                                             {}).items())
             if spread.get("count")]
    return Table("costs", _("Cost per closed trajectory (euro)"), columns, tuple(rows))


def _row(label: str, spread: dict, kind: str = "row") -> Row:
    return Row((label, spread["count"], _euro(spread.get("median_cents")), _euro(spread.get("min_cents")),
                _euro(spread.get("max_cents"))), kind=kind)


def _euro(cents) -> Euros | None:
    return None if cents is None else Euros(round(cents / 100, 2))
