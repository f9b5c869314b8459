"""The audit trail (who did what to which record, never the content), drafts of unsaved edits, and settings.

The audit trail is the access log: append-only and hash-chained, each line carrying the hash of the line before
(`event_hash`), so that a changed or removed line shows (`borapp privacy log verify`).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from borapp.models.base import Base, utcnow


class AuditEvent(Base):
    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(40))
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # the case a line is about, whatever record it names; no foreign key: the log outlives an erased case
    case_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    device: Mapped[str] = mapped_column(String(120), default="")
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


GENESIS = "0" * 64


def event_hash(prev_hash: str, at: dt.datetime | None, actor: str, action: str, record_type: str,
               record_id: int | None, case_id: int | None, device: str) -> str:
    """The line's hash over the previous line's hash and every field of the line (SHA-256, hex)."""
    fields = (prev_hash, at.isoformat(timespec="microseconds") if at else "", actor or "", action, record_type,
              "" if record_id is None else str(record_id), "" if case_id is None else str(case_id), device or "")
    return hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()


class Draft(Base):
    """Unsaved form state (JSON), kept inside the encrypted vault so typing survives a lock or a crash."""

    __tablename__ = "draft"
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    payload: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class Setting(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(120), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Erasure(Base):
    """A tombstone: a case was erased on request or after its retention period. No name, no content."""

    __tablename__ = "erasure"
    id: Mapped[int] = mapped_column(primary_key=True)
    case_ref: Mapped[str] = mapped_column(String(40), unique=True)
    erased_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    reason: Mapped[str] = mapped_column(Text, default="")
    actor: Mapped[str] = mapped_column(String(200), default="")
    # the backups that existed when the case was erased, and still hold it (file names, one per line)
    backups_before: Mapped[str] = mapped_column(Text, default="")


class ErasedCount(Base):
    """What the annual report counted of an erased case, and nothing more: no case number, name, text or day, no
    link to its tombstone. One row per erased case, so a report on any year adds up to the same figures after the
    erasure as before (services/privacy/erased_counts.py fills and reads it)."""

    __tablename__ = "erased_count"
    id: Mapped[int] = mapped_column(primary_key=True)
    registered_year: Mapped[int] = mapped_column(Integer)
    registered_month: Mapped[int] = mapped_column(Integer)  # the on-call allowance is shared per month
    # deleting a municipality an erased case counted for is refused (organisation_setup); SET NULL only so that a
    # delete from a team laptop that never had the case cannot stop this laptop's sync
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id", ondelete="SET NULL"),
                                                        nullable=True, index=True)
    funding: Mapped[str] = mapped_column(String(20), default="")
    # {"2025": [status, closed in that year, outcome, reason, month of the closing or 0]} per year from the
    # registration on, as the case stood on 31 December (periods.state_at); later years: no longer open
    year_ends: Mapped[str] = mapped_column(Text, default="{}")
    closed_month: Mapped[str] = mapped_column(String(7), default="")  # "YYYY-MM" of its closing, "" while open
    start: Mapped[str] = mapped_column(String(20), default="not_started")  # timeliness: within_month/later/...
    start_days: Mapped[int | None] = mapped_column(Integer, nullable=True)  # registration to first visit
    minutes: Mapped[int] = mapped_column(Integer, default=0)  # the coordinator's hours recorded, in all
    expenses_cents: Mapped[int] = mapped_column(Integer, default=0)  # its visits' expenses, in all
    # the volunteers' claims to reimburse: [["YYYY-MM", volunteer id, visits, km, km cents, other cents], ...]
    expenses: Mapped[str] = mapped_column(Text, default="[]")
