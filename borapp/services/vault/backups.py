"""Scheduled backups: a dated encrypted backup in the chosen folder (a USB stick, a share), rotated.

The laptop often holds the only copy, so the app writes one on quit and daily, and warns when the last one is old.
"""

from __future__ import annotations

import datetime as dt
import errno
from dataclasses import dataclass
from pathlib import Path

from borapp.i18n import _
from borapp.services import settings
from borapp.services.errors import BorError, os_reason

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
    chosen = settings.read_setting(workspace, "backup.folder").strip()
    if not chosen:  # Path("") is the folder the app was started from: the backup went there, unasked
        raise BorError(_("No backup folder is chosen yet: choose one under Settings, Backups."))
    folder = folder_path(chosen)
    if folder_problem(chosen):
        raise BorError(folder_problem(chosen))
    try:
        folder.mkdir(exist_ok=True)  # new, in a folder that is there (`folder_problem`), as `backup --to` does
    except OSError as exc:
        raise BorError(write_problem(folder, exc)) from None
    target = folder / f"{PREFIX}{now:%Y%m%d-%H%M%S}{SUFFIX}"
    try:
        workspace.vault.backup(target)
    except OSError as exc:
        raise BorError(write_problem(folder, exc)) from None
    with workspace.session() as session:
        settings.put(session, "backup.last", now.isoformat(timespec="seconds"))
    try:
        rotate(folder, settings.read_int(workspace, "backup.keep"))
    except OSError as exc:  # the new backup is there; only the old ones could not be cleared away
        raise BorError(write_problem(folder, exc)) from None
    return target


def folder_path(chosen: str) -> Path:
    """The backup folder as a path. Settings keep `~/bk` as the whole folder; one kept before that is read the same."""
    try:
        return Path(chosen.strip()).expanduser()
    except RuntimeError:  # ~someone who is no user here: left as typed, and refused as no whole folder
        return Path(chosen.strip())


def folder_problem(chosen: str) -> str:
    """Why a backup cannot go into the folder `chosen` now ("" when it can): a stick not plugged in, a typing slip,
    a file. A folder not there yet is made by the backup when the folder it goes in is there: a stick that is not
    plugged in has none, and where sticks appear (/media/anna, /Volumes) nothing is made in their place."""
    if not chosen.strip():
        return ""
    folder = folder_path(chosen)
    if folder.is_absolute() and folder.exists() and not folder.is_dir():
        return _("{folder} is a file, not a folder. Choose a folder for the backups.").format(folder=folder)
    if not folder.is_absolute() or not (folder.is_dir() or _can_make(folder)):
        return _("The backup folder {folder} is not available (is the stick plugged in?).").format(folder=folder)
    return ""


def _can_make(folder: Path) -> bool:
    parent = folder.parent
    where_sticks_appear = parent in (Path("/Volumes"), Path("/mnt"), Path("/media")) \
        or parent.parent in (Path("/media"), Path("/run/media"))
    return parent != folder and parent.is_dir() and not where_sticks_appear


def write_problem(folder: Path, exc: OSError) -> str:
    """Why nothing could be written in `folder`, in words a coordinator can act on."""
    if exc.errno == errno.ENOSPC:
        why = _("the disk or stick is full")
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        why = _("the folder cannot be written to (read-only, or no permission)")
    elif exc.errno in (errno.ENOENT, errno.ENODEV, errno.EIO):
        why = _("the folder is gone (was the stick taken out?)")
    else:
        why = os_reason(exc)
    return _("No backup could be written in {folder}: {why}. Your work is saved in the vault; choose another "
             "backup folder in Settings or try again later.").format(folder=folder, why=why)


def rotate(folder: Path, keep: int) -> list[Path]:
    """Remove the oldest of our dated backups beyond `keep`; other files in the folder are never touched."""
    ours = sorted(p for p in folder.glob(f"{PREFIX}*{SUFFIX}") if p.is_file())
    removed = ours[: max(len(ours) - max(keep, 1), 0)]
    for path in removed:
        path.unlink()
    return removed
