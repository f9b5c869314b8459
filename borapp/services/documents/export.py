"""A document that leaves the vault as a file is noted in the access log (writing it: outbox.write_pdf_copy)."""

from __future__ import annotations

from borapp.services import audit


def record_export(workspace, case_id: int) -> None:
    """A document of the case left the vault as a file: the access log says so (never what was in it)."""
    with workspace.session() as session:
        audit.record(session, "export", "case", case_id, workspace.actor)
