"""What a closed trajectory cost, and the volunteers' expenses to reimburse per month: the annual report's cost
section, computed with SQL aggregates from the hours and expenses recorded (`borapp.services.costs`).

## The rule

A trajectory closed in year Y is a case whose state on 31 December of Y is closed by a closing dated in Y (as the
rest of the annual report counts it, `periods.state_at`). Its cost is its whole cost, whatever years it ran in:

- **hours**: all the coordinator's minutes recorded on the case × the hourly cost (setting `costs.hourly_cost_cents`)
  ÷ 60;
- **expenses**: all its visits' expenses: kilometres × the rate kept with each claim + other costs (a visit moved back
  to planned has no claim: one left on it is neither counted nor paid);
- **on-call share**: each month the organisation pays the on-call allowance (setting `costs.on_call_allowance_cents`)
  to each active coordinator; that month's sum is shared equally by the trajectories open in that month (registered
  on or before its last day, not closed before its first day; as the records stand today). A trajectory gets its
  share of every month from its registration month up to and including its closing month. A month without an open
  trajectory passes nothing on. (The settings keep no history: today's allowance and today's active coordinators
  count for every month.)

Each part of a trajectory's cost is rounded half up to whole cents, and its total is the sum of those rounded parts,
so that every shown total is the sum of the parts shown beside it (the parts summed unrounded missed the total by 1
to 3 cents a year in the JSON).

The spread of a group of trajectories: `count`, `median_cents`, `min_cents`, `q1_cents`, `q3_cents` (the quartiles
by the inclusive method, Python's `statistics.quantiles(method="inclusive")`; with one trajectory both are its cost),
`max_cents`, `mean_cents` and `total_cents`; with no trajectories every amount is None and the count 0.

Expenses to reimburse in year Y: per month of the visit's date and per volunteer who supervised it, the visits
claimed, the kilometres, the kilometre amount (each claim at its own rate), the other costs and the total.

## `cost_figures(workspace_or_session, year, municipality=None) -> dict` (JSON-able; money in whole euro cents)

With a `municipality` (a name), for that municipality's report: its trajectories only (each costing what it costs in
the organisation's report: the on-call shares are shared over all open trajectories) and the expenses of the visits
of its cases.

```
{"year": Y, "currency": "EUR",
 "rates": {"hourly_cost_cents", "kilometre_rate_cents", "on_call_allowance_cents", "on_call_coordinators",
           "on_call_month_cents"},
 "closed": {<spread>, "minutes", "hours_cents", "expenses_cents", "on_call_cents"},
 "by_outcome": {"successful": <spread>, "stagnated": <spread>, "stopped_at_intake": <spread>, "": <spread>},
                                          # "": the closed trajectories with no outcome recorded, if any
 "by_municipality": {name: <spread>},     # "(none)" (labels.NO_MUNICIPALITY_KEY, as the registrations and the
                                          # invoicing are keyed) for trajectories with no municipality recorded
 "trajectories": [{"case_id", "ref", "outcome", "municipality", "registered_on", "closed_on", "minutes",
                   "hours_cents", "expenses_cents", "on_call_cents", "total_cents"}],   # by closing date
 "expenses_by_month": {"YYYY-MM": {"volunteers", "visits", "kilometres", "kilometre_cents", "other_cents",
                                   "total_cents"}},   # all twelve months of Y
 "expenses_to_reimburse": [{"month": "YYYY-MM", "volunteer_id", "volunteer", "visits", "kilometres",
                            "kilometre_cents", "other_cents", "total_cents"}],   # by month, then name
 "expenses_total_cents": n}
```
For a report outside the organisation: `trajectories` names cases and a group's spread with a small count is one
family's cost; leave out the list and the groups whose count is under the small-cell threshold
(`privacy.small_cell_threshold`), as the rest of the report does with its counts.

Every total is the sum of its parts: `closed.total_cents` = hours + expenses + on-call, exactly, and = the sum of the trajectories' totals; `expenses_total_cents` = the sum of the months = the sum of
the rows to reimburse.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Subquery, func, select
from sqlalchemy.orm import Session

from borapp.collation import sort_key
from borapp.models import Case, CaseHours, Coordinator, Municipality, StatusChange, Visit, VisitExpense, Volunteer
from borapp.services.cases.status import OUTCOMES
from borapp.services.costs.rates import Rates, rates_in_session
from borapp.services.reports.erased import Erased, erased_cases
from borapp.services.reports.labels import NO_MUNICIPALITY_KEY
from borapp.services.reports.periods import check_year, first_day, last_day

__all__ = ["Reimbursement", "Trajectory", "closed_trajectories", "cost_figures", "reimbursements", "spread"]


@dataclass(frozen=True)
class Trajectory:
    case_id: int | None  # None (and ref ""): an erased case, counted from its anonymous row (reports/erased.py)
    ref: str
    outcome: str
    municipality: str
    registered_on: dt.date
    closed_on: dt.date
    minutes: int
    hours_cents: int
    expenses_cents: int
    on_call_cents: int
    total_cents: int  # the three rounded parts added up

    def as_dict(self) -> dict:
        erased = self.case_id is None  # only the months are kept of an erased case
        return {"case_id": self.case_id, "ref": self.ref, "outcome": self.outcome, "municipality": self.municipality,
                "registered_on": self.registered_on.isoformat()[:7 if erased else 10],
                "closed_on": self.closed_on.isoformat()[:7 if erased else 10],
                "minutes": self.minutes, "hours_cents": self.hours_cents,
                "expenses_cents": self.expenses_cents, "on_call_cents": self.on_call_cents,
                "total_cents": self.total_cents}


@dataclass(frozen=True)
class Reimbursement:
    """What one volunteer is owed for one month."""

    month: str  # "YYYY-MM"
    volunteer_id: int | None
    volunteer: str
    visits: int
    kilometres: int
    kilometre_cents: int
    other_cents: int

    @property
    def total_cents(self) -> int:
        return self.kilometre_cents + self.other_cents

    def as_dict(self) -> dict:
        return {"month": self.month, "volunteer_id": self.volunteer_id, "volunteer": self.volunteer,
                "visits": self.visits, "kilometres": self.kilometres, "kilometre_cents": self.kilometre_cents,
                "other_cents": self.other_cents, "total_cents": self.total_cents}


def _round(value: float) -> int:
    """Half up, to whole cents (the amounts are never negative)."""
    return math.floor(value + 0.5)


@contextmanager
def _session(source):
    if isinstance(source, Session):
        yield source
    else:
        with source.session() as session:
            yield session


# ---- the figures -----------------------------------------------------------------------------------------------


def cost_figures(workspace_or_session, year: int, municipality: str | None = None) -> dict:
    """The cost section of the annual report for `year` (see the module's docstring for the keys)."""
    year = check_year(year)
    with _session(workspace_or_session) as session:
        rates = rates_in_session(session)
        coordinators = _on_call_coordinators(session)
        trajectories = closed_trajectories(session, year, rates, coordinators)
        if municipality is not None:
            trajectories = [t for t in trajectories if t.municipality == municipality]
        rows = reimbursements(session, year, municipality)
    closed = spread(t.total_cents for t in trajectories) | {
        "minutes": sum(t.minutes for t in trajectories),
        "hours_cents": sum(t.hours_cents for t in trajectories),
        "expenses_cents": sum(t.expenses_cents for t in trajectories),
        "on_call_cents": sum(t.on_call_cents for t in trajectories),
    }
    municipalities = sorted({t.municipality for t in trajectories}, key=lambda name: (name == "", sort_key(name)))
    return {
        "year": year, "currency": "EUR",
        "rates": {"hourly_cost_cents": rates.hourly_cost_cents, "kilometre_rate_cents": rates.kilometre_rate_cents,
                  "on_call_allowance_cents": rates.on_call_allowance_cents, "on_call_coordinators": coordinators,
                  "on_call_month_cents": rates.on_call_allowance_cents * coordinators},
        "closed": closed,
        "by_outcome": _by_outcome(trajectories),
        "by_municipality": {m or NO_MUNICIPALITY_KEY: spread(t.total_cents for t in trajectories if t.municipality == m)
                            for m in municipalities},
        "trajectories": [t.as_dict() for t in trajectories],
        "expenses_by_month": _by_month(rows, year),
        "expenses_to_reimburse": [r.as_dict() for r in rows],
        "expenses_total_cents": sum(r.total_cents for r in rows),
    }


def spread(values: Iterable[int]) -> dict:
    """Count, median, minimum, quartiles, maximum, mean and total of amounts in cents (None when there are none)."""
    values = sorted(values)
    if not values:
        return {"count": 0, "median_cents": None, "min_cents": None, "q1_cents": None, "q3_cents": None,
                "max_cents": None, "mean_cents": None, "total_cents": 0}
    q1, q3 = (statistics.quantiles(values, n=4, method="inclusive")[::2] if len(values) > 1
              else (values[0], values[0]))
    return {"count": len(values), "median_cents": _round(statistics.median(values)),
            "min_cents": values[0], "q1_cents": _round(q1), "q3_cents": _round(q3),
            "max_cents": values[-1], "mean_cents": _round(sum(values) / len(values)),
            "total_cents": sum(values)}


def _on_call_coordinators(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Coordinator).where(Coordinator.active.is_(True))) or 0


