"""Applying one pushed operation: its own PostgreSQL transaction, idempotent by op_id, the record locked, each
field by the rule old/new/conflict (docs/sync-protocol.md, Operations). Never last-write-wins, never by clock."""

from __future__ import annotations

import logging

import psycopg
from psycopg.types.json import Jsonb

from borapp.server import changelog
from borapp.server.changelog import Record
from borapp.server.conflicts import DELETED, record_conflict
from borapp.server.operations import Operation, same

log = logging.getLogger("borapp.server")


def apply(conn: psycopg.Connection, op: Operation, device: str) -> dict:
    """The operation's result for the answer: applied, conflict (with the conflicts' ids), erased (an edit of an
    erased record, dropped and not kept), or duplicate (applied before: nothing changes, and the first outcome is
    said again)."""
    with conn.transaction():
        # Taken first: a second push of the same op_id waits here until the first commits, then finds it.
        claimed = conn.execute("INSERT INTO applied_ops (op_id, outcome, device) VALUES (%s, '{}', %s) "
                               "ON CONFLICT DO NOTHING RETURNING op_id", (op.op_id, device)).fetchone()
        if claimed is None:
            first = conn.execute("SELECT outcome FROM applied_ops WHERE op_id = %s", (op.op_id,)).fetchone()[0]
            log.info("op %s duplicate", op.op_id)
            return {"op_id": op.op_id, "outcome": "duplicate", "first": first.get("outcome"),
                    "conflicts": first.get("conflicts", [])}
        record = changelog.lock_record(conn, op.type, op.uuid)
        outcome, conflicts = _APPLY[op.kind](conn, record, op, device)
        result = {"op_id": op.op_id, "outcome": outcome, "conflicts": conflicts}
        conn.execute("UPDATE applied_ops SET outcome = %s WHERE op_id = %s",
                     (Jsonb({"outcome": outcome, "conflicts": conflicts}), op.op_id))
    log.info("op %s %s %s: %s, %d conflicts", op.op_id, op.kind, op.type, outcome, len(conflicts))
    return result


def _upsert(conn, record: Record, op: Operation, device: str) -> tuple[str, list[int]]:
    if record.erased:
        return "erased", []  # its data is gone everywhere: nothing of this edit is kept either
    wanted = {name: change for name, change in op.fields.items() if not same(change.old, change.new)}
    if record.deleted:
        if not wanted:
            return "applied", []
        mine = {name: change.new for name, change in wanted.items()}
        server_device = changelog.last_device_of(conn, record, None)
        return "conflict", [record_conflict(conn, record, DELETED, False, True, mine, device, server_device)]
    changed, conflicts = {}, []
    for name, change in wanted.items():
        held = record.fields.get(name)  # a field the server does not have holds null
        if same(held, change.old):
            changed[name] = change.new
        elif same(held, change.new):
            continue
        else:
            server_device = changelog.last_device_of(conn, record, name)
            conflicts.append(record_conflict(conn, record, name, change.old, held, change.new, device,
                                             server_device))
    if changed or (record.new and not conflicts):  # a new record is logged even with every field null
        record.fields = {**record.fields, **changed}
        changelog.append(conn, record, "upsert", changed, device, op.op_id)
    return ("conflict" if conflicts else "applied"), conflicts


def _delete(conn, record: Record, op: Operation, device: str) -> tuple[str, list[int]]:
    if record.erased:
        return "erased", []
    if record.deleted:
        return "applied", []  # deleted already: what the device wanted
    if op.base is not None and not record.new:
        other = changelog.changed_by_others_since(conn, record, op.base, device)
        if other is not None:  # changed by someone after this device last saw it: a person decides
            return "conflict", [record_conflict(conn, record, DELETED, False, False, True, device, other)]
    record.deleted = True
    changelog.append(conn, record, "delete", {}, device, op.op_id)
    return "applied", []


def _erase(conn, record: Record, op: Operation, device: str) -> tuple[str, list[int]]:
    if record.erased:
        return "applied", []
    conn.execute("DELETE FROM change_log WHERE type = %s AND uuid = %s", (record.type, record.uuid))
    conn.execute("DELETE FROM conflicts WHERE type = %s AND uuid = %s", (record.type, record.uuid))
    record.fields, record.deleted, record.erased = {}, True, True
    changelog.append(conn, record, "erase", {}, device, op.op_id)
    return "applied", []


_APPLY = {"upsert": _upsert, "delete": _delete, "erase": _erase}
