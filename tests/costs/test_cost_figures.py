"""The cost per closed trajectory and the expenses to reimburse, with answers worked out by hand."""

from __future__ import annotations

import datetime as dt
import statistics

from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from borapp.services import settings
from borapp.services.costs import expenses, hours
from borapp.services.costs.expenses import ExpenseInput
from borapp.services.costs.hours import HoursInput
from borapp.services.reports.costs import cost_figures, spread
from borapp.services.visits import records
from borapp.services.visits.records import VisitInput
from tests.costs.support import close_case, make_case, volunteer_id

Y = 2025


def _visit(workspace, case_id: int, on: dt.date, volunteer: str = "Vera Voorbeeld") -> int:
    return records.record_visit(workspace, VisitInput(case_id=case_id, on=on, state="held", start_time=dt.time(10),
                                                      end_time=dt.time(12),
                                                      volunteer_id=volunteer_id(workspace, volunteer)))


def _hours(workspace, case_id: int, on: dt.date, typed: str) -> None:
    hours.record_hours(workspace, HoursInput(case_id, on, "talk", typed, workspace.coordinator_id))


def _vault_of_known_costs(workspace) -> dict[str, int]:
    """Hourly cost € 60, € 0,25 a kilometre, € 300 on-call allowance for the one coordinator.

    Open per month: 2024-12 D (1) · 2025-01 A, C, D (3) · 2025-02 A, B, C (3) · 2025-03 B, C (2).
    On-call shares of € 300: A 1/3 + 1/3 = € 200 · B 1/3 + 1/2 = € 250 · D 1 + 1/3 = € 400.
    Hours: A 1:30 = € 90 · B 2:00 = € 120 · D 0:30 = € 30. Expenses: A 20 km × 0,25 + 3,50 = € 8,50.
    Totals: A € 298,50 · B € 370 · D € 430.
    """
    settings.write_settings(workspace, {"costs.hourly_cost_cents": "6000", "costs.kilometre_rate_cents": "25",
                                        "costs.on_call_allowance_cents": "30000"})
    a = make_case(workspace, "A", dt.date(2025, 1, 10), municipality="Den Helder")
    expenses.save_expense(workspace, _visit(workspace, a, dt.date(2025, 2, 3)), ExpenseInput("20", "3,50"))
    close_case(workspace, a, dt.date(2025, 2, 20), "successful")
    b = make_case(workspace, "B", dt.date(2025, 2, 1), closed_on=dt.date(2025, 3, 15), outcome="stagnated",
                  municipality="Schagen")
    c = make_case(workspace, "C", dt.date(2025, 1, 5), municipality="Schagen")  # still open
    d = make_case(workspace, "D", dt.date(2024, 12, 1), closed_on=dt.date(2025, 1, 31), outcome="stopped_at_intake")
    _hours(workspace, a, dt.date(2025, 1, 12), "1,5")
    _hours(workspace, b, dt.date(2025, 2, 3), "1:00")
    _hours(workspace, b, dt.date(2025, 3, 3), "60m")
    _hours(workspace, d, dt.date(2024, 12, 5), "0,5")
    _hours(workspace, c, dt.date(2025, 1, 6), "4")  # an open trajectory's hours count nowhere yet
    expenses.save_expense(workspace, _visit(workspace, c, dt.date(2025, 2, 17)), ExpenseInput("10"))
    expenses.save_expense(workspace, _visit(workspace, c, dt.date(2025, 3, 3), "Bas Bakker"),
                          ExpenseInput("", "12,00", "Treinkaartje"))
    return {"A": a, "B": b, "C": c, "D": d}


def test_cost_per_closed_trajectory_known_answer(workspace):
    _vault_of_known_costs(workspace)
    figures = cost_figures(workspace, Y)
    closed = figures["closed"]
    assert closed == {"count": 3, "median_cents": 37000, "min_cents": 29850, "q1_cents": 33425, "q3_cents": 40000,
                      "max_cents": 43000, "mean_cents": 36617, "total_cents": 109850, "minutes": 240,
                      "hours_cents": 24000, "expenses_cents": 850, "on_call_cents": 85000}
    assert closed["hours_cents"] + closed["expenses_cents"] + closed["on_call_cents"] == closed["total_cents"]
    assert [(t["ref"], t["on_call_cents"], t["total_cents"]) for t in figures["trajectories"]] == [
        ("D", 40000, 43000), ("A", 20000, 29850), ("B", 25000, 37000)]
    assert figures["by_outcome"]["successful"]["median_cents"] == 29850
    assert figures["by_outcome"]["stagnated"]["count"] == 1
    assert figures["by_outcome"]["stopped_at_intake"]["max_cents"] == 43000
    assert list(figures["by_municipality"]) == ["Den Helder", "Schagen", "(none)"]  # as the registrations key it
    assert figures["by_municipality"]["Schagen"]["total_cents"] == 37000  # C is still open
    assert figures["rates"] == {"hourly_cost_cents": 6000, "kilometre_rate_cents": 25,
                                "on_call_allowance_cents": 30000, "on_call_coordinators": 1,
                                "on_call_month_cents": 30000}


