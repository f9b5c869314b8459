"""Supervised visits (omgangsmomenten): planning a series, recording each one as held, cancelled or not shown up
for, and the counts.

A record holds what the Supervised Visitation Network's standards ask (DOMAIN.md, "What a visit record holds"):
date, times, place, who supervised, who brought and collected the child, who else was there, the handover, what
happened, how the child was and what it said, incidents and why a visit ended early; or, for a cancelled visit, who
cancelled, why and how late; or, for a parent who did not come without calling it off ("niet verschenen"), which
parent: a no-show is no cancellation, and is not counted or shown as one. Validation raises
`ValidationError(message, field)` before anything is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borapp.formatting import long_date
from borapp.i18n import N_, _
from borapp.models import Case, Visit, Volunteer
from borapp.models.visits import CANCELLED_BY, NO_SHOW_BY, VISIT_STATES
from borapp.services import audit
from borapp.services.cases import flow
from borapp.services.cases.flow import get_case, lapsed_at_closing
from borapp.services.cases.labels import no_show_text
from borapp.services.cases.status import TransitionRefused
from borapp.services.cases.search_index import reindex_case_id
from borapp.services.errors import NotFound, ValidationError
from borapp.services.visits import phase
from borapp.services.visits.addenda import AddendumItem, finished_message, list_addenda
from borapp.services.visits.labels import canceller_label, state_label
from borapp.services.volunteers.profiles import parse_availability
from borapp.services.vault.workspace import Workspace

__all__ = [
    "CANCELLED_BY", "NO_SHOW_BY", "VISIT_STATES", "SeriesDefaults", "VisitCounts", "VisitDetail", "VisitInput",
    "VisitItem", "VolunteerChoice", "canceller_label", "check_visit", "delete_visit", "get_visit", "give_planned_visits",
    "list_visits", "plan_series", "planning_defaults", "record_visit", "state_label", "visit_counts",
    "volunteer_choices",
]

TRAJECTORY_VISITS = (6, 12)  # DOMAIN.md: a trajectory is 6 to 12 visits (more is said, not refused)
MAX_SERIES = 24
MAX_INTERVAL_DAYS = 62
MAX_NOTICE_HOURS = 24 * 90
_LENGTHS = {"place": 300, "brought_by": 200, "collected_by": 200, "others_present": 300}


def _in_brackets(code: str) -> str:
    """Who cancelled, to stand in brackets: without a bracket of its own ("Afgezegd (iemand anders)", not
    "Afgezegd (iemand anders (externe oorzaak))", which the visits table cut off besides)."""
    text = canceller_label(code).split(" (")[0]
    return text[:1].lower() + text[1:]


@dataclass(frozen=True)
class VisitItem:
    """One row of the visits list."""

    id: int
    on: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    place: str
    state: str
    cancelled_by: str
    volunteer_id: int | None
    volunteer_name: str
    report_final_on: dt.date | None = None  # the day its report was finished (a fact from then on)
    lapsed: bool = False  # still planned when the case was closed: cancelled by the closing, not called off
    no_show_by: str = ""  # state "no_show": the parent who did not come
    ended_early: bool = False  # held, but ended early (its report says why)
    incident: bool = False  # held, with something under "Incidents" (bijzondere voorvallen)

    @property
    def marks(self) -> list[str]:
        """Short words for what set a held visit apart ("ended early", "incident"), shown with its state."""
        return [_("ended early")] * self.ended_early + [_("incident")] * self.incident

    @property
    def marks_tip(self) -> list[str]:
        """What each mark means, without the report's words (a list is seen over a shoulder)."""
        return ([_("Ended early: the report says why.")] * self.ended_early
                + [_("Incidents were recorded: see \u201c{field}\u201d in the report.").format(field=_("Incidents"))]
                * self.incident)

    @property
    def to_record(self) -> bool:
        """Planned, and its date has passed: the coordinator still has to record how it went."""
        return self.state == "planned" and self.on < dt.date.today()

    @property
    def state_text(self) -> str:
        if self.lapsed:
            return _("Lapsed (case closed)")
        if self.state == "cancelled" and self.cancelled_by:
            return _("Cancelled ({who})").format(who=_in_brackets(self.cancelled_by))
        if self.state == "no_show":
            return no_show_text(self.no_show_by)
        if self.to_record:
            return _("To record")
        return state_label(self.state)