# ---- closed trajectories ---------------------------------------------------------------------------------------


def closed_trajectories(session: Session, year: int, rates: Rates | None = None,
                        coordinators: int | None = None) -> list[Trajectory]:
    """Every trajectory closed in `year` with its cost parts, by closing date: one grouped query (two more for the
    on-call shares)."""
    rates = rates or rates_in_session(session)
    coordinators = _on_call_coordinators(session) if coordinators is None else coordinators
    state = _closed_in(year)
    minutes = (select(CaseHours.case_id, func.sum(CaseHours.minutes).label("minutes"))
               .where(CaseHours.case_id.in_(_closings(year))).group_by(CaseHours.case_id).subquery("minutes"))
    expenses = (select(Visit.case_id, func.sum(VisitExpense.kilometres * VisitExpense.rate_cents
                                               + VisitExpense.other_cents).label("cents"))
                .join(Visit, Visit.id == VisitExpense.visit_id)
                .where(Visit.case_id.in_(_closings(year)), Visit.state != "planned")
                .group_by(Visit.case_id).subquery("expenses"))
    query = (select(Case.id, Case.ref, func.coalesce(state.c.outcome, ""), func.coalesce(Municipality.name, ""),
                    Case.registered_on, state.c.since, func.coalesce(minutes.c.minutes, 0),
                    func.coalesce(expenses.c.cents, 0))
             .join(state, state.c.case_id == Case.id)
             .outerjoin(Municipality, Municipality.id == Case.municipality_id)
             .outerjoin(minutes, minutes.c.case_id == Case.id)
             .outerjoin(expenses, expenses.c.case_id == Case.id)
             .where(state.c.status == "closed", state.c.since >= first_day(year), Case.registered_on <= last_day(year))
             .order_by(state.c.since, Case.ref))
    rows = session.execute(query).all()
    erased = erased_cases(session)
    rows += _erased_rows(session, erased, year)
    month_pool = rates.on_call_allowance_cents * coordinators
    shares = _on_call_shares(session, year, erased) if month_pool and rows else {}
    found = []
    for case_id, ref, outcome, municipality, registered, closed, mins, cents in rows:
        hours_cents = _round(int(mins) * rates.hourly_cost_cents / 60)
        on_call = _round(month_pool * _share(shares, registered, closed))
        found.append(Trajectory(case_id, ref, outcome, municipality, registered, closed, int(mins), hours_cents,
                                int(cents), on_call, hours_cents + int(cents) + on_call))
    return sorted(found, key=lambda t: (t.closed_on, t.ref))  # an erased one first in its month


