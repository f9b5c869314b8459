"""Scheduled backups: a dated encrypted backup in the chosen folder (a USB stick, a share), rotated.

The laptop often holds the only copy, so the app writes one on quit and daily, and warns when the last one is old.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from borapp.i18n import _
from borapp.services import settings
from borapp.services.errors import BorError

PREFIX, SUFFIX = "bor-desk-", ".borbackup"
WARN_AFTER = dt.timedelta(days=7)
DAILY = dt.timedelta(days=1)


@dataclass(frozen=True)
class BackupStatus:
    folder: str
    last: dt.datetime | None
    warning: str  # empty when all is well


def status(workspace, now: dt.datetime | None = None) -> BackupStatus:
    now = now or dt.datetime.now()
    folder = settings.read_setting(workspace, "backup.folder")
    raw = settings.read_setting(workspace, "backup.last")
    last = dt.datetime.fromisoformat(raw) if raw else None
    if not folder:
        warning = _("No backup folder is set: this laptop may hold the only copy. Choose one in Settings.")
    elif last is None:
        warning = _("No backup has been made yet.")
    elif now - last > WARN_AFTER:
        warning = _("The last backup is more than a week old.")
    else:
        warning = ""
    return BackupStatus(folder, last, warning)


def is_due(workspace, now: dt.datetime | None = None) -> bool:
    current = status(workspace, now)
    return bool(current.folder) and (current.last is None or (now or dt.datetime.now()) - current.last >= DAILY)


def make_backup(workspace, now: dt.datetime | None = None) -> Path:
    """Write a dated backup into the backup folder and keep only the newest `backup.keep`."""
    now = now or dt.datetime.now()
    folder = Path(settings.read_setting(workspace, "backup.folder"))
    if not str(folder) or not folder.is_dir():
        raise BorError(_("The backup folder {folder} is not available (is the stick plugged in?).")
                       .format(folder=folder))
    target = folder / f"{PREFIX}{now:%Y%m%d-%H%M%S}{SUFFIX}"
    workspace.vault.backup(target)
    with workspace.session() as session:
        settings.put(session, "backup.last", now.isoformat(timespec="seconds"))
    rotate(folder, int(settings.read_setting(workspace, "backup.keep") or 10))
    return target


def rotate(folder: Path, keep: int) -> list[Path]:
    """Remove the oldest of our dated backups beyond `keep`; other files in the folder are never touched."""
    ours = sorted(p for p in folder.glob(f"{PREFIX}*{SUFFIX}") if p.is_file())
    removed = ours[: max(len(ours) - max(keep, 1), 0)]
    for path in removed:
        path.unlink()
    return removed
