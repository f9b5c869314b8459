"""The cost per closed trajectory as a table (services/reports/costs.py computes it): how many trajectories, and
the median, lowest and highest cost in euros, for all of them, by outcome and by municipality."""

from __future__ import annotations

from borapp.i18n import _, ngettext
from borapp.services.cases.status import outcome_label
from borapp.services.costs.amounts import money
from borapp.collation import sort_key
from borapp.services.reports.closings import NOT_RECORDED
from borapp.services.reports.labels import NO_MUNICIPALITY_KEY
from borapp.services.reports.selection import CaseSelection
from borapp.services.reports.tables import Euros, Row, Table

COUNT_COLUMN = 1
MONEY_COLUMNS = (2, 3, 4)


def costs_table(report) -> Table | None:
    costs = report.costs
    if not isinstance(costs, dict) or not costs.get("closed", {}).get("count"):
        return None
    if not _anything_recorded(costs["closed"]):
        return Table("costs", _("Cost per closed trajectory (euro)"), (), (), _(
            "No hours or expenses were recorded for the trajectories closed in {year}: what they cost is not known, "
            "so this table is left out (it would show each of them as costing nothing).").format(year=report.year))
    columns = ("", _("Trajectories"), _("Median cost"), _("Lowest"), _("Highest"))
    rows = [_row(_("All closed trajectories"), costs["closed"], kind="total")]
    for section, heading in (("by_outcome", _("By outcome")), ("by_municipality", _("By municipality"))):
        rows.append(Row((heading, None, None, None, None), kind="heading"))
        rows += [_row(_label(section, key), spread, _cases(report.year, section, key))
                 for found, key, spread in cost_rows(costs) if found == section]
    return Table("costs", _("Cost per closed trajectory (euro)"), columns, tuple(rows), footnote=rates_note(costs))


def rates_note(costs: dict) -> str:
    """The rates the costs were counted with: the settings keep no history of them, so a report made again after a
    rate changed counts its hours and on-call share at the new rate; said, so two versions can be told apart."""
    rates = costs.get("rates") or {}
    coordinators = rates.get("on_call_coordinators", 0)
    return ngettext("Counted with the rates set when this report was made: a coordinator's hour {hour}, the on-call "
                    "allowance {allowance} per month for {coordinators} coordinator; the volunteers' expenses at the "
                    "kilometre rate kept with each claim.",
                    "Counted with the rates set when this report was made: a coordinator's hour {hour}, the on-call "
                    "allowance {allowance} per month for each of {coordinators} coordinators; the volunteers' "
                    "expenses at the kilometre rate kept with each claim.", coordinators).format(
                 hour=money(rates.get("hourly_cost_cents", 0)), allowance=money(rates.get("on_call_allowance_cents", 0)),
                 coordinators=rates.get("on_call_coordinators", 0))


def _anything_recorded(closed: dict) -> bool:
    """Whether any hours or expenses were recorded on the closed trajectories: without, each would cost 0.00 (or
    only its share of the on-call allowance), which a municipality reads as free trajectories."""
    return bool(closed.get("minutes") or closed.get("expenses_cents"))


def cost_rows(costs: dict) -> list[tuple[str, str, dict]]:
    """(section, key, spread) of each group the table shows, in its order: by outcome, then by municipality."""
    outcomes = [("by_outcome", key, spread) for key, spread in costs.get("by_outcome", {}).items()
                if spread.get("count")]
    towns = [("by_municipality", name, spread) for name, spread in sorted(
        costs.get("by_municipality", {}).items(), key=lambda item: (item[0] in ("", NO_MUNICIPALITY_KEY),
                                                                    sort_key(item[0])))
             if spread.get("count")]  # the cases without a municipality last, as in the registrations
    return outcomes + towns


def _label(section: str, key: str) -> str:
    if section == "by_outcome":
        return outcome_label(key) or _(NOT_RECORDED)
    return _("No municipality") if key in ("", NO_MUNICIPALITY_KEY) else key


def _cases(year: int, section: str, key: str) -> CaseSelection | None:
    """The cases closed in the year with this outcome: the outcomes table counts them too (one count, hidden in
    both or in neither outside)."""
    return CaseSelection(year, state="closed_in_year", outcome=key) if section == "by_outcome" else None


def _row(label: str, spread: dict, cases: CaseSelection | None = None, kind: str = "row") -> Row:
    return Row((label, spread["count"], _euro(spread.get("median_cents")), _euro(spread.get("min_cents")),
                _euro(spread.get("max_cents"))), (None, cases), kind=kind)


def _euro(cents) -> Euros | None:
    return None if cents is None else Euros(round(cents / 100, 2))