def _erased_rows(session: Session, erased: list[Erased], year: int) -> list[tuple]:
    """The erased cases closed in `year`, as the query's rows (their days are the first of their months)."""
    names = dict(session.execute(select(Municipality.id, Municipality.name)).all())
    rows = []
    for gone in erased:
        state = gone.state(year)
        if state is not None and state[1]:
            rows.append((None, "", state[2], names.get(gone.municipality_id, ""), gone.registered_on,
                         dt.date(year, state[4], 1), gone.minutes, gone.expenses_cents))
    return rows


def _closings(year: int):
    """The cases with a closing dated in `year` (SQL)."""
    return select(StatusChange.case_id).where(StatusChange.to_status == "closed", StatusChange.on >= first_day(year),
                                              StatusChange.on <= last_day(year))


def _closed_in(year: int) -> Subquery:
    """Per case with a closing dated in `year`: its state on 31 December (status, since, outcome), ranked as
    `periods.state_at` ranks it (latest date, then latest recorded), over those cases' history only."""
    ranked = select(
        StatusChange.case_id, StatusChange.to_status.label("status"), StatusChange.on.label("since"),
        StatusChange.outcome,
        func.row_number().over(partition_by=StatusChange.case_id,
                               order_by=(StatusChange.on.desc(), StatusChange.id.desc())).label("rank"),
    ).where(StatusChange.on <= last_day(year), StatusChange.case_id.in_(_closings(year))).subquery("ranked")
    return (select(ranked.c.case_id, ranked.c.status, ranked.c.since, ranked.c.outcome)
            .where(ranked.c.rank == 1).subquery("state"))


