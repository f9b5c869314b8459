"""Applying pushed operations, in order, each by the rule old/new/conflict per field (docs/sync-protocol.md,
Operations), idempotent by op_id. Never last-write-wins, never by clock.

A push's operations are applied in PostgreSQL transactions of up to GROUP operations, each taking the change-log
writer lock first: an operation is applied wholly or not at all, its applied_ops row commits with it, and a retry
finds it there. One commit per operation would wait for the disk once per operation (measured: under 200 operations
a second with fsync on), too slow for a laptop's first sync of thousands of records."""

from __future__ import annotations

import logging

import psycopg
from psycopg.types.json import Jsonb

from borapp.server import batch, blobs, changelog, facts, numbers, owned, tied
from borapp.server.changelog import Record
from borapp.server.conflicts import DELETED, record_conflict
from borapp.server.operations import Operation, looks_like_uuid, same

log = logging.getLogger("borapp.server")
# Operations per transaction: the writer lock is held for one group at a time. Each commit waits for the disk
# (fsync): 100 per group made a first sync of 28,800 operations wait 291 times, 6 of its 13 s on the server
GROUP = 500


def apply_all(conn: psycopg.Connection, ops: list[Operation], device: str) -> tuple[list[dict], list[list[int]]]:
    """The outcome of each operation, and the spans of change-log numbers these operations wrote: `[after, upto]`,
    one per group, merged where they touch. Under the writer lock nobody else writes, so every change numbered in
    a span is this push's; the device may then ask its pull to leave those out (pull.page, `own`)."""
    results: list[dict] = []
    spans: list[list[int]] = []
    for start in range(0, len(ops), GROUP):
        group = ops[start:start + GROUP]
        with conn.transaction():
            changelog.writer_lock(conn)
            before = changelog.latest(conn)
            # the group's duplicate check in one query, under the writer lock (a round trip per operation less)
            done = dict(conn.execute("SELECT op_id, outcome FROM applied_ops WHERE op_id = ANY(%s)",
                                     ([op.op_id for op in group],)).fetchall())
            erased = _erased_references(conn, group)
            removed = _deleted_references(conn, group)
            records, unwritten = batch.lock_all(conn, [op for op in group if op.op_id not in done])
            waiting = batch.Batch(conn, device, unwritten)
            for op in group:  # op_ids unique: parse_push
                record = records.get((op.type, op.uuid))
                if op.op_id not in done and batch.plain(op, record, erased) and not _names(op, record, removed) \
                        and not _waits_with_state(conn, op, record, device):
                    results.append(waiting.upsert(op, record))
                    continue
                waiting.flush()  # what follows reads the change log and the records as they now are
                if record is not None:
                    waiting.write_empty(record)
                results.append(apply(conn, op, device, done.get(op.op_id), erased, record))
                if op.kind == "erase" and op.type == "case" or op.kind == "delete" and op.type in owned.OWNERS:
                    # it may have erased or deleted records named further on (what hangs from it)
                    later = [o for o in group[group.index(op) + 1:] if o.op_id not in done]
                    fresh, _missing = batch.lock_all(conn, later)
                    records.update({k: r for k, r in fresh.items() if k not in waiting.unwritten})
            waiting.flush()
            after = changelog.latest(conn)
        if after > before:
            if spans and spans[-1][1] == before:
                spans[-1][1] = after
            else:
                spans.append([before, after])
    return results, spans


def _erased_references(conn: psycopg.Connection, ops: list[Operation]) -> set[str]:
    """Of the records the group's operations refer to, those erased (one query per group, not per operation)."""
    referred = sorted({c.new for op in ops for c in op.fields.values() if looks_like_uuid(c.new)})
    if not referred:
        return set()
    return {row[0] for row in conn.execute("SELECT uuid FROM records WHERE erased AND uuid = ANY(%s)", (referred,))}


def _deleted_references(conn: psycopg.Connection, ops: list[Operation]) -> set[str]:
    """Of the records the group's new records may hang from, those deleted (not erased): a record added under one
    is held for a person to settle (`_upsert`), never written as a plain change."""
    referred = sorted({c.new for op in ops if op.kind == "upsert" and op.type in owned.OWNED_BY
                       for name, c in op.fields.items() if name in owned.OWNED_BY[op.type] and looks_like_uuid(c.new)})
    if not referred:
        return set()
    return {row[0] for row in conn.execute("SELECT uuid FROM records WHERE deleted AND NOT erased AND uuid = ANY(%s)",
                                           (referred,))}


