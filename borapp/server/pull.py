"""What a device has not seen: the change log after the last seq it applied, a page at a time.

A device that has just pushed may name the spans of numbers its pushes wrote (`own`, from the push answers): the
changes of its own operations in them are left out, since it holds them already (a first sync would otherwise
fetch back every change it sent, only to skip it). The changes the service made for it without an operation (a
case's erasure reaching records the device never knew) still come."""

from __future__ import annotations

import psycopg

DEFAULT_LIMIT = 500
MAX_LIMIT = 1000
MAX_SPANS = 64  # spans a pull may name; a device with more names the largest and skips the rest itself


def parse_spans(text: str) -> list[tuple[int, int]]:
    """"10-500,700-900" → [(10, 500), (700, 900)]: each an open-closed span `(after, upto]`; ValueError when
    malformed, empty, reversed or too many."""
    spans = []
    for part in text.split(","):
        after, sep, upto = part.partition("-")
        if not sep or not after.isdigit() or not upto.isdigit() or int(after) >= int(upto):
            raise ValueError(part)
        spans.append((int(after), int(upto)))
    if len(spans) > MAX_SPANS:
        raise ValueError("too many spans")
    return spans


def page(conn: psycopg.Connection, since: int, limit: int, device: str = "",
         own: list[tuple[int, int]] = ()) -> dict:
    """`seq` is how far the device has now seen: the last change returned, or, when nothing more comes, the end of
    its own spans too (every change numbered up to there committed before its push was answered). An erasure says
    when it was made (`at`): the laptops tell their coordinator; other changes do not (a first sync pulls 100,000s)."""
    skip, params = "", [since]
    if own:
        skip = (" AND NOT (op_id IS NOT NULL AND device = %s AND ("
                + " OR ".join(["(seq > %s AND seq <= %s)"] * len(own)) + "))")
        params += [device, *(n for span in own for n in span)]
    rows = conn.execute("SELECT seq, type, uuid, kind, fields, device, op_id, at FROM change_log WHERE seq > %s"
                        + skip + " ORDER BY seq LIMIT %s", (*params, limit + 1)).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    changes = [{"seq": seq, "type": type_, "uuid": uuid, "kind": kind, "fields": fields, "device": device,
                "op_id": op_id} | ({"at": at.isoformat()} if kind == "erase" else {})
               for seq, type_, uuid, kind, fields, device, op_id, at in rows]
    seen = rows[-1][0] if rows else since
    if not more and own:
        seen = max(seen, max(upto for _after, upto in own))
    return {"changes": changes, "seq": seen, "more": more}
