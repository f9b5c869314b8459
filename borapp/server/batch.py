"""A push group's plain operations written together: the records locked in one statement, and the change-log rows,
the records' new state and the applied-operation rows in three, instead of two or three round trips per operation
(a first sync sends tens of thousands). Plain: an upsert that applies without a conflict to a live record that is
not a finished fact. Anything else goes through push.apply one by one, after what is waiting here is written, so it
reads the change log as it is."""

from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

from borapp.server import facts, private
from borapp.server.changelog import Record
from borapp.server.operations import Operation, same


def lock_all(conn: psycopg.Connection, ops: list[Operation]) -> tuple[dict[tuple[str, str], Record], set]:
    """Every record the operations name, those that exist locked for the transaction, and the keys of those that do
    not exist yet: made in memory, written once with their first state (Batch.flush) instead of empty and then
    again. Safe under the writer lock every push takes: no other push makes records meanwhile."""
    keys = list(dict.fromkeys((op.type, op.uuid) for op in ops))
    if not keys:
        return {}, set()
    rows = conn.execute(
        "SELECT r.type, r.uuid, r.fields, r.deleted, r.erased, r.version FROM records r "
        "JOIN unnest(%s::text[], %s::text[]) AS k(type, uuid) ON r.type = k.type AND r.uuid = k.uuid "
        "FOR UPDATE OF r", ([k[0] for k in keys], [k[1] for k in keys])).fetchall()
    found = {(t, u): Record(t, u, f, d, e, v, False) for t, u, f, d, e, v in rows}
    missing = {k for k in keys if k not in found}
    found.update({k: Record(k[0], k[1], {}, False, False, 0, True) for k in missing})
    return found, missing


def plain(op: Operation, record: Record, erased: set[str]) -> bool:
    if op.kind != "upsert" or record.deleted or record.erased:
        return False
    wanted = {name: c for name, c in op.fields.items() if not same(c.old, c.new)}
    if facts.refuses(record.type, record.fields, wanted) or record.new and facts.fills_in(record.type, wanted):
        return False  # push.apply answers it (a date filled in for a record the server lacks is not one made)
    if record.new and any(c.new in erased for c in op.fields.values()):
        return False
    return all(same(record.fields.get(name), c.old) or same(record.fields.get(name), c.new)
               for name, c in op.fields.items() if not same(c.old, c.new))


class Batch:
    def __init__(self, conn: psycopg.Connection, device: str, unwritten: set | None = None) -> None:
        self.conn, self.device = conn, device
        self.unwritten = set() if unwritten is None else unwritten  # records made in memory, not in the table yet
        self.changes: list[tuple[Operation, Record, dict]] = []
        self.applied: list[str] = []  # op ids applied without a change of their own

    def upsert(self, op: Operation, record: Record) -> dict:
        changed = {name: c.new for name, c in op.fields.items()
                   if not same(c.old, c.new) and same(record.fields.get(name), c.old)}
        if changed or record.new:  # a new record is logged even with every field null
            record.fields = {**record.fields, **changed}
            self.changes.append((op, record, changed))
        else:
            self.applied.append(op.op_id)
        record.new = False
        return {"op_id": op.op_id, "outcome": "applied", "conflicts": []}

    def flush(self) -> None:
        done = Jsonb({"outcome": "applied", "conflicts": []})
        if self.changes:
            ops = [op for op, _record, _changed in self.changes]
            # each list as one JSON document: psycopg dumps an array of jsonb element by element, in Python
            seqs = dict(self.conn.execute(
                "INSERT INTO change_log (op_id, type, uuid, kind, fields, device) "
                "SELECT e.v->>0, e.v->>1, e.v->>2, 'upsert', e.v->3, %s "
                "FROM jsonb_array_elements(%s) WITH ORDINALITY AS e(v, n) ORDER BY e.n RETURNING op_id, seq",
                (self.device, Jsonb([[op.op_id, op.type, op.uuid, changed]
                                     for op, _record, changed in self.changes]))).fetchall())
            latest: dict[tuple[str, str], Record] = {}
            for op, record, _changed in self.changes:
                record.version = seqs[op.op_id]
                latest[(record.type, record.uuid)] = record
            made = [r for key, r in latest.items() if key in self.unwritten]
            rows = [r for key, r in latest.items() if key not in self.unwritten]
            if made:
                self.conn.execute(
                    "INSERT INTO records (type, uuid, fields, version) SELECT e.v->>0, e.v->>1, e.v->2, "
                    "(e.v->>3)::bigint FROM jsonb_array_elements(%s) AS e(v)",
                    (Jsonb([[r.type, r.uuid, r.fields, r.version] for r in made]),))
                self.unwritten -= {(r.type, r.uuid) for r in made}
            if rows:
                self.conn.execute(
                    "UPDATE records r SET fields = e.v->2, version = (e.v->>3)::bigint "
                    "FROM jsonb_array_elements(%s) AS e(v) WHERE r.type = e.v->>0 AND r.uuid = e.v->>1",
                    (Jsonb([[r.type, r.uuid, r.fields, r.version] for r in rows]),))
            for op, record, changed in self.changes:  # rows it replaced of a confidential address
                private.forget_replaced(self.conn, record.type, record.uuid, record.fields, changed)
            self.applied += [op.op_id for op in ops]
        if self.applied:
            self.conn.execute("INSERT INTO applied_ops (op_id, outcome, device) SELECT op_id, %s, %s "
                              "FROM unnest(%s::text[]) AS a(op_id)", (done, self.device, self.applied))
        self.changes, self.applied = [], []

    def write_empty(self, record: Record) -> None:
        """Before an operation goes through push.apply, which updates the record's row: an empty one if new."""
        if (record.type, record.uuid) in self.unwritten:
            self.conn.execute("INSERT INTO records (type, uuid) VALUES (%s, %s)", (record.type, record.uuid))
            self.unwritten.discard((record.type, record.uuid))
