"""The vault: create, open, lock, change passphrase, recover, back up, restore and check an encrypted vault.

A vault is two files: the SQLCipher database (`vault.bordb`) and beside it the key file (`vault.bordb.keys`) that
holds the data key wrapped by the passphrase and by the recovery key. A failed open never writes to either.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.orm import Session, sessionmaker

from borapp.i18n import _, ngettext
from borapp.models import db, schema
from borapp.models.db import KeyRejected
from borapp.services import sync  # noqa: F401 - every vault session captures changes for team sync
from borapp.services.vault import backup_file, full_check, process_lock
from borapp.services.vault.file_writing import refuse_unusual
from borapp.services.errors import (
    UsageError, VaultDamaged, VaultError, VaultLocked, VaultMissing, VaultNewer, WrongPassphrase, describe,
)
from borapp.services.vault.keywrap import (
    KeyFile, KeyFileError, Wrap, default_kdf, is_weak, new_data_key, new_recovery_key, normalise_recovery_key,
)
from borapp.services.vault.record_counts import count_records

SIDECARS = ("-wal", "-shm", "-journal")


def key_path(path: Path) -> Path:
    return path.with_name(path.name + ".keys")


def vault_files(path: Path) -> list[Path]:
    """Every file that belongs to the vault at `path`, existing or not."""
    return [path, key_path(path)] + [path.with_name(path.name + s) for s in SIDECARS]


@dataclass
class CheckResult:
    ok: bool
    schema: str | None
    counts: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # sound, but not as safe as it should be


class Vault:
    """An open vault. `session()` gives a unit of work; `lock()` drops the engine and the key."""

    def __init__(self, path: Path, engine: Engine, data_key: bytearray):
        self.path = path
        self._engine: Engine | None = engine
        self._key: bytearray | None = data_key  # the one buffer the engine keys its connections from
        self._sessions: sessionmaker[Session] | None = db.session_factory(engine)
        self._readers: sessionmaker[Session] | None = db.session_factory(db.reading_engine(engine))
        self._open_here = threading.local()
        self._stoppable: set = set()  # connections at work on other threads, interrupted by `lock` (`_stopped_by_lock`)
        self._gate = threading.Lock()  # a commit and `lock` wiping the key never overlap (`session`)
        self._found_on_open: list[str] | None = None  # SQLite's checks by `open(full_check=True)`, for `check`

    # ---- life cycle -------------------------------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, passphrase: str) -> tuple[Vault, str]:
        """Make a new vault; returns it with the recovery key, which is shown once and stored nowhere."""
        require_safe_engine()
        path = Path(path)
        if path.is_dir():
            raise UsageError(_("{path} is a folder, not a vault file.").format(path=path))
        if any(p.exists() for p in vault_files(path)):
            raise UsageError(_("There is already a vault at {path}; it was left as it is.").format(path=path))
        check_passphrase_rules(passphrase)
        kdf = default_kdf()  # refused before anything is written when the test-only setting is used outside tests
        os.umask(0o077)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):  # a file where a folder of the path should be
            raise UsageError(_("The vault cannot be made in {folder}: a file stands where a folder should be. "
                               "Choose another place.").format(folder=path.parent)) from None
        process_lock.acquire(path)
        try:
            data_key, recovery = bytearray(new_data_key()), new_recovery_key()
            engine = db.create_vault_engine(path, data_key)
            schema.upgrade(engine)
            KeyFile([Wrap.make("passphrase", passphrase, bytes(data_key), kdf),
                     Wrap.make("recovery", recovery, bytes(data_key), kdf)]).write(key_path(path))
        except BaseException:
            process_lock.release(path)
            raise
        return cls(path, engine, data_key), recovery

    @classmethod
    def open(cls, path: Path, passphrase: str | None = None, *, recovery_key: str | None = None,
             full_check: bool = False) -> Vault:
        """Unlock: the key, then a quick look read-only (`probe_database`) before anything can write, then migrate.

        `full_check` decrypts every page first (`borapp check`); the app does that on a schedule after the first
        screen instead (`scheduled_check`), because on a large vault it costs seconds at every unlock."""
        require_safe_engine()
        path = Path(path)
        data_key = bytearray(unlock_key(path, passphrase, recovery_key))
        try:
            process_lock.acquire(path)  # one process per vault: another one's WAL is never removed under it
        except BaseException:
            data_key[:] = bytes(len(data_key))
            raise
        index = _SharedIndex(path)  # a refused open puts back the -shm that even a read-only look rewrites
        try:
            try:
                # refuse read-only, before anything can write
                probe = probe_database(path, data_key, full=full_check)
                check_revision(path, probe.revision)
            except BaseException:
                index.put_back()
                raise
            engine = db.create_vault_engine(path, data_key)
            try:
                migrate_if_needed(path, engine, data_key)
            except BaseException:
                engine.dispose()
                raise
        except BaseException:
            data_key[:] = bytes(len(data_key))  # a refused open keeps no key either
            process_lock.release(path)
            raise
        vault = cls(path, engine, data_key)
        if probe.revision == schema.head():  # what a migration wrote was not checked
            vault._found_on_open = probe.findings
        return vault

    def lock(self) -> None:
        with self._gate:  # a commit under way on another thread ends first; none begins after this
            if self._key is not None:  # overwritten in place: the engine's creator and this vault share this buffer
                self._key[:] = bytes(len(self._key))  # first: a connection given back from now on is closed (db.py)
        for conn in list(self._stoppable):  # a full check, a long read or a backup on another thread stops now
            conn.interrupt()
        if self._engine is not None:
            self._engine.dispose()
            process_lock.release(self.path)
        self._engine = self._sessions = self._readers = self._key = None

    @property
    def is_locked(self) -> bool:
        return self._engine is None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            raise VaultLocked()
        return self._engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on an exception.

        Writing transactions take the vault's write lock when they begin (models/db.py), so a second session opened
        by the same thread inside the first would wait for itself: that is refused at once as a programming error
        (pass the open session on instead).

        A transaction that ends after a lock (a sync on another thread, still applying what the server sent when
        the vault locked) is rolled back and raises `VaultLocked`: nothing is written once the key is gone."""
        if self._sessions is None:
            raise VaultLocked()
        if getattr(self._open_here, "session", False):
            raise RuntimeError("a vault session is already open in this thread: pass that session on")
        self._open_here.session = True
        try:
            with self._sessions() as session, session.begin() as transaction:
                yield session
                self._commit(transaction)
        finally:
            self._open_here.session = False

    def _commit(self, transaction) -> None:
        """Commit, unless the vault locked meanwhile (then the `with` rolls the transaction back)."""
        with self._gate:
            if self._key_wiped:
                raise VaultLocked()
            if transaction.is_active:  # the block may have rolled back itself (a test's trial reindex)
                transaction.commit()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A transaction that only reads, and so holds no lock: saves elsewhere go on meanwhile (it sees the vault
        as it was when it began). Writing in it is refused ("attempt to write a readonly database")."""
        if self._readers is None:
            raise VaultLocked()
        with self._readers.begin() as session:  # a lock interrupts it (the annual report off the UI thread)
            with self._stopped_by_lock(session.connection().connection.dbapi_connection):  # begins the transaction
                yield session

    @contextmanager
    def _stopped_by_lock(self, connection, *, late: bool = False) -> Iterator[None]:
        """While the block runs (on another thread), `lock` interrupts what `connection` is doing. With `late`, a
        block that ends after a lock raises `VaultLocked` too: a lock between two statements interrupts nothing."""
        self._stoppable.add(connection)
        try:
            yield
        finally:
            self._stoppable.discard(connection)
        if late and self._key_wiped:
            raise VaultLocked()

    @property
    def _key_wiped(self) -> bool:
        """Locked, or locking: `lock` overwrites the key before it interrupts anything."""
        return self._key is None or not any(self._key)

    # ---- keys ---------------------------------------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str) -> None:
        """Re-wrap the data key; the old key file stays until the new one is on disk."""
        check_passphrase_rules(new_passphrase)
        if self._key is None:
            raise VaultLocked()
        keys = KeyFile.read(key_path(self.path))
        keys.replace(Wrap.make("passphrase", new_passphrase, bytes(self._key))).write(key_path(self.path))

    def new_recovery_key(self) -> str:
        if self._key is None:
            raise VaultLocked()
        recovery = new_recovery_key()
        keys = KeyFile.read(key_path(self.path))
        keys.replace(Wrap.make("recovery", recovery, bytes(self._key))).write(key_path(self.path))
        return recovery

    # ---- care ---------------------------------------------------------------------------------------------------

    def backup(self, to: Path) -> Path:
        """One self-contained encrypted file: the database (VACUUM INTO, same key) and the key file.

        A lock meanwhile stops the copy, leaves nothing behind, and raises `VaultLocked`."""
        to = Path(to)
        if to.is_dir() or to.resolve() in {p.resolve() for p in vault_files(self.path)}:
            raise UsageError(_("{path} cannot be the backup file: it is a folder or part of the vault.")
                             .format(path=to))
        refuse_unusual(to)  # the backup is renamed into place: over a link or a device it would replace them
        try:
            return backup_file.write(self.engine, key_path(self.path), to, schema.current(self.engine),
                                     watch=functools.partial(self._stopped_by_lock, late=True))
        except Exception:
            if self._key_wiped:
                raise VaultLocked() from None
            raise

    def check(self, *, as_opened: bool = False) -> CheckResult:
        """Every page's HMAC, SQLite's own integrity check, the foreign keys, and the number of records.

        `as_opened`: right after `open(full_check=True)`, which did the checks read-only before anything could write,
        take what it found instead of checking twice (unless opening migrated the schema: then they run now)."""
        found, self._found_on_open = self._found_on_open, None
        if not as_opened or found is None:
            if self._key is None:
                raise VaultLocked()
            bad, found = full_check.findings(self.path, bytes(self._key))
            found = [f"cipher: {page}" for page in bad] + found
        problems = list(found)
        from borapp.services.settings import unreadable  # the settings load the models: only when checking

        with self.session() as session:
            counts = count_records(session)
            unread = unreadable(session)
        warnings = ([weak_key_warning()] if self.weak_key() else []) + unread
        return CheckResult(ok=not problems, schema=schema.current(self.engine), counts=counts, problems=problems,
                           warnings=warnings)

    def damaged_pages(self) -> list[str] | None:
        """Decrypt and verify every page (PRAGMA cipher_integrity_check) on a read-only connection of its own, so it
        can run on a worker thread beside the screens; what it says about each damaged page, or None when the vault
        was locked meanwhile (the check stops at once then and says nothing)."""
        if self._key is None:
            return None
        try:
            conn = db.connect(self.path, bytes(self._key), read_only=True)
        except KeyRejected:  # locked between the look at the key and the connection: the key is gone
            return None
        try:
            with self._stopped_by_lock(conn):
                return [row[0] for row in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
        except Exception as exc:  # interrupted by lock(), or a page so damaged that reading could not go on
            return None if self._key_wiped else [str(exc)]
        finally:
            conn.close()

    def weak_key(self) -> bool:
        """Whether a wrap of the key file takes less work to guess than it should (the test-only setting)."""
        try:
            return any(is_weak(w.kdf) for w in KeyFile.read(key_path(self.path)).wraps)
        except KeyFileError:
            return False

    def count(self, model) -> int:
        with self.session() as session:
            return session.scalar(select(func.count()).select_from(model)) or 0


def weak_key_warning() -> str:
    return _("This vault was made with the test-only setting BORAPP_TEST_FAST_KDF: its passphrase is easy to guess "
             "by trying. Without that setting, set a new passphrase and make a new recovery key to protect it properly.")


def check_passphrase_rules(passphrase: str) -> None:
    if len(passphrase or "") < 8:
        raise UsageError(_("A passphrase needs at least 8 characters; a few unrelated words work best."))


@functools.cache
def _engine_problems() -> tuple[str, ...]:
    return tuple(db.engine_problems())


def require_safe_engine() -> None:
    """Fail closed: no vault is made or opened by an engine without encryption (SQLCipher 4) or FTS5."""
    problems = _engine_problems()
    if problems:
        raise VaultError(_("BOR Desk cannot run safely here: the database engine lacks {missing}. Nothing was opened "
                           "or written. Install BOR Desk again, or ask your IT support.")
                         .format(missing=", ".join(problems)))


def unlock_key(path: Path, passphrase: str | None, recovery_key: str | None) -> bytes:
    """The data key, or the error that says why not. Reads files only."""
    if not path.exists():
        raise VaultMissing(path)
    if not path.is_file():
        raise UsageError(_("{path} is a folder, not a vault file.").format(path=path))
    if db.is_plaintext_sqlite(path):
        raise VaultDamaged(_("{path} is an unencrypted database, not a BOR Desk vault. It was not opened.")
                           .format(path=path))
    if not key_path(path).exists() and path.stat().st_size % 512:  # a database is whole pages; a CSV is not
        raise UsageError(_("{path} is not a BOR Desk vault. Give the vault's own file with --vault.").format(
            path=path))
    try:
        keys = KeyFile.read(key_path(path))
    except KeyFileError:
        raise VaultDamaged(_("The key file {keys} is missing or damaged, so the vault cannot be opened. "
                             "Restore a backup.").format(keys=key_path(path))) from None
    if recovery_key:
        key = keys.unwrap("recovery", normalise_recovery_key(recovery_key))
    else:
        key = keys.unwrap("passphrase", passphrase or "")
    if key is None:
        raise WrongPassphrase()
    return key


class _SharedIndex:
    """The -shm file (the WAL's index) as it was before a look: SQLite rebuilds it even on a read-only open after a
    crash. It holds no data; putting its bytes back keeps a refused open from changing any byte in the folder. Safe
    because this process holds the vault's process lock, so no other connection has it mapped."""

    def __init__(self, path: Path):
        self.path = path.with_name(path.name + "-shm")
        try:
            stat = self.path.stat()
            self.data: bytes | None = self.path.read_bytes()
            self.times = (stat.st_atime_ns, stat.st_mtime_ns)
        except OSError:
            self.data = None

    def put_back(self) -> None:
        if self.data is None:
            return
        try:
            if self.path.read_bytes() != self.data:
                self.path.write_bytes(self.data)
            os.utime(self.path, ns=self.times)
        except OSError:
            pass


@dataclass(frozen=True)
class Probe:
    revision: str | None  # None when the file holds no BOR Desk schema
    findings: list[str] | None = None  # SQLite's integrity and foreign-key checks, when the probe was full


def probe_database(path: Path, data_key: bytes, *, full: bool = False) -> Probe:
    """Open read-only and read the schema revision; anything wrong is damage. Leaves no new file behind.

    The quick look (every unlock) decrypts and verifies the first page and the schema's pages, reads the revision
    and checks that the file is whole pages, as many as its header says (a cut-off file). `full` is the whole check
    (`borapp check`, restoring): every page's HMAC, and beside it SQLite's own checks, whose findings it returns. A
    damaged page in the middle is found by that, by the weekly check, by the daily backup (which reads every page),
    or when it is read."""
    existing = {p for p in vault_files(path) if p.exists()}
    found = None
    try:
        if full:
            bad, found = full_check.findings(path, data_key)
        conn = db.connect(path, data_key, read_only=True)
        try:
            bad = bad if full else _cut_off(path, conn)
            revision = None if bad else schema.revision_of(conn)
        finally:
            conn.close()
    except KeyRejected as exc:  # the first page does not decrypt: another vault's key file, or a damaged start
        _remove_new(path, existing)
        raise VaultDamaged(_("The vault {path} does not open with the key file beside it ({keys}): that key file may "
                             "belong to another vault, or the start of the vault file is damaged. Put the vault's "
                             "own key file beside it, or restore a backup.").format(path=path, keys=key_path(path))
                           ) from exc
    except Exception as exc:  # sqlcipher3 raises several DatabaseError kinds for damage
        _remove_new(path, existing)
        raise VaultDamaged(_("The vault {path} is damaged and cannot be opened. Restore a backup.")
                           .format(path=path)) from exc
    _remove_new(path, existing)
    if bad:
        raise VaultDamaged(ngettext("The vault {path} is damaged ({n} damaged page). Restore a backup.",
                                    "The vault {path} is damaged ({n} damaged pages). Restore a backup.", len(bad))
                           .format(path=path, n=len(bad)))
    return Probe(revision, found)


def _cut_off(path: Path, conn) -> list[tuple[str]]:
    """A file that is not whole pages, or shorter than its header says while no WAL holds the rest: the end is gone.
    (Pages of an unfinished checkpoint may still live in the -wal only: then the header's count is not compared.)"""
    page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])  # SQLCipher answers with text
    size = path.stat().st_size
    wal = path.with_name(path.name + "-wal")
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    if size % page_size or (not (wal.exists() and wal.stat().st_size) and pages * page_size > size):
        return [("the file ends in the middle of its pages",)]
    return []


