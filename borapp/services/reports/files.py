"""The annual report as a file in one of the formats: JSON, CSV, XLSX or PDF, and written where the user chose."""

from __future__ import annotations

from pathlib import Path

from borapp.i18n import _
from borapp.services.errors import UsageError

FORMATS = ("json", "csv", "xlsx", "pdf")
BINARY = ("xlsx", "pdf")


def check_format(fmt: str) -> str:
    fmt = (fmt or "").strip().lower()
    if fmt not in FORMATS:
        raise UsageError(_("Unknown format '{format}'; choose one of: {formats}.").format(
            format=fmt, formats=", ".join(FORMATS)))
    return fmt


def format_for(path: Path) -> str:
    """The format a file name asks for by its ending."""
    return check_format(Path(path).suffix.lstrip("."))


def render(workspace, report, fmt: str) -> bytes:
    fmt = check_format(fmt)
    if fmt == "json":
        from borapp.services.reports.export_json import report_json

        return report_json(report)
    if fmt == "csv":
        from borapp.services.reports.export_csv import report_csv

        return report_csv(report)
    if fmt == "xlsx":
        from borapp.services.reports.export_xlsx import report_xlsx

        return report_xlsx(report)
    from borapp.services.reports.pdf import report_pdf

    return report_pdf(workspace, report)


def save(path: Path, data: bytes) -> Path:
    """Whole or not at all, readable by the user only (the figures are the organisation's business)."""
    from borapp.services.outbox.letters import write_pdf_copy

    return write_pdf_copy(Path(path), data)
