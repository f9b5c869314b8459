"""Writing a file the user named (`--out`, `backup --to`, a save dialog): whole or not at all, the owner's only, and
only as an ordinary file.

The new file is made beside the target and renamed over it, so the rename replaces whatever has that name: a link
(which then is a link no more, and its target never written), a pipe, or as root even a device such as /dev/null.
So only a new name or an existing ordinary file is written. A link is refused, not followed: where it points may be
a folder other people read, which the user never named. A failure is said naming the folder the user gave (never
the temporary file beside the target).
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from borapp.i18n import _
from borapp.services.errors import BorError, UsageError, os_reason


def refuse_unusual(path: Path) -> None:
    """Refuse `path` when it is a link (even a broken one) or exists as something other than an ordinary file."""
    path = Path(path)
    try:
        found = os.lstat(path)
    except OSError:
        return  # a new name
    if stat.S_ISLNK(found.st_mode):
        raise UsageError(_("{path} is a link to {target}; BOR Desk does not write through a link. Give the file's "
                           "own place, or another name.").format(path=path, target=os.readlink(path)))
    if not stat.S_ISREG(found.st_mode) and not stat.S_ISDIR(found.st_mode):
        raise UsageError(_("{path} is not an ordinary file (a device, a pipe or a socket); BOR Desk writes only "
                           "ordinary files. Choose another file name.").format(path=path))


def write_file(path: Path, data: bytes) -> Path:
    """Write `data` to `path` whole or not at all (a temporary file beside it, flushed, then renamed), mode 0600."""
    path = Path(path)
    refuse_unusual(path)
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".bordesk-", suffix=".part")
    except OSError as exc:
        raise BorError(write_problem(path.parent, exc)) from None
    try:
        with os.fdopen(handle, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise BorError(write_problem(path.parent, exc)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def write_problem(folder: Path, exc: OSError) -> str:
    """Why nothing could be written in `folder` (the one the user gave), in one line she can act on."""
    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC:
        return _("The disk holding {folder} is full: nothing was written. Make room (empty the bin, remove large "
                 "files) or choose another place, then try again.").format(folder=folder)
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return _("{path} cannot be written to (read-only, or no permission). Choose another place or ask for "
                 "write permission.").format(path=folder)
    if not folder.is_dir():
        return folder_missing(folder)
    why = _("the system does not allow files there") if code == errno.ENOENT else os_reason(exc)
    return _("Nothing can be written in {folder}: {why}. Choose another place.").format(folder=folder, why=why)


def folder_missing(folder: Path) -> str:
    """That `folder` is not there: a file where a folder on its path should be (`pw.txt/x.borbak`), or absent."""
    folder = Path(folder)
    blocking = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if blocking is not None and not blocking.is_dir():
        return _("{path} is a file, not a folder.").format(path=blocking)
    return _("The folder {path} does not exist.").format(path=folder)