def _on_call_shares(session: Session, year: int, erased: list[Erased] = ()) -> dict[str, float]:
    """{"YYYY-MM": the sum of 1 / (trajectories open) over every month up to and including this one}, to December
    of `year`. Open in a month: registered in it or before, not closed before it; counted from two grouped queries
    (registrations and closings per month) and running sums, so the cost does not grow with cases × months."""
    month_of = func.strftime("%Y-%m", Case.registered_on)
    registered = dict(session.execute(select(month_of, func.count()).where(Case.registered_on <= last_day(year))
                                      .group_by(month_of)).all())
    closed_month = func.strftime("%Y-%m", Case.closed_on)
    closed = dict(session.execute(select(closed_month, func.count())
                                  .where(Case.closed_on.is_not(None), Case.closed_on <= last_day(year))
                                  .group_by(closed_month)).all())
    for gone in erased:  # open in the months they were, as the cases were
        if gone.registered_year <= year:
            month = f"{gone.registered_year:04d}-{gone.registered_month:02d}"
            registered[month] = registered.get(month, 0) + 1
        if gone.closed_month and gone.closed_month <= f"{year:04d}-12":
            closed[gone.closed_month] = closed.get(gone.closed_month, 0) + 1
    if not registered:
        return {}
    first = min(registered)
    cumulative, total, open_now = {}, 0.0, 0
    for month in _months(dt.date(int(first[:4]), int(first[5:]), 1), dt.date(year, 12, 1)):
        open_now += registered.get(month, 0)  # closings of the month before are taken off below, after its share
        if open_now > 0:
            total += 1 / open_now
        cumulative[month] = total
        open_now -= closed.get(month, 0)
    return cumulative


def _share(cumulative: dict[str, float], first: dt.date, last: dt.date) -> float:
    """Sum of the monthly shares from the month of `first` to the month of `last`, both included."""
    if not cumulative:
        return 0.0
    before = f"{first.year - (first.month == 1):04d}-{(first.month - 2) % 12 + 1:02d}"
    return cumulative.get(f"{last.year:04d}-{last.month:02d}", 0.0) - cumulative.get(before, 0.0)


