"""The annual report as one CSV file: every table in turn (its title, its header, its rows), a blank line between.
UTF-8 with a byte-order mark; the separators of the user's language (spreadsheet_cells.csv_writer: ';' and a decimal
comma in Dutch, where 1095.7 was read as 10957 or as text; ',' and a point in English); numbers as plain digits, as
the PDF writes them (65, not 65,0), amounts with their cents. The notes the PDF has (a year not over yet, what "<5"
and "x" mean) come first and last (reports/notes.py)."""

from __future__ import annotations

import io

from borapp.i18n import _
from borapp.services.reports.notes import spreadsheet_notes
from borapp.services.reports.tables import Euros, Percent, cell_text
from borapp.services.reports.tables_people import all_tables
from borapp.services.spreadsheet_cells import csv_number, csv_text, csv_writer


def report_csv(report, tables=None, small_cells: int | None = None) -> bytes:
    """`tables` as given (an outside report's), else all; `small_cells`: an outside report's threshold, whose marks
    a last line explains."""
    out = io.StringIO()
    writer = csv_writer(out)
    tables = all_tables(report) if tables is None else tables
    above, below = spreadsheet_notes(report, tables, small_cells)
    if report.municipality:  # whose figures these are, before the tables
        above.insert(0, scope_line(report))
    for note in above:
        writer.writerow([csv_text(note)])
    if above:
        writer.writerow([])
    for index, table in enumerate(tables):
        if index:
            writer.writerow([])
        writer.writerow([csv_text(table.title)])
        if table.note:  # left out of this version: where its figures are
            writer.writerow([csv_text(table.note)])
            continue
        writer.writerow([csv_text(c) for c in table.columns])
        for row in table.rows:
            writer.writerow([_cell(cell) for cell in row.cells])
    for note in below:
        writer.writerow([])
        writer.writerow([csv_text(note)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def scope_line(report) -> str:
    return _("Annual report {year}, municipality of {municipality}: the figures of its cases only").format(
        year=report.year, municipality=report.municipality)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, Percent):  # "-40%": read as a percentage by spreadsheet programs
        return cell_text(value)
    if isinstance(value, float):  # an amount with its cents; another number as the PDF has it: 65, not 65.0
        if isinstance(value, Euros):
            return csv_number(f"{value:.2f}")
        return csv_number(str(int(value)) if value == int(value) else repr(value))
    return csv_text(value)
