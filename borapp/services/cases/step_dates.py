"""Correcting the date of a step already taken (a slip in typing, a step recorded with today's date days later).

The steps keep their order: a date lies between the step before it and the step after it (or today); a closing lies
on or after the last visit that was held. The
registration, where the history starts, is one too: its corrected date is the case's registration date. A corrected
closing date moves the case's closing date with it. So the annual report counts the case in the right year. The
change is audited, and team sync carries it as an edit of that step's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borapp.formatting import long_date
from borapp.i18n import _
from borapp.models import Case, CaseHours, Evaluation, StatusChange, Visit
from borapp.services import audit
from borapp.services.cases.flow import get_case, last_held_visit_on
from borapp.services.errors import NotFound, ValidationError
from borapp.services.reports.periods import FIRST_YEAR
from borapp.services.vault.workspace import Workspace


@dataclass(frozen=True)
class Span:
    """The dates a step may be given: from `earliest` (None: any date before) to `latest`, both included."""

    earliest: dt.date | None
    latest: dt.date

    def holds(self, on: dt.date) -> bool:
        return (self.earliest is None or self.earliest <= on) and on <= self.latest

    def words(self) -> str:
        if self.earliest is None:
            return _("on or before {latest}").format(latest=long_date(self.latest))
        return _("from {earliest} to {latest}").format(earliest=long_date(self.earliest), latest=long_date(self.latest))


def is_step(change: StatusChange) -> bool:
    """A step with a date of its own: the registration the history starts with, and every change of status; not a
    hand-over or a match (the status stays)."""
    return change.from_status != change.to_status


def _is_registration(change: StatusChange) -> bool:
    return change.from_status == ""


FIRST_REGISTRATION = dt.date(FIRST_YEAR, 1, 1)  # the annual report counts from then; 1-1-1900 was a slip


def first_record_on(session: Session, case_id: int) -> dt.date | None:
    """The day of the case's first visit, evaluation or hours: its registration cannot come after it (moved past
    the hours of 9 November, those hours could no longer be edited at all)."""
    days = [session.scalar(select(func.min(column)).where(owner == case_id)) for column, owner in (
        (Visit.on, Visit.case_id), (Evaluation.held_on, Evaluation.case_id), (CaseHours.on, CaseHours.case_id))]
    return min((d for d in days if d is not None), default=None)


def spans(case: Case, today: dt.date | None = None, last_held: dt.date | None = None,
          first_record: dt.date | None = None) -> dict[int, Span]:
    """Each step's id with the dates it may be corrected to (`last_held`: the day of the case's last held visit;
    `first_record`: of its first visit, evaluation or hours, which the registration may not come after)."""
    today = today or dt.date.today()
    steps = [c for c in case.history if is_step(c)]
    found = {}
    for i, change in enumerate(steps):
        earliest = steps[i - 1].on if i else None
        if change.to_status == "closed" and last_held is not None:
            earliest = max(earliest or last_held, last_held)
        latest = steps[i + 1].on if i + 1 < len(steps) else today
        if _is_registration(change):
            earliest = FIRST_REGISTRATION
            latest = min(latest, first_record) if first_record is not None else latest
        found[change.id] = Span(earliest, latest if earliest is None else max(earliest, latest))
    return found


def correct_step_date(workspace: Workspace, case_id: int, change_id: int, on: dt.date | None) -> None:
    """Give step `change_id` of the case the date `on`; refused, in words, outside the step's span."""
    if on is None:
        raise ValidationError(_("Enter the date of the step."), "on")
    with workspace.session() as session:
        case = get_case(session, case_id)
        span = spans(case, last_held=last_held_visit_on(session, case_id),
                     first_record=first_record_on(session, case_id)).get(change_id)
        if span is None:
            raise NotFound(_("This step is no longer in the case's history."))
        if not span.holds(on):
            raise ValidationError(_("The steps keep their order: the date must be {dates}.").format(
                dates=span.words()), "on")
        change = session.get(StatusChange, change_id)
        if change.on == on:
            return
        if _is_current_closing(case, change):
            case.closed_on = on
        if _is_registration(change):
            case.registered_on = on
        change.on = on
        session.flush()
        audit.record(session, "update", "status_change", change.id, workspace.actor, case_id=case.id)


def _is_current_closing(case: Case, change: StatusChange) -> bool:
    closings = [c for c in case.history if is_step(c) and c.to_status == "closed"]
    return case.status == "closed" and bool(closings) and closings[-1] is change
