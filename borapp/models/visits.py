"""Supervised visits (omgangsmomenten) and evaluations."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column

from borapp.models.base import Base, Timestamps

VISIT_STATES = ("planned", "held", "cancelled", "no_show")
CANCELLED_BY = ("resident", "other", "volunteer", "coordinator", "child", "external")
NO_SHOW_BY = ("resident", "other")  # the parent who did not come, without calling it off
_HELD_TEXT = ("brought_by", "collected_by", "others_present", "handover", "what_happened", "child_wellbeing",
              "child_voice", "incidents", "ended_early_reason")
# The fields a visit holds only in one state, with their empty value in the others (services/visits/records._apply
# empties them so): team sync keeps them with their state, so two laptops' states never merge into one visit
STATE_FIELDS = {
    "held": {name: "" for name in _HELD_TEXT},
    "cancelled": {"cancelled_by": "", "cancel_reason": "", "notice_hours": None, "cancelled_on": None},
    "no_show": {"no_show_by": ""},
}


class Visit(Timestamps, Base):
    __tablename__ = "visit"
    __table_args__ = (Index("ix_visit_case_id_id_on_state", "case_id", "id", "on", "state"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"))
    on: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time | None] = mapped_column(Time, nullable=True)
    end_time: Mapped[dt.time | None] = mapped_column(Time, nullable=True)
    place: Mapped[str] = mapped_column(String(300), default="")
    state: Mapped[str] = mapped_column(String(10), default="planned")
    cancelled_by: Mapped[str] = mapped_column(String(20), default="")
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    notice_hours: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The day it was called off (a visit called off on 10 March for 20 March); NULL for one recorded before this was
    # kept: read as its own date then
    cancelled_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # State "no_show": the parent (NO_SHOW_BY) who did not come and had not called it off; "" otherwise
    no_show_by: Mapped[str] = mapped_column(String(20), default="", server_default="")
    volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer.id"), nullable=True)
    brought_by: Mapped[str] = mapped_column(String(200), default="")
    collected_by: Mapped[str] = mapped_column(String(200), default="")
    others_present: Mapped[str] = mapped_column(String(300), default="")
    handover: Mapped[str] = mapped_column(Text, default="")
    what_happened: Mapped[str] = mapped_column(Text, default="")
    child_wellbeing: Mapped[str] = mapped_column(Text, default="")
    child_voice: Mapped[str] = mapped_column(Text, default="")
    incidents: Mapped[str] = mapped_column(Text, default="")
    ended_early_reason: Mapped[str] = mapped_column(Text, default="")
    # Set when the report is finished: from then on it is a fact that never changes; corrections are addenda
    report_final_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class VisitAddendum(Timestamps, Base):
    """A correction or addition to a finished visit report, dated and signed; never edited, never removed."""

    __tablename__ = "visit_addendum"
    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    written_on: Mapped[dt.date] = mapped_column(Date)
    author: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text, default="")


class Evaluation(Timestamps, Base):
    __tablename__ = "evaluation"
    __table_args__ = (Index("ix_evaluation_case_id_id_kind_held_on", "case_id", "id", "kind", "held_on"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"))
    held_on: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20), default="midway")
    participants: Mapped[str] = mapped_column(String(400), default="")
    agreements: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
