"""The annual report as one JSON document: stable English keys, plain numbers (see issue 11 for the keys). A case
without a municipality is "(none)" wherever a municipality names it (labels.NO_MUNICIPALITY_KEY)."""

from __future__ import annotations

import dataclasses
import json

from borapp.services.reports.closings import Closings
from borapp.services.reports.figures import Figure


def report_dict(report) -> dict:
    reg, still_open, v, t = report.registrations, report.open_at_year_end, report.volunteers, report.timeliness
    return {
        "year": report.year,
        "organisation": report.organisation,
        "made_on": report.made_on.isoformat(),
        "municipality": report.municipality or None,  # a report for one municipality: its cases only
        "registrations": {
            "total": reg.total.value,
            "previous_year_total": reg.previous_year.value,
            "by_municipality": reg.total.as_dict(),
            "by_municipality_at_year_end": {p.key: p.as_dict() for p in reg.total.parts},
            "previous_year_by_municipality": reg.previous_year.as_dict(),
            "by_funding": reg.by_funding.as_dict(),
        },
        "closed": {**_closed(report.closed), "previous_year": {"year": report.year - 1,
                                                               **_closed(report.closed_previous_year)}},
        "open_at_year_end": {"total": still_open.by_registration_year.value,
                             "by_registration_year": still_open.by_registration_year.as_dict()},
        "waiting_list_at_year_end": still_open.waiting_list.value,
        "volunteers": None if report.municipality else {  # the pool is the organisation's (reports/scope.py)
            "start_of_year": v.start_of_year.value, "end_of_year": v.end_of_year.value,
            "joined": v.end_of_year.part_value("joined"), "left": v.start_of_year.part_value("left"),
            "deployable_end_of_year": v.deployable_end_of_year, "growth_percent": v.growth_percent,
            "deployable_growth_percent": v.deployable_growth_percent,
            "training_days": v.trainings.as_dict(), "training_attendance": v.training_attendance.as_dict(),
            "meetings": v.meetings.as_dict(), "meeting_attendance": v.meeting_attendance,
        },
        "timeliness": {**t.started.as_dict(), "median_days": t.median_days,
                       "share_within_month_percent": t.share_within_month},
        "invoicing": [{"municipality": r.key or r.municipality, "funding": r.funding, "purchased": r.purchased,
                       "used": r.used, "remaining": r.remaining, "per_case": r.per_case} for r in report.invoicing],
        "costs": _costs(report.costs),
    }


def _closed(closed: Closings) -> dict:
    outcomes: Figure = closed.by_outcome
    return {"total": outcomes.value, "by_registration_year": closed.by_registration_year.as_dict(),
            "by_outcome": outcomes.as_dict(), "reasons": {p.key: p.as_dict() for p in outcomes.parts if p.parts}}


def _costs(costs) -> object:
    """The cost section (built apart) as it describes itself; None while there is none."""
    if costs is None:
        return None
    if hasattr(costs, "as_dict"):
        return costs.as_dict()
    return dataclasses.asdict(costs) if dataclasses.is_dataclass(costs) else costs


def report_json(report) -> bytes:
    return (json.dumps(report_dict(report), ensure_ascii=False, indent=2, default=str) + "\n").encode("utf-8")
