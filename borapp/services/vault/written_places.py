"""Where BOR Desk wrote files that hold a family's data outside the vault, at the coordinator's asking: backups
written with `borapp backup --to`, access-request exports, contracts and letters saved as PDF. Kept in the vault
(encrypted, as settings are), each as a whole path, so that erasing a case can name what is still there.

A place is forgotten when it is gone: a list that only grows would name files deleted long ago."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy.orm import Session

from borapp.services import settings

BACKUPS = "backup.elsewhere"  # backup files written outside the backup folder (the command line's backup --to)
ACCESS_EXPORTS = "privacy.access_exports"  # the folders and zip files of access-request exports
DOCUMENTS = "documents.written"  # contracts and letters saved as a PDF where she chose


def remember(workspace, key: str, path: Path) -> None:
    """Add `path` (made whole) to the places kept under `key`, dropping the places that are gone."""
    path = Path(path).expanduser().absolute()
    with workspace.session() as session:
        known = [p for p in places(session, key) if _there(Path(p))]
        if str(path) not in known:
            known.append(str(path))
        settings.put(session, key, json.dumps(known, ensure_ascii=False))


def places(session: Session, key: str) -> list[str]:
    """The places kept under `key`, whole paths, as written (they may be gone since)."""
    try:
        found = json.loads(settings.get(session, key) or "[]")
    except ValueError:
        return []
    return [str(p) for p in found] if isinstance(found, list) else []


def still_there(session: Session, key: str) -> list[Path]:
    return [Path(p) for p in places(session, key) if _there(Path(p))]


def _there(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a share not reachable now: it may be there (the safe side)
        return True


def record_backup(workspace, path: Path, now: dt.datetime | None = None) -> None:
    """A backup written where she chose (`borapp backup --to`) counts as one made in the app: it is the last backup
    the status bar names, and erasure lists it among the backups still holding an erased case."""
    now = now or dt.datetime.now()
    with workspace.session() as session:
        settings.put(session, "backup.last", now.isoformat(timespec="seconds"))
    remember(workspace, BACKUPS, path)
