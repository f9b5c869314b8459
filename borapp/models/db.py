"""The encrypted engine: SQLCipher 4 through sqlcipher3, keyed with a raw 32-byte key, reached with SQLAlchemy.

Only this module opens database files. The standard library's sqlite3 is never used on a vault.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from borapp.collation import folded, natural, sort_key

SQLITE_MAGIC = b"SQLite format 3\x00"
# Decrypted pages kept per connection (KiB). SQLCipher decrypts and verifies a page each time it enters the cache, so
# a cache that holds what the screens read (Today's open cases, a list page, a case file) makes the encrypted vault
# about as fast as a plain one; 8 MB (the default) kept re-decrypting a 10,000-case vault. Only pages read use memory.
PAGE_CACHE_KIB = 65_536
_HEX_KEY = re.compile(r"^[0-9a-f]{64}$")


class KeyRejected(Exception):
    """The file did not decrypt with this key: damaged, or not this vault's file."""


def is_plaintext_sqlite(path: Path) -> bool:
    """True for an unencrypted SQLite file. `PRAGMA cipher_version` answers on those too, so read the bytes."""
    try:
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def _key_pragma(key: bytes | bytearray) -> str:
    hex_key = key.hex()
    if len(key) != 32 or not _HEX_KEY.match(hex_key) or not any(key):
        raise KeyRejected("a vault key is 32 bytes (a wiped key opens nothing)")
    return f"PRAGMA key = \"x'{hex_key}'\""


def connect(path: Path, key: bytes | bytearray, *, read_only: bool = False) -> sqlcipher3.Connection:
    """A keyed, checked DB-API connection with the vault's pragmas set.

    The key pragma goes through `executescript`, which keeps no statement cache: the key's hex text is not kept by
    the connection after keying."""
    # Percent-encoded: a '#', '?' or '%' in a folder name would otherwise cut the path short or change it.
    uri = f"file:{quote(Path(path).as_posix(), safe='/:')}?mode={'ro' if read_only else 'rwc'}"
    pragma = _key_pragma(key)
    conn = sqlcipher3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.executescript(pragma)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise KeyRejected(str(exc)) from exc
    finally:
        del pragma
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.create_function("casefold", 1, _casefold, deterministic=True)
    conn.create_function("sort_name", 1, _sort_name, deterministic=True)
    conn.create_function("natural_key", 1, _natural_key, deterministic=True)
    conn.create_collation("name", _name_order)
    if not read_only:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def _casefold(text):
    """SQL `casefold(x)`: Python's casefold, for comparing names as typed. SQLite's own lower() folds ASCII only, so
    lower('Özlem') stays 'Özlem' and a name with an accented capital was never found."""
    return text.casefold() if isinstance(text, str) else text


def _sort_name(text):
    """SQL `sort_name(x)`: a name without accents and capitals, to ORDER BY in the order a Dutch reader looks for it
    (borapp.collation). One call per row, so also for ordering thousands of rows, unlike COLLATE name."""
    return folded(text) if isinstance(text, str) else text


def _natural_key(text):
    """SQL `natural_key(x)`: case numbers by year and number (borapp.collation.natural), one call per row."""
    return natural(text) if isinstance(text, str) else text


def _name_order(a: str, b: str) -> int:
    """COLLATE name: names in the order a Dutch reader looks for them (borapp.collation), for short lists such as a
    dropdown's; a Python callback per comparison, so not for ordering thousands of rows."""
    ka, kb = sort_key(a), sort_key(b)
    return (ka > kb) - (ka < kb)


READING = "borapp_reading"  # the execution option, and the connection's note of its query_only pragma


def create_vault_engine(path: Path, key: bytearray, *, read_only: bool = False) -> Engine:
    """An engine whose every new connection is keyed from `key`, the vault's one key buffer: once that buffer is
    wiped (on lock) the engine cannot open another connection."""
    engine = create_engine(
        "sqlite://",
        module=sqlcipher3.dbapi2,
        creator=lambda: connect(path, key, read_only=read_only),
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=2,
        pool_use_lifo=True,  # the connection used last, whose page cache is warm (FIFO alternated two cold ones)
    )

    # pysqlite-style drivers need an explicit BEGIN for transactional DDL. A writable vault takes the write lock at
    # BEGIN (IMMEDIATE): with a deferred BEGIN two connections that both read and then write (two windows, a window
    # and the CLI, two send threads) fail with "database is locked" instead of waiting their turn, because SQLite
    # cannot upgrade a reader whose snapshot is stale. Sessions are short, so the lock is held briefly.
    # A session on `reading_engine(engine)` only reads: a deferred BEGIN on a connection set to query_only, so a long
    # read (the annual report, off the UI thread) never keeps a save waiting for the write lock.
    begin_sql = "BEGIN" if read_only else "BEGIN IMMEDIATE"

    @event.listens_for(engine, "begin")
    def _begin(conn):
        reading = bool(conn.get_execution_options().get(READING))
        if conn.info.get(READING, False) != reading:  # the pooled connection keeps the pragma: set it on change only
            conn.exec_driver_sql(f"PRAGMA query_only = {'ON' if reading else 'OFF'}")
            conn.info[READING] = reading
        conn.exec_driver_sql("BEGIN" if reading else begin_sql)

    @event.listens_for(engine, "checkin")
    def _closed_once_locked(dbapi_connection, _record):
        """A connection given back after the vault locked (a read or task that ran on past the lock) is closed,
        not kept keyed in the old pool until the garbage collector finds it."""
        if dbapi_connection is not None and not any(key):
            dbapi_connection.close()

    return engine


def reading_engine(engine: Engine) -> Engine:
    """The same engine and pool, for sessions that only read (see `create_vault_engine`)."""
    return engine.execution_options(**{READING: True})


@contextmanager
def driver_connection(engine: Engine) -> Iterator[sqlcipher3.Connection]:
    """A pooled DB-API connection outside SQLAlchemy's transactions (a checkpoint, VACUUM INTO, a plain read), able
    to write again: the reading session that used it last may have left query_only on (see `_begin`)."""
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        if conn.info.get(READING, False):
            raw.execute("PRAGMA query_only = OFF")
            conn.info[READING] = False
        yield raw


def checkpoint(engine: Engine) -> None:
    """Fold the WAL into the database file and empty it. Runs outside any transaction (SQLite refuses a
    checkpoint inside one that holds the write lock), so on the driver connection, past SQLAlchemy's BEGIN."""
    with driver_connection(engine) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def engine_problems() -> list[str]:
    """What the database engine lacks that a vault needs (DESIGN: refuse to run without SQLCipher 4.x and FTS5):
    a short technical phrase per problem, empty when all is there."""
    problems = []
    version = cipher_version()
    if not version.split(".")[0].strip().isdigit() or int(version.split(".")[0]) != 4:
        problems.append(f"SQLCipher 4.x (found: {version or 'none'})")
    if not has_fts5():
        problems.append("FTS5 full-text search")
    return problems


def cipher_version() -> str:
    conn = sqlcipher3.connect(":memory:")
    try:
        return conn.execute("PRAGMA cipher_version").fetchone()[0] or ""
    finally:
        conn.close()


def has_fts5() -> bool:
    conn = sqlcipher3.connect(":memory:")
    try:
        conn.execute("CREATE VIRTUAL TABLE probe USING fts5(x)")
        return True
    except sqlcipher3.OperationalError:
        return False
    finally:
        conn.close()