@dataclass(frozen=True)
class VisitDetail:
    """Everything recorded about one visit, for the editor."""

    id: int
    case_id: int
    on: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    place: str
    state: str
    volunteer_id: int | None
    volunteer_name: str
    brought_by: str
    collected_by: str
    others_present: str
    handover: str
    what_happened: str
    child_wellbeing: str
    child_voice: str
    incidents: str
    ended_early_reason: str
    cancelled_by: str
    cancel_reason: str
    notice_hours: int | None
    report_final_on: dt.date | None = None  # finished: a fact from then on, corrected by addenda only
    addenda: tuple[AddendumItem, ...] = ()
    cancelled_on: dt.date | None = None  # the day it was called off (None: not recorded, from before it was kept)
    no_show_by: str = ""  # state "no_show": the parent who did not come

    @property
    def ended_early(self) -> bool:
        return bool(self.ended_early_reason)


@dataclass(frozen=True)
class VisitInput:
    """What the editor sends to `record_visit`; `visit_id` None records a visit that was never planned."""

    case_id: int
    on: dt.date | None
    state: str
    visit_id: int | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    place: str = ""
    volunteer_id: int | None = None
    brought_by: str = ""
    collected_by: str = ""
    others_present: str = ""
    handover: str = ""
    what_happened: str = ""
    child_wellbeing: str = ""
    child_voice: str = ""
    incidents: str = ""
    ended_early: bool = False
    ended_early_reason: str = ""
    cancelled_by: str = ""
    cancel_reason: str = ""
    notice_hours: int | None = None
    cancelled_on: dt.date | None = None  # the day it was called off; None: today, or the visit's day if that was before
    no_show_by: str = ""  # state "no_show": the parent (NO_SHOW_BY) who did not come


@dataclass(frozen=True)
class VisitCounts:
    planned: int = 0
    held: int = 0
    cancelled: int = 0
    cancelled_by: dict[str, int] = field(default_factory=dict)  # canceller code → count, in CANCELLED_BY order
    lapsed: int = 0  # still planned when the case was closed (not in `cancelled`)
    agreed: int = 0  # the visits the contract agrees (0: none agreed)
    no_show: int = 0  # a parent did not come, without calling it off (not in `cancelled`)
    no_show_by: dict[str, int] = field(default_factory=dict)  # parent code → count, in NO_SHOW_BY order

    @property
    def total(self) -> int:
        return self.planned + self.held + self.cancelled + self.no_show

    def summary(self) -> str:
        """"6 gepland · 3 gehouden · 1 afgezegd (uitwonende ouder) · 1 niet verschenen (inwonende ouder)"."""
        parts = [_("{n} planned").format(n=self.planned), _("{n} held").format(n=self.held)]
        if len(self.cancelled_by) == 1:
            who = _in_brackets(next(iter(self.cancelled_by)))
        else:
            who = ", ".join(f"{n} {_in_brackets(code)}" for code, n in self.cancelled_by.items())
        if who:
            parts.append(_("{n} cancelled ({who})").format(n=self.cancelled, who=who))
        else:
            parts.append(_("{n} cancelled").format(n=self.cancelled))
        if self.no_show:
            who = ", ".join(f"{n} {_in_brackets(code)}" if len(self.no_show_by) > 1 else _in_brackets(code)
                            for code, n in self.no_show_by.items())
            parts.append(_("{n} did not show up ({who})").format(n=self.no_show, who=who) if who else
                         _("{n} did not show up").format(n=self.no_show))
        if self.lapsed:
            parts.append(_("{n} lapsed").format(n=self.lapsed))
        if self.agreed:
            parts.append(_("{n} agreed").format(n=self.agreed))
        return " · ".join(parts)


@dataclass(frozen=True)
class VolunteerChoice:
    id: int
    name: str
    is_case_volunteer: bool


