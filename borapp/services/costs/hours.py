"""The coordinator's hours on a case: one entry per day and kind of work (intake, talks, evaluation, closing,
travel), in whole minutes. Typed as the coordinator says it ("1,5", "1:30", "45m"); validated before anything is
written (`ValidationError(message, field)`); every change goes to the audit trail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borapp.formatting import long_date, short_date
from borapp.i18n import N_, _
from borapp.models import CaseHours, Coordinator
from borapp.models.costs import HOURS_KINDS
from borapp.services import audit
from borapp.services.cases.flow import get_case
from borapp.services.costs.amounts import hours_text, parse_minutes
from borapp.services.errors import NotFound, ValidationError
from borapp.services.vault.workspace import Workspace

__all__ = ["HOURS_KINDS", "CoordinatorChoice", "HoursInput", "HoursItem", "HoursSummary", "delete_hours",
           "coordinator_choices", "get_hours", "hours_summary", "kind_label", "list_hours", "record_hours"]

KIND_LABELS = {"intake": N_("Intake"), "talk": N_("Talks"), "evaluation": N_("Evaluation"),
               "closing": N_("Closing"), "travel": N_("Travel")}
MAX_NOTE = 300
MAX_DAY_MINUTES = 24 * 60  # one coordinator's hours of one day, all cases together


def kind_label(kind: str) -> str:
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


@dataclass(frozen=True)
class HoursItem:
    id: int
    case_id: int
    on: dt.date
    coordinator_id: int | None
    coordinator_name: str
    kind: str
    minutes: int
    note: str

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def hours_text(self) -> str:
        return hours_text(self.minutes)


@dataclass(frozen=True)
class HoursInput:
    """What the form sends: `hours` as typed ("1,5", "1:30", "45m"); `hours_id` None adds a new entry."""

    case_id: int
    on: dt.date | None
    kind: str
    hours: str
    coordinator_id: int | None = None
    note: str = ""
    hours_id: int | None = None


@dataclass(frozen=True)
class HoursSummary:
    total_minutes: int = 0
    by_kind: dict[str, int] | None = None  # kind → minutes, in HOURS_KINDS order, only kinds with time

    def text(self) -> str:
        """"Total 6:30 (intake 1:30 · talks 5:00)"."""
        if not self.total_minutes:
            return _("No hours recorded yet")
        parts = " · ".join(f"{kind_label(k).lower()} {hours_text(m)}" for k, m in (self.by_kind or {}).items())
        return _("Total {hours} ({parts})").format(hours=hours_text(self.total_minutes), parts=parts)


@dataclass(frozen=True)
class CoordinatorChoice:
    id: int
    name: str


# ---- reading ---------------------------------------------------------------------------------------------------


def _items(session: Session, *where) -> list[HoursItem]:
    query = (select(CaseHours, Coordinator.name).outerjoin(Coordinator, Coordinator.id == CaseHours.coordinator_id)
             .where(*where).order_by(CaseHours.on.desc(), CaseHours.id.desc()))
    return [HoursItem(h.id, h.case_id, h.on, h.coordinator_id, name or "", h.kind, h.minutes, h.note)
            for h, name in session.execute(query)]


def list_hours(workspace: Workspace, case_id: int) -> list[HoursItem]:
    """A case's hours, newest first."""
    with workspace.session() as session:
        get_case(session, case_id)
        return _items(session, CaseHours.case_id == case_id)


def get_hours(workspace: Workspace, hours_id: int) -> HoursItem:
    with workspace.session() as session:
        found = _items(session, CaseHours.id == hours_id)
        if not found:
            raise NotFound(_("No hours entry with number {id}.").format(id=hours_id))
        return found[0]


def hours_summary(workspace: Workspace, case_id: int) -> HoursSummary:
    with workspace.session() as session:
        rows = dict(session.execute(select(CaseHours.kind, func.sum(CaseHours.minutes))
                                    .where(CaseHours.case_id == case_id).group_by(CaseHours.kind)).all())
    by_kind = {kind: int(rows[kind]) for kind in HOURS_KINDS if rows.get(kind)}
    return HoursSummary(sum(by_kind.values()), by_kind)


