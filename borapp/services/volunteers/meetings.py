"""Volunteer meetings (vrijwilligersbijeenkomsten): case discussions per region and theme evenings.

A meeting needs at least four volunteers. Before its date the coordinator records who signed up, and fewer than four
is flagged then, while it can still be cancelled; once held, who attended (starting from the sign-ups). A cancelled
meeting keeps its reason (too few sign-ups, or another in a few words) for the annual report.
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
CANCEL_REASONS = ("too_few", "other")


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
    upcoming: bool = False  # after today: who signed up; who attended is recorded once it is held
    signed_up: tuple[Attendee, ...] = ()
    cancel_reason: str = ""  # "too_few" or "other" once cancelled
    cancel_note: str = ""
    attendance_recorded: bool = False  # who attended was saved after the date, possibly nobody

    @property
    def attendee_count(self) -> int:
        return len(self.attendees)

    @property
    def signup_count(self) -> int:
        return len(self.signed_up)

    @property
    def too_few_signups(self) -> bool:
        """Fewer than four signed up for a meeting still to come: time to cancel it."""
        return not self.cancelled and self.upcoming and self.signup_count < MIN_ATTENDEES

    @property
    def ticked_at_start(self) -> frozenset[int]:
        """The checklist's ticks: the sign-ups before the date; after it who attended (nobody, when that was saved), or
        the sign-ups until then."""
        if self.upcoming or not (self.attendance_recorded or self.attendees):
            return frozenset(a.id for a in self.signed_up)
        return frozenset(a.id for a in self.attendees)

    @property
    def cancelled_because(self) -> str:
        """ "Cancelled: too few sign-ups", "Cancelled: <the other reason>"; "" when it is not cancelled."""
        if not self.cancelled:
            return ""
        if self.cancel_reason == "other" and self.cancel_note:
            return _("Cancelled: {reason}").format(reason=self.cancel_note)
        return _("Cancelled: too few sign-ups") if self.cancel_reason == "too_few" else _("Cancelled")

    @property
    def below_minimum(self) -> bool:
        """Fewer than four volunteers at a meeting held and not cancelled, as recorded (nothing recorded yet says
        nothing of who came)."""
        return (not self.cancelled and not self.upcoming and not self.attendance_unknown
                and self.attendee_count < MIN_ATTENDEES)

    @property
    def attendance_unknown(self) -> bool:
        """A meeting held whose attendance nobody has saved yet: the list said "0" and "below the minimum" of it."""
        return not self.cancelled and not self.upcoming and not self.attendance_recorded and not self.attendees

    @property
    def flag(self) -> str:
        """The short mark for lists: "below the minimum (4)", "still to come"; "" when it is fine or cancelled."""
        if self.too_few_signups:  # the list's count says how many signed up
            return _("Too few sign-ups")
        if self.upcoming and not self.cancelled:
            return _("Still to come")
        if self.attendance_unknown:
            return _("Attendance still to record")
        return _("Below the minimum ({minimum})").format(minimum=MIN_ATTENDEES) if self.below_minimum else ""

    @property
    def warning(self) -> str:
        if self.too_few_signups:
            return _("{n} signed up: below the minimum ({minimum})").format(n=self.signup_count,
                                                                          minimum=MIN_ATTENDEES)
        if not self.below_minimum:
            return ""
        return ngettext("{n} attendee: below the minimum ({minimum})", "{n} attendees: below the minimum ({minimum})",
                        self.attendee_count).format(n=self.attendee_count, minimum=MIN_ATTENDEES)

    @property
    def advice(self) -> str:
        """What the meeting's page says under its checklist ("" when nothing needs saying)."""
        if self.too_few_signups:
            return self.warning + "\n" + _("A meeting below the minimum is usually cancelled: cancel it in time, "
                                           "with the reason.")
        if self.upcoming and not self.cancelled:
            return _("Still to come: tick who signed up. Who attended is ticked once the meeting is held.")
        if self.below_minimum:
            return self.warning + "\n" + _("A meeting below the minimum is usually cancelled.")
        return ""


def kind_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


def _item(meeting: Meeting, names: dict[int, str]) -> MeetingItem:
    def people(rows) -> tuple[Attendee, ...]:
        return tuple(sorted((Attendee(a.volunteer_id, names.get(a.volunteer_id, "")) for a in rows),
                            key=lambda a: a.name.casefold()))

    return MeetingItem(meeting.id, meeting.held_on, meeting.region, meeting.kind, meeting.theme, meeting.cancelled,
                       people(a for a in meeting.attendance if a.attended), meeting.held_on > dt.date.today(),
                       people(a for a in meeting.attendance if a.signed_up), meeting.cancel_reason,
                       meeting.cancel_note, meeting.attendance_recorded)


