"""The change log: every change to a record gets the next number of the server's sequence, and a device asks for
what comes after the last number it applied. Numbers are handed out in commit order (one writer at a time holds a
transaction-scoped advisory lock from taking the number until commit), so a device reading up to seq N has seen
every change numbered N or lower: a change that commits later always gets a higher number."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg.types.json import Jsonb

_WRITER_LOCK = 0x0B0D_5E01  # pg_advisory_xact_lock key of the change-log writer


@dataclass
class Record:
    type: str
    uuid: str
    fields: dict
    deleted: bool
    erased: bool
    version: int
    new: bool  # made just now by lock_record, did not exist before


def lock_record(conn: psycopg.Connection, type_: str, uuid: str) -> Record:
    """The record, locked for the rest of the transaction (made as an empty live record if it does not exist, so
    two devices creating it at once wait for each other instead of failing)."""
    made = conn.execute("INSERT INTO records (type, uuid) VALUES (%s, %s) ON CONFLICT DO NOTHING RETURNING uuid",
                        (type_, uuid)).fetchone() is not None
    row = conn.execute("SELECT fields, deleted, erased, version FROM records WHERE type = %s AND uuid = %s "
                       "FOR UPDATE", (type_, uuid)).fetchone()
    return Record(type_, uuid, row[0], row[1], row[2], row[3], made)


def append(conn: psycopg.Connection, record: Record, kind: str, fields: dict, device: str,
           op_id: str | None) -> int:
    """Log one change and store the record as it now is (fields, deleted, erased); its seq. Call last in the
    transaction: the writer lock is held until commit."""
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITER_LOCK,))
    seq = conn.execute("INSERT INTO change_log (op_id, type, uuid, kind, fields, device) "
                       "VALUES (%s, %s, %s, %s, %s, %s) RETURNING seq",
                       (op_id, record.type, record.uuid, kind, Jsonb(fields), device)).fetchone()[0]
    conn.execute("UPDATE records SET fields = %s, deleted = %s, erased = %s, version = %s "
                 "WHERE type = %s AND uuid = %s",
                 (Jsonb(record.fields), record.deleted, record.erased, seq, record.type, record.uuid))
    record.version = seq
    return seq


def latest(conn: psycopg.Connection) -> int:
    return conn.execute("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()[0]


def last_device_of(conn: psycopg.Connection, record: Record, field: str | None) -> str | None:
    """The device whose change set this field (or, for None, deleted the record) last."""
    if field is None:
        row = conn.execute("SELECT device FROM change_log WHERE type = %s AND uuid = %s AND kind = 'delete' "
                           "ORDER BY seq DESC LIMIT 1", (record.type, record.uuid)).fetchone()
    else:
        row = conn.execute("SELECT device FROM change_log WHERE type = %s AND uuid = %s AND fields ? %s "
                           "ORDER BY seq DESC LIMIT 1", (record.type, record.uuid, field)).fetchone()
    return row[0] if row else None


def changed_by_others_since(conn: psycopg.Connection, record: Record, seq: int, device: str) -> str | None:
    """Another device that changed the record after `seq` (the first such), or None."""
    row = conn.execute("SELECT device FROM change_log WHERE type = %s AND uuid = %s AND seq > %s AND device <> %s "
                       "ORDER BY seq LIMIT 1", (record.type, record.uuid, seq, device)).fetchone()
    return row[0] if row else None