@dataclass(frozen=True)
class SeriesDefaults:
    """What the plan-a-series form starts with: after the last visit, at its times, at the agreed place."""

    registered_on: dt.date
    first_on: dt.date
    every_days: int
    start: dt.time | None
    end: dt.time | None
    place: str
    volunteer_name: str
    count: int = 6  # what is left of the agreed trajectory, else a usual series
    agreed: int = 0  # the visits the contract agrees (0: none agreed)
    scheduled: int = 0  # held or planned so far
    volunteer_slots: frozenset = frozenset()  # the parts of the week the volunteer gave as available (profile)


# ---- reading ---------------------------------------------------------------------------------------------------


def list_visits(workspace: Workspace, case_id: int) -> list[VisitItem]:
    with workspace.session() as session:
        get_case(session, case_id)
        query = (select(Visit, Volunteer.name).outerjoin(Volunteer, Volunteer.id == Visit.volunteer_id)
                 .where(Visit.case_id == case_id).order_by(Visit.on, Visit.start_time, Visit.id))
        return [VisitItem(v.id, v.on, v.start_time, v.end_time, v.place, v.state, v.cancelled_by, v.volunteer_id,
                          name or "", v.report_final_on,
                          v.state == "cancelled" and lapsed_at_closing(v.cancelled_by, v.cancel_reason), v.no_show_by,
                          v.state == "held" and bool(v.ended_early_reason.strip()),
                          v.state == "held" and bool(v.incidents.strip()))
                for v, name in session.execute(query)]


def get_visit(workspace: Workspace, visit_id: int) -> VisitDetail:
    with workspace.session() as session:
        visit = _visit(session, visit_id)
        volunteer = session.get(Volunteer, visit.volunteer_id) if visit.volunteer_id else None
        return VisitDetail(
            visit.id, visit.case_id, visit.on, visit.start_time, visit.end_time, visit.place, visit.state,
            visit.volunteer_id, volunteer.name if volunteer else "", visit.brought_by, visit.collected_by,
            visit.others_present, visit.handover, visit.what_happened, visit.child_wellbeing, visit.child_voice,
            visit.incidents, visit.ended_early_reason, visit.cancelled_by, visit.cancel_reason, visit.notice_hours,
            visit.report_final_on, list_addenda(session, visit.id), visit.cancelled_on, visit.no_show_by,
        )


def visit_counts(workspace: Workspace, case_id: int) -> VisitCounts:
    """Planned, held, cancelled (per canceller), not shown up for (per parent) and lapsed at the closing: the figures
    the closing letter reports."""
    visits = list_visits(workspace, case_id)
    by_state = {state: sum(1 for v in visits if v.state == state and not v.lapsed) for state in VISIT_STATES}
    by_whom = {code: n for code in (*CANCELLED_BY, "") if
               (n := sum(1 for v in visits if v.state == "cancelled" and not v.lapsed and v.cancelled_by == code))}
    absent = {code: n for code in (*NO_SHOW_BY, "") if
              (n := sum(1 for v in visits if v.state == "no_show" and v.no_show_by == code))}
    with workspace.session() as session:
        agreed = get_case(session, case_id).agreed_visits or 0
    return VisitCounts(by_state["planned"], by_state["held"], by_state["cancelled"], by_whom,
                       sum(1 for v in visits if v.lapsed), agreed, by_state["no_show"], absent)


CLOSED_CASE = N_("This case is closed; reopen it before adding or planning visits.")


def planning_refused(workspace: Workspace, case_id: int) -> str:
    """Why no visit can be planned or added now ("" when one can): the case file greys out its buttons with it."""
    with workspace.session() as session:
        return _(CLOSED_CASE) if get_case(session, case_id).status == "closed" else ""


def volunteer_choices(workspace: Workspace, case_id: int) -> list[VolunteerChoice]:
    """Who can be named as supervising: the case's volunteer first, then the other active volunteers."""
    with workspace.session() as session:
        case = get_case(session, case_id)
        query = select(Volunteer.id, Volunteer.name).where(
            (Volunteer.active.is_(True)) | (Volunteer.id == case.volunteer_id)).order_by(Volunteer.name)
        rows = [VolunteerChoice(vid, name, vid == case.volunteer_id) for vid, name in session.execute(query)]
    return sorted(rows, key=lambda c: not c.is_case_volunteer)