def _names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Volunteer.id, Volunteer.name)).all())


def list_meetings(workspace, region: str = "", include_cancelled: bool = True,
                  year: int | None = None) -> list[MeetingItem]:
    """Newest first; of one region and one year when given."""
    with workspace.session() as session:
        query = (select(Meeting).options(selectinload(Meeting.attendance))
                 .order_by(Meeting.held_on.desc(), Meeting.id.desc()))
        if region:
            query = query.where(Meeting.region == region)
        if year is not None:
            query = query.where(Meeting.held_on >= dt.date(year, 1, 1), Meeting.held_on <= dt.date(year, 12, 31))
        if not include_cancelled:
            query = query.where(Meeting.cancelled.is_(False))
        names = _names(session)
        return [_item(m, names) for m in session.scalars(query)]


def filter_choices(workspace) -> tuple[list[str], list[int]]:
    """The regions (A to Z) and years (newest first) that meetings have, for the list's filters."""
    with workspace.session() as session:
        regions = session.scalars(select(Meeting.region).where(Meeting.region != "").distinct()).all()
        days = session.scalars(select(Meeting.held_on).distinct()).all()
    return sorted(regions, key=str.casefold), sorted({d.year for d in days}, reverse=True)


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


def record_signups(workspace, meeting_id: int, volunteer_ids: Iterable[int]) -> MeetingItem:
    """Replace who signed up with exactly these volunteers (who attended stays as recorded)."""
    return _replace_people(workspace, meeting_id, set(volunteer_ids), "signed_up")


def record_attendance(workspace, meeting_id: int, volunteer_ids: Iterable[int]) -> MeetingItem:
    """Replace who attended with exactly these volunteers (who signed up stays as recorded); after the date even
    nobody is recorded, so that the sign-ups are not taken for who attended."""
    return _replace_people(workspace, meeting_id, set(volunteer_ids), "attended")


def _replace_people(workspace, meeting_id: int, wanted: set[int], flag: str) -> MeetingItem:
    """Set `flag` ("signed_up" or "attended") on exactly these volunteers' rows; a row with neither goes."""
    with workspace.session() as session:
        meeting = _get(session, meeting_id)
        if flag == "attended" and wanted and meeting.held_on > dt.date.today():
            raise ValidationError(_("This meeting is still to come: record who attended once it is held ({date}).")
                                  .format(date=long_date(meeting.held_on)), "attendance")
        known = set(session.scalars(select(Volunteer.id).where(Volunteer.id.in_(wanted)))) if wanted else set()
        if wanted - known:
            raise ValidationError(_("Unknown volunteer."), "attendance")
        present = {a.volunteer_id for a in meeting.attendance}
        meeting.attendance += [MeetingAttendance(volunteer_id=v, signed_up=False, attended=False)
                               for v in sorted(wanted - present)]
        for row in meeting.attendance:
            setattr(row, flag, row.volunteer_id in wanted)
        if flag == "attended":
            meeting.attendance_recorded = meeting.held_on <= dt.date.today()
        meeting.attendance = [a for a in meeting.attendance if a.signed_up or a.attended]
        session.flush()
        audit.record(session, "update", "meeting", meeting.id, workspace.actor)
        return _item(meeting, _names(session))


def set_cancelled(workspace, meeting_id: int, cancelled: bool = True, reason: str = "",
                  note: str = "") -> MeetingItem:
    """Cancel a meeting with its reason ("too_few" sign-ups, or "other" with a few words), or take that back."""
    note = " ".join(note.split())
    if cancelled and reason not in CANCEL_REASONS:
        raise ValidationError(_("Choose why the meeting is cancelled."), "cancel_reason")
    if cancelled and reason == "other" and not note:
        raise ValidationError(_("Say in a few words why the meeting is cancelled."), "cancel_note")
    with workspace.session() as session:
        meeting = _get(session, meeting_id)
        meeting.cancelled = cancelled
        meeting.cancel_reason = reason if cancelled else ""
        meeting.cancel_note = note if cancelled and reason == "other" else ""
        session.flush()
        audit.record(session, "update", "meeting", meeting.id, workspace.actor)
        return _item(meeting, _names(session))
