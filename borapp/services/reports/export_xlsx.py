"""The annual report as a spreadsheet: a sheet per table, the header bold, totals bold, numbers as numbers."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Font

from borapp.services.reports.tables_people import all_tables
from borapp.services.spreadsheet_cells import keep_as_text

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def report_xlsx(report, tables=None) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for table in all_tables(report) if tables is None else tables:
        sheet = book.create_sheet(_sheet_name(table.title, book.sheetnames))
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True, size=13)
        if table.note:  # left out of this version: where its figures are
            sheet.append([table.note])
            continue
        sheet.append(list(table.columns))
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(list(row.cells))
            keep_as_text(sheet[sheet.max_row])
            if row.kind != "row":
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True, italic=row.kind == "heading")
        sheet.column_dimensions["A"].width = max(24, min(70, max(len(str(r.cells[0] or "")) for r in table.rows)
                                                         if table.rows else 24))
        for letter in "BCDEF":
            sheet.column_dimensions[letter].width = 16
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(title: str, taken: list[str]) -> str:
    name = _BAD_SHEET_CHARS.sub(" ", title)[:31].strip() or "Sheet"
    base, n = name, 2
    while name in taken:
        suffix = f" ({n})"
        name, n = base[:31 - len(suffix)] + suffix, n + 1
    return name