def planning_defaults(workspace: Workspace, case_id: int, every_days: int = 14) -> SeriesDefaults:
    with workspace.session() as session:
        case = get_case(session, case_id)
        last = session.scalars(select(Visit).where(Visit.case_id == case_id)
                               .order_by(Visit.on.desc(), Visit.id.desc()).limit(1)).first()
        first = max(case.registered_on, dt.date.today())
        if last is not None:
            first = max(first, last.on + dt.timedelta(days=every_days))
        scheduled = session.scalar(select(func.count()).select_from(Visit).where(
            Visit.case_id == case_id, Visit.state.in_(("held", "planned")))) or 0
        agreed = case.agreed_visits or 0
        count = max(agreed - scheduled, 1) if agreed else 6
        return SeriesDefaults(case.registered_on, first, every_days, last.start_time if last else None,
                              last.end_time if last else None, case.visit_place,
                              case.volunteer.name if case.volunteer else "", min(count, MAX_SERIES), agreed,
                              scheduled, parse_availability(case.volunteer.availability) if case.volunteer
                              else frozenset())


# ---- writing ---------------------------------------------------------------------------------------------------


def plan_series(workspace: Workspace, case_id: int, first_on: dt.date | None, count: int, every_days: int,
                start: dt.time | None, end: dt.time | None, place: str = "") -> list[int]:
    """Plan `count` visits `every_days` apart from `first_on`; returns their ids. Nothing is saved on an error."""
    place = " ".join((place or "").split())
    with workspace.session() as session:
        case = get_case(session, case_id)
        if case.status == "closed":
            raise ValidationError(_("This case is closed; reopen it before planning visits."))
        _check_series(case, first_on, count, every_days, start, end, place)
        visits = [Visit(case_id=case_id, on=on, start_time=start, end_time=end, place=place or case.visit_place,
                        state="planned", volunteer_id=case.volunteer_id)
                  for on in series_dates(first_on, count, every_days)]
        session.add_all(visits)
        session.flush()
        for visit in visits:
            audit.record(session, "create", "visit", visit.id, workspace.actor)
        reindex_case_id(session, case_id)
        return [v.id for v in visits]


def series_dates(first_on: dt.date, count: int, every_days: int) -> list[dt.date]:
    """The days a series plans its visits on."""
    return [first_on + dt.timedelta(days=i * every_days) for i in range(count)]


def _check_series(case: Case, first_on: dt.date | None, count: int, every_days: int,
                  start: dt.time | None, end: dt.time | None, place: str) -> None:
    if first_on is None:
        raise ValidationError(_("Enter the date of the first visit."), "first_on")
    if first_on < case.registered_on:
        raise ValidationError(_("The first visit cannot be before the registration date ({date}).").format(
            date=long_date(case.registered_on)), "first_on")
    phase.check_planned_on(case, first_on, "first_on")
    if not 1 <= count <= MAX_SERIES:
        raise ValidationError(_("Plan between 1 and {n} visits at a time (a trajectory is usually 6 to 12).")
                              .format(n=MAX_SERIES), "count")
    if not 1 <= every_days <= MAX_INTERVAL_DAYS:
        raise ValidationError(_("The days between visits must be between 1 and {n}.").format(n=MAX_INTERVAL_DAYS),
                              "every_days")
    _check_times(start, end, required=True)
    _check_length("place", place)


def record_visit(workspace: Workspace, data: VisitInput) -> int:
    """Save a visit as held, cancelled, not shown up for or (re)planned; returns its id. Nothing is saved on an
    error."""
    with workspace.session() as session:
        case, visit, starts_visits = _checked(session, data)
        resumes_visits = phase.resumes_visits(case, data.state, data.on)
        if visit is None:
            visit = Visit(case_id=case.id)
            session.add(visit)
        _apply(visit, data)
        session.flush()
        audit.record(session, "create" if data.visit_id is None else "update", "visit", visit.id, workspace.actor)
        if starts_visits or resumes_visits:
            try:
                flow.change_status(session, case, "visits", on=data.on, coordinator_id=workspace.coordinator_id,
                                   actor=workspace.actor)
            except TransitionRefused as exc:  # said under the date, and nothing is saved
                raise ValidationError(str(exc), "on") from exc
        reindex_case_id(session, case.id)  # its notes are found by the search box
        return visit.id