def test_expenses_to_reimburse_per_month_and_volunteer(workspace):
    _vault_of_known_costs(workspace)
    figures = cost_figures(workspace, Y)
    assert figures["expenses_to_reimburse"] == [
        {"month": "2025-02", "volunteer_id": volunteer_id(workspace), "volunteer": "Vera Voorbeeld", "visits": 2,
         "kilometres": 30, "kilometre_cents": 750, "other_cents": 350, "total_cents": 1100},
        {"month": "2025-03", "volunteer_id": volunteer_id(workspace, "Bas Bakker"), "volunteer": "Bas Bakker",
         "visits": 1, "kilometres": 0, "kilometre_cents": 0, "other_cents": 1200, "total_cents": 1200}]
    months = figures["expenses_by_month"]
    assert len(months) == 12 and months["2025-01"]["total_cents"] == 0
    assert months["2025-02"] == {"volunteers": 1, "visits": 2, "kilometres": 30, "kilometre_cents": 750,
                                 "other_cents": 350, "total_cents": 1100}
    assert figures["expenses_total_cents"] == 2300 == sum(m["total_cents"] for m in months.values())
    assert cost_figures(workspace, 2024)["expenses_total_cents"] == 0


def test_no_allowance_and_no_closings(workspace):
    figures = cost_figures(workspace, Y)
    assert figures["closed"]["count"] == 0 and figures["closed"]["median_cents"] is None
    assert figures["by_outcome"]["successful"] == spread([])
    assert figures["by_municipality"] == {} and figures["trajectories"] == []


def test_cost_figures_are_json(workspace):
    import json

    _vault_of_known_costs(workspace)
    with workspace.session() as session:
        assert json.loads(json.dumps(cost_figures(session, Y)))["closed"]["count"] == 3


@hsettings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=40))
def test_spread_orders_and_sums(values):
    found = spread(values)
    assert found["min_cents"] <= found["q1_cents"] <= found["median_cents"] <= found["q3_cents"] <= found["max_cents"]
    assert found["total_cents"] == sum(values) and found["count"] == len(values)
    assert abs(found["median_cents"] - statistics.median(values)) <= 0.5


def test_the_closed_trajectories_are_the_annual_reports_closings(workspace):
    """Closed and reopened in the year, closed in the year and reopened the next, closed the year before: the cost
    section counts the same cases per outcome as the annual report's closings."""
    from borapp.models import Case, StatusChange
    from borapp.services.reports.case_groups import case_groups
    from borapp.services.reports.closings import closings

    _vault_of_known_costs(workspace)
    again = make_case(workspace, "E", dt.date(2025, 2, 1), closed_on=dt.date(2025, 5, 1), outcome="stagnated")
    later = make_case(workspace, "F", dt.date(2025, 3, 1), closed_on=dt.date(2025, 11, 1), outcome="successful")
    make_case(workspace, "G", dt.date(2024, 3, 1), closed_on=dt.date(2024, 11, 1), outcome="successful")
    with workspace.session() as session:
        for case_id, on in ((again, dt.date(2025, 6, 1)), (later, dt.date(2026, 1, 10))):
            case = session.get(Case, case_id)
            case.history.append(StatusChange(on=on, from_status="closed", to_status="visits"))
            case.status, case.closed_on = "visits", None
    figures = cost_figures(workspace, Y)
    with workspace.session() as session:
        counted = closings(case_groups(session, Y), Y).by_outcome.as_dict()
    assert {o: figures["by_outcome"][o]["count"] for o in counted} == counted == \
        {"successful": 2, "stagnated": 1, "stopped_at_intake": 1}
