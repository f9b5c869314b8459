"""Content-addressed blobs (docs/sync-protocol.md, Blobs): a record's file travels as "sha256:<hex>" in its
fields, and its bytes are stored here once, whoever sends them and however many records name them. Stored bytes
are checked against their name, so a blob is what every record naming it expects. An erased record's blobs go
with it unless a live record still names them."""

from __future__ import annotations

import hashlib
import re

import psycopg

PREFIX = "sha256:"
MAX_BYTES = 64 * 1024 * 1024  # a scanned court decision is a few MB; more is a mistake, not a document
_HEX = re.compile(r"^[0-9a-f]{64}$")


def is_name(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX) and _HEX.match(value[len(PREFIX):]) is not None


def valid_hex(value: str) -> bool:
    return _HEX.match(value) is not None


def store(conn: psycopg.Connection, sha256: str, content: bytes, device: str) -> bool:
    """Keep the bytes under their hash; False when they are not what the hash says."""
    if hashlib.sha256(content).hexdigest() != sha256:
        return False
    conn.execute("INSERT INTO blobs (sha256, content, size, device) VALUES (%s, %s, %s, %s) "
                 "ON CONFLICT (sha256) DO NOTHING", (sha256, content, len(content), device))
    return True


def fetch(conn: psycopg.Connection, sha256: str) -> bytes | None:
    row = conn.execute("SELECT content FROM blobs WHERE sha256 = %s", (sha256,)).fetchone()
    return bytes(row[0]) if row is not None else None


def missing(conn: psycopg.Connection, hashes: list[str]) -> list[str]:
    held = {row[0] for row in conn.execute("SELECT sha256 FROM blobs WHERE sha256 = ANY(%s)", (hashes,))}
    return [h for h in hashes if h not in held]


def named_in(fields: dict) -> list[str]:
    """The blobs a record's fields name (their hex)."""
    return [v[len(PREFIX):] for v in fields.values() if is_name(v)]


def forget_unnamed(conn: psycopg.Connection, hashes: list[str], erasing: str) -> None:
    """Remove these blobs of the record `erasing` (a uuid) unless another live record still names one (the same
    file attached to two cases)."""
    for sha256 in hashes:
        conn.execute("DELETE FROM blobs WHERE sha256 = %s AND NOT EXISTS (SELECT 1 FROM records r WHERE NOT r.erased "
                     "AND r.uuid <> %s AND EXISTS (SELECT 1 FROM jsonb_each_text(r.fields) e WHERE e.value = %s))",
                     (sha256, erasing, PREFIX + sha256))


def collect_unnamed(conn: psycopg.Connection, older_than: str = "1 day") -> int:
    """Remove blobs that no record and no change names, stored longer ago than `older_than` (a laptop sends a file
    seconds before the operation that names it; one that crashed in between and then erased the case never sends
    the operation, and the file would stay). Returns how many went. One pass over the records' values."""
    named = ("SELECT e.value FROM records r, jsonb_each_text(r.fields) e WHERE NOT r.erased "
             "AND e.value LIKE 'sha256:%%' UNION SELECT e.value FROM change_log c, jsonb_each_text(c.fields) e "
             "WHERE e.value LIKE 'sha256:%%'")
    gone = conn.execute(f"DELETE FROM blobs WHERE created < now() - %s::interval AND 'sha256:' || sha256 NOT IN "
                        f"({named})", (older_than,))
    return gone.rowcount

