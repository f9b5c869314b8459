"""The course of each demo case, planned before anything is written: its fate (closed with an outcome, or open in a
given status), its timeline in days after registration, and its registration date.

Closed cases follow the 2019 report's mix (24 successful : 11 stagnated : 16 stopped at intake) and are spread over
the years from 2017; open cases are spread over every status, the earliest statuses the most recently registered.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from borapp.services.demo.people import FIRST_YEAR

OUTCOME_MIX = {"successful": 24, "stagnated": 11, "stopped_at_intake": 16}
OPEN_MIX = {"registered": 2, "waiting": 3, "intake": 3, "contract": 2, "matching": 2, "visits": 8, "evaluation": 2,
            "closing": 2}
# Reason weights from the report, and from where a stop at intake happens.
STAGNATION_REASONS = {"resident_resistance": 5, "problems_too_heavy": 3, "non_resident_unstable": 3, "other": 1}
STOP_REASONS = {"contract_rejected": 4, "referred_too_early": 3, "wrong_expectations": 3, "parents_reconciled": 2,
                "no_volunteer_match": 2, "no_response": 2, "other": 1}
STOP_FROM = {"contract_rejected": "contract", "no_volunteer_match": "matching"}
YEAR_WEIGHTS = {2017: 30, 2018: 52, 2019: 54}
# The most cases open at once: the case load of a large team of coordinators (a BOR service has 30-100). A bigger
# demo is a longer or wider history, not a heavier day: 100,000 cases with a fifth open would be 20,000 open cases.
MOST_OPEN = 200


@dataclass
class Fate:
    status: str  # where the case stands at `today`: an open status, or "closed"
    outcome: str = ""
    reason: str = ""
    stop_from: str = ""  # for stopped_at_intake: intake, contract or matching
    waiting: bool = False


@dataclass
class Timeline:
    """Days after registration. Everything after `now` has not happened yet (planned visits) or is left out."""

    steps: list[tuple[str, int]] = field(default_factory=list)
    visits: list[int] = field(default_factory=list)
    intake: int | None = None
    contract: int | None = None
    matching: int | None = None
    evaluation: int | None = None
    gap: int = 14  # days between visits: weekly or fortnightly
    agreed: int = 0  # the visits the contract agrees (a stagnated trajectory holds fewer)
    now: int = 10**6

    def status_at(self, day: int) -> str:
        status = "registered"
        for to, on in self.steps:
            if on <= day:
                status = to
        return status

    def segments(self, status: str) -> list[tuple[int, int]]:
        """(first day, last day) spans during which the case is in `status`."""
        bounds = [("registered", 0)] + self.steps
        spans = []
        for (frm, start), (_to, end) in zip(bounds, bounds[1:]):
            if frm == status and end > start:
                spans.append((start, end - 1))
        return spans

    def done(self, day: int | None) -> bool:
        """Has a dated event (a step, a signature, a letter) happened by `now`? Visits use `day < now`."""
        return day is not None and day <= self.now


def allocate(total: int, weights: dict[str, int], minimum: int = 0) -> dict[str, int]:
    """Split `total` over the keys in proportion to `weights` (largest remainder); each gets at least `minimum`
    when there is enough for all."""
    floor = minimum if total >= minimum * len(weights) else 0
    rest = total - floor * len(weights)
    whole = sum(weights.values())
    shares = {k: rest * w / whole for k, w in weights.items()}
    counts = {k: floor + int(s) for k, s in shares.items()}
    by_remainder = sorted(weights, key=lambda k: (shares[k] - int(shares[k]), weights[k]), reverse=True)
    for k in by_remainder[: total - sum(counts.values())]:
        counts[k] += 1
    return counts


def fates(total: int, rng: random.Random) -> list[Fate]:
    """Every case's fate, shuffled: about a fifth open (at least two in each status when there are enough cases,
    at most MOST_OPEN), the rest closed."""
    n_open = min(round(total * 0.6), max(2 * len(OPEN_MIX), round(total * 0.2)), MOST_OPEN)
    result = [Fate(status) for status, n in allocate(n_open, OPEN_MIX, 2).items() for _ in range(n)]
    for fate in result:
        fate.waiting = fate.status == "waiting" or (fate.status != "registered" and rng.random() < 0.2)
    for outcome, n in allocate(total - n_open, OUTCOME_MIX).items():
        for _ in range(n):
            result.append(_closed_fate(outcome, rng))
    rng.shuffle(result)
    return result


def _closed_fate(outcome: str, rng: random.Random) -> Fate:
    fate = Fate("closed", outcome, waiting=rng.random() < 0.2)
    if outcome == "stagnated":
        fate.reason = _weighted(rng, STAGNATION_REASONS)
    elif outcome == "stopped_at_intake":
        fate.reason = _weighted(rng, STOP_REASONS)
        fate.stop_from = STOP_FROM.get(fate.reason) or ("contract" if rng.random() < 0.25 else "intake")
    return fate


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def build_timeline(fate: Fate, rng: random.Random) -> Timeline:
    """The whole course of a case in days after registration (an open case's future included; cut later)."""
    t = Timeline()
    day = 0
    if fate.waiting:
        day = rng.randint(0, 4)
        t.steps.append(("waiting", day))
        day += rng.randint(14, 70)
    else:
        day = rng.randint(2, 27) if rng.random() < 0.85 else rng.randint(28, 45)
    t.intake = _step(t, "intake", day)
    if fate.stop_from == "intake":
        return _close(t, fate, day + rng.randint(7, 42))
    t.contract = _step(t, "contract", day := day + rng.randint(7, 25))
    if fate.stop_from == "contract":
        return _close(t, fate, day + rng.randint(10, 35))
    t.matching = _step(t, "matching", day := day + rng.randint(5, 21))
    if fate.stop_from == "matching":
        return _close(t, fate, day + rng.randint(21, 70))
    _plan_visits(t, fate, rng, day + rng.randint(7, 28))
    closing = t.visits[-1] + rng.randint(2, 14)
    t.steps.append(("closing", closing))
    return _close(t, fate, closing + rng.randint(7, 28))


def _step(t: Timeline, status: str, day: int) -> int:
    t.steps.append((status, day))
    return day


def _plan_visits(t: Timeline, fate: Fate, rng: random.Random, first: int) -> None:
    """6 to 12 visits a week or a fortnight apart (a holiday week now and then), a midway evaluation at half."""
    total = t.agreed = rng.randint(6, 12)
    t.gap = gap = rng.choice((7, 14, 14))
    days, day = [], first
    for _ in range(total):
        days.append(day)
        day += gap + (7 if rng.random() < 0.08 else 0)
    half = (total + 1) // 2
    if fate.outcome == "stagnated":
        days = days[: rng.randint(3, total - 1)]
    t.steps.append(("visits", days[0]))
    if len(days) > half:
        t.evaluation = days[half - 1] + rng.randint(1, 4)
        resume = t.evaluation + rng.randint(1, 3)
        shift = max(0, resume - days[half])
        shift = -(-shift // 7) * 7  # whole weeks, so the weekday stays the agreed one
        days[half:] = [d + shift for d in days[half:]]
        t.steps += [("evaluation", t.evaluation), ("visits", resume)]
    t.visits = days


def _close(t: Timeline, fate: Fate, day: int) -> Timeline:
    t.steps.append(("closed", day))
    return t


def place_in_time(fate: Fate, t: Timeline, rng: random.Random, today: dt.date, visit_this_week: bool) -> dt.date:
    """Choose the registration date: a closed case somewhere since 2017, an open one so `today` falls in its status."""
    if fate.status == "closed":
        return _registration_for_closed(t.steps[-1][1], rng, today)
    spans = t.segments(fate.status)
    now = None
    if visit_this_week and fate.status == "visits":
        now = _now_before_a_visit(t, rng, 6 - today.weekday())
    if now is None:
        start, end = rng.choices(spans, weights=[e - s + 1 for s, e in spans])[0]
        now = rng.randint(start, end)
    t.now = now
    return today - dt.timedelta(days=now)


def _now_before_a_visit(t: Timeline, rng: random.Random, days_left: int) -> int | None:
    """A `now` at most `days_left` days before a visit, in the visits status: a visit planned this week."""
    options = [v - d for i, v in enumerate(t.visits[1:], 1) for d in range(days_left + 1)
               if v - d > t.visits[i - 1] and t.status_at(v - d) == "visits"]
    return rng.choice(options) if options else None


def _registration_for_closed(length: int, rng: random.Random, today: dt.date) -> dt.date:
    latest = today - dt.timedelta(days=length + rng.randint(0, 10))
    start = dt.date(FIRST_YEAR, 1, 2)
    if latest <= start:
        return start
    years = list(range(FIRST_YEAR, latest.year + 1))
    weights = []
    for year in years:
        first, last = dt.date(year, 1, 1), min(dt.date(year, 12, 31), latest)
        weights.append(YEAR_WEIGHTS.get(year, 54 + 2 * (year - 2019)) * ((last - first).days + 1) / 365)
    year = rng.choices(years, weights=weights)[0]
    first, last = max(dt.date(year, 1, 2), start), min(dt.date(year, 12, 31), latest)
    return first + dt.timedelta(days=rng.randint(0, max(0, (last - first).days)))
