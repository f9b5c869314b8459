"""The audit trail (who did what to which record, never the content), drafts of unsaved edits, and settings.

The audit trail is the access log: append-only and hash-chained, each line carrying the hash of the line before
(`event_hash`), so that a changed or removed line shows (`borapp privacy log verify`).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import DateTime, Integer, String, Text
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