def _names(op: Operation, record: Record, removed: set[str]) -> bool:
    return bool(removed) and record.new and any(c.new in removed for c in op.fields.values())


def _waits_with_state(conn: psycopg.Connection, op: Operation, record: Record | None, device: str) -> bool:
    """An edit of fields tied to a state whose conflict of this device is open: they wait with it (tied.py)."""
    return record is not None and not record.new and bool(tied.fields_of(op.type) & set(op.fields)) \
        and tied.holding(conn, op.type, op.uuid, device, False)


def apply(conn: psycopg.Connection, op: Operation, device: str, first: dict | None = None,
          erased: set[str] | None = None, record: Record | None = None) -> dict:
    """One operation, inside a transaction that holds the writer lock (so no other push runs between the
    duplicate check and the write); `first` is its outcome when it was applied before; `erased` the erased records
    it may refer to (grows as the group erases). The result for the answer: applied, conflict (with the conflicts'
    ids), erased (an edit of an erased record, or a new record hanging from one: dropped and not kept), final (an
    edit or delete of a finished fact: dropped, see facts.py), or duplicate (applied before: nothing changes, and
    the first outcome is said again)."""
    if first is not None:
        log.debug("op %s duplicate", op.op_id)
        return {"op_id": op.op_id, "outcome": "duplicate", "first": first.get("outcome"),
                "conflicts": first.get("conflicts", [])}
    erased = set() if erased is None else erased
    record = record if record is not None else changelog.lock_record(conn, op.type, op.uuid)
    if record.new and op.kind == "upsert" and any(c.new in erased for c in op.fields.values()):
        # typed offline into a case erased meanwhile: erased on arrival, nothing of it kept
        outcome, conflicts, change = _erase(conn, record, op, device)
        outcome = "erased"
        blobs.forget_unnamed(conn, blobs.named_in({n: c.new for n, c in op.fields.items()}), record.uuid)
    else:
        outcome, conflicts, change = _APPLY[op.kind](conn, record, op, device)
    if op.kind == "erase" and record.type == "case":
        _erase_hanging(conn, record.uuid, device, erased)
    if record.erased:
        erased.add(record.uuid)
    done = {"outcome": outcome, "conflicts": conflicts}
    if change is None:
        conn.execute("INSERT INTO applied_ops (op_id, outcome, device) VALUES (%s, %s, %s)",
                     (op.op_id, Jsonb(done), device))
    else:
        changelog.append(conn, record, change[0], change[1], device, op.op_id, done)
    record.new = False
    log.debug("op %s %s %s: %s, %d conflicts", op.op_id, op.kind, op.type, outcome, len(conflicts))
    return {"op_id": op.op_id, **done}


def _upsert(conn, record: Record, op: Operation, device: str):
    if record.erased:
        return "erased", [], None  # its data is gone everywhere: nothing of this edit is kept either
    wanted = {name: change for name, change in op.fields.items() if not same(change.old, change.new)}
    if (record.deleted or record.new) and facts.fills_in(record.type, wanted):
        # a date sent once for a record made before it travelled: nothing to fill in on a record deleted (no
        # delete-versus-edit conflict for a person) or one the server never had (not made of a date alone)
        return "applied", [], None
    if record.deleted:
        if not wanted:
            return "applied", [], None
        mine = {name: change.new for name, change in wanted.items()}
        before = {name: change.old for name, change in wanted.items()}  # what the edit changed, as it was
        server_device = changelog.last_device_of(conn, record, None)
        return "conflict", [record_conflict(conn, record, DELETED, before, True, mine, device, server_device)], None
    if wanted and facts.refuses(record.type, record.fields, wanted):
        return "final", [], None  # a finished report, a sent letter: it stays as it was
    if record.new:
        owner = owned.deleted_owner(conn, record.type, {name: change.new for name, change in wanted.items()})
        if owner is not None:
            return _held(conn, record, owner, op, device)
    changed, conflicts = {}, []
    state = tied.controller(record.type)
    clash = state in wanted and not same(record.fields.get(state), wanted[state].old) \
        and not same(record.fields.get(state), wanted[state].new)
    holding = bool(tied.fields_of(record.type) & set(wanted)) \
        and tied.holding(conn, record.type, record.uuid, device, clash)
    for name, change in wanted.items():
        held = record.fields.get(name)  # a field the server does not have holds null
        if holding and name in tied.fields_of(record.type):
            if not same(held, change.new):  # waits with the state's conflict, unlisted (tied.py)
                record_conflict(conn, record, name, change.old, held, change.new, device,
                                changelog.last_device_of(conn, record, name))
        elif same(held, change.old):
            changed[name] = change.new
        elif same(held, change.new):
            continue
        else:
            server_device = changelog.last_device_of(conn, record, name)
            conflicts.append(record_conflict(conn, record, name, change.old, held, change.new, device,
                                             server_device))
    outcome = "conflict" if conflicts else "applied"
    if changed or (record.new and not conflicts):  # a new record is logged even with every field null
        record.fields = {**record.fields, **changed}
        return outcome, conflicts, ("upsert", changed)
    return outcome, conflicts, None