def check_visit(workspace: Workspace, data: VisitInput) -> None:
    """Refuse what `record_visit` would refuse, saving nothing: the editor asks its questions only about a visit that
    can be saved, so that a refusal after Yes does not ask again at the next attempt."""
    with workspace.session() as session:
        _checked(session, data)
        session.rollback()


def _checked(session: Session, data: VisitInput) -> tuple[Case, Visit | None, bool]:
    """The case, the stored visit (None for a new one) and whether holding it starts the visits; or a refusal."""
    case = get_case(session, data.case_id)
    visit = _visit(session, data.visit_id) if data.visit_id is not None else None
    if visit is not None and visit.case_id != case.id:
        raise NotFound(_("No visit with number {id}.").format(id=data.visit_id))
    if visit is not None and visit.report_final_on is not None:
        raise ValidationError(finished_message(visit), "report")
    _check_visit(session, case, data)
    return case, visit, phase.check_phase(case, data.state, data.on)


def _check_visit(session: Session, case: Case, data: VisitInput) -> None:
    if case.status == "closed" and (data.visit_id is None or data.state == "planned"):
        raise ValidationError(_(CLOSED_CASE), "state")
    if data.state not in VISIT_STATES:
        raise ValidationError(_("Choose whether the visit was held, cancelled or not shown up for."), "state")
    if data.on is None:
        raise ValidationError(_("Enter the date of the visit."), "on")
    if data.on < case.registered_on:
        raise ValidationError(_("The visit cannot be before the registration date ({date}).").format(
            date=long_date(case.registered_on)), "on")
    if data.state == "planned":
        phase.check_planned_on(case, data.on, "on")
    if data.state == "held" and data.on > dt.date.today():
        raise ValidationError(_("A visit can be recorded as held only on or after its date."), "on")
    _check_times(data.start_time, data.end_time, required=data.state == "held")
    for name in _LENGTHS:
        _check_length(name, getattr(data, name))
    if data.volunteer_id is not None and session.get(Volunteer, data.volunteer_id) is None:
        raise ValidationError(_("This volunteer no longer exists; choose another."), "volunteer_id")
    if data.state == "held" and data.ended_early and not data.ended_early_reason.strip():
        raise ValidationError(_("Say why the visit ended early."), "ended_early_reason")
    if data.state == "cancelled":
        _check_cancellation(case, data)
    if data.state == "no_show":
        _check_no_show(data)


def _check_cancellation(case: Case, data: VisitInput) -> None:
    if data.cancelled_by not in CANCELLED_BY:
        raise ValidationError(_("Choose who cancelled."), "cancelled_by")
    if not data.cancel_reason.strip():
        raise ValidationError(_("Say why the visit was cancelled."), "cancel_reason")
    if data.notice_hours is not None and not 0 <= data.notice_hours <= MAX_NOTICE_HOURS:
        raise ValidationError(_("Enter the notice in hours, from 0 to {n}.").format(n=MAX_NOTICE_HOURS),
                              "notice_hours")
    _check_called_off_on(case, data)


def _check_no_show(data: VisitInput) -> None:
    """A parent did not come on the day itself: not before it, and one of the two parents."""
    if data.on > dt.date.today():
        raise ValidationError(_("A visit can be recorded as not shown up for only on or after its date."), "on")
    if data.no_show_by not in NO_SHOW_BY:
        raise ValidationError(_("Choose which parent did not show up."), "no_show_by")


