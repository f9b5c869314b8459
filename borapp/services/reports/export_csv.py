"""The annual report as one CSV file: every table in turn (its title, its header, its rows), a blank line between.
UTF-8 with a byte-order mark and semicolons, as Dutch spreadsheet programs open it; numbers as plain digits."""

from __future__ import annotations

import csv
import io

from borapp.services.reports.tables_people import all_tables


def report_csv(report, tables=None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    for index, table in enumerate(all_tables(report) if tables is None else tables):
        if index:
            writer.writerow([])
        writer.writerow([table.title])
        writer.writerow(table.columns)
        for row in table.rows:
            writer.writerow(["" if cell is None else cell for cell in row.cells])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
