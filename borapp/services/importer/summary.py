"""An import report as sentences in the user's language: for the command line and the import dialog alike."""

from __future__ import annotations

from borapp.i18n import _
from borapp.services.importer.report import ImportReport, Problem


def problem_line(problem: Problem) -> str:
    if problem.row <= 1:
        return problem.message
    if problem.column:
        return _("Row {row}, column {column}: {message}").format(
            row=problem.row, column=problem.heading or problem.column, message=problem.message)
    return _("Row {row}: {message}").format(row=problem.row, message=problem.message)


def summary_lines(report: ImportReport) -> list[str]:
    """What was (or, on a dry run, would be) created and updated, with notes, warnings and possible duplicates."""
    if report.dry_run:
        lines = _would_do(report)
    elif report.kind == "cases":
        lines = [_("Cases created: {n}").format(n=report.created), _("Cases updated: {n}").format(n=report.updated)]
    else:
        lines = [_("Volunteers created: {n}").format(n=report.created),
                 _("Volunteers updated: {n}").format(n=report.updated)]
    if report.unchanged:
        lines.append(_("Unchanged (already in the vault as in the file): {n}").format(n=len(report.unchanged)))
    for names, label in ((report.new_organisations, _("New organisations: {names}")),
                         (report.new_municipalities, _("New municipalities: {names}")),
                         (report.new_coordinators, _("New coordinators: {names}"))):
        if names:
            lines.append(label.format(names=", ".join(names)))
    return lines + detail_lines(report)


def _would_do(report: ImportReport) -> list[str]:
    """A dry run's counts, as what an import would do ("Cases created: 0" stood beside the bad rows of a check);
    beside bad rows, what the rows without problems would do."""
    if report.fatal or report.errors and not (report.created or report.updated or report.unchanged):
        return [_("Dry run: nothing was changed. No row can be imported as it is.")]
    if report.errors and not report.skip_invalid:
        lines = [_("Dry run: nothing was changed. While rows have problems, nothing will be imported; the rows "
                   "without problems would do this:")]
    else:
        lines = [_("Dry run: nothing was changed. An import would do this:")]
    if report.kind == "cases":
        return lines + [_("Cases that would be created: {n}").format(n=report.created),
                        _("Cases that would be updated: {n}").format(n=report.updated)]
    return lines + [_("Volunteers that would be created: {n}").format(n=report.created),
                    _("Volunteers that would be updated: {n}").format(n=report.updated)]


def empty_line(report: ImportReport) -> str:
    """What a file without data rows comes to; a check never meant to import ("nothing was imported" said it did)."""
    if report.dry_run:
        return _("The file holds no rows: there is nothing to check or import.")
    return _("The file holds no rows to import; nothing was imported.")


def detail_lines(report: ImportReport) -> list[str]:
    """Notes, warnings and possible duplicates under their headings: also worth reading when nothing was imported
    (a sheet not read, a child over 12), so the file can be put right in one go."""
    lines = []
    for title, items in ((_("Notes:"), report.notes),
                         (_("Warnings (each says what was imported or left out):"),
                          [problem_line(w) for w in report.warnings]),
                         (_("Possible duplicates (nothing was merged; check and decide):"),
                          report.possible_duplicates)):
        if items:
            lines.append(title)
            lines += [f"  - {item}" for item in items]
    return lines
