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


def render(workspace, report, fmt: str, audience: str = "internal") -> bytes:
    """The report as a file; for an `audience` "external" small counts are hidden (reports/audience.py)."""
    from borapp.services import settings
    from borapp.services.reports.audience import EXTERNAL, check_audience, external_json, tables_for

    fmt, audience = check_format(fmt), check_audience(audience)
    threshold = settings.read_int(workspace, "privacy.small_cell_threshold")
    outside = audience == EXTERNAL
    tables = tables_for(report, audience, threshold) if outside else None
    if fmt == "json":
        from borapp.services.reports.export_json import report_json

        data = report_json(report)
        return external_json(report, data, threshold) if outside else data
    if fmt == "csv":
        from borapp.services.reports.export_csv import report_csv

        return report_csv(report, tables, threshold if outside else None)
    if fmt == "xlsx":
        from borapp.services.reports.export_xlsx import report_xlsx

        return report_xlsx(report, tables, threshold if outside else None)
    from borapp.services.reports.pdf import report_pdf

    return report_pdf(workspace, report, tables, charts=not outside, small_cells=threshold if outside else None)


def save(path: Path, data: bytes) -> Path:
    """Whole or not at all, readable by the user only (the figures are the organisation's business)."""
    from borapp.services.outbox.letters import write_pdf_copy

    return write_pdf_copy(Path(path), data)
