"""Attachments: court decisions, referral forms, signed contracts, kept encrypted inside the vault, never on disk.

The GUI passes the bytes of a file the user picked; reading one back returns bytes to show from memory. A copy
lands on disk only where the user asks (`save_copy`), and that is written to the access log.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.formatting import number
from borapp.i18n import N_, _, ngettext
from borapp.models import Attachment, Contract
from borapp.services import audit
from borapp.services.cases.flow import get_case
from borapp.services.errors import BorError, NotFound, ValidationError, os_reason
from borapp.services.vault.workspace import Workspace

ATTACHMENT_KINDS = ("court_decision", "referral", "signed_contract", "other")
KIND_LABELS = {
    "court_decision": N_("Court decision"), "referral": N_("Referral form"),
    "signed_contract": N_("Signed contract"), "other": N_("Other"),
}
MAX_BYTES = 25 * 1024 * 1024
MAX_FILENAME = 300


def kind_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


def size_text(size: int) -> str:
    """A file size as people read it: "820 kB", "1,4 MB"."""
    if size < 1024:
        return ngettext("{n} byte", "{n} bytes", size).format(n=size)
    if size < 1024 * 1024:
        return _("{n} kB").format(n=number(round(size / 1024)))
    return _("{n} MB").format(n=number(round(size / (1024 * 1024), 1)))


def size_problem(size: int) -> str:
    """Why a file of `size` bytes cannot be added, or ""; the GUI asks before it reads a large file."""
    if size <= 0:
        return _("This file is empty.")
    if size > MAX_BYTES:
        return _("This file is {size}; the limit is {limit}. Save a smaller version (for example a PDF scanned in "
                 "black and white) and add that.").format(size=size_text(size), limit=size_text(MAX_BYTES))
    return ""


@dataclass(frozen=True)
class AttachmentItem:
    id: int
    case_id: int
    kind: str
    filename: str
    mime_type: str
    size: int
    added_at: dt.datetime

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    @property
    def size_text(self) -> str:
        return size_text(self.size)


class AttachmentContent(NamedTuple):
    filename: str
    mime_type: str
    content: bytes


def list_attachments(workspace: Workspace, case_id: int) -> list[AttachmentItem]:
    """The files of a case, newest first; the contents stay in the vault."""
    with workspace.session() as session:
        get_case(session, case_id)
        query = (select(Attachment.id, Attachment.case_id, Attachment.kind, Attachment.filename,
                        Attachment.mime_type, Attachment.size, Attachment.added_at)
                 .where(Attachment.case_id == case_id).order_by(Attachment.added_at.desc(), Attachment.id.desc()))
        return [AttachmentItem(*row) for row in session.execute(query)]


def add_attachment(workspace: Workspace, case_id: int, kind: str, filename: str, content: bytes,
                   mime_type: str = "") -> int:
    """Keep `content` in the vault under `filename` (its name only, never the folder it came from)."""
    name = _plain_name(filename)
    if kind not in ATTACHMENT_KINDS:
        raise ValidationError(_("Choose what kind of file this is."), "kind")
    if not name:
        raise ValidationError(_("The file has no name."), "file")
    if problem := size_problem(len(content)):
        raise ValidationError(problem, "file")
    mime = (mime_type or mimetypes.guess_type(name)[0] or "application/octet-stream")[:100]
    with workspace.session() as session:
        get_case(session, case_id)
        attachment = Attachment(case_id=case_id, kind=kind, filename=name, mime_type=mime, size=len(content),
                                content=bytes(content))
        session.add(attachment)
        session.flush()
        audit.record(session, "create", "attachment", attachment.id, workspace.actor)
        return attachment.id


def set_kind(workspace: Workspace, attachment_id: int, kind: str) -> None:
    """Correct what kind of file this is; a contract's signed copy stays a signed contract."""
    if kind not in ATTACHMENT_KINDS:
        raise ValidationError(_("Choose what kind of file this is."), "kind")
    with workspace.session() as session:
        attachment = _attachment(session, attachment_id)
        if attachment.kind == kind:
            return
        version = session.scalar(select(Contract.version).where(Contract.signed_copy_id == attachment_id).limit(1))
        if version is not None:
            raise ValidationError(_("This file is the signed copy of contract version {n}; it stays a signed "
                                    "contract.").format(n=version), "kind")
        attachment.kind = kind
        session.flush()
        audit.record(session, "update", "attachment", attachment_id, workspace.actor)


def read_attachment(workspace: Workspace, attachment_id: int) -> AttachmentContent:
    """(filename, mime type, bytes) to show from memory; opening is written to the access log."""
    with workspace.session() as session:
        attachment = _attachment(session, attachment_id)
        audit.record(session, "open", "attachment", attachment_id, workspace.actor)
        return AttachmentContent(attachment.filename, attachment.mime_type, bytes(attachment.content))


def save_copy(workspace: Workspace, attachment_id: int, target: Path) -> None:
    """Write an unencrypted copy where the user asked (readable by the user only); logged as an export."""
    with workspace.session() as session:
        content = bytes(_attachment(session, attachment_id).content)
        audit.record(session, "export", "attachment", attachment_id, workspace.actor)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
    except OSError as exc:
        raise BorError(_("The copy could not be saved: {reason}.").format(reason=os_reason(exc))) from exc


def delete_problem(workspace: Workspace, attachment_id: int) -> str:
    """Why this file cannot be deleted ("" when it can): asked before the question, which otherwise led to a no."""
    with workspace.reading() as session:
        return _kept_because(session, attachment_id)


def _kept_because(session: Session, attachment_id: int) -> str:
    version = session.scalar(select(Contract.version).where(Contract.signed_copy_id == attachment_id).limit(1))
    if version is None:
        return ""
    return _("This file is the signed copy of contract version {n}; it stays in the case file.").format(n=version)


def delete_attachment(workspace: Workspace, attachment_id: int) -> None:
    with workspace.session() as session:
        attachment = _attachment(session, attachment_id)
        kept = _kept_because(session, attachment_id)
        if kept:
            raise ValidationError(kept)
        session.delete(attachment)
        audit.record(session, "delete", "attachment", attachment_id, workspace.actor)


def _attachment(session: Session, attachment_id: int) -> Attachment:
    attachment = session.get(Attachment, attachment_id)
    if attachment is None:
        raise NotFound(_("No attachment with number {id}.").format(id=attachment_id))
    return attachment


def _plain_name(filename: str) -> str:
    name = PureWindowsPath(Path(filename or "").name).name.strip()
    return name[-MAX_FILENAME:] if len(name) > MAX_FILENAME else name


def read_upload(path: Path) -> tuple[str, bytes]:
    """A file the user picked, as (its name, its bytes), refused with a clear message when too big or unreadable.

    The GUI hands the path over and never reads files itself."""
    path = Path(path)
    try:
        problem = size_problem(path.stat().st_size)
        if problem:
            raise BorError(problem)
        return path.name, path.read_bytes()
    except OSError as exc:
        raise BorError(_("The file could not be read: {reason}.").format(reason=os_reason(exc))) from None