def _months(first: dt.date, last: dt.date) -> Iterable[str]:
    """"YYYY-MM" for every month from `first` to `last`, both included."""
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield f"{year:04d}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


# ---- expenses to reimburse -------------------------------------------------------------------------------------


def reimbursements(session: Session, year: int, municipality: str | None = None) -> list[Reimbursement]:
    """Per month of `year` and per volunteer: the visits claimed, kilometres and amounts (one grouped query); with a
    `municipality`, of the visits of its cases only."""
    month = func.strftime("%Y-%m", Visit.on)
    query = (select(month, Visit.volunteer_id, func.coalesce(Volunteer.name, ""), func.count(VisitExpense.id),
                    func.sum(VisitExpense.kilometres), func.sum(VisitExpense.kilometres * VisitExpense.rate_cents),
                    func.sum(VisitExpense.other_cents))
             .select_from(VisitExpense).join(Visit, Visit.id == VisitExpense.visit_id)
             .outerjoin(Volunteer, Volunteer.id == Visit.volunteer_id)
             .where(Visit.on >= first_day(year), Visit.on <= last_day(year), Visit.state != "planned")
             .group_by(month, Visit.volunteer_id, Volunteer.name)
             .order_by(month, func.coalesce(Volunteer.name, "")))
    if municipality is not None:
        its_cases = (select(Case.id).join(Municipality, Municipality.id == Case.municipality_id)
                     .where(Municipality.name == municipality))
        query = query.where(Visit.case_id.in_(its_cases))
    rows = [[m, vid, name, int(n), int(km or 0), int(km_cents or 0), int(other or 0)]
            for m, vid, name, n, km, km_cents, other in session.execute(query)]
    rows = _with_erased_claims(session, rows, year, municipality)
    return [Reimbursement(*row) for row in rows if row[5] + row[6] or row[4]]


def _with_erased_claims(session: Session, rows: list[list], year: int, municipality: str | None) -> list[list]:
    """`rows` with the claims of the erased cases' visits added in (the volunteers are owed them all the same)."""
    only = None
    if municipality is not None:
        only = session.scalar(select(Municipality.id).where(Municipality.name == municipality))
        if only is None:
            return rows
    claims = [c for gone in erased_cases(session, only) for c in gone.claims if c[0].startswith(f"{year:04d}-")]
    if not claims:
        return rows
    at = {(row[0], row[1]): row for row in rows}
    names = dict(session.execute(select(Volunteer.id, Volunteer.name)).all())
    for month, volunteer_id, *numbers in claims:
        row = at.get((month, volunteer_id))
        if row is None:
            row = at[(month, volunteer_id)] = [month, volunteer_id, names.get(volunteer_id, ""), 0, 0, 0, 0]
            rows.append(row)
        for index, n in enumerate(numbers, start=3):
            row[index] += n
    return sorted(rows, key=lambda row: (row[0], row[2]))


def _by_month(rows: list[Reimbursement], year: int) -> dict[str, dict]:
    months = {f"{year:04d}-{m:02d}": {"volunteers": 0, "visits": 0, "kilometres": 0, "kilometre_cents": 0,
                                      "other_cents": 0, "total_cents": 0} for m in range(1, 13)}
    for row in rows:
        entry = months[row.month]
        entry["volunteers"] += 1
        for key in ("visits", "kilometres", "kilometre_cents", "other_cents", "total_cents"):
            entry[key] += getattr(row, key)
    return months


def _by_outcome(trajectories) -> dict:
    """Per outcome, then one group for the others (none recorded, as an import may leave it): the groups add up to
    all closed trajectories (4 closed, 1 + 1 + 1 by outcome, before)."""
    groups = {o: spread(t.total_cents for t in trajectories if t.outcome == o) for o in OUTCOMES}
    others = [t.total_cents for t in trajectories if t.outcome not in OUTCOMES]
    if others:
        groups[""] = spread(others)
    return groups
