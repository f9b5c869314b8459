"""The change log: every change to a record gets the next number of the server's sequence, and a device asks for
what comes after the last number it applied. Numbers are handed out in commit order: every writing transaction
takes one transaction-scoped advisory lock first (`writer_lock`) and holds it until commit, so a device reading up
to seq N has seen every change numbered N or lower (a change that commits later always gets a higher number).
Taken first, before any record's row lock, it also keeps writers from waiting on each other in a circle."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg.types.json import Jsonb

from borapp.server import private

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


def writer_lock(conn: psycopg.Connection) -> None:
    """The first statement of every transaction that writes records or the change log."""
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITER_LOCK,))


def lock_record(conn: psycopg.Connection, type_: str, uuid: str) -> Record:
    """The record, locked for the rest of the transaction (made as an empty live record if it does not exist, so
    two devices creating it at once wait for each other instead of failing)."""
    made = conn.execute("INSERT INTO records (type, uuid) VALUES (%s, %s) ON CONFLICT DO NOTHING RETURNING uuid",
                        (type_, uuid)).fetchone()
    if made is not None:  # inserted by this transaction: locked already, and empty
        return Record(type_, uuid, {}, False, False, 0, True)
    row = conn.execute("SELECT fields, deleted, erased, version FROM records WHERE type = %s AND uuid = %s "
                       "FOR UPDATE", (type_, uuid)).fetchone()
    return Record(type_, uuid, row[0], row[1], row[2], row[3], False)


def append(conn: psycopg.Connection, record: Record, kind: str, fields: dict, device: str,
           op_id: str | None, outcome: dict | None = None) -> int:
    """Log one change and store the record as it now is (fields, deleted, erased), and with `outcome` the
    operation as applied; its seq. One statement (a round trip per operation counts on a first sync of thousands of
    records), in a transaction that took `writer_lock` first (taken here again, which costs nothing)."""
    done = ", done AS (INSERT INTO applied_ops (op_id, outcome, device) VALUES (%(op_id)s, %(outcome)s, %(device)s))"
    seq = conn.execute(
        "WITH writer AS (SELECT pg_advisory_xact_lock(%(lock)s)), "
        "log AS (INSERT INTO change_log (op_id, type, uuid, kind, fields, device) "
        "  SELECT %(op_id)s, %(type)s, %(uuid)s, %(kind)s, %(changed)s, %(device)s FROM writer RETURNING seq), "
        "rec AS (UPDATE records SET fields = %(fields)s, deleted = %(deleted)s, erased = %(erased)s, "
        "  version = (SELECT seq FROM log) WHERE type = %(type)s AND uuid = %(uuid)s)"
        + (done if outcome is not None else "") + " SELECT seq FROM log",
        {"lock": _WRITER_LOCK, "op_id": op_id, "type": record.type, "uuid": record.uuid, "kind": kind,
         "changed": Jsonb(fields), "device": device, "fields": Jsonb(record.fields), "deleted": record.deleted,
         "erased": record.erased, "outcome": Jsonb(outcome)}).fetchone()[0]
    record.version = seq
    private.forget_replaced(conn, record.type, record.uuid, record.fields, fields)
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
