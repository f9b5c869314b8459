"""Moving a case through its statuses: checked by the state machine, dated, with history and audit."""

from __future__ import annotations

import datetime as dt
import functools

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borapp.formatting import long_date
from borapp.i18n import LANGUAGES, N_, _, in_language
from borapp.models import Case, Letter, StatusChange, Visit
from borapp.models.base import utcnow
from borapp.services import audit, settings
from borapp.services.cases.status import TransitionRefused, check_step
from borapp.services.errors import NotFound


def get_case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(_("No case with number {id}.").format(id=case_id))
    return case


def start_history(case: Case, coordinator_id: int | None = None, note: str = "") -> None:
    """The first entry of a new case: registered on its registration date."""
    case.status = "registered"
    case.history.append(StatusChange(on=case.registered_on, from_status="", to_status="registered",
                                     note=note, coordinator_id=coordinator_id))


def change_status(
    session: Session, case: Case, to: str, *, on: dt.date | None = None, outcome: str = "", reason: str = "",
    note: str = "", coordinator_id: int | None = None, actor: str = "", planned_visits: str = "cancel",
) -> StatusChange:
    """Take one step; refuses what the state machine or the case's facts do not allow. Closing settles the
    visits still planned: cancelled with the reason "case closed" (`planned_visits="cancel"`, the default) or
    deleted ("delete"), so a closed case shows no next visit and the closing report counts none as planned."""
    if planned_visits not in PLANNED_VISIT_CHOICES:
        raise TransitionRefused(_("Choose what happens to the planned visits."))
    on = on or dt.date.today()
    check_step(case.status, to, outcome, reason)
    _check_date(case, on)
    if to in ("closing", "closed"):  # closing starts no earlier than the outcome may be dated
        _check_closing_date(session, case, on)
    if to == "visits" and case.volunteer_id is None:
        raise TransitionRefused(_("Visits can start only once a volunteer is matched."))
    if reason == "other" and not note.strip():
        raise TransitionRefused(_("Describe the other reason in a note."))
    frm = case.status
    target = _reopen_target(case) if to == "reopen" else to
    change = StatusChange(on=on, from_status=frm, to_status=target, outcome=outcome, reason=reason, note=note,
                          coordinator_id=coordinator_id)
    case.history.append(change)
    case.status = target
    if to == "closed":
        case.outcome, case.outcome_reason, case.outcome_note, case.closed_on = outcome, reason, note, on
        _settle_planned_visits(session, case, planned_visits)
        _take_back_schedules(session, case)
    elif to == "reopen":
        case.outcome, case.outcome_reason, case.outcome_note, case.closed_on = "", "", "", None
    session.flush()
    audit.record(session, "status", "case", case.id, actor)
    return change


PLANNED_VISIT_CHOICES = ("cancel", "delete")
CASE_CLOSED_REASON = N_("Case closed")
SCHEDULE_TAKEN_BACK = N_("Back to draft: the case was closed, so the visits this schedule lists do not take place. "
                         "Delete it (Delete…), or change it into the letter you want to send (Edit…).")


def lapsed_at_closing(cancelled_by: str, reason: str) -> bool:
    """Whether a cancelled visit was one still planned when its case was closed (`_settle_planned_visits`), in
    either language the vault wrote the reason in: nobody called it off, so a letter does not count it as cancelled."""
    return cancelled_by == "coordinator" and reason in _closing_reasons()


@functools.cache
def _closing_reasons() -> frozenset[str]:
    reasons = set()
    for lang in LANGUAGES:
        with in_language(lang):
            reasons.add(_(CASE_CLOSED_REASON))
    return frozenset(reasons)


def _settle_planned_visits(session: Session, case: Case, how: str) -> None:
    planned = list(session.scalars(select(Visit).where(Visit.case_id == case.id, Visit.state == "planned")))
    if not planned:
        return
    with in_language(settings.get(session, "language")):  # stored text: the vault's language, not the screen's
        reason = _(CASE_CLOSED_REASON)
    for visit in planned:
        if how == "delete":
            session.delete(visit)
        else:
            visit.state, visit.cancelled_by, visit.cancel_reason = "cancelled", "coordinator", reason
            visit.cancelled_on = min(case.closed_on, visit.on) if case.closed_on else None


def _take_back_schedules(session: Session, case: Case) -> None:
    """A schedule letter made here and waiting to go lists visits that closing called off: it goes back to draft,
    saying why, instead of standing "ready" in the outbox (sending already holds it back). A colleague's letter is
    hers to send or not."""
    waiting = list(session.scalars(select(Letter).where(  # not a failed one: it may have reached the mail server,
        Letter.case_id == case.id, Letter.kind == "schedule", Letter.state == "ready",  # and its note says so
        Letter.received_from == "", ~Letter.error.startswith("bor:"))))  # nor one being sent or exported now
    if not waiting:
        return
    with in_language(settings.get(session, "language")):  # stored text: the vault's language, not the screen's
        note = _(SCHEDULE_TAKEN_BACK)
    for letter in waiting:
        letter.state, letter.state_changed_at, letter.error = "draft", utcnow(), note


def _check_date(case: Case, on: dt.date) -> None:
    if on > dt.date.today():
        raise TransitionRefused(_("A status change cannot be dated in the future."))
    last = last_step_on(case)
    if on < last:
        raise TransitionRefused(_("The date must be on or after {date}, the case's last step.").format(
            date=long_date(last)))


def last_held_visit_on(session: Session, case_id: int) -> dt.date | None:
    """The day of the case's last visit that was held: a case cannot be closed before it."""
    return session.scalar(select(func.max(Visit.on)).where(Visit.case_id == case_id, Visit.state == "held"))


def _check_closing_date(session: Session, case: Case, on: dt.date) -> None:
    last_held = last_held_visit_on(session, case.id)
    if last_held is not None and on < last_held:
        raise TransitionRefused(_("The case cannot be closed before {date}: a visit was held that day.").format(
            date=long_date(last_held)))


def last_step_on(case: Case) -> dt.date:
    """The date of the case's last real step. Hand-overs and matches are history rows that keep the status; they do
    not fix the date of the next step."""
    return max((h.on for h in case.history if h.from_status != h.to_status), default=case.registered_on)


def _reopen_target(case: Case) -> str:
    """Back to where the case stood when it was closed."""
    for change in reversed(case.history):
        if change.to_status == "closed" and change.from_status not in ("", "closed"):
            return change.from_status
    return "intake"


def case_id_by_ref(workspace, ref: str) -> int:
    """The id of the case with number `ref` (e.g. BOR-2026-014, in any case); NotFound when there is none."""
    ref = (ref or "").strip()
    if not ref:
        raise NotFound(_("Give a case number, e.g. BOR-2026-014."))
    with workspace.session() as session:
        found = session.scalar(select(Case.id).where(func.lower(Case.ref) == ref.lower()))
    if found is None:
        raise NotFound(_("No case with number {ref}.").format(ref=ref))
    return found
