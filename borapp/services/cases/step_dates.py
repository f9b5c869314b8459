"""Correcting the date of a step already taken (a slip in typing, a step recorded with today's date days later).

The steps keep their order: a date lies between the step before it (or the registration) and the step after it (or
today). A corrected closing date moves the case's closing date with it, so the annual report counts the case in the
right year. The change is audited, and team sync carries it as an edit of that step's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from borapp.formatting import long_date
from borapp.i18n import _
from borapp.models import Case, StatusChange
from borapp.services import audit
from borapp.services.cases.flow import get_case
from borapp.services.errors import NotFound, ValidationError
from borapp.services.vault.workspace import Workspace


@dataclass(frozen=True)
class Span:
    """The dates a step may be given: from `earliest` to `latest`, both included."""

    earliest: dt.date
    latest: dt.date


def is_step(change: StatusChange) -> bool:
    """A real step: not the registration the history starts with, nor a hand-over or a match (the status stays)."""
    return change.from_status not in ("", change.to_status)


def spans(case: Case, today: dt.date | None = None) -> dict[int, Span]:
    """Each step's id with the dates it may be corrected to."""
    today = today or dt.date.today()
    steps = [c for c in case.history if is_step(c)]
    found = {}
    for i, change in enumerate(steps):
        earliest = steps[i - 1].on if i else case.registered_on
        latest = steps[i + 1].on if i + 1 < len(steps) else today
        found[change.id] = Span(earliest, max(earliest, latest))
    return found


def correct_step_date(workspace: Workspace, case_id: int, change_id: int, on: dt.date | None) -> None:
    """Give step `change_id` of the case the date `on`; refused, in words, outside the step's span."""
    if on is None:
        raise ValidationError(_("Enter the date of the step."), "on")
    with workspace.session() as session:
        case = get_case(session, case_id)
        span = spans(case).get(change_id)
        if span is None:
            raise NotFound(_("This step is no longer in the case's history."))
        if not span.earliest <= on <= span.latest:
            raise ValidationError(_("The date must lie between {earliest} and {latest}: the steps keep their "
                                    "order.").format(earliest=long_date(span.earliest), latest=long_date(span.latest)),
                                  "on")
        change = session.get(StatusChange, change_id)
        if change.on == on:
            return
        if _is_current_closing(case, change):
            case.closed_on = on
        change.on = on
        session.flush()
        audit.record(session, "update", "status_change", change.id, workspace.actor, case_id=case.id)


def _is_current_closing(case: Case, change: StatusChange) -> bool:
    closings = [c for c in case.history if is_step(c) and c.to_status == "closed"]
    return case.status == "closed" and bool(closings) and closings[-1] is change
