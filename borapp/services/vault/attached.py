"""Reading a table of another vault file that shares this vault's data key (the vault a restore replaces): it is
attached to a raw connection and read outside any transaction, as SQLite attaches and detaches only there."""

from __future__ import annotations

from pathlib import Path


def rows_of(engine, other: Path, table: str, columns: tuple[str, ...], where: str = "") -> list[tuple]:
    """`columns` of every row of `table` in `other`, by id; none when that vault has no such table (an older
    schema). `table`, `columns` and `where` are this program's words, never typed input."""
    raw = engine.raw_connection()
    try:
        raw.execute("ATTACH DATABASE ? AS other", (str(other),))
        try:
            found = raw.execute("SELECT count(*) FROM other.sqlite_master WHERE type = 'table' AND name = ?",
                                (table,)).fetchone()[0]
            rows = raw.execute(f"SELECT {', '.join(columns)} FROM other.{table} {where} ORDER BY id").fetchall() \
                if found else []
        finally:
            raw.execute("DETACH DATABASE other")
    finally:
        raw.close()
    return [tuple(row) for row in rows]
