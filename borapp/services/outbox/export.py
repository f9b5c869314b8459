"""Exporting ready letters to a folder: each as an .eml draft with its PDF beside it, then final (its PDF kept).

Letters are prepared (checked, rendered, their message built) a chunk at a time; the chunk's destinations are then
recorded in one commit, its files written, and that they went recorded in one more. A folder that cannot be written
stops the export: what was written is recorded, and a letter none of whose files got there is plainly ready again."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from borapp.i18n import _
from borapp.services import settings
from borapp.services.errors import BorError
from borapp.services.outbox import mail
from borapp.services.outbox.letters import (
    checked, envelope_for, file_stem, mark_export, private_files, record_exported, release_export, safe_name, sender,
    write_atomic,
)
from borapp.services.outbox.listing import EXPORT_MARK, SENDING_MARK, LetterRow, get_letter_row, list_letters


@dataclass
class ExportResult:
    folder: Path
    exported: list[tuple[int, Path, Path]] = field(default_factory=list)  # (letter id, .eml, .pdf)
    problems: list[tuple[int, str]] = field(default_factory=list)  # (letter id, why it stayed ready)
    stopped: str = ""  # why the export stopped before every letter was written (the folder cannot be written)
    command_line: dict[int, str] = field(default_factory=dict)  # letter id: why it stayed, for the command line

    def command_line_problems(self) -> list[tuple[int, str]]:
        """`problems` as the command line says them (`LetterCheck.command_line_message`)."""
        return [(letter_id, self.command_line.get(letter_id, why)) for letter_id, why in self.problems]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.stopped

    def stop_line(self) -> str:
        """Why the export stopped and where that leaves the letters ("" when it did not stop)."""
        if not self.stopped:
            return ""
        if not self.exported:
            return _("Nothing was exported. {why} The letters are still ready: choose another folder and export "
                     "again.").format(why=self.stopped)
        return _("Then the export stopped. {why} The other letters are still ready: choose another folder and "
                 "export them.").format(why=self.stopped)

    @property
    def files(self) -> list[Path]:
        return [p for _id, eml, pdf in self.exported for p in (eml, pdf)]


EXPORT_CHUNK = 25  # letters prepared, then marked, written and recorded together: two commits per chunk, not per letter


@dataclass(frozen=True)
class _Prepared:
    letter_id: int
    pdf: bytes
    eml: bytes
    pdf_path: Path
    eml_path: Path
    error: str  # the letter's note before the export marked it, back when its files could not be written


def export_ready(workspace, folder: Path) -> ExportResult:
    """Every ready letter as an .eml draft (X-Unsent: 1, the PDF attached) with the PDF beside it; each exported
    letter is then final (its PDF kept) and leaves the queue. Files are the owner's only (0600), written whole.

    An export killed halfway exports nothing twice: before their files are written letters record where they go
    (EXPORT_MARK); the next export finds them there and only finishes the record."""
    folder = Path(folder).expanduser().absolute()  # kept whole: erasure looks for the files there later
    result = ExportResult(folder)
    ids = [row.id for row in list_letters(workspace, ("ready",))  # a colleague's laptop sends or exports its own
           if not row.raw_error.startswith(SENDING_MARK) and row.goes_from_here]
    if not ids:
        return result
    with private_files():
        try:
            _make_folder(folder)
        except BorError as exc:  # nothing was marked: every letter is as it was
            result.stopped = str(exc)
            return result
        remember_folder(workspace, folder)  # before any letter is marked exported, so erasure always finds them
        sender_email, sender_name = sender(workspace)
        for start in range(0, len(ids), EXPORT_CHUNK):
            chunk = [_prepare(workspace, letter_id, folder, sender_email, sender_name, result)
                     for letter_id in ids[start:start + EXPORT_CHUNK]]
            _write_chunk(workspace, [p for p in chunk if p is not None], result)
            if result.stopped:
                break
    return result


FOLDERS_SETTING = "outbox.export_folders"


def remember_folder(workspace, folder: Path) -> None:
    """Keep where letters went: erasing a case names its files still there (they hold the family's names)."""
    folder = Path(folder).expanduser().absolute()  # the setting keeps whole folders only
    with workspace.session() as session:
        known = export_folders(session)
        if str(folder) not in known:
            settings.put(session, FOLDERS_SETTING, json.dumps(known + [str(folder)], ensure_ascii=False))


def export_folders(session) -> list[str]:
    try:
        found = json.loads(settings.get(session, FOLDERS_SETTING) or "[]")
    except ValueError:
        return []
    return [str(f) for f in found] if isinstance(found, list) else []


def _prepare(workspace, letter_id: int, folder: Path, sender_email: str, sender_name: str,
             result: ExportResult) -> _Prepared | None:
    """A ready letter's PDF and message, and the free file names they go to; None when it stays (a problem, said
    in `result`) or when an earlier, interrupted export wrote its files already (then recorded now)."""
    row = get_letter_row(workspace, letter_id)
    if row is None or row.state != "ready":
        return None
    if _finish_earlier_export(workspace, row, result):
        return None
    try:
        found = checked(workspace, letter_id)
    except BorError as exc:
        result.problems.append((letter_id, str(exc)))
        return None
    if found.problems:  # it stays ready, to be finished (Edit) before the next export
        result.problems.append((letter_id, found.problems))
        result.command_line[letter_id] = found.command_line_problems
        return None
    stem = _free_stem(folder, safe_name(found.in_names(file_stem(row))))
    envelope = envelope_for(workspace, row, found.pdf, sender_email, sender_name, f"{stem}.pdf", found.in_message,
                            found.greeting)
    data = mail.as_bytes(mail.build_message(envelope, draft=True))
    error = "" if row.raw_error.startswith(EXPORT_MARK) else row.raw_error
    return _Prepared(letter_id, found.pdf, data, folder / f"{stem}.pdf", folder / f"{stem}.eml", error)


def _write_chunk(workspace, chunk: list[_Prepared], result: ExportResult) -> None:
    """Where the files go (one commit), the files, then that they went (one commit). The names are free: each
    holds the letter's own number. When a file cannot be written the export stops (`result.stopped`): the letters
    written are recorded, the others released."""
    if not chunk:
        return
    with workspace.session() as session:
        for item in chunk:
            mark_export(session, item.letter_id, item.eml_path)
    written = _write_files(chunk, result)
    with workspace.session() as session:
        for item in written:
            record_exported(session, workspace, item.letter_id, item.pdf)
        for item in chunk[len(written):]:
            _release(session, item)
    result.exported += [(item.letter_id, item.eml_path, item.pdf_path) for item in written]


def _write_files(chunk: list[_Prepared], result: ExportResult) -> list[_Prepared]:
    """The chunk's files, letter by letter, until one cannot be written (then `result.stopped` says why, and a PDF
    written without its .eml is taken away again): the letters whose files are both there."""
    for done, item in enumerate(chunk):
        try:
            write_atomic(item.pdf_path, item.pdf)
            write_atomic(item.eml_path, item.eml)
        except BorError as exc:
            result.stopped = str(exc)
            if not _there(item.eml_path):
                _take_back(item.pdf_path)
            return chunk[:done]
    return chunk


def _take_back(path: Path) -> None:
    """A PDF this export wrote a moment ago, without its .eml: removed, so the letter leaves nothing behind."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass  # it stays, and so does the letter's mark: the next export finishes it


def _release(session, item: _Prepared) -> None:
    """A letter the stopped export did not write is plainly ready again (its note as before), so it can be sent,
    changed or deleted; one with a file in the folder keeps its mark, for the next export to finish."""
    if not (_there(item.pdf_path) or _there(item.eml_path)):
        release_export(session, item.letter_id, item.eml_path, item.error)


def _there(path: Path) -> bool:
    """Whether a file is at `path`; when the folder will not say, it may be (the safe side)."""
    try:
        return path.exists()
    except OSError:
        return True


def _finish_earlier_export(workspace, row: LetterRow, result: ExportResult) -> bool:
    """A letter whose files an interrupted export did write: record it as exported, write nothing again."""
    if not row.raw_error.startswith(EXPORT_MARK):
        return False
    eml_path = Path(row.raw_error[len(EXPORT_MARK):])
    pdf_path = eml_path.with_suffix(".pdf")
    if not (eml_path.is_file() and pdf_path.is_file()):
        return False  # the files never got there: export it now
    _record_export(workspace, row.id, pdf_path.read_bytes())
    result.exported.append((row.id, eml_path, pdf_path))
    return True


def _record_export(workspace, letter_id: int, pdf: bytes) -> None:
    with workspace.session() as session:
        record_exported(session, workspace, letter_id, pdf)


def _make_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():  # mkdir would only say it cannot make it
        raise BorError(_("{folder} is not a folder.").format(folder=folder))
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        raise BorError(_("Cannot make the folder {folder}.").format(folder=folder)) from None
    if not folder.is_dir():
        raise BorError(_("{folder} is not a folder.").format(folder=folder))


def _free_stem(folder: Path, stem: str) -> str:
    candidate, n = stem, 1
    while (folder / f"{candidate}.eml").exists() or (folder / f"{candidate}.pdf").exists():
        n += 1
        candidate = f"{stem}-{n}"
    return candidate
