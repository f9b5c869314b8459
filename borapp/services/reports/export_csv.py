"""The annual report as one CSV file: every table in turn (its title, its header, its rows), a blank line between.
UTF-8 with a byte-order mark and semicolons, as Dutch spreadsheet programs open it; numbers as plain digits, with a
decimal comma in Dutch (1095.7 was read as 10957 or as text there), amounts with their cents."""

from __future__ import annotations

import csv
import io

from borapp.i18n import _, language
from borapp.services.reports.tables import Euros, Percent, cell_text
from borapp.services.reports.tables_people import all_tables
from borapp.services.spreadsheet_cells import csv_text


def report_csv(report, tables=None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    if report.municipality:  # whose figures these are, before the tables
        writer.writerow([csv_text(scope_line(report))])
        writer.writerow([])
    for index, table in enumerate(all_tables(report) if tables is None else tables):
        if index:
            writer.writerow([])
        writer.writerow([csv_text(table.title)])
        if table.note:  # left out of this version: where its figures are
            writer.writerow([csv_text(table.note)])
            continue
        writer.writerow([csv_text(c) for c in table.columns])
        for row in table.rows:
            writer.writerow([_cell(cell) for cell in row.cells])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def scope_line(report) -> str:
    return _("Annual report {year}, municipality of {municipality}: the figures of its cases only").format(
        year=report.year, municipality=report.municipality)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, Percent):  # "-40%": read as a percentage by spreadsheet programs
        return cell_text(value)
    if isinstance(value, float):
        text = f"{value:.2f}" if isinstance(value, Euros) else repr(value)
        return text.replace(".", ",") if language() == "nl" else text
    return csv_text(value)
