"""Where a visit fits in the case's course: a visit is held with a matched volunteer, not before the day of the
match, and the first one held moves the case on to visits (or back to visits after the midway evaluation). A planned
visit is held to the same first day, so that it can be recorded as held when its day comes."""

from __future__ import annotations

import datetime as dt

from borapp.formatting import long_date
from borapp.i18n import N_, _
from borapp.models import Case
from borapp.services.cases import flow
from borapp.services.cases.status import status_label
from borapp.services.cases.timeline import MATCHED
from borapp.services.errors import ValidationError

BEFORE_VISITS = ("registered", "waiting", "intake", "contract", "matching")
BEFORE_MATCH = N_("A visit cannot be held before {date}, when the volunteer was matched; check the date.")


def held_not_before(case: Case) -> dt.date | None:
    """The first day a visit of this case can be held, or None while no volunteer is matched. Before the visits
    started: the day of the case's latest step or match, whichever is later; once they run: the day of its first
    match (a case without one, from before the app, is not held to it)."""
    matches = [h.on for h in case.history if h.reason == MATCHED]
    if case.status not in BEFORE_VISITS:
        return min(matches, default=None)
    if case.status == "matching" and case.volunteer_id is not None:
        return max([flow.last_step_on(case)] + matches)
    return None


def check_planned_on(case: Case, on: dt.date, field: str) -> None:
    """A visit planned before the match could never be recorded as held: refused in the same words."""
    since = held_not_before(case)
    if since is not None and on < since:
        raise ValidationError(_(BEFORE_MATCH).format(date=long_date(since)), field)


def check_phase(case: Case, state: str, on: dt.date) -> bool:
    """A visit is held with a matched volunteer: before that, one held is refused (a slip of the date or the case).
    The first one held after matching starts the visits, dated that day, as the midway evaluation moves a case on:
    True when it does."""
    if state != "held":
        return False
    if case.status in BEFORE_VISITS and case.status != "matching":  # also with a volunteer on a case in intake
        raise ValidationError(_("A visit is held once the visits have started; this case is still in '{status}'. "
                                "Take the case's next steps first.").format(status=status_label(case.status)),
                              "state")
    if case.status == "matching" and case.volunteer_id is None:
        raise ValidationError(_("A visit is held once a volunteer is matched; this case is in '{status}'. Match a "
                                "volunteer first (Match a volunteer).").format(status=status_label(case.status)),
                              "state")
    since = held_not_before(case)
    if since is not None and on < since:
        raise ValidationError(_(BEFORE_MATCH).format(date=long_date(since)), "on")
    return case.status == "matching"


def resumes_visits(case: Case, state: str, on: dt.date) -> bool:
    """The first visit held after the day of the midway evaluation takes the case back to visits, dated that day:
    the evaluation was held and the visits go on (a step, so the history keeps the evaluation). One held on or before
    that day (a correction) moves nothing."""
    return case.status == "evaluation" and state == "held" and on > flow.last_step_on(case)