def _held(conn, record: Record, owner: Record, op: Operation, device: str):
    """A new record added offline under one deleted meanwhile (an expense under a visit a colleague deleted): kept,
    deleted with its owner, and a delete-versus-edit conflict on the record whose delete it clashes with (the owner,
    or what that was added under in turn). A person brings both back or leaves both deleted; nothing is lost
    unseen, and no laptop holds it under a record gone there."""
    while owned.held(conn, owner):  # added under a record itself held: the clash is with that one's owner
        above = owned.deleted_owner(conn, owner.type, owner.fields)
        if above is None:
            break
        owner = above
    record.fields = {name: change.new for name, change in op.fields.items()}
    record.deleted = True
    added = {owned.ADDED: [{"type": record.type, "uuid": record.uuid}]}
    conflict = record_conflict(conn, owner, DELETED, {}, True, added, device,
                               changelog.last_device_of(conn, owner, None))
    return "conflict", [conflict], ("upsert", dict(record.fields))


def _delete(conn, record: Record, op: Operation, device: str):
    if record.erased:
        return "erased", [], None
    if record.deleted:
        return "applied", [], None  # deleted already: what the device wanted
    if facts.is_final(record.type, record.fields):
        return "final", [], None
    hanging = owned.descendants(conn, record)  # the laptop's vault deleted them with it
    if op.base is not None and not record.new:
        other = owned.changed_by_others_since(conn, [record, *hanging], op.base, device)
        if other is not None:  # changed by someone after this device last saw it: a person decides
            before, after = owned.edits_since(conn, record, op.base, device)
            return "conflict", [record_conflict(conn, record, DELETED, before, after, True, device, other)], None
    owned.remove(conn, hanging, device)
    record.deleted = True
    return "applied", [], ("delete", {})


def _erase(conn, record: Record, op: Operation, device: str):
    if record.erased:
        return "applied", [], None
    named = blobs.named_in(record.fields)  # the files it names now, and in each earlier version
    for (fields,) in conn.execute("DELETE FROM change_log WHERE type = %s AND uuid = %s RETURNING fields",
                                  (record.type, record.uuid)):
        named += blobs.named_in(fields)
    conn.execute("DELETE FROM conflicts WHERE type = %s AND uuid = %s", (record.type, record.uuid))
    if record.type == "case":
        numbers.keep_erased(conn, record.fields, record.uuid)  # never given to another family
    record.fields, record.deleted, record.erased = {}, True, True
    blobs.forget_unnamed(conn, sorted(set(named)), record.uuid)
    return "applied", [], ("erase", {})


def _erase_hanging(conn, uuid: str, device: str, erased: set[str]) -> None:
    """Erase what hangs from an erased case that its laptop did not know of (a visit typed offline elsewhere and
    pushed before the erasure): every record referring to it, and to those, in turn. A scan of the records' values
    per level, done only for a case's erasure."""
    level = [uuid]
    while level:
        rows = conn.execute("SELECT type, uuid FROM records r WHERE NOT erased AND EXISTS "
                            "(SELECT 1 FROM jsonb_each_text(r.fields) e WHERE e.value = ANY(%s))", (level,)).fetchall()
        level = []
        for type_, found in rows:
            record = changelog.lock_record(conn, type_, found)
            _erase(conn, record, None, device)
            changelog.append(conn, record, "erase", {}, device, None)
            erased.add(found)
            level.append(found)


_APPLY = {"upsert": _upsert, "delete": _delete, "erase": _erase}
