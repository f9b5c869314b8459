"""A case with its family (parents, children), its court decision and agreements, and its dated status history."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from borapp.models.base import Base, Timestamps, utcnow
from borapp.models.organisations import Coordinator, Municipality, Organisation

ROUTES = ("self", "court", "ots")
PARENT_ROLES = ("resident", "other")


class Case(Timestamps, Base):
    __tablename__ = "case_file"
    # The list's default order and Today's/the retention review's status ranges come from these (migrations 0024,
    # 0028, 0032); the annual report groups the cases registered by a year's end from the first (0029).
    __table_args__ = (Index("ix_case_file_registered_on_ref_municipality_id_funding", "registered_on", "ref",
                            "municipality_id", "funding"),
                      Index("ix_case_file_status_closed_on_id_registered_on_ref_agreed_visits",
                            "status", "closed_on", "id", "registered_on", "ref", "agreed_visits"))
    id: Mapped[int] = mapped_column(primary_key=True)
    ref: Mapped[str] = mapped_column(String(40), unique=True)
    registered_on: Mapped[dt.date] = mapped_column(Date)
    route: Mapped[str] = mapped_column(String(10), default="self")
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"), nullable=True, index=True)
    funding: Mapped[str] = mapped_column(String(20), default="")
    referrer_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), nullable=True)
    referrer_contact: Mapped[str] = mapped_column(String(200), default="")
    referrer_email: Mapped[str] = mapped_column(String(200), default="")
    commissioner_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), nullable=True)
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("coordinator.id"), nullable=True, index=True)
    volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer.id"), nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(20), default="registered")
    outcome: Mapped[str] = mapped_column(String(30), default="")
    outcome_reason: Mapped[str] = mapped_column(String(40), default="")
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    # The court decision (beschikking): deviate from it as little as possible.
    court_decision_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    court_frequency: Mapped[str] = mapped_column(String(200), default="")
    court_duration: Mapped[str] = mapped_column(String(200), default="")
    court_buildup: Mapped[str] = mapped_column(Text, default="")
    # Agreements that go into the contract.
    visit_place: Mapped[str] = mapped_column(String(300), default="")
    visit_frequency: Mapped[str] = mapped_column(String(200), default="")
    agreed_visits: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the trajectory's length (6 to 12)
    buildup: Mapped[str] = mapped_column(Text, default="")
    handover: Mapped[str] = mapped_column(Text, default="")
    staggered_arrival: Mapped[bool] = mapped_column(Boolean, default=False)
    cancellation_rules: Mapped[str] = mapped_column(Text, default="")
    house_rules: Mapped[str] = mapped_column(Text, default="")
    referrer_information: Mapped[str] = mapped_column(Text, default="")
    # Intake: motivation, safety, the family's practical wishes.
    motivation: Mapped[str] = mapped_column(Text, default="")
    safety: Mapped[str] = mapped_column(Text, default="")
    preferred_slots: Mapped[str] = mapped_column(String(400), default="")
    volunteer_wishes: Mapped[str] = mapped_column(Text, default="")
    # The parents' stated demands on the volunteer, as matching uses them: "f"/"m" or "", language codes "nl;tr".
    wish_gender: Mapped[str] = mapped_column(String(1), default="")
    wish_languages: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    municipality: Mapped[Municipality | None] = relationship()
    referrer: Mapped[Organisation | None] = relationship(foreign_keys=[referrer_id])
    commissioner: Mapped[Organisation | None] = relationship(foreign_keys=[commissioner_id])
    coordinator: Mapped[Coordinator | None] = relationship()
    volunteer: Mapped["Volunteer | None"] = relationship()  # noqa: F821
    parents: Mapped[list[Parent]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Parent.role.desc()"
    )
    children: Mapped[list[Child]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Child.birth_date"
    )
    history: Mapped[list[StatusChange]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="(StatusChange.on, StatusChange.id)"
    )

    def parent(self, role: str) -> Parent | None:
        return next((p for p in self.parents if p.role == role), None)


class Parent(Timestamps, Base):
    __tablename__ = "parent"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    city: Mapped[str] = mapped_column(String(120), default="")
    address_confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    case: Mapped[Case] = relationship(back_populates="parents")


class Child(Timestamps, Base):
    __tablename__ = "child"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    case: Mapped[Case] = relationship(back_populates="children")


class CaseExclusion(Base):
    """A volunteer who must not be matched to this case (known to the family, a conflict, a parent's objection)."""

    __tablename__ = "case_exclusion"
    __table_args__ = (UniqueConstraint("case_id", "volunteer_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)  # one key of its own, so that it travels in team sync
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"))
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"), index=True)
    reason: Mapped[str] = mapped_column(String(300), default="")


class RetentionHold(Base):
    """A closed case past its retention period that the coordinator keeps longer: why, and until when it leaves the
    list of cases due for destruction. Goes with the case (erased or deleted); travels in team sync, so a colleague's
    list leaves the case out too. One per case."""

    __tablename__ = "retention_hold"
    id: Mapped[int] = mapped_column(primary_key=True)  # one key of its own, so that it travels in team sync (0039)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"), unique=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    until: Mapped[dt.date] = mapped_column(Date)
    noted_on: Mapped[dt.date] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(String(200), default="")


class StatusChange(Base):
    """One dated step in a case's life; the reason only where the domain asks for one."""

    __tablename__ = "status_change"
    # A case's state at a date, for Today and the annual report (migrations 0028, 0029).
    __table_args__ = (Index("ix_status_change_case_id_id_to_status_on_outcome_reason", "case_id", "id", "to_status",
                            "on", "outcome", "reason"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("case_file.id", ondelete="CASCADE"))
    on: Mapped[dt.date] = mapped_column(Date)
    from_status: Mapped[str] = mapped_column(String(20), default="")
    to_status: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(30), default="")
    reason: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("coordinator.id"), nullable=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    case: Mapped[Case] = relationship(back_populates="history")
