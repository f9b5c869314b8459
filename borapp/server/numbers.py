"""Case-number blocks: 50 numbers of a year for one device alone, so laptops registering cases offline never make
the same number; a joining laptop's own numbers (made before it joined) claimed, or refused when the team gave them
out already; and no number of an erased case given again."""

from __future__ import annotations

import re

import psycopg

BLOCK = 50
_NUMBERS_LOCK = 0x0B0D_5E02  # with the year: one block handed out at a time per year
_NUMBER = r"(\d{1,9})"  # the number in a case number (BOR-2026-014): at most 9 digits, so a block stays an integer


def take_block(conn: psycopg.Connection, device: str, year: int, after: int = 0) -> dict:
    """The next free block of `year`, starting above every block handed out, above every number a case on the server
    holds or held (erased), and above `after` (the highest number the device used before it joined)."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", (_NUMBERS_LOCK, year))
        highest = conn.execute('SELECT coalesce(max("last"), 0) FROM number_blocks WHERE year = %s',
                               (year,)).fetchone()[0]
        first = max(highest, after, _highest_held(conn, year)) + 1
        conn.execute('INSERT INTO number_blocks (device, year, "first", "last") VALUES (%s, %s, %s, %s)',
                     (device, year, first, first + BLOCK - 1))
    return {"year": year, "first": first, "last": first + BLOCK - 1}


def _highest_held(conn: psycopg.Connection, year: int) -> int:
    """The highest number of `year` a case holds or held, whatever its prefix (a case imported with its number, or
    sent by a laptop that joined before claims were made, lies outside every block)."""
    pattern = rf"^[A-Z]{{1,10}}-{year}-{_NUMBER}$"
    return conn.execute(
        "SELECT coalesce(max((regexp_match(ref, %s))[1]::bigint), 0) FROM ("
        "SELECT fields->>'ref' AS ref FROM records WHERE type = 'case' AND NOT erased "
        "UNION ALL SELECT ref FROM erased_numbers) AS held", (pattern,)).fetchone()[0]


def taken(conn: psycopg.Connection, device: str, year: int, prefix: str) -> dict[str, str]:
    """The case numbers of this device's blocks of `year` that a case on the server holds, or held before it was
    erased ("BOR-2026-004" → its uuid). A laptop restored from a backup older than some cases it numbered would
    otherwise give those numbers out again: it asks before it pushes (docs/sync-protocol.md, "Case numbers")."""
    ranges = conn.execute('SELECT "first", "last" FROM number_blocks WHERE device = %s AND year = %s',
                          (device, year)).fetchall()
    refs = [f"{prefix}-{year}-{n:03d}" for first, last in ranges for n in range(first, last + 1)]
    if not refs:
        return {}
    found = dict(conn.execute("SELECT ref, uuid FROM erased_numbers WHERE ref = ANY(%s)", (refs,)).fetchall())
    found.update(conn.execute("SELECT fields->>'ref', uuid FROM records WHERE type = 'case' AND NOT erased "
                              "AND fields->>'ref' = ANY(%s)", (refs,)).fetchall())
    return found


def claim(conn: psycopg.Connection, device: str, prefix: str, cases: dict[str, str],
          in_team: set[str] = frozenset()) -> list[str]:
    """A laptop that joined claims the numbers of its cases ({number: the case's uuid}), made before it joined:
    the numbers it may keep are set aside for it from now on (no block is handed out over them). Returned are those
    it may not keep, so it gives those cases a number of its own block before they travel: a number another case on
    the server holds, one of an erased case, or, for a number made alone (not `in_team`), one of a block set aside
    for another device (whose laptop may have given it to a family offline). A case already on the server under
    its number keeps it; so does one a team numbered from a block (the laptop was in the team before: rejoining a
    server restored from a backup, whose block is now another device name's)."""
    pattern = re.compile(rf"{re.escape(prefix)}-(\d{{4}})-{_NUMBER}")
    numbered = {}  # number → (year, number) for those a block could hold
    for ref in cases:
        found = pattern.fullmatch(ref)
        if found and 2000 <= int(found[1]) <= 2999:
            numbered[ref] = (int(found[1]), int(found[2]))
    years = sorted({year for year, _n in numbered.values()})
    refs = list(cases)
    with conn.transaction():
        for year in years:  # in order: two claims never wait for each other's years
            conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", (_NUMBERS_LOCK, year))
        held: dict[str, set[str]] = {}
        for ref, uuid in conn.execute("SELECT fields->>'ref', uuid FROM records WHERE type = 'case' AND NOT erased "
                                      "AND fields->>'ref' = ANY(%s)", (refs,)):
            held.setdefault(ref, set()).add(uuid)
        erased = {row[0] for row in conn.execute("SELECT ref FROM erased_numbers WHERE ref = ANY(%s)", (refs,))}
        blocks = conn.execute('SELECT device, year, "first", "last" FROM number_blocks WHERE year = ANY(%s)',
                              (years,)).fetchall()
        refused, free = [], {}
        for ref, uuid in cases.items():
            if held.get(ref, set()) - {uuid} or ref in erased:
                refused.append(ref)
            elif ref in held or ref not in numbered:
                continue  # this very case, on the server already; or a number no block hands out
            else:
                year, number = numbered[ref]
                owner = next((d for d, y, first, last in blocks if y == year and first <= number <= last), None)
                if owner is None:
                    free.setdefault(year, set()).add(number)
                elif owner != device and ref not in in_team:
                    refused.append(ref)
        for year, found in free.items():
            for first, last in _runs(sorted(found)):
                conn.execute('INSERT INTO number_blocks (device, year, "first", "last") VALUES (%s, %s, %s, %s)',
                             (device, year, first, last))
    return sorted(refused)


def _runs(found: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as runs of consecutive ones: [1, 2, 3, 7] → [(1, 3), (7, 7)]."""
    runs: list[list[int]] = []
    for number in found:
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return [(first, last) for first, last in runs]


def keep_erased(conn: psycopg.Connection, fields: dict, uuid: str) -> None:
    """An erased case's number, kept (its record keeps no fields) so it is never given again."""
    ref = fields.get("ref")
    if isinstance(ref, str) and ref:
        conn.execute("INSERT INTO erased_numbers (ref, uuid) VALUES (%s, %s) ON CONFLICT (ref) DO NOTHING",
                     (ref, uuid))
