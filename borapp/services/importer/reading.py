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
# An XLSX names its own size, and one stray cell at XFD1048576 makes that 17 billion cells (a 5 KB file took 20 GB):
# read at most this many columns, and stop after this many empty rows in a row.
MAX_COLUMNS = 200
MAX_BLANK_RUN = 1000


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[object]]] = field(default_factory=list)  # (spreadsheet row number, cells)
    problems: dict[int, str] = field(default_factory=dict)  # row number → why it could not be read as written
    notes: list[str] = field(default_factory=list)  # what of the file was left unread, and why


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
    if path.suffix.lower() in (".xlsx", ".xlsm"):  # read as CSV it gave rows of garbage, or the wrong columns
        raise UsageError(_("{path} is named as an Excel file but is none: it may be damaged, or another kind of file "
                           "renamed. Open it in Excel and save it as .xlsx or CSV.").format(path=path))
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
    """Records as csv reads them, except where a stray quote swallowed the rows after it (a quoted cell running
    over lines that look like rows of their own): those lines are read one by one, quotes as written, and the row
    with the stray quote is reported, so every row of the file is accounted for."""
    delimiter = _delimiter(text)
    lines = text.splitlines(keepends=True)
    # a cell of any length is read (csv's own limit, 131,072 characters, made the whole file "not a readable CSV
    # file"): the row's checks then name the row and the column that is too long
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[list[object]] = []
    stray: list[int] = []
    start = 0
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error:
            raise UsageError(_("{path} is not a readable CSV file.").format(path=path)) from None
        span = lines[start:reader.line_num]
        start = reader.line_num
        width = len(records[0]) if records else len(record)
        if len(span) > 1 and _swallows_rows(span[1:], delimiter, width):
            stray.append(len(records) + 1)
            records += [next(csv.reader([line], delimiter=delimiter, quoting=csv.QUOTE_NONE), []) for line in span]
        else:
            records.append(record)
    table = _table(records)
    for number in stray:
        table.problems[number] = _("This row has a \" that is not closed, so the rows after it were read as part "
                                   "of one cell; they are read on their own now. Check the quotes in this row.")
    return table


def _swallows_rows(continued: list[str], delimiter: str, width: int) -> bool:
    """Whether the lines a quoted cell ran over look like rows of the table (half its delimiters or more)."""
    enough = max(1, (width - 1) // 2)
    return any(line.count(delimiter) >= enough for line in continued)


def _read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook  # only when an XLSX comes along

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # BadZipFile, KeyError, openpyxl's InvalidFileException, damaged XML, ...
        raise UsageError(_("{path} is not a readable XLSX file.").format(path=path)) from exc
    notes: list[str] = []
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        records = _bounded_rows(sheet, notes) if sheet is not None else []
        if len(book.worksheets) > 1:
            notes.append(_("Only the first sheet, '{sheet}', was read; the other sheets ({others}) were not.").format(
                sheet=sheet.title, others=", ".join(f"'{other.title}'" for other in book.worksheets[1:])))
    finally:
        book.close()
    table = _table([[_cell(v) for v in record] for record in records])
    table.notes += notes
    for number, columns in _unworked_formulas(path, records).items():
        table.problems.setdefault(number, _(
            "A cell of this row ({columns}) holds a formula without its result: the file was not saved by Excel. "
            "Open it in Excel, save it, and import it again.").format(columns=", ".join(columns)))
    return table


def _unworked_formulas(path: Path, records: list[list[object]]) -> dict[int, list[str]]:
    """Row number → the columns (by heading, else letter) of cells that hold a formula but no stored result (a file
    written by a program, not by Excel): read as values they were empty, and the row went in without them."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    if not any(v is None for record in records for v in record):
        return {}
    book = load_workbook(path, read_only=True, data_only=False)
    try:
        formulas = book.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS, max_row=len(records))
        found: dict[int, list[str]] = {}
        header = next((r for r in records if any(v not in (None, "") for v in r)), [])
        for number, (values, written) in enumerate(zip(records, formulas), start=1):
            for i, (value, formula) in enumerate(zip(values, written)):
                if value is None and isinstance(formula, str) and formula.startswith("="):
                    name = str(header[i]).strip() if i < len(header) and header[i] not in (None, "") else ""
                    found.setdefault(number, []).append(name or get_column_letter(i + 1))
        return found
    finally:
        book.close()


def _bounded_rows(sheet, notes: list[str]) -> list[list[object]]:
    """The sheet's rows, at most MAX_COLUMNS wide, until MAX_BLANK_RUN empty rows follow each other."""
    if (sheet.max_column or 0) > MAX_COLUMNS:
        notes.append(_("Only the first {n} columns were read; the sheet says it is wider (a stray cell far to the "
                       "right?).").format(n=MAX_COLUMNS))
    records: list[list[object]] = []
    blank_run = 0
    for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
        record = list(values)
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in record):
            blank_run += 1
            if blank_run >= MAX_BLANK_RUN:
                notes.append(_("Reading stopped after {n} empty rows in a row; anything further down was not read.")
                             .format(n=MAX_BLANK_RUN))
                break
        else:
            blank_run = 0
        records.append(record)
    while records and all(v is None for v in records[-1]):
        records.pop()
    used = max((max((i + 1 for i, v in enumerate(r) if v not in (None, "")), default=0) for r in records), default=0)
    return [r[:used] for r in records]


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
    header, rest = numbered[0][1], numbered[1:]
    table = Table(header=[str(h).strip() for h in header], rows=rest)
    width = len(header)
    for number, record in rest:
        extra = [i for i, v in enumerate(record) if i >= width and str(v).strip()]
        if extra:  # cut off silently, a shifted row lost its last values
            table.problems[number] = _(
                "This row has a filled cell beyond the last heading (column {column}); a ';' or ',' in a cell "
                "without quotes around it shifts the cells after it. Check this row.").format(column=extra[0] + 1)
    return table
