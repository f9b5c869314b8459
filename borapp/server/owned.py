"""What hangs from a record: a visit's expense and addenda, a case's visits, a municipality's funding years. A
laptop's vault removes them with their owner (ON DELETE CASCADE) without an operation of their own, so the server
removes them with it too (each laptop then holds what the server holds), counts an edit of one as an edit of the
owner when a delete clashes, and brings them back with their owner when a person keeps a deleted record."""

from __future__ import annotations

import psycopg

from borapp.server import changelog
from borapp.server.changelog import Record
from borapp.server.operations import is_field_name, is_plain

# A record type → the fields naming the records it hangs from. Each field is named as the type it refers to (the
# vault's foreign keys with ON DELETE CASCADE: tests/server/test_owned.py holds the two side by side)
OWNED_BY = {
    "municipality_funding": ("municipality",), "training": ("volunteer",), "vog_issue": ("volunteer",),
    "volunteer_pause": ("volunteer",),
    "meeting_attendance": ("meeting", "volunteer"), "case_exclusion": ("case", "volunteer"), "parent": ("case",),
    "child": ("case",), "status_change": ("case",), "visit": ("case",), "visit_addendum": ("visit",),
    "visit_expense": ("visit",), "evaluation": ("case",), "case_hours": ("case",), "attachment": ("case",),
    "contract": ("case",), "contract_signature": ("contract",), "letter": ("case",), "retention_hold": ("case",),
}
OWNERS = frozenset(owner for owners in OWNED_BY.values() for owner in owners)
# In an upsert change, `false`: the record comes back (made anew where it was deleted). The same pseudo-field as a
# delete-versus-edit conflict's (conflicts.DELETED), which settles it
RESTORED = "_deleted"
# In a delete-versus-edit conflict's `mine`: what the device added under the record deleted meanwhile, as
# [{"type", "uuid"}] (not a field name, so a resolution never sets it as one)
ADDED = "_added"


def hanging(conn: psycopg.Connection, record: Record) -> list[Record]:
    """The records hanging from `record` directly (not erased), locked for the transaction."""
    types = [t for t, owners in OWNED_BY.items() if record.type in owners]
    if not types:
        return []
    rows = conn.execute("SELECT type, uuid FROM records WHERE NOT erased AND type = ANY(%s) AND fields->>%s = %s "
                        "ORDER BY type, uuid", (types, record.type, record.uuid)).fetchall()
    return [changelog.lock_record(conn, type_, uuid) for type_, uuid in rows]


def descendants(conn: psycopg.Connection, record: Record) -> list[Record]:
    """Everything hanging from `record`, and from those in turn (a contract's signatures with a case's contract)."""
    found, level = [], hanging(conn, record)
    while level:
        found += level
        level = [grandchild for child in level for grandchild in hanging(conn, child)]
    return found


def remove(conn: psycopg.Connection, records: list[Record], device: str) -> None:
    """Delete these (the descendants of a record being deleted), each a `delete` change of the service's own."""
    for record in records:
        if not record.deleted:
            record.deleted = True
            changelog.append(conn, record, "delete", {}, device, None)


def changed_by_others_since(conn: psycopg.Connection, records: list[Record], seq: int, device: str) -> str | None:
    """Another device that changed one of `records` after `seq` (the first such), or None."""
    for record in records:
        other = changelog.changed_by_others_since(conn, record, seq, device)
        if other is not None:
            return other
    return None


def edits_since(conn: psycopg.Connection, record: Record, seq: int, device: str) -> tuple[dict, dict]:
    """The fields other devices changed after `seq`: (their values then, their values now). What a delete made
    without having seen them clashes with, in the conflict (a person sees what would be lost)."""
    names: set[str] = set()
    for (fields,) in conn.execute("SELECT fields FROM change_log WHERE type = %s AND uuid = %s AND seq > %s "
                                  "AND device <> %s AND kind = 'upsert' AND NOT fields ? %s",
                                  (record.type, record.uuid, seq, device, RESTORED)):
        names.update(name for name in fields if is_field_name(name))
    before = {name: _value_at(conn, record, name, seq) for name in sorted(names)}
    return before, {name: record.fields.get(name) for name in sorted(names)}


def _value_at(conn: psycopg.Connection, record: Record, name: str, seq: int):
    row = conn.execute("SELECT fields->%s FROM change_log WHERE type = %s AND uuid = %s AND seq <= %s AND fields ? %s "
                       "ORDER BY seq DESC LIMIT 1", (name, record.type, record.uuid, seq, name)).fetchone()
    return row[0] if row else None


def plain_edits(value: object) -> dict:
    """The field values a resolution keeps with a record it brings back (a conflict's `mine`): plain values under
    field names; anything else is left out."""
    if not isinstance(value, dict):
        return {}
    return {name: v for name, v in value.items() if isinstance(name, str) and is_field_name(name) and is_plain(v)}


def bring_back(conn: psycopg.Connection, record: Record, edits: dict, device: str, removal: tuple) -> None:
    """Keep `record` for everyone: live again with `edits` set, logged as an upsert of every field with `_deleted`
    false (a laptop that deleted it makes it anew; one that has it sets the same values). What hangs from it comes
    with it: what its removal `(device, moment)` took along, and what is still there (a laptop's vault lost it
    with the owner)."""
    record.deleted = False
    record.fields = {**record.fields, **edits}
    changelog.append(conn, record, "upsert", {**record.fields, RESTORED: False}, device, None)
    for child in hanging(conn, record):
        if not child.deleted or removal_of(conn, child) in (removal, ()):
            bring_back(conn, child, {}, device, removal)


def deleted_owner(conn: psycopg.Connection, type_: str, fields: dict) -> Record | None:
    """The record a new one of `type_` hangs from when that is deleted (not erased): typed offline under a visit or
    case a colleague deleted meanwhile. None when every owner it names is live (or unknown)."""
    for owner in OWNED_BY.get(type_, ()):
        uuid = fields.get(owner)
        if isinstance(uuid, str):
            row = conn.execute("SELECT 1 FROM records WHERE type = %s AND uuid = %s AND deleted AND NOT erased",
                               (owner, uuid)).fetchone()
            if row is not None:
                return changelog.lock_record(conn, owner, uuid)
    return None


def held(conn: psycopg.Connection, record: Record) -> bool:
    """Deleted without a delete of its own: a record added under one deleted meanwhile, held until a person settles
    whether both come back (`bring_back` brings it with its owner) or stay deleted (`drop_held`)."""
    return record.deleted and not record.erased and removal_of(conn, record) == ()


def drop_held(conn: psycopg.Connection, record: Record, device: str) -> None:
    """Delete for good what was held under `record` (a person left it deleted): logged, so no later bring-back of
    the record takes it along."""
    for child in descendants(conn, record):
        if held(conn, child):
            changelog.append(conn, child, "delete", {}, device, None)


def removal_of(conn: psycopg.Connection, record: Record) -> tuple:
    """(device, moment) of the record's last delete; the records deleted with it share both (one transaction)."""
    row = conn.execute("SELECT device, at FROM change_log WHERE type = %s AND uuid = %s AND kind = 'delete' "
                       "ORDER BY seq DESC LIMIT 1", (record.type, record.uuid)).fetchone()
    return tuple(row) if row else ()
