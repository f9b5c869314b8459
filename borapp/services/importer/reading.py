"""Reading a spreadsheet into a header and numbered rows: CSV (encoding and delimiter sniffed) or XLSX.

CSV as Dutch Excel writes it is ';'-separated in Windows-1252, or UTF-8 with a byte-order mark; both are read, as
are ',' and tab. XLSX goes through openpyxl, read-only, first sheet, with date cells kept as dates. Rows are
numbered as the spreadsheet shows them: the header is row 1.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from borapp.i18n import _
from borapp.services.errors import NotFound, UsageError

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls
_DELIMITERS = (";", ",", "\t", "|")


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[object]]] = field(default_factory=list)  # (spreadsheet row number, cells)


def check_file(path: Path) -> Path:
    """The file to import, or NotFound / UsageError saying why it cannot be read."""
    path = Path(path)
    if not path.exists():
        raise NotFound(_("No file at {path}.").format(path=path))
    if not path.is_file():
        raise UsageError(_("{path} is a folder, not a file to import.").format(path=path))
    return path


def read_table(path: Path) -> Table:
    path = check_file(path)
    try:
        data = path.read_bytes()
    except OSError:
        raise UsageError(_("Cannot read {path}.").format(path=path)) from None
    if data.startswith(_ZIP):
        return _read_xlsx(path)
    if data.startswith(_OLE):
        raise UsageError(_("{path} is an old Excel file (.xls). Save it as .xlsx or CSV and try again.")
                         .format(path=path))
    return _read_csv(path, _decode(path, data))


def _decode(path: Path, data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data:
        raise UsageError(_("{path} is not a CSV or XLSX file.").format(path=path))
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _delimiter(text: str) -> str:
    """The delimiter the header line uses most, outside quotes; ',' for a one-column file."""
    line = next((line for line in text.splitlines() if line.strip()), "")
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(path: Path, text: str) -> Table:
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    except csv.Error:
        raise UsageError(_("{path} is not a readable CSV file.").format(path=path)) from None
    return _table(records)


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook  # only when an XLSX comes along

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # BadZipFile, KeyError, openpyxl's InvalidFileException, damaged XML, ...
        raise UsageError(_("{path} is not a readable XLSX file.").format(path=path)) from exc
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        records = [list(r) for r in sheet.iter_rows(values_only=True)] if sheet is not None else []
    finally:
        book.close()
    return _table([[_cell(v) for v in record] for record in records])


def _cell(value: object) -> object:
    """XLSX cell → text, or a date for a date cell."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if isinstance(value, str) else str(value)


def _blank(record: list[object]) -> bool:
    return all(isinstance(v, str) and not v.strip() for v in record)


def _table(records: list[list[object]]) -> Table:
    """The first non-blank record is the header; later blank records are skipped but keep their number."""
    numbered = [(number, record) for number, record in enumerate(records, start=1) if not _blank(record)]
    if not numbered:
        return Table(header=[])
    (_, header), rest = numbered[0], numbered[1:]
    return Table(header=[str(h).strip() for h in header], rows=rest)