def _check_called_off_on(case: Case, data: VisitInput) -> None:
    """A visit is called off before its day or on it, on a day that has come, after the case was registered."""
    day = data.cancelled_on
    if day is None:
        return
    if day > data.on:
        raise ValidationError(_("A visit is called off before its day or on it ({date}); check the date.").format(
            date=long_date(data.on)), "cancelled_on")
    if day > dt.date.today():
        raise ValidationError(_("The day it was called off cannot be in the future."), "cancelled_on")
    if day < case.registered_on:
        raise ValidationError(_("The day it was called off cannot be before the registration date ({date}).")
                              .format(date=long_date(case.registered_on)), "cancelled_on")


def _check_times(start: dt.time | None, end: dt.time | None, *, required: bool) -> None:
    if start is None and (required or end is not None):
        raise ValidationError(_("Enter the start time."), "start_time")
    if end is None and (required or start is not None):
        raise ValidationError(_("Enter the end time."), "end_time")
    if start is not None and end is not None and end <= start:
        raise ValidationError(_("The end time must be after the start time."), "end_time")


def _check_length(name: str, value: str) -> None:
    limit = _LENGTHS[name]
    if len(value.strip()) > limit:
        raise ValidationError(_("At most {n} characters.").format(n=limit), name)


def _apply(visit: Visit, data: VisitInput) -> None:
    held, cancelled = data.state == "held", data.state == "cancelled"
    known = visit.cancelled_on if visit.state == "cancelled" else None  # kept when not given again
    visit.on, visit.state = data.on, data.state
    visit.start_time, visit.end_time = data.start_time, data.end_time
    visit.place = " ".join(data.place.split())
    visit.volunteer_id = data.volunteer_id
    for name in ("brought_by", "collected_by", "others_present"):
        setattr(visit, name, " ".join(getattr(data, name).split()) if held else "")
    for name in ("handover", "what_happened", "child_wellbeing", "child_voice", "incidents"):
        setattr(visit, name, getattr(data, name).strip() if held else "")
    visit.ended_early_reason = data.ended_early_reason.strip() if held and data.ended_early else ""
    visit.cancelled_by = data.cancelled_by if cancelled else ""
    visit.cancel_reason = data.cancel_reason.strip() if cancelled else ""
    visit.notice_hours = data.notice_hours if cancelled else None
    if known is not None and known > data.on:  # the visit moved to before the day it was called off
        known = None
    visit.cancelled_on = (data.cancelled_on or known or called_off_today(data.on)) if cancelled else None
    visit.no_show_by = data.no_show_by if data.state == "no_show" else ""


def called_off_today(on: dt.date) -> dt.date:
    """The day a visit called off now is recorded as called off: today, or its own day when that has passed (it is
    recorded afterwards, and the day it was called off was not given)."""
    return min(dt.date.today(), on)


def give_planned_visits(session: Session, case: Case, previous_id: int | None, actor: str) -> int:
    """A volunteer matched to the case goes to its planned visits that name nobody (planned before the match) or
    the volunteer matched before (the series named her); one chosen by hand for a visit stays. Changed through the
    ORM and audited, so team sync carries each visit. Returns how many changed."""
    planned = session.scalars(select(Visit).where(Visit.case_id == case.id, Visit.state == "planned"))
    changed = [v for v in planned if v.volunteer_id is None or v.volunteer_id == previous_id]
    for visit in changed:
        visit.volunteer_id = case.volunteer_id
    session.flush()
    for visit in changed:
        audit.record(session, "update", "visit", visit.id, actor)
    return len(changed)


def delete_visit(workspace: Workspace, visit_id: int) -> None:
    """Only a planned visit can go; a held, cancelled or not shown up for one stays part of the file."""
    with workspace.session() as session:
        visit = _visit(session, visit_id)
        if visit.state != "planned":
            raise ValidationError(_("Only a planned visit can be deleted; a visit held, cancelled or not shown up "
                                    "for stays in the case file."))
        case_id = visit.case_id
        session.delete(visit)
        audit.record(session, "delete", "visit", visit_id, workspace.actor)
        reindex_case_id(session, case_id)


def _visit(session: Session, visit_id: int | None) -> Visit:
    visit = session.get(Visit, visit_id) if visit_id is not None else None
    if visit is None:
        raise NotFound(_("No visit with number {id}.").format(id=visit_id))
    return visit
