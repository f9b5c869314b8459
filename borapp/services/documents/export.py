"""Writing a document where the user asked, and nowhere else: atomically, readable by the user only, logged.

The file appears whole or not at all (a temporary file beside it, flushed, then renamed over the target); a failed
write leaves no temporary file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sqlalchemy import select

from borapp.i18n import _
from borapp.models import Case
from borapp.services import audit
from borapp.services.errors import BorError, NotFound


def case_id_for_ref(ws, ref: str) -> int:
    """The id of the case with reference `ref` (e.g. BOR-2026-004); NotFound otherwise."""
    with ws.session() as session:
        case_id = session.scalar(select(Case.id).where(Case.ref == (ref or "").strip()))
    if case_id is None:
        raise NotFound(_("No case with reference {ref}.").format(ref=ref))
    return case_id


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` as a new file only the user can read (0600), atomically."""
    path = Path(path)
    old_umask = os.umask(0o077)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".borapp-", suffix=".tmp", dir=path.parent if str(path.parent) else ".")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise BorError(_("Cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)) from exc
    finally:
        os.umask(old_umask)
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def record_export(ws, case_id: int) -> None:
    """A document of the case left the vault as a file: the access log says so (never what was in it)."""
    with ws.session() as session:
        audit.record(session, "export", "case", case_id, ws.actor)
