"""Team sync's own records in the vault: which global uuid each local record has, and the operations this laptop
made that the office server has not yet acknowledged (docs/sync-protocol.md)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from borapp.models.base import Base, utcnow


class SyncIdentity(Base):
    """A synced record's global identity. Kept after the record is deleted: the uuid is then its tombstone.

    A local record has one uuid of its own, and may answer to more: a municipality (or organisation, coordinator)
    made separately on two laptops under the same name is one record here, known by both uuids."""

    __tablename__ = "sync_identity"
    __table_args__ = (Index("ix_sync_identity_local", "type", "local_id"),)
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    type: Mapped[str] = mapped_column(String(30))
    local_id: Mapped[int] = mapped_column(Integer)
    alias: Mapped[bool] = mapped_column(Boolean, default=False)


class SyncOp(Base):
    """One local change, written in the same transaction as the change itself; `outcome` is set once the server
    answered (applied, duplicate or conflict), so a crash between the two sends it again (the server ignores a
    repeat by `op_id`)."""

    __tablename__ = "sync_op"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    type: Mapped[str] = mapped_column(String(30))
    uuid: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(10))  # upsert | delete | erase
    fields: Mapped[str] = mapped_column(Text, default="{}")  # JSON {name: {"old": v, "new": v}}
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    outcome: Mapped[str | None] = mapped_column(String(20), nullable=True, index=True)
