"""What a device has not seen: the change log after the last seq it applied, a page at a time."""

from __future__ import annotations

import psycopg

DEFAULT_LIMIT = 500
MAX_LIMIT = 1000


def page(conn: psycopg.Connection, since: int, limit: int) -> dict:
    rows = conn.execute("SELECT seq, type, uuid, kind, fields, device, op_id FROM change_log WHERE seq > %s "
                        "ORDER BY seq LIMIT %s", (since, limit + 1)).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    changes = [{"seq": seq, "type": type_, "uuid": uuid, "kind": kind, "fields": fields, "device": device,
                "op_id": op_id} for seq, type_, uuid, kind, fields, device, op_id in rows]
    return {"changes": changes, "seq": rows[-1][0] if rows else since, "more": more}
