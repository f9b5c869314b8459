"""Writing a subject access export where the coordinator asks: a new folder (or one zip file) holding
`overzicht.pdf` (readable), `gegevens.json` (for a computer, with what was withheld and why) and `bestanden/`
(the letters as sent, signed contracts, attachments), named in the export's language (`overview.pdf`, `data.json`,
`files/` in English). Nothing goes anywhere else; the export is logged, and where it went is kept (encrypted, in the
vault), so that erasing the case names it while it is there.
"""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

from borapp.i18n import _
from borapp.services import audit
from borapp.services.documents.facts import organisation
from borapp.services.errors import UsageError
from borapp.services.outbox.letters import private_files, write_atomic
from borapp.services.privacy.access_overview import overview_pdf
from borapp.services.privacy.access_request import AccessExport, names
from borapp.services.vault import written_places
from borapp.services.vault.workspace import Workspace

OVERVIEW, DATA, FILES = names("nl")


def contents(workspace: Workspace, export: AccessExport) -> dict[str, bytes]:
    """Every file of the export by its name inside the folder or zip."""
    with workspace.session() as session:
        org = organisation(session)
    data = dict(export.data, withheld=export.withheld, files=[{"name": f.name, "about": f.about}
                                                             for f in export.files])
    overview, data_name, folder = names(export.language)
    files = {overview: overview_pdf(export, org),
             data_name: json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")}
    files.update({f"{folder}/{f.name}": f.data for f in export.files})
    return files


def write_export(workspace: Workspace, export: AccessExport, out: Path, *, as_zip: bool = False) -> Path:
    """Write the export to `out` (a folder that must not exist yet or be empty, or a .zip file that must not exist)
    and log it per case."""
    files = contents(workspace, export)
    zipped = as_zip or out.suffix.lower() == ".zip"
    out = Path(out).expanduser().absolute()
    if zipped and out.suffix.lower() != ".zip":
        out = out.with_suffix(".zip")
    # before it is written: erasing one of its cases names it while it is there (it holds the whole case)
    written_places.remember(workspace, written_places.ACCESS_EXPORTS, out, {s.case_ref for s in export.subjects})
    with private_files():
        if zipped:
            _write_zip(out, files)
        else:
            _write_folder(out, files)
    with workspace.session() as session:
        for case_id in sorted({s.case_id for s in export.subjects}):
            audit.record(session, "access_export", "case", case_id, workspace.actor)
        for attachment_id in export.checked:  # she vouched that no confidential address is in it: on the record
            audit.record(session, "access_checked", "attachment", attachment_id, workspace.actor)
    return out


def _write_zip(out: Path, files: dict[str, bytes]) -> None:
    if out.exists():
        raise UsageError(_("{path} exists already; choose a new name.").format(path=out))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    write_atomic(out, buffer.getvalue())


def _write_folder(out: Path, files: dict[str, bytes]) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UsageError(_("{path} exists already and is not an empty folder; choose a new one.").format(path=out))
    partial = out.with_name(f".{out.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        partial.mkdir(parents=True, mode=0o700)
        for name, data in files.items():
            (partial / name).parent.mkdir(exist_ok=True, mode=0o700)
            write_atomic(partial / name, data)
        if out.exists():
            out.rmdir()
        partial.rename(out)
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
        raise UsageError(_("Cannot write the export to {path}.").format(path=out)) from None
