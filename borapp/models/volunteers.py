"""Volunteers (BOR-medewerkers), their trainings, VOGs and pauses, and volunteer meetings with attendance."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from borapp.models.base import Base, Timestamps

GENDERS = ("f", "m", "x")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_PARTS = ("morning", "afternoon", "evening")


class Volunteer(Timestamps, Base):
    __tablename__ = "volunteer"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    region: Mapped[str] = mapped_column(String(120), default="")
    gender: Mapped[str] = mapped_column(String(1), default="")
    # Semicolon-separated codes: languages "nl;en", availability "mon-morning;sat-afternoon".
    languages: Mapped[str] = mapped_column(String(200), default="nl")
    availability: Mapped[str] = mapped_column(String(400), default="")
    vog_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)  # the latest VOG: see VogIssue (0044)
    max_cases: Mapped[int] = mapped_column(Integer, default=2)
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # today; since when: see VolunteerPause (0044)
    joined_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    left_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    trainings: Mapped[list[Training]] = relationship(
        back_populates="volunteer", cascade="all, delete-orphan", order_by="Training.on"
    )
    vogs: Mapped[list[VogIssue]] = relationship(cascade="all, delete-orphan", order_by="VogIssue.issued_on")
    pauses: Mapped[list[VolunteerPause]] = relationship(cascade="all, delete-orphan", order_by="VolunteerPause.id")

    @property
    def trained_on(self) -> dt.date | None:
        dates = [t.on for t in self.trainings if t.kind == "initial"]
        return min(dates) if dates else None


class Training(Base):
    """A training day (initial) or refresher day a volunteer attended."""

    __tablename__ = "training"
    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="initial")
    on: Mapped[dt.date] = mapped_column(Date)
    volunteer: Mapped[Volunteer] = relationship(back_populates="trainings")


class VogIssue(Base):
    """A VOG a volunteer was given, by its date of issue: a past year's report reads the one valid on its last day,
    not the latest (which a renewal today would put past that day)."""

    __tablename__ = "vog_issue"
    __table_args__ = (UniqueConstraint("volunteer_id", "issued_on"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"), index=True)
    issued_on: Mapped[dt.date] = mapped_column(Date)


class VolunteerPause(Base):
    """A time a volunteer was not active (not matched, not deployable) while still in the pool: from `started_on`
    (None: as far back as the records go) until `ended_on` (None: still paused)."""

    __tablename__ = "volunteer_pause"
    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"), index=True)
    started_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    ended_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class Meeting(Timestamps, Base):
    """A volunteer meeting (case discussion or theme evening); usually cancelled when fewer than four sign up."""

    __tablename__ = "meeting"
    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[dt.date] = mapped_column(Date)
    region: Mapped[str] = mapped_column(String(120), default="")
    kind: Mapped[str] = mapped_column(String(20), default="case_discussion")
    theme: Mapped[str] = mapped_column(String(300), default="")
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    cancel_reason: Mapped[str] = mapped_column(String(20), default="", server_default="")  # "too_few" (sign-ups) or "other"
    cancel_note: Mapped[str] = mapped_column(String(300), default="", server_default="")  # the other reason, in a few words
    # who attended was saved once it was held, even as nobody (0041): the checklist then no longer starts from sign-ups
    attendance_recorded: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    attendance: Mapped[list[MeetingAttendance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )


class MeetingAttendance(Base):
    """A volunteer at a meeting: signed up before it, attended it, or both (0040: a row was "attended" before)."""

    __tablename__ = "meeting_attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "volunteer_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)  # one key of its own, so that it travels in team sync
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"), index=True)
    signed_up: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    attended: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
