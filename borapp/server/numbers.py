"""Case-number blocks: 50 numbers of a year for one device alone, so laptops registering cases offline never make
the same number."""

from __future__ import annotations

import psycopg

BLOCK = 50
_NUMBERS_LOCK = 0x0B0D_5E02  # with the year: one block handed out at a time per year


def take_block(conn: psycopg.Connection, device: str, year: int, after: int = 0) -> dict:
    """The next free block of `year`, starting above every block handed out and above `after` (the highest number
    the device used before it joined, so numbers made before team sync are not given again)."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", (_NUMBERS_LOCK, year))
        highest = conn.execute('SELECT coalesce(max("last"), 0) FROM number_blocks WHERE year = %s',
                               (year,)).fetchone()[0]
        first = max(highest, after) + 1
        conn.execute('INSERT INTO number_blocks (device, year, "first", "last") VALUES (%s, %s, %s, %s)',
                     (device, year, first, first + BLOCK - 1))
    return {"year": year, "first": first, "last": first + BLOCK - 1}


def taken(conn: psycopg.Connection, device: str, year: int, prefix: str) -> dict[str, str]:
    """The case numbers of this device's blocks of `year` that a case on the server holds ("BOR-2026-004" → its
    uuid). A laptop restored from a backup older than some cases it numbered would otherwise give those numbers out
    again: it asks before it pushes (docs/sync-protocol.md, "Case numbers")."""
    ranges = conn.execute('SELECT "first", "last" FROM number_blocks WHERE device = %s AND year = %s',
                          (device, year)).fetchall()
    refs = [f"{prefix}-{year}-{n:03d}" for first, last in ranges for n in range(first, last + 1)]
    if not refs:
        return {}
    rows = conn.execute("SELECT fields->>'ref', uuid FROM records WHERE type = 'case' AND NOT erased "
                        "AND fields->>'ref' = ANY(%s)", (refs,)).fetchall()
    return dict(rows)
