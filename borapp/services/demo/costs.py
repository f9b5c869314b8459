"""A demo case's costs: the coordinator's hours at each step the case has taken, and the volunteer's claims for the
visits held, with the organisation's rates, so the Uren tab and the annual report's cost section show what real
work looks like (until December 2026 every demo trajectory cost € 0). A visit a parent did not come to is claimed as
well: the volunteer came.

Each case draws from a random generator of its own (seeded with its number), so the rest of the demo is what it
was without them.
"""

from __future__ import annotations

import datetime as dt
import random

from borapp.models import Case, CaseHours, VisitExpense
from borapp.services.demo.rows import Rows, stamp

# The rates: € 62,50 a coordinator's hour, € 150 on-call allowance a month
RATES = {"costs.hourly_cost_cents": "6250", "costs.on_call_allowance_cents": "15000"}
KILOMETRE_RATE_CENTS = 23  # the setting's default
PARKING_CENTS = 250


def case_rng(case: Case) -> random.Random:
    return random.Random(f"demo costs {case.ref}")


def write_hours(rows: Rows, case: Case, plan, coordinator_id: int) -> None:
    """The hours of every step the case has taken: the referral talked through, the intake with its home visits, the
    contract, the midway evaluation and the closing."""
    rng, t = case_rng(case), plan.timeline

    def add(day: int, kind: str, low: int, high: int, note: str) -> None:
        on = plan.registered_on + dt.timedelta(days=day)
        rows.add(CaseHours, case_id=case.id, on=on, coordinator_id=coordinator_id, kind=kind,
                 minutes=rng.randrange(low, high + 1, 15), note=note, created_at=stamp(on, 17),
                 updated_at=stamp(on, 17))

    add(0, "talk", 15, 45, "Aanmelding besproken met de verwijzer")
    if t.done(t.intake):
        add(t.intake, "intake", 90, 180, "Kennismakingsgesprekken met beide ouders")
        add(t.intake, "travel", 30, 90, "Huisbezoeken bij beide ouders")
    if t.done(t.contract):
        add(t.contract, "talk", 45, 90, "BOR-overeenkomst opgesteld en doorgenomen")
    if t.evaluation is not None and t.done(t.evaluation):
        add(t.evaluation, "evaluation", 60, 105, "Tussenevaluatie voorbereid, gehouden en verslagen")
        add(t.evaluation, "travel", 15, 45, "Naar de locatie van de tussenevaluatie")
    closing = next((day for to, day in t.steps if to == "closing"), None)
    if t.done(closing):
        add(closing, "closing", 60, 150, "Eindgesprek en eindverslag")


class ExpenseWriter:
    """The volunteer's claims for one case's visits held (and those a parent did not come to: the volunteer did):
    the same distance each time, most visits claimed."""

    def __init__(self, rows: Rows, case: Case):
        self.rows, self.rng = rows, case_rng(case)
        self.kilometres = self.rng.randint(6, 45)  # there and back

    def held(self, visit_id: int, on: dt.date) -> None:
        rng = self.rng
        if rng.random() < 0.2:  # not every volunteer claims every visit
            return
        parking = rng.random() < 0.15
        self.rows.add(VisitExpense, visit_id=visit_id, kilometres=self.kilometres, rate_cents=KILOMETRE_RATE_CENTS,
                      other_cents=PARKING_CENTS if parking else 0, note="Parkeren" if parking else "",
                      created_at=stamp(on, 19), updated_at=stamp(on, 19))
