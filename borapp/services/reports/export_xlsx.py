"""The annual report as a spreadsheet: a sheet per table under a short name of its own (Excel allows 31 characters;
cut from the title, "Van aanmelding tot eerste omgan" lost its last word), the table's whole title in its first row,
the header bold, totals bold, numbers as numbers (a year heading too), amounts in the money format the treasurer's
export has (spreadsheet_cells.MONEY_FORMAT). The PDF's notes (a year not over yet, what "<5" and "x" mean) stand under
the title and below the table (reports/notes.py)."""

from __future__ import annotations

import re

from openpyxl import Workbook
from openpyxl.styles import Font

from borapp.i18n import N_, _
from borapp.services.privacy.small_cells import is_hidden
from borapp.services.reports.export_csv import scope_line
from borapp.services.reports.notes import spreadsheet_notes
from borapp.services.reports.tables import Euros, Percent
from borapp.services.reports.tables_people import all_tables
from borapp.services.spreadsheet_cells import MONEY_FORMAT, keep_as_text, workbook_bytes

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_NAME = 31  # Excel's limit
SHEET_NAMES = {
    "registrations_per_municipality": N_("Registrations"),
    "summary": N_("Summary"),
    "closed_by_registration_year": N_("Closed by registration year"),
    "outcomes": N_("Outcomes"),
    "reasons": N_("Reasons"),
    "volunteers": N_("Volunteers"),
    "trainings_and_meetings": N_("Trainings and meetings"),
    "timeliness": N_("To the first visit"),
    "invoicing": N_("Invoicing"),
    "costs": N_("Cost per trajectory"),
}


def report_xlsx(report, tables=None, small_cells: int | None = None) -> bytes:
    """`tables` as given (an outside report's), else all; `small_cells`: an outside report's threshold, whose marks
    a last row explains."""
    tables = all_tables(report) if tables is None else tables
    above, below = spreadsheet_notes(report, tables, small_cells)
    book = Workbook()
    book.remove(book.active)
    book.properties.title = scope_line(report) if report.municipality else _("Annual report {year}").format(
        year=report.year)
    for table in tables:
        sheet = book.create_sheet(sheet_name(table, book.sheetnames))
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True, size=13)
        if report.municipality:  # whose figures these are, on every sheet
            sheet.append([scope_line(report)])
            sheet.cell(sheet.max_row, 1).font = Font(italic=True)
        for note in above:
            sheet.append([note])
            sheet.cell(sheet.max_row, 1).font = Font(italic=True)
        if table.note:  # left out of this version: where its figures are
            sheet.append([table.note])
            continue
        sheet.append([_heading(c) for c in table.columns])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([value / 100 if isinstance(value, Percent) else value for value in row.cells])
            keep_as_text(sheet[sheet.max_row])
            for cell, value in zip(sheet[sheet.max_row], row.cells):
                if isinstance(value, Percent):  # a percentage as Excel keeps one: the fraction, shown as -40%
                    cell.number_format = "0%" if value == int(value) else "0.0%"
                elif isinstance(value, Euros):
                    cell.number_format = MONEY_FORMAT
            if row.kind != "row":
                for cell in sheet[sheet.max_row]:
                    cell.font = Font(bold=True, italic=row.kind == "heading")
        if table.footnote:  # how the figures were made (the cost table: the rates used)
            sheet.append([])
            sheet.append([table.footnote])
            sheet.cell(sheet.max_row, 1).font = Font(italic=True)
        _notes_below(sheet, table, below)
        sheet.column_dimensions["A"].width = max(24, min(70, max(len(str(r.cells[0] or "")) for r in table.rows)
                                                         if table.rows else 24))
        for letter in "BCDEF":
            sheet.column_dimensions[letter].width = 16
    return workbook_bytes(book)


def _notes_below(sheet, table, notes: list[str]) -> None:
    """The marks' legend under each sheet that holds a "<5" or an "x" (a sheet without one needs no explaining)."""
    if not any(is_hidden(c) for row in table.rows for c in row.cells):
        return
    for note in notes:
        sheet.append([])
        sheet.append([note])
        sheet.cell(sheet.max_row, 1).font = Font(italic=True)


def _heading(column: str) -> str | int:
    """A year over a column is a number (sorting, formulas); other headings are words."""
    return int(column) if column.isdigit() else column


def sheet_name(table, taken: list[str]) -> str:
    """The table's short name in the user's language (its title for a table without one), unique in the book."""
    words = _(SHEET_NAMES[table.key]) if table.key in SHEET_NAMES else table.title
    name = _BAD_SHEET_CHARS.sub(" ", words)[:MAX_SHEET_NAME].strip() or "Sheet"
    base, n = name, 2
    while name in taken:
        suffix = f" ({n})"
        name, n = base[:MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
    return name
