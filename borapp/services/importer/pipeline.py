"""Importing a file: read it, check every row, then write the good rows in one transaction, or nothing.

All or nothing: any bad row leaves the vault as it was, unless `skip_invalid`, which imports the good rows and lists
the rest. A dry run (`parse_file`) does everything in a transaction that is rolled back, so its report says exactly
what an import would do (beside bad rows: what the good rows would do).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from borapp.i18n import _
from borapp.services.errors import UsageError
from borapp.services.importer import cases, volunteers
from borapp.services.importer.advice import COMMAND_LINE, Advice
from borapp.services.importer.case_rows import read_case
from borapp.services.importer.columns import COLUMNS, REQUIRED, HeaderMap, heading, map_header
from borapp.services.importer.examples import is_example
from borapp.services.importer.reading import read_table
from borapp.services.importer.report import ImportReport
from borapp.services.importer.rows import RowReader

KINDS = ("cases", "volunteers")


@dataclass(frozen=True)
class _Kind:
    read: Callable  # (RowReader, today) -> row; bad cells are reported and mark the row bad
    key: Callable  # row -> identity within the file
    key_column: str
    check: Callable  # (session, rows, header, report): checks against the vault
    write: Callable  # (session, rows, report, actor)


_KINDS = {
    "cases": _Kind(read_case, lambda row: row.ref, "case_ref", cases.check_cases, cases.write_cases),
    "volunteers": _Kind(volunteers.read_volunteer, lambda row: row.name.casefold(), "name",
                        volunteers.check_volunteers, volunteers.write_volunteers),
}


class _RollBack(Exception):
    pass


def check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise UsageError(_("Unknown import kind '{kind}'; use one of: {kinds}.").format(kind=kind,
                                                                                       kinds=", ".join(KINDS)))


def import_file(vault, kind: str, path: Path, *, skip_invalid: bool = False, actor: str = "", dry_run: bool = False,
                today: dt.date | None = None, update: bool = False, advice: Advice = COMMAND_LINE) -> ImportReport:
    """Import `path` (CSV or XLSX) into the vault. Raises NotFound / UsageError for a file that cannot be read.
    `update`: cases already in the vault may be changed (each change listed); without it such a row is an error.
    `advice`: how the messages tell the user to act (the command line's options, or the dialog's ticks)."""
    check_kind(kind)
    report = ImportReport(kind=kind, path=str(path), dry_run=dry_run, skip_invalid=skip_invalid)
    today = today or dt.date.today()
    header, rows = _read(kind, Path(path), report, today)
    if not report.fatal and (rows or report.errors):
        _write(vault, kind, header, rows, report, actor=actor, today=today, update=update, advice=advice)
    report.settle(_column_order(kind, header))
    return report


def _write(vault, kind: str, header: HeaderMap, rows: list, report: ImportReport, *, actor: str, today: dt.date,
           update: bool, advice: Advice) -> None:
    """Check the rows against the vault and write the good ones, committed only when the import goes through. A dry
    run writes the good rows even beside bad ones, so that it can say what they would create ("created: 0" stood
    beside the bad rows), and rolls back."""
    spec = _KINDS[kind]
    try:
        with vault.session() as session:
            if kind == "cases":
                spec.check(session, rows, header, report, update=update, advice=advice)
            else:
                spec.check(session, rows, header, report, today=today)
            bad = set(report.bad_rows)
            good = [row for row in rows if row.row not in bad]
            if report.skip_invalid:
                report.skipped = sorted(bad)
            if not good or (bad and not report.skip_invalid and not report.dry_run):
                raise _RollBack()
            spec.write(session, good, report, actor)
            if report.dry_run:
                raise _RollBack()
        report.written = True
    except _RollBack:
        pass


def _column_order(kind: str, header: HeaderMap) -> dict[str, int]:
    """Each column's place: as the file has it, then those it lacks (a route told from the referrer) as listed."""
    order, after = dict(header.index), max(header.index.values(), default=-1) + 1
    for place, column in enumerate(COLUMNS[kind]):
        order.setdefault(column, after + place)
    return order


def parse_file(kind: str, path: Path, vault=None, *, skip_invalid: bool = False,
               today: dt.date | None = None, update: bool = False, advice: Advice = COMMAND_LINE) -> ImportReport:
    """Check a file without writing. With a vault this is a full dry run (volunteers looked up, new organisations
    and possible duplicates listed); without one only the file itself is checked."""
    if vault is not None:
        return import_file(vault, kind, path, skip_invalid=skip_invalid, dry_run=True, today=today, update=update,
                           advice=advice)
    check_kind(kind)
    report = ImportReport(kind=kind, path=str(path), dry_run=True, skip_invalid=skip_invalid)
    header, _rows = _read(kind, Path(path), report, today or dt.date.today())
    report.settle(_column_order(kind, header))
    return report


def _not_a_list(kind: str) -> str:
    """That the file is no list of `kind` at all, with the columns it should have; never what the file holds."""
    message = (_("This file does not look like a list of cases: none of its column headings is known. Its first row "
                 "should name the columns, at least: {columns}.") if kind == "cases" else
               _("This file does not look like a list of volunteers: none of its column headings is known. Its first "
                 "row should name the columns, at least: {columns}."))
    return message.format(columns=", ".join(heading(kind, column) for column in REQUIRED[kind]))


def _read(kind: str, path: Path, report: ImportReport, today: dt.date) -> tuple[HeaderMap, list]:
    """The header and every row read; each problem goes into the report (so report.bad_rows names the bad ones)."""
    table = read_table(path)
    header = map_header(kind, table.header)
    if not table.header:  # an empty file: nothing to import, nothing wrong
        return header, []
    if not header.index:  # another file altogether: its first line is no heading to repeat (it was a passphrase)
        report.error(1, "", _not_a_list(kind))
        report.fatal = report.not_a_list = True
        return header, []
    report.unknown_columns = list(header.unknown)
    report.rows = len(table.rows)
    for column in header.missing:
        title, alias = heading(kind, column), COLUMNS[kind][column][0]
        message = (_("The required column '{column}' is missing.") if title == alias else
                   _("The required column '{column}' (in Dutch e.g. '{alias}') is missing."))
        report.error(1, column, message.format(column=title, alias=alias))
    for column in header.doubled:
        report.error(1, column, _("The column '{column}' appears more than once.").format(
            column=heading(kind, column)))
    if header.missing or header.doubled:
        report.fatal = True
        return header, []
    spec, rows, seen = _KINDS[kind], [], {}
    for note in table.notes:
        report.note(note)
    for number, problem in table.problems.items():
        report.error(number, "", problem)
    for number, cells in table.rows:
        if is_example(kind, header.index, cells):  # left in from the template: it made a fake case, without a word
            report.rows -= 1
            report.note(_("The example row from the template (row {row}) was skipped.").format(row=number))
            continue
        reader = RowReader(number, cells, header, report)
        row = spec.read(reader, today)
        key = spec.key(row)
        if key and key in seen:
            reader.error(spec.key_column, _("This also appears on row {row}; each may appear once in a file.")
                         .format(row=seen[key]))
            continue
        seen[key] = number
        rows.append(row)
    return header, rows
