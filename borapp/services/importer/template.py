"""The import templates: the headings and one synthetic example row, in the user's language, as CSV or XLSX.

    text = write_template("cases")                      # CSV text
    save_template("volunteers", path)                   # XLSX when path ends in .xlsx, else CSV (the CLI and dialog)
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from borapp.i18n import _, language
from borapp.services.importer.columns import COLUMNS, heading
from borapp.services.importer.examples import example_cell
from borapp.services.importer.pipeline import check_kind


def write_template(kind: str) -> str:
    """In Dutch: Dutch headings and words, ';'-separated as Dutch Excel opens it (the English headings and codes
    were all a Dutch coordinator saw, and then saw again in every message about her rows); else the canonical ones."""
    check_kind(kind)
    dutch = language() == "nl"
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if dutch else ",", lineterminator="\n")
    writer.writerow([heading(kind, column) for column in COLUMNS[kind]])
    writer.writerow([example_cell(kind, column, dutch) for column in COLUMNS[kind]])
    return out.getvalue()



def template_xlsx(kind: str) -> bytes:
    """The same headings and example row as a workbook, every cell text ("+31 6 ..." is no formula), headings bold."""
    from openpyxl import Workbook  # only when a workbook is asked for
    from openpyxl.styles import Font

    from borapp.services.spreadsheet_cells import keep_as_text, workbook_bytes

    check_kind(kind)
    dutch = language() == "nl"
    headings = [heading(kind, column) for column in COLUMNS[kind]]
    example = [example_cell(kind, column, dutch) for column in COLUMNS[kind]]
    book = Workbook()
    sheet = book.active
    sheet.title = _("Cases") if kind == "cases" else _("Volunteers")
    for row in (headings, example):
        sheet.append(row)
        keep_as_text(sheet[sheet.max_row])
    for cell, title, value in zip(sheet[1], headings, example):
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = min(50, max(len(title), len(value), 8) + 2)
    sheet.freeze_panes = "A2"
    return workbook_bytes(book)


def save_template(kind: str, path: Path, *, force: bool = False) -> None:
    """Write the template to `path`: XLSX when it ends in .xlsx, else CSV with a byte-order mark (so Excel reads it
    as UTF-8). Never over a vault's file; over another existing file only with `force`."""
    from borapp.services.vault.file_writing import write_file
    from borapp.services.vault.write_guard import check_target

    path = Path(path)
    data = template_xlsx(kind) if path.suffix.lower() == ".xlsx" else write_template(kind).encode("utf-8-sig")
    check_target(path, force=force)
    write_file(path, data)
