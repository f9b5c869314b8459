"""Where BOR Desk wrote files that hold a family's data outside the vault, at the coordinator's asking: backups
written with `borapp backup --to`, access-request exports, contracts and letters saved as PDF. Kept in the vault
(encrypted, as settings are), each as a whole path with the case numbers it holds, so that erasing a case can name
what of it is still there.

A place is forgotten when it is gone: a list that only grows would name files deleted long ago."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy.orm import Session

from borapp.services import settings

BACKUPS = "backup.elsewhere"  # backup files written outside the backup folder (the command line's backup --to)
ACCESS_EXPORTS = "privacy.access_exports"  # the folders and zip files of access-request exports
DOCUMENTS = "documents.written"  # contracts and letters saved as a PDF where she chose


def remember(workspace, key: str, path: Path, case_refs: Iterable[str] = ()) -> None:
    """Add `path` (made whole), holding the cases `case_refs`, to the places kept under `key`; the places that are
    gone are dropped."""
    path = Path(path).expanduser().absolute()
    with workspace.session() as session:
        known = {p: refs for p, refs in places(session, key).items() if _there(Path(p))}
        known[str(path)] = sorted(set(known.get(str(path), [])) | set(case_refs))
        settings.put(session, key, json.dumps(known, ensure_ascii=False))


def places(session: Session, key: str) -> dict[str, list[str]]:
    """The places kept under `key`: whole path -> the case numbers in it, as written (a place may be gone since)."""
    try:
        found = json.loads(settings.get(session, key) or "{}")
    except ValueError:
        return {}
    if not isinstance(found, dict):
        return {}
    return {str(p): [str(r) for r in refs] for p, refs in found.items() if isinstance(refs, list)}


def still_there(session: Session, key: str, case_ref: str | None = None) -> list[Path]:
    """The places under `key` that are there now; with `case_ref`, only those holding that case."""
    return sorted(Path(p) for p, refs in places(session, key).items()
                  if (case_ref is None or case_ref in refs) and _there(Path(p)))


def files_of_case(session: Session, case_ref: str) -> list[Path]:
    """The access-request exports and saved documents holding case `case_ref` that are still there."""
    return still_there(session, ACCESS_EXPORTS, case_ref) + still_there(session, DOCUMENTS, case_ref)


def record_backup(workspace, path: Path, now: dt.datetime | None = None) -> None:
    """A backup written where she chose (`borapp backup --to`) counts as one made in the app: it is the last backup
    the status bar names, and erasure lists it among the backups still holding an erased case."""
    now = now or dt.datetime.now()
    with workspace.session() as session:
        settings.put(session, "backup.last", now.isoformat(timespec="seconds"))
    remember(workspace, BACKUPS, path)


def _there(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a share not reachable now: it may be there (the safe side)
        return True