def coordinator_choices(workspace: Workspace, keep_id: int | None = None) -> list[CoordinatorChoice]:
    """The active coordinators, and the one an entry names even when no longer active."""
    with workspace.session() as session:
        query = select(Coordinator.id, Coordinator.name).where(
            Coordinator.active.is_(True) | (Coordinator.id == keep_id)).order_by(Coordinator.name)
        return [CoordinatorChoice(cid, name) for cid, name in session.execute(query)]


# ---- writing ---------------------------------------------------------------------------------------------------


def record_hours(workspace: Workspace, data: HoursInput, today: dt.date | None = None) -> int:
    """Add or change an entry; returns its id. Nothing is saved on an error."""
    with workspace.session() as session:
        case = get_case(session, data.case_id)
        entry = _entry(session, data.hours_id) if data.hours_id is not None else None
        if entry is not None and entry.case_id != case.id:
            raise NotFound(_("No hours entry with number {id}.").format(id=data.hours_id))
        minutes = _check(session, case.registered_on, data, today or dt.date.today())
        if entry is None:
            entry = CaseHours(case_id=case.id)
            session.add(entry)
        entry.on, entry.kind, entry.minutes = data.on, data.kind, minutes
        entry.coordinator_id, entry.note = data.coordinator_id, " ".join(data.note.split())
        session.flush()
        audit.record(session, "create" if data.hours_id is None else "update", "case_hours", entry.id,
                     workspace.actor, case_id=case.id)
        return entry.id


def _check(session: Session, registered_on: dt.date, data: HoursInput, today: dt.date) -> int:
    if data.on is None:
        raise ValidationError(_("Enter the date the work was done."), "on")
    if data.on < registered_on:
        raise ValidationError(_("The date cannot be before the registration date ({date}).").format(
            date=long_date(registered_on)), "on")
    if data.on > today:
        raise ValidationError(_("Hours can be recorded only for work done, on {date} at the latest.").format(
            date=short_date(today)), "on")
    if data.kind not in HOURS_KINDS:
        raise ValidationError(_("Choose what the time was spent on."), "kind")
    minutes = parse_minutes(data.hours, "hours")
    if data.coordinator_id is not None and session.get(Coordinator, data.coordinator_id) is None:
        raise ValidationError(_("This coordinator no longer exists; choose another."), "coordinator_id")
    if len(" ".join(data.note.split())) > MAX_NOTE:
        raise ValidationError(_("At most {n} characters.").format(n=MAX_NOTE), "note")
    _check_day(session, data, minutes)
    return minutes


def _check_day(session: Session, data: HoursInput, minutes: int) -> None:
    """Refuse more than 24 hours on one day: for the coordinator across all cases, or on this case when the hours
    name nobody (each entry is at most 12 hours, so four entries of a day once added up to 42:45)."""
    who = (CaseHours.coordinator_id == data.coordinator_id if data.coordinator_id is not None
           else (CaseHours.case_id == data.case_id) & CaseHours.coordinator_id.is_(None))
    others = select(func.coalesce(func.sum(CaseHours.minutes), 0)).where(CaseHours.on == data.on, who)
    if data.hours_id is not None:
        others = others.where(CaseHours.id != data.hours_id)
    total = int(session.scalar(others)) + minutes
    if total > MAX_DAY_MINUTES:
        raise ValidationError(_("On {date} this makes {total} hours in all, more than there are in a day; "
                                "check the hours of that day.").format(date=long_date(data.on),
                                                                       total=hours_text(total)), "hours")


def delete_hours(workspace: Workspace, hours_id: int) -> None:
    with workspace.session() as session:
        entry = _entry(session, hours_id)
        case_id = entry.case_id
        session.delete(entry)
        audit.record(session, "delete", "case_hours", hours_id, workspace.actor, case_id=case_id)


def _entry(session: Session, hours_id: int) -> CaseHours:
    entry = session.get(CaseHours, hours_id)
    if entry is None:
        raise NotFound(_("No hours entry with number {id}.").format(id=hours_id))
    return entry
