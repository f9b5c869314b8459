"""Text that goes into a spreadsheet stays text: a name or a municipality that starts with "=", "+", "-" or "@" (as
typed, or imported from someone else's file) would run as a formula when the file is opened ("formula injection").
A workbook becomes bytes in memory (`workbook_bytes`), never through the system's temp folder.

One rule for every CSV and workbook the app writes (the annual report, the treasurer's export): in Dutch ';' between
columns and a decimal comma, as Dutch spreadsheet programs open it; in English ',' and a decimal point (English ones
opened a ';' file as one column). Amounts in a workbook: `MONEY_FORMAT` (1,234.50, shown as 1.234,50 in Dutch)."""

from __future__ import annotations

import csv

from borapp.i18n import language

MONEY_FORMAT = "#,##0.00"

_STARTS_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value):
    """A CSV cell: such a text behind an apostrophe, which spreadsheet programs read as "text, not a formula"."""
    if isinstance(value, str) and value.startswith(_STARTS_FORMULA):
        return "'" + value
    return value


def decimal_comma() -> bool:
    """Whether numbers in a CSV file take a decimal comma (Dutch) rather than a point."""
    return language() == "nl"


def csv_writer(out):
    """A CSV writer for `out` with the column separator of the user's language (see the module's docstring)."""
    return csv.writer(out, delimiter=";" if decimal_comma() else ",", lineterminator="\r\n")


def csv_number(text: str) -> str:
    """A number written with a point ("1095.70"), as the user's language writes it in a CSV file."""
    return text.replace(".", ",") if decimal_comma() else text


def keep_as_text(row) -> None:
    """An openpyxl row just appended: every text cell stored as text (openpyxl makes "=..." a formula)."""
    for cell in row:
        if isinstance(cell.value, str) and cell.data_type == "f":
            cell.data_type = "s"


def workbook_bytes(book) -> bytes:
    """The workbook as an .xlsx file's bytes, made in memory only. openpyxl's own `save` first writes every sheet's
    XML (volunteers' names and all) to a file of its own in the system's temp folder, which a crash leaves there."""
    import datetime as dt
    import io
    import zipfile

    from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing
    from openpyxl.worksheet._writer import WorksheetWriter
    from openpyxl.writer.excel import ExcelWriter

    class InMemoryWriter(ExcelWriter):
        def write_worksheet(self, ws):  # ExcelWriter.write_worksheet (openpyxl 3.1), with a buffer for the file
            ws._drawing = SpreadsheetDrawing()
            ws._drawing.charts, ws._drawing.images = ws._charts, ws._images
            writer = WorksheetWriter(ws, out=io.BytesIO())
            writer.write()
            ws._rels = writer._rels
            self._archive.writestr(ws.path[1:], writer.read())
            self.manifest.append(ws)

    if book.write_only:  # a write-only sheet streams into a temp file as rows are added: never use one
        raise ValueError("a write-only workbook writes temp files")
    out = io.BytesIO()
    book.properties.modified = dt.datetime.now(tz=dt.timezone.utc).replace(tzinfo=None)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        InMemoryWriter(book, archive).write_data()
    return out.getvalue()
