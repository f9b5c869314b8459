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
