"""The volunteers' expenses to reimburse in a year, per month and per volunteer, as a file the treasurer can pay
from: CSV (Dutch: ';' between columns and a decimal comma, as Dutch Excel opens it; English: ',' and a decimal
point; UTF-8 with a byte-order mark) or XLSX (amounts as numbers in euros). Each month ends with its total, the file
with the year's. A name that starts like a formula (=, +, -, @) gets a ' before it, so a spreadsheet never runs it.

The file is written beside its target and then moved into place, never over a vault's file (`write_guard`), and
the export is written to the audit trail (no names: only that it happened).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from borapp.i18n import _
from borapp.services import audit
from borapp.services.errors import UsageError
from borapp.services.reports.costs import Reimbursement, reimbursements
from borapp.services.reports.periods import check_year
from borapp.services.spreadsheet_cells import MONEY_FORMAT, csv_number, csv_text, csv_writer, workbook_bytes
from borapp.services.vault.file_writing import write_file
from borapp.services.vault.write_guard import check_target

FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int  # volunteer-months
    total_cents: int


def headers() -> list[str]:
    return [_("Month"), _("Volunteer"), _("Visits"), _("Kilometres"), _("Kilometre amount (€)"),
            _("Other costs (€)"), _("To pay (€)")]


def table(rows: list[Reimbursement]) -> list[list]:
    """The sheet's rows under the headers: each volunteer-month, each month's total, then the year's total."""
    lines: list[list] = []
    months = sorted({r.month for r in rows})
    for month in months:
        of_month = [r for r in rows if r.month == month]
        lines += [[month, csv_text(r.volunteer or _("(nobody named)")), r.visits, r.kilometres, r.kilometre_cents,
                   r.other_cents, r.total_cents] for r in of_month]
        lines.append(_total(_("Total {month}").format(month=month), of_month))
    lines.append(_total(_("Total for the year"), rows))
    return lines


def _total(label: str, rows: list[Reimbursement]) -> list:
    return [label, "", sum(r.visits for r in rows), sum(r.kilometres for r in rows),
            sum(r.kilometre_cents for r in rows), sum(r.other_cents for r in rows), sum(r.total_cents for r in rows)]


def export_expenses(workspace, year: int, fmt: str, path: Path, *, force: bool = False) -> ExportResult:
    """Write the year's expenses to reimburse to `path` as `fmt` ("csv" or "xlsx")."""
    year = check_year(year)
    if fmt not in FORMATS:
        raise UsageError(_("The format must be one of: {formats}.").format(formats=", ".join(FORMATS)))
    path = Path(path).expanduser()
    check_target(path, force=force)
    with workspace.session() as session:
        rows = reimbursements(session, year)
        data = _xlsx(rows, year) if fmt == "xlsx" else _csv(rows).encode("utf-8-sig")
        write_file(path, data)
        audit.record(session, "export", "expenses", None, getattr(workspace, "actor", ""))
    return ExportResult(path, len(rows), sum(r.total_cents for r in rows))


def _euros(cents: int) -> str:
    return csv_number(f"{cents // 100}.{cents % 100:02d}")


def _csv(rows: list[Reimbursement]) -> str:
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(headers())
    for line in table(rows):
        writer.writerow(line[:4] + [_euros(c) for c in line[4:]])
    return out.getvalue()


def _xlsx(rows: list[Reimbursement], year: int) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Expenses {year}").format(year=year)[:31]
    sheet.append(headers())
    for line in table(rows):
        sheet.append(line[:4] + [c / 100 for c in line[4:]])
        if not line[1]:  # a total
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in "EFG":
        for cell in sheet[column][1:]:
            cell.number_format = MONEY_FORMAT
    for column, width in zip("ABCDEFG", (22, 30, 8, 11, 20, 16, 14)):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    return workbook_bytes(book)

