"""Volunteer meetings (vrijwilligersbijeenkomsten): case discussions per region and theme evenings.

A meeting needs at least four volunteers; below that it is flagged, so the coordinator can cancel it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from borapp.formatting import long_date
from borapp.i18n import N_, _, ngettext
from borapp.models import Meeting, MeetingAttendance, Volunteer
from borapp.services import audit
from borapp.services.errors import NotFound, ValidationError
from borapp.services.validation import parse_date

MIN_ATTENDEES = 4
KINDS = ("case_discussion", "theme")
KIND_LABELS = {"case_discussion": N_("Case discussion"), "theme": N_("Theme evening")}


@dataclass(frozen=True)
class Attendee:
    id: int
    name: str


@dataclass(frozen=True)
class MeetingItem:
    id: int
    held_on: dt.date
    region: str
    kind: str
    theme: str
    cancelled: bool
    attendees: tuple[Attendee, ...]
    upcoming: bool = False  # after today: who attended is recorded once it is held

    @property
    def attendee_count(self) -> int:
        return len(self.attendees)

    @property
    def below_minimum(self) -> bool:
        """Fewer than four volunteers at a meeting held and not cancelled."""
        return not self.cancelled and not self.upcoming and self.attendee_count < MIN_ATTENDEES

    @property
    def flag(self) -> str:
        """The short mark for lists: "below the minimum (4)", "still to come"; "" when it is fine or cancelled."""
        if self.upcoming and not self.cancelled:
            return _("Still to come")
        return _("Below the minimum ({minimum})").format(minimum=MIN_ATTENDEES) if self.below_minimum else ""

    @property
    def warning(self) -> str:
        if not self.below_minimum:
            return ""
        return ngettext("{n} attendee: below the minimum ({minimum})", "{n} attendees: below the minimum ({minimum})",
                        self.attendee_count).format(n=self.attendee_count, minimum=MIN_ATTENDEES)

    @property
    def advice(self) -> str:
        """What the meeting's page says under its checklist ("" when nothing needs saying)."""
        if self.upcoming and not self.cancelled:
            return _("Still to come: tick who attended once the meeting is held.")
        if self.below_minimum:
            return self.warning + "\n" + _("A meeting below the minimum is usually cancelled.")
        return ""


def kind_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


def _item(meeting: Meeting, names: dict[int, str]) -> MeetingItem:
    attendees = sorted((Attendee(a.volunteer_id, names.get(a.volunteer_id, "")) for a in meeting.attendance),
                       key=lambda a: a.name.casefold())
    return MeetingItem(meeting.id, meeting.held_on, meeting.region, meeting.kind, meeting.theme, meeting.cancelled,
                       tuple(attendees), meeting.held_on > dt.date.today())


def _names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Volunteer.id, Volunteer.name)).all())


def list_meetings(workspace, region: str = "", include_cancelled: bool = True) -> list[MeetingItem]:
    """Newest first."""
    with workspace.session() as session:
        query = (select(Meeting).options(selectinload(Meeting.attendance))
                 .order_by(Meeting.held_on.desc(), Meeting.id.desc()))
        if region:
            query = query.where(Meeting.region == region)
        if not include_cancelled:
            query = query.where(Meeting.cancelled.is_(False))
        names = _names(session)
        return [_item(m, names) for m in session.scalars(query)]


def load_meeting(workspace, meeting_id: int) -> MeetingItem:
    with workspace.session() as session:
        return _item(_get(session, meeting_id), _names(session))


def _get(session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(_("No meeting with number {id}.").format(id=meeting_id))
    return meeting


def add_meeting(workspace, held_on: dt.date | str | None, region: str = "", kind: str = "case_discussion",
                theme: str = "") -> int:
    """Plan a meeting; a theme evening needs its theme."""
    if isinstance(held_on, str):
        held_on = parse_date(held_on)
    if held_on is None:
        raise ValidationError(_("Enter the date of the meeting (5-3-2026)."), "held_on")
    if kind not in KINDS:
        raise ValidationError(_("Unknown kind of meeting."), "kind")
    theme = " ".join(theme.split())
    if kind == "theme" and not theme:
        raise ValidationError(_("A theme evening needs a theme."), "theme")
    with workspace.session() as session:
        meeting = Meeting(held_on=held_on, region=" ".join(region.split()), kind=kind, theme=theme)
        session.add(meeting)
        session.flush()
        audit.record(session, "create", "meeting", meeting.id, workspace.actor)
        return meeting.id


def record_attendance(workspace, meeting_id: int, volunteer_ids: Iterable[int]) -> MeetingItem:
    """Replace who attended with exactly these volunteers."""
    wanted = set(volunteer_ids)
    with workspace.session() as session:
        meeting = _get(session, meeting_id)
        if wanted and meeting.held_on > dt.date.today():
            raise ValidationError(_("This meeting is still to come: record who attended once it is held ({date}).")
                                  .format(date=long_date(meeting.held_on)), "attendance")
        known = set(session.scalars(select(Volunteer.id).where(Volunteer.id.in_(wanted)))) if wanted else set()
        if wanted - known:
            raise ValidationError(_("Unknown volunteer."), "attendance")
        meeting.attendance = [a for a in meeting.attendance if a.volunteer_id in wanted]
        present = {a.volunteer_id for a in meeting.attendance}
        meeting.attendance += [MeetingAttendance(volunteer_id=v) for v in sorted(wanted - present)]
        session.flush()
        audit.record(session, "update", "meeting", meeting.id, workspace.actor)
        return _item(meeting, _names(session))


def set_cancelled(workspace, meeting_id: int, cancelled: bool = True) -> MeetingItem:
    with workspace.session() as session:
        meeting = _get(session, meeting_id)
        meeting.cancelled = cancelled
        session.flush()
        audit.record(session, "update", "meeting", meeting.id, workspace.actor)
        return _item(meeting, _names(session))
