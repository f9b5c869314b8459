"""A document that leaves the vault as a file is noted in the access log and its place kept for erasure (writing it:
outbox.write_pdf_copy)."""

from __future__ import annotations

from pathlib import Path

from borapp.models import Case
from borapp.services import audit
from borapp.services.vault import written_places


def record_export(workspace, case_id: int, path: Path | None = None) -> None:
    """A document of the case left the vault as a file: the access log says so (never what was in it), and where
    it went is kept, so that erasing the case names the file while it is there."""
    with workspace.session() as session:
        audit.record(session, "export", "case", case_id, workspace.actor)
        ref = session.get(Case, case_id).ref
    if path is not None:
        written_places.remember(workspace, written_places.DOCUMENTS, path, [ref])
