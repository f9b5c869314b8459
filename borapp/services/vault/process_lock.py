"""One process at a time per vault: an OS lock on `vault.bordb.lock` beside it, held while the vault is open.

Two processes on one vault lost saved changes: one opening the vault removed WAL files the other had just written
into. So a vault is opened by one process only; a second one (another window, a `borapp` command, a restore) hears
that the vault is in use. Inside one process several opens of the same vault share the lock (counted), as the app
and its tests do. The lock file stays (it is empty and holds nothing personal); the OS drops the lock when the
process ends, also after a crash, so a stale lock cannot keep anyone out.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from borapp.i18n import _
from borapp.services.errors import VaultError

_held: dict[str, tuple[int, int]] = {}  # resolved vault path → (file descriptor, how many holders in this process)
_guard = threading.Lock()


class VaultInUse(VaultError):
    def __init__(self, path: Path) -> None:
        super().__init__(_("The vault {path} is open in another BOR Desk window or command. Close or lock it there, "
                           "then try again.").format(path=path))


def lock_path(path: Path) -> Path:
    return Path(path).with_name(Path(path).name + ".lock")


def acquire(path: Path) -> None:
    """Hold the vault's process lock (once more, when this process already holds it); VaultInUse when another
    process does."""
    key = _key(path)
    with _guard:
        if key in _held:
            fd, count = _held[key]
            _held[key] = (fd, count + 1)
            return
        try:
            fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return  # a read-only folder: nothing can be written there either, so nothing can be lost
        if not _try_lock(fd):
            os.close(fd)
            raise VaultInUse(path)
        _held[key] = (fd, 1)


def release(path: Path) -> None:
    key = _key(path)
    with _guard:
        if key not in _held:
            return
        fd, count = _held[key]
        if count > 1:
            _held[key] = (fd, count - 1)
            return
        del _held[key]
        _unlock(fd)
        os.close(fd)


def held(path: Path) -> bool:
    """Whether this process holds the lock of the vault at `path`."""
    with _guard:
        return _key(path) in _held


def _key(path: Path) -> str:
    return str(Path(path).resolve())


if os.name == "nt":  # pragma: no cover - exercised by the Windows build
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
