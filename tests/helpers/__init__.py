"""Helpers shared by the vault tests: file snapshots, canary scans, the kill -9 writer."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

CRASH_WRITER = Path(__file__).resolve().parent / "crash_writer.py"
SQLITE_MAGIC = b"SQLite format 3\x00"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file in `folder` (recursively) by relative name, with the SHA-256 of its bytes."""
    folder = Path(folder)
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def canary_forms(canary: str) -> list[bytes]:
    """The byte forms a leaked string could take on disk."""
    return [canary.encode("utf-8"), canary.encode("utf-16-le"), canary.encode("utf-16-be")]


def files_with(folder: Path, canaries: list[str]) -> list[str]:
    """Which files in `folder` hold any canary in any form; an empty list means nothing leaked."""
    hits = []
    for path in sorted(Path(folder).rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        hits += [f"{path.name}: {c!r}" for c in canaries if any(form in data for form in canary_forms(c))]
    return hits


def _parse(line: str) -> tuple[int, str]:
    case_id, ref = line.split()
    return int(case_id), ref


class CrashWriter:
    """The writer subprocess: commits cases in a loop and reports each id once its commit returned."""

    def __init__(self, vault_path: Path, passphrase: str, canary: str = "crash", seed: int = 0):
        env = dict(os.environ, BORAPP_PASSPHRASE=passphrase, BORAPP_TEST_FAST_KDF="1")
        self.proc = subprocess.Popen(
            [sys.executable, str(CRASH_WRITER), str(vault_path), canary, str(seed)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True,
        )
        # A watchdog, not a sleep: a writer that stops reporting is killed so the test fails instead of hanging.
        self._watchdog = threading.Timer(60, self.proc.kill)
        self._watchdog.daemon = True
        self._watchdog.start()
        self.reported: list[tuple[int, str]] = []  # (case id, case ref): a lost commit cannot hide behind a reused id

    def wait_for_commits(self, n: int) -> None:
        """Block until the writer has reported `n` committed cases (reading its stdout, no sleeping)."""
        while len(self.reported) < n:
            line = self.proc.stdout.readline()
            if not line.endswith("\n"):
                raise AssertionError(f"the writer stopped early: {self.finish_stderr()}")
            self.reported.append(_parse(line))

    def kill(self) -> list[tuple[int, str]]:
        """SIGKILL now; returns every case the writer reported, including those printed just before the kill."""
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self._watchdog.cancel()
        rest = self.proc.stdout.read()
        self.reported += [_parse(line) for line in rest.splitlines(keepends=True) if line.endswith("\n")]
        self.finish_stderr()
        assert self.proc.returncode == -signal.SIGKILL
        return self.reported

    def finish_stderr(self) -> str:
        err = self.proc.stderr.read() if self.proc.stderr else ""
        self.proc.stdout.close()
        self.proc.stderr.close()
        return err

    def __enter__(self) -> CrashWriter:
        return self

    def __exit__(self, *exc) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._watchdog.cancel()
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream and not stream.closed:
                stream.close()


def add_family(vault, tag: str, *, notes: str = "", count: int = 1) -> list[int]:
    """Commit `count` synthetic cases whose parent, address, child and note all carry `tag`; returns their ids."""
    import datetime as dt

    from borapp.models import Case, Child, Parent

    ids = []
    with vault.session() as session:
        for n in range(count):
            case = Case(ref=f"{tag}-{n}", registered_on=dt.date(2026, 3, 5), notes=f"{tag} note {notes}")
            case.parents.append(Parent(role="resident", name=f"{tag} parent", address=f"{tag} street 1"))
            case.children.append(Child(name=f"{tag} child"))
            session.add(case)
            session.flush()
            ids.append(case.id)
    return ids


def case_ids(vault) -> set[int]:
    return {case_id for case_id, _ref in cases(vault)}


def cases(vault) -> set[tuple[int, str]]:
    """Every case in the vault as (id, ref)."""
    from sqlalchemy import select

    from borapp.models import Case

    with vault.session() as session:
        return {(row.id, row.ref) for row in session.execute(select(Case.id, Case.ref))}


def zero_block(path: Path, size: int = 8192) -> None:
    """Overwrite `size` bytes in the middle of a file with zeros, as a bad sector would."""
    length = Path(path).stat().st_size
    with open(path, "r+b") as fh:
        fh.seek(length // 2)
        fh.write(bytes(size))


def lock_midway(work, started: threading.Event, go_on: threading.Event, lock) -> None:
    """Run `work` on a thread; once it has `started`, `lock()`, then let it `go_on` and wait for it to end."""
    worker = threading.Thread(target=work)
    worker.start()
    assert started.wait(10)
    lock()
    go_on.set()
    worker.join(10)
