"""Conflicts for a person to settle: kept with the base, the server's and the device's value, listed for every
device, and closed for everyone by one resolution (which sets the field through the change log)."""

from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

from borapp.server import changelog, owned, private, tied
from borapp.server.changelog import Record
from borapp.server.errors import ApiError, invalid
from borapp.server.operations import is_plain, same

DELETED = "_deleted"  # the pseudo-field of delete-versus-edit conflicts


def record_conflict(conn: psycopg.Connection, record: Record, field: str, base, server, mine, device: str,
                    server_device: str | None) -> int:
    """Open a conflict, or bring this device's open conflict on the same field up to date (one open conflict per
    record, field and device: a second offline edit of a field already in conflict does not pile up another)."""
    row = conn.execute("SELECT id, mine, base FROM conflicts WHERE type = %s AND uuid = %s AND field = %s "
                       "AND device = %s AND resolved_at IS NULL ORDER BY id LIMIT 1 FOR UPDATE",
                       (record.type, record.uuid, field, device)).fetchone()
    if row is None:
        return conn.execute("INSERT INTO conflicts (type, uuid, field, base, server, mine, device, server_device) "
                            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
                            (record.type, record.uuid, field, Jsonb(base), Jsonb(server), Jsonb(mine), device,
                             server_device)).fetchone()[0]
    if field == DELETED and isinstance(row[1], dict) and isinstance(mine, dict):
        added = [*row[1].get(owned.ADDED, []), *mine.get(owned.ADDED, [])]
        mine = {**row[1], **mine}  # every edit the device made to the deleted record stays in view
        if added:  # and everything it added under it
            mine[owned.ADDED] = added
        base = {**base, **row[2]} if isinstance(row[2], dict) and isinstance(base, dict) else row[2]
    else:
        base = row[2]  # the value before the first of the device's edits
    conn.execute("UPDATE conflicts SET base = %s, server = %s, mine = %s, server_device = %s WHERE id = %s",
                 (Jsonb(base), Jsonb(server), Jsonb(mine), server_device, row[0]))
    return row[0]


def open_conflicts(conn: psycopg.Connection) -> list[dict]:
    """The open conflicts, each with `server_at`: when the server's value was set (its last change to that field
    before the conflict arose; null when the log no longer says)."""
    rows = conn.execute(
        "SELECT c.id, c.type, c.uuid, c.field, c.base, c.server, c.mine, c.device, c.server_device, c.created, "
        "(SELECT max(l.at) FROM change_log l WHERE l.type = c.type AND l.uuid = c.uuid AND l.at <= c.created "
        " AND (l.fields ? c.field OR (c.field = %(deleted)s AND CASE WHEN jsonb_typeof(c.server) = 'object' "
        "  THEN l.kind = 'upsert' AND l.fields ?| ARRAY(SELECT jsonb_object_keys(c.server)) "
        "  ELSE l.kind = 'delete' END))), "
        "CASE WHEN c.field = %(deleted)s THEN r.fields END "
        "FROM conflicts c LEFT JOIN records r ON r.type = c.type AND r.uuid = c.uuid "
        "WHERE c.resolved_at IS NULL ORDER BY c.id", {"deleted": DELETED}).fetchall()
    keys = ("id", "type", "uuid", "field", "base", "server", "mine", "device", "server_device", "created",
            "server_at")
    found = [{**dict(zip(keys, row)), "created": row[9].isoformat(), "server_at": row[10] and row[10].isoformat(),
              **({"record": row[11]} if row[3] == DELETED else {})} for row in rows]
    hidden = tied.waiting(found)  # settled with their state's conflict
    return [item for item in found if item["id"] not in hidden]


