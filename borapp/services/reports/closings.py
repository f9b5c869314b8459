"""Cases closed in a year: the total, by registration year, by outcome with the reasons counted under each."""

from __future__ import annotations

from dataclasses import dataclass

from borapp.i18n import N_, _
from borapp.services.cases.status import OUTCOMES, REASONS, outcome_label, reason_label
from borapp.services.reports.case_groups import CaseGroup, tally
from borapp.services.reports.figures import Figure, figure
from borapp.services.reports.selection import CaseSelection

NOT_RECORDED = N_("Not recorded")


@dataclass(frozen=True)
class Closings:
    year: int
    by_outcome: Figure  # the total; parts per outcome, each with its reasons as parts
    by_registration_year: Figure


def closings(groups: list[CaseGroup], year: int) -> Closings:
    """`groups` as `case_groups(session, year)` gives them."""
    closed = [g for g in groups if g.closed_in_year]
    base = CaseSelection(year, state="closed_in_year")
    return Closings(year, _by_outcome(closed, year, base), _by_registration_year(closed, year, base))


def _by_outcome(closed: list[CaseGroup], year: int, base: CaseSelection) -> Figure:
    counts = tally(closed, lambda g: (g.outcome, g.reason))
    outcomes = list(OUTCOMES) + sorted({o for o, _r in counts if o not in OUTCOMES})
    parts = [_outcome(o, counts, year) for o in outcomes]
    return figure("closed", _("Closed in {year}").format(year=year), parts, base)


def _outcome(outcome: str, counts: dict, year: int) -> Figure:
    selection = CaseSelection(year, state="closed_in_year", outcome=outcome)
    label = outcome_label(outcome) or _(NOT_RECORDED)
    key = outcome or "not_recorded"
    reasons = [r for o, r in counts if o == outcome]
    if not REASONS.get(outcome) and reasons in ([], [""]):
        return Figure(key, label, counts.get((outcome, ""), 0), (), selection)
    order = list(REASONS.get(outcome, {})) + [""]
    ordered = [r for r in order if r in reasons] + sorted(r for r in reasons if r not in order)
    parts = [Figure(r or "not_recorded", reason_label(outcome, r) if r else _(NOT_RECORDED), counts[(outcome, r)],
                    (), CaseSelection(year, state="closed_in_year", outcome=outcome, reason=r)) for r in ordered]
    return figure(key, label, parts, selection)


def reason_rank(outcome: str, key: str) -> tuple[int, str]:
    """Where a reason (its figure's key) stands among its outcome's: as REASONS lists them, then not recorded, then
    any other by name (the order `_outcome` gives them)."""
    order = [*REASONS.get(outcome, {}), "not_recorded"]
    return (order.index(key), "") if key in order else (len(order), key)


def _by_registration_year(closed: list[CaseGroup], year: int, base: CaseSelection) -> Figure:
    counts = tally(closed, lambda g: g.registered_year)
    parts = [Figure(str(y), _("Registered in {year}").format(year=y), n, (),
                    CaseSelection(year, registered_year=y, state="closed_in_year")) for y, n in sorted(counts.items())]
    return figure("by_registration_year", _("Closed in {year} by registration year").format(year=year), parts, base)
