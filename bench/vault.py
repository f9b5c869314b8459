"""Vault benchmark: what encryption costs. Run on demand: `python bench/vault.py [--rows 100000] [--demo-cases N]`.

Prints the KDF time with the default (strong) parameters, how long opening a vault takes (the KDF, and the rest of
opening apart), and insert/query times for the same rows in an encrypted SQLCipher database (with the vault's key
and pragmas) and a plain one (a sqlcipher3 connection without a key, which is plain SQLite), with the ratio
encrypted/plain. Everything happens in a temporary folder that is removed afterwards. The standard library's sqlite3
is never imported.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

os.environ.pop("BORAPP_TEST_FAST_KDF", None)  # measure the real, strong KDF

import sqlcipher3  # noqa: E402

from borapp.models import db  # noqa: E402
from borapp.services.vault import keywrap  # noqa: E402
from borapp.services.vault.vault import Vault, migrate_if_needed, probe_database, unlock_key  # noqa: E402

PASSPHRASE = "bench passphrase, not secret"
PLAIN_PRAGMAS = ("PRAGMA foreign_keys = ON", "PRAGMA secure_delete = ON", "PRAGMA temp_store = MEMORY",
                 "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL")
WORDS = ("omgang", "overdracht", "vader", "moeder", "speeltuin", "rustig", "begeleider", "tekening", "school", "ziek")


@contextmanager
def timed(results: dict, name: str):
    start = time.perf_counter()
    yield
    results[name] = time.perf_counter() - start


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_kdf(repeat: int) -> dict:
    key = keywrap.new_data_key()
    wrap = keywrap.Wrap.make("passphrase", PASSPHRASE, key, kdf=keywrap.STRONG_KDF)
    return {"kdf_params": keywrap.STRONG_KDF, "unwrap": median_time(lambda: wrap.unwrap(PASSPHRASE), repeat)}


def bench_open(path: Path, repeat: int) -> dict:
    """Opening an existing vault: in all, and without the KDF (the integrity probe reads every page)."""

    def rest_of_opening() -> None:
        key = unlock_key(path, PASSPHRASE, None)
        start = time.perf_counter()
        probe_database(path, key)
        engine = db.create_vault_engine(path, key)
        migrate_if_needed(path, engine, key)
        engine.dispose()
        rest.append(time.perf_counter() - start)

    rest: list[float] = []
    for _ in range(repeat):
        rest_of_opening()
    total = median_time(lambda: Vault.open(path, PASSPHRASE).lock(), repeat)
    return {"open_total": total, "open_without_kdf": statistics.median(rest)}


def connect(path: Path, key: bytes | None):
    """The vault's own connection when keyed; the same pragmas without a key for the plain database."""
    if key is not None:
        return db.connect(path, key)
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    for pragma in PLAIN_PRAGMAS:
        conn.execute(pragma)
    return conn


def make_rows(n: int) -> list[tuple]:
    rng = random.Random(7)
    return [(i, rng.randint(1, max(1, n // 8)), f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
             rng.choice(("held", "planned", "cancelled")), " ".join(rng.choices(WORDS, k=30))) for i in range(1, n + 1)]


def bench_rows(folder: Path, rows: list[tuple], key: bytes | None) -> dict:
    path = folder / ("encrypted.db" if key else "plain.db")
    out: dict[str, float] = {}
    conn = connect(path, key)
    conn.execute("CREATE TABLE visit (id INTEGER PRIMARY KEY, case_id INTEGER, visit_on TEXT, state TEXT, notes TEXT)")
    conn.execute("CREATE INDEX ix_visit_case_id ON visit (case_id)")
    with timed(out, "insert (one transaction)"):
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO visit VALUES (?, ?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
    conn.close()
    conn = connect(path, key)  # queries start with an empty page cache
    lookups = random.Random(3).sample(range(1, max(2, len(rows) // 8)), min(1000, max(1, len(rows) // 8 - 1)))
    with timed(out, "count(*)"):
        conn.execute("SELECT count(*) FROM visit").fetchone()
    with timed(out, f"{len(lookups)} lookups by indexed case_id"):
        for case_id in lookups:
            conn.execute("SELECT id, visit_on, state FROM visit WHERE case_id = ?", (case_id,)).fetchall()
    with timed(out, "full scan LIKE '%tekening%'"):
        conn.execute("SELECT count(*) FROM visit WHERE notes LIKE '%tekening%'").fetchone()
    with timed(out, "group by state, newest 50"):
        conn.execute("SELECT state, count(*) FROM visit GROUP BY state").fetchall()
        conn.execute("SELECT id FROM visit ORDER BY visit_on DESC LIMIT 50").fetchall()
    with timed(out, "update 10% (one transaction)"):
        conn.execute("BEGIN")
        conn.execute("UPDATE visit SET state = 'held' WHERE id % 10 = 0")
        conn.execute("COMMIT")
    conn.close()
    out["file size (MB)"] = path.stat().st_size / 2**20
    return out


def empty_vault(path: Path) -> Path:
    Vault.create(path, PASSPHRASE)[0].lock()
    return path


def bench_demo(path: Path, cases: int) -> float:
    from borapp.services.demo.builder import fill_demo

    vault, _recovery = Vault.create(path, PASSPHRASE)
    try:
        return fill_demo(vault, cases=cases).seconds
    finally:
        vault.lock()


def print_open(label: str, opened: dict) -> None:
    print(f"Vault.open ({label}): {opened['open_total'] * 1000:.0f} ms in all; without the KDF "
          f"(integrity probe, engine, schema check) {opened['open_without_kdf'] * 1000:.1f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows to insert and query (default 100000)")
    parser.add_argument("--repeat", type=int, default=3, help="repeats for the KDF and open timings (median)")
    parser.add_argument("--demo-cases", type=int, default=0, metavar="N", help="also time fill_demo(cases=N)")
    args = parser.parse_args(argv)
    print(f"SQLCipher {db.cipher_version()}, sqlcipher3 {metadata.version('sqlcipher3')}, "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    kdf = bench_kdf(args.repeat)
    print(f"KDF scrypt {kdf['kdf_params']}: {kdf['unwrap'] * 1000:.0f} ms (median of {args.repeat})")
    with tempfile.TemporaryDirectory(prefix="borapp-bench-") as tmp:
        folder = Path(tmp)
        print_open("empty vault", bench_open(empty_vault(folder / "empty" / "vault.bordb"), args.repeat))
        rows = make_rows(args.rows)
        key = keywrap.new_data_key()
        encrypted, plain = bench_rows(folder, rows, key), bench_rows(folder, rows, None)
        print(f"\n  {f'{args.rows} rows':<36}{'encrypted':>12}{'plain':>12}{'ratio':>9}")
        for name in encrypted:
            unit, scale = ("MB", 1) if "MB" in name else ("ms", 1000)
            e, p = encrypted[name] * scale, plain[name] * scale
            label = name.replace(" (MB)", "")
            print(f"  {label:<36}{e:>9.1f} {unit}{p:>9.1f} {unit}{e / p if p else float('nan'):>8.2f}x")
        if args.demo_cases:
            demo = folder / "demo" / "vault.bordb"
            print(f"\nfill_demo(cases={args.demo_cases}): {bench_demo(demo, args.demo_cases):.1f} s, "
                  f"{demo.stat().st_size / 2**20:.0f} MB")
            print_open(f"demo vault, {args.demo_cases} cases", bench_open(demo, args.repeat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
