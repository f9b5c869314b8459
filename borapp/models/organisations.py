"""Organisations (referrers, commissioning parties), municipalities with their funding, coordinators."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from borapp.models.base import Base, Timestamps

ORGANISATION_KINDS = (
    "court", "youth_protection", "municipal_team", "municipality", "social_work", "veilig_thuis",
    "child_protection_board", "other",
)
FUNDING_TYPES = ("purchased", "per_case")


class Organisation(Timestamps, Base):
    __tablename__ = "organisation"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40), default="other")
    contact_person: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    # The postal address as it goes on an envelope, one line each: "Straat 12\n1234 AB Plaats".
    address: Mapped[str] = mapped_column(String(300), default="")


class Municipality(Timestamps, Base):
    __tablename__ = "municipality"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    region: Mapped[str] = mapped_column(String(120), default="")
    fundings: Mapped[list[MunicipalityFunding]] = relationship(
        back_populates="municipality", cascade="all, delete-orphan", order_by="MunicipalityFunding.year"
    )


class MunicipalityFunding(Base):
    """How a municipality pays in a given year: purchased trajectories or per trajectory."""

    __tablename__ = "municipality_funding"
    __table_args__ = (UniqueConstraint("municipality_id", "year", name="uq_municipality_funding_year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    funding: Mapped[str] = mapped_column(String(20))
    trajectories: Mapped[int | None] = mapped_column(Integer, nullable=True)
    municipality: Mapped[Municipality] = relationship(back_populates="fundings")


class Coordinator(Timestamps, Base):
    __tablename__ = "coordinator"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
