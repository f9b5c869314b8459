"""Retention: how long a closed case is kept, and which cases are due for destruction.

The organisation sets the term (`privacy.retention_years`): 20 years after closing where it counts as youth care
under the Jeugdwet, shorter ("no longer than necessary", AVG) where it does not. A due case is not destroyed by
itself: the coordinator reviews the list (a reminder on Today once a year while anything is due) and erases, or notes
why a case is kept longer (`keep_longer`): it leaves the list until the day she set.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from borapp.i18n import _
from borapp.models import Case, RetentionHold
from borapp.services import audit, settings
from borapp.services.errors import NotFound, ValidationError
from borapp.services.cases.status import outcome_label
from borapp.services.vault.workspace import Workspace

REVIEW_EVERY_DAYS = 365


@dataclass(frozen=True)
class DueCase:
    id: int
    ref: str
    closed_on: dt.date
    due_on: dt.date
    outcome: str


def years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def due_for_destruction(workspace: Workspace, on: dt.date | None = None) -> list[DueCase]:
    """Closed cases whose term has passed on `on` (default today), the longest overdue first."""
    on = on or dt.date.today()
    with workspace.reading() as session:
        years = settings.get_int(session, "privacy.retention_years")
        latest_closing = years_after(on, -years)
        held = select(RetentionHold.case_id).where(RetentionHold.until > on)
        rows = session.execute(select(Case.id, Case.ref, Case.closed_on, Case.outcome)
                               .where(Case.status == "closed", Case.closed_on.is_not(None),
                                      Case.closed_on <= latest_closing, Case.id.not_in(held))
                               .order_by(Case.closed_on, Case.ref)).all()
    return [DueCase(r.id, r.ref, r.closed_on, years_after(r.closed_on, years), outcome_label(r.outcome))
            for r in rows]


def review_due(workspace: Workspace, on: dt.date | None = None) -> int:
    """How many cases are due, when the yearly review is also due (else 0): the Today screen's reminder."""
    on = on or dt.date.today()
    with workspace.reading() as session:
        last = settings.get(session, "privacy.reviewed_on")
    if last and (on - dt.date.fromisoformat(last)).days < REVIEW_EVERY_DAYS:
        return 0
    return len(due_for_destruction(workspace, on))


def mark_reviewed(workspace: Workspace, on: dt.date | None = None) -> dt.date:
    """The list was gone through: Today's reminder is silent until the returned day (the cases stay on the list)."""
    on = on or dt.date.today()
    with workspace.session() as session:
        settings.put(session, "privacy.reviewed_on", on.isoformat())
    return on + dt.timedelta(days=REVIEW_EVERY_DAYS)


def keep_longer(workspace: Workspace, case_id: int, reason: str, until: dt.date | None = None,
                on: dt.date | None = None) -> dt.date:
    """Note why a due case is kept longer: it leaves the list until `until` (default a year from `on`, today).
    Returns that day. Noted again, the new reason and day replace the old."""
    on = on or dt.date.today()
    reason = " ".join((reason or "").split())
    until = until or years_after(on, 1)
    if not reason:
        raise ValidationError(_("Say why the case is kept longer (e.g. 'a court case is still running')."), "reason")
    if until <= on:
        raise ValidationError(_("Choose a day after today to look at the case again."), "until")
    with workspace.session() as session:
        if session.get(Case, case_id) is None:
            raise NotFound(_("This case is no longer in the vault."))
        hold = (session.scalar(select(RetentionHold).where(RetentionHold.case_id == case_id))
                or RetentionHold(case_id=case_id))
        hold.reason, hold.until, hold.noted_on, hold.actor = reason, until, on, workspace.actor
        session.add(hold)
        audit.record(session, "update", "case", case_id, workspace.actor, case_id=case_id)
    return until