def resolve(conn: psycopg.Connection, conflict_id: int, value: object, device: str) -> dict:
    """Close a conflict with the chosen value. The value is set like any change (a change-log row), so every device
    gets it; `_deleted` true deletes the record, anything else keeps it for everyone (brought back where it was
    deleted: a person chose it). A record deleted meanwhile without a conflict stays deleted. Sending the same resolution again (an answer lost) changes nothing and answers the same."""
    found = conn.execute("SELECT type, uuid, field FROM conflicts WHERE id = %s", (conflict_id,)).fetchone()
    if found is None:
        raise ApiError(404, "not_found")
    if found[2] != DELETED and not is_plain(value):  # for _deleted, `mine` may be the edit itself: kept as chosen
        raise invalid("the value is text, a whole number, true/false or null")
    with conn.transaction():
        changelog.writer_lock(conn)  # then the record, as a push does
        record = changelog.lock_record(conn, found[0], found[1])
        row = conn.execute("SELECT field, resolved_at, value, mine, device FROM conflicts WHERE id = %s FOR UPDATE",
                           (conflict_id,)).fetchone()
        if row is None:  # erased meanwhile
            raise ApiError(404, "not_found")
        field, resolved_at, chosen, mine, by = row
        if resolved_at is not None:
            if private.is_forgotten(chosen):  # a confidential address: the record says what was chosen, if still;
                # deleted meanwhile, no choice set anything (it stays deleted): any resend answers the same
                chosen = value if record.deleted or same(record.fields.get(field), value) else None
            if not same(chosen, value):
                raise ApiError(409, "resolved", value=chosen)
            return {"id": conflict_id, "value": chosen, "seq": changelog.latest(conn)}
        conn.execute("UPDATE conflicts SET resolved_at = now(), resolved_by = %s, value = %s WHERE id = %s",
                     (device, Jsonb(value), conflict_id))
        if record.erased:
            pass  # its data is gone everywhere
        elif field == DELETED:
            _settle_removal(conn, record, value, device, conflict_id)
        elif record.deleted:  # deleted meanwhile, without a conflict: it stays so, and no change is logged to
            # forget a confidential address with (as a change does): the settled conflict's values of it go here
            private.forget_replaced(conn, record.type, record.uuid, record.fields, {field: value})
        else:  # logged even when the server holds the value already: every device then holds it too
            changed = {field: value, **_with_state(conn, record, field, value, same(value, mine), by, device)}
            record.fields = {**record.fields, **changed}
            changelog.append(conn, record, "upsert", changed, device, None)
    return {"id": conflict_id, "value": value, "seq": changelog.latest(conn)}


def _with_state(conn: psycopg.Connection, record: Record, field: str, value, kept_mine: bool, by: str,
                device: str) -> dict:
    """For a record's state, the fields tied to it (tied.py) as the chosen state has them; the device's that waited
    with the conflict are settled with it."""
    if field != tied.controller(record.type):
        return {}
    rows = conn.execute("UPDATE conflicts SET resolved_at = now(), resolved_by = %s, "
                        "value = CASE WHEN %s THEN mine ELSE server END WHERE type = %s AND uuid = %s AND device = %s "
                        "AND field = ANY(%s) AND resolved_at IS NULL RETURNING field, mine",
                        (device, kept_mine, record.type, record.uuid, by, sorted(tied.fields_of(record.type))))
    return tied.settled(record.type, record.fields, value, dict(rows.fetchall()) if kept_mine else {})


def _settle_removal(conn: psycopg.Connection, record: Record, value: object, device: str, conflict_id: int) -> None:
    """`true` deletes the record (with what hangs from it); anything else keeps it for everyone: brought back
    where it was deleted, with the edits the value carries when the edit is what clashed with the delete."""
    if value is True:
        if not record.deleted:
            owned.remove(conn, owned.descendants(conn, record), device)
            record.deleted = True
            changelog.append(conn, record, "delete", {}, device, None)
        else:  # what was added under it meanwhile stays deleted with it
            owned.drop_held(conn, record, device)
        return
    if record.deleted:  # deleted on the server: what its delete took along comes back with it
        owned.bring_back(conn, record, owned.plain_edits(value), device, owned.removal_of(conn, record))
    else:  # the delete clashed and waited here: what went with it on that laptop comes back there
        owned.bring_back(conn, record, {}, device, tuple(conn.execute(
            "SELECT device, created FROM conflicts WHERE id = %s", (conflict_id,)).fetchone()))