def check_revision(path: Path, revision: str | None) -> None:
    """Refuse a file without our schema, or from a newer version, before any read-write connection touches it."""
    if revision is None:
        raise VaultDamaged(_("{path} holds no BOR Desk data. Restore a backup.").format(path=path))
    if revision != schema.head() and not schema.is_known(revision):
        raise VaultNewer()


def _remove_new(path: Path, existing: set[Path]) -> None:
    for p in vault_files(path):
        if p.exists() and p not in existing:
            p.unlink()


def migrate_if_needed(path: Path, engine: Engine, data_key: bytes) -> None:
    try:
        current = schema.current(engine)
    except SADatabaseError as exc:
        if "readonly" in str(exc).lower() or "unable to open" in str(exc).lower():
            raise VaultError(describe(exc)) from exc  # a read-only folder or stick, not damage
        raise VaultDamaged(_("The vault {path} is damaged and cannot be opened. Restore a backup.")
                           .format(path=path)) from exc
    if current == schema.head():
        return
    if current is None or not schema.is_known(current):
        if current is None:
            raise VaultDamaged(_("{path} holds no BOR Desk data. Restore a backup.").format(path=path))
        raise VaultNewer()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    backup_file.write(engine, key_path(path), path.with_name(f"{path.name}.before-{current}-{stamp}.borbackup"), current)
    schema.upgrade(engine)
