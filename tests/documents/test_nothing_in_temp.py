"""Documents are made in memory: making every document, exporting the outbox and saving a copy where asked leaves
no file with a PDF or a name from the vault in the system's temp folder or the home folder (watched for real,
not only the test's own folder)."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from borapp.services.documents.contract import render_contract
from borapp.services.documents.letters import render_letter
from borapp.services.outbox import export
from borapp.services.outbox import letters as outbox
from tests.helpers.documents_support import TODAY, full_case, set_organisation

CANARY = b"Petra Jansen"  # the resident parent in full_case


def _new_files(folder: Path, since: float, skip: tuple[Path, ...]) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = [d for d in dirs if not any((here / d).resolve() == s for s in skip)
                   and not d.startswith("pytest-of-")  # the suite's own folders, the test's one among them
                   and (not d.startswith(".") or d in (".config", ".local"))]  # toolchains, caches: not ours
        for name in files:
            path = here / name
            try:
                if path.stat().st_mtime >= since:
                    found.append(path)
            except OSError:
                continue
    return found


def _leaks(paths: list[Path]) -> list[str]:
    leaked = []
    for path in paths:
        try:
            data = path.read_bytes()[:5_000_000]
        except OSError:
            continue
        if data.startswith(b"%PDF") or CANARY in data or CANARY.decode().encode("utf-16-le") in data:
            leaked.append(str(path))
    return leaked


def test_documents_leave_nothing_in_temp_or_home(workspace, tmp_path):
    set_organisation(workspace)
    case_id = full_case(workspace)
    since = time.time() - 1
    render_contract(workspace, case_id, "nl", today=TODAY)
    for kind in ("intake", "start", "evaluation", "closing", "no_response"):
        render_letter(workspace, case_id, kind, "nl", today=TODAY)
        outbox.new_letter(workspace, case_id, kind)
    render_letter(workspace, case_id, "schedule", "nl", parent_role="resident", today=TODAY)
    first = outbox.list_letters(workspace, ("ready",))[0].id
    (tmp_path / "asked").mkdir()
    outbox.save_pdf(workspace, first, tmp_path / "asked" / "kopie.pdf")
    export.export_ready(workspace, tmp_path / "export")
    skip = (tmp_path.resolve(),)
    touched = _new_files(Path(tempfile.gettempdir()), since, skip) + _new_files(Path.home(), since, skip)
    assert not _leaks(touched), _leaks(touched)
    assert (tmp_path / "asked" / "kopie.pdf").read_bytes().startswith(b"%PDF")  # the copy asked for is there
