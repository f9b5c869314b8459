"""`borapp import cases|volunteers FILE` and `borapp import template KIND`."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING

from borapp.cli.opening import open_vault
from borapp.cli.command import EXIT_CODES_HELP, Later, add_command, whole_path
from borapp.i18n import _, ngettext
from borapp.services.errors import EXIT_FAILED, EXIT_OK

if TYPE_CHECKING:
    from borapp.services.importer import ImportReport


def register(sub, common) -> None:
    help_text = _("import cases or volunteers from a spreadsheet (CSV or XLSX), or write a template")
    parser = sub.add_parser("import", help=help_text, description=help_text, epilog=_(EXIT_CODES_HELP))
    kinds = parser.add_subparsers(dest="import_kind", metavar=_("KIND"), required=True)
    for kind, kind_help in (
        ("cases", _("import cases; all or nothing unless --skip-invalid")),
        ("volunteers", _("import volunteers (import them before the cases that name them)")),
    ):
        cmd = add_command(kinds, common, kind, kind_help, run_import)
        cmd.add_argument("file", type=whole_path, metavar=_("FILE"), help=_("the CSV or XLSX file"))
        cmd.add_argument("--skip-invalid", action="store_true",
                         help=_("import the good rows and list the bad ones (else a bad row stops the import)"))
        cmd.add_argument("--dry-run", action="store_true", help=_("check the file and say what would happen; "
                                                                  "change nothing"))
        if kind == "cases":
            cmd.add_argument("--update", action="store_true",
                             help=_("change cases that are already in the vault (each change is listed); else a row "
                                    "that would change one is refused"))
        cmd.add_argument("--json", action="store_true", help=_("print one JSON document"))
    cmd = add_command(kinds, common, "template", _("write a template with one synthetic example row (CSV, or XLSX "
                                                   "when FILE ends in .xlsx)"), run_template)
    kind = cmd.add_argument("template_kind", metavar=_("KIND"), help=_("cases or volunteers"))
    kind.choices = Later(_kinds)
    cmd.add_argument("--out", type=whole_path, metavar=_("FILE"), help=_("write the template to FILE (else to stdout)"))
    cmd.add_argument("--force", action="store_true", help=_("replace the file if it exists (never a vault's file)"))


def _kinds() -> tuple[str, ...]:
    from borapp.services.importer import KINDS  # the importer loads the models and SQLAlchemy

    return KINDS


def run_import(args) -> int:
    from borapp.services.importer import check_file, import_file

    check_file(args.file)  # a missing file is exit 6 before any passphrase is asked
    vault = open_vault(args)
    try:
        report = import_file(vault, args.import_kind, args.file, skip_invalid=args.skip_invalid,
                             dry_run=args.dry_run, update=getattr(args, "update", False))
    finally:
        vault.lock()
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False))
    else:
        print_report(report)
    return EXIT_OK if report.ok else EXIT_FAILED


def run_template(args) -> int:
    from borapp.services.importer import save_template, write_template

    if args.out is None:
        sys.stdout.write(write_template(args.template_kind))
        return EXIT_OK
    save_template(args.template_kind, args.out, force=args.force)
    print(_("Template written: {path}").format(path=args.out))
    return EXIT_OK


# ---- the text report ----------------------------------------------------------------------------------------------

def print_report(report: ImportReport) -> None:
    from borapp.services.importer.summary import detail_lines, empty_line, problem_line

    out = sys.stdout if report.ok else sys.stderr
    if report.unknown_columns:
        print(_("Columns not recognised (ignored): {columns}").format(columns=", ".join(report.unknown_columns)),
              file=out)
    for problem in report.errors:
        print(problem_line(problem), file=sys.stderr)
    if report.empty:
        print(empty_line(report))
        for line in detail_lines(report):  # e.g. that the template's example row was skipped
            print(line)
        return
    if not report.ok:
        for line in detail_lines(report):
            print(line, file=sys.stderr)
        _say_nothing_imported(report)
        return
    _print_summary(report)
    if report.skipped:
        print(_("Rows skipped: {rows}").format(rows=", ".join(str(r) for r in report.skipped)), file=sys.stderr)


def _say_nothing_imported(report: ImportReport) -> None:
    if report.not_a_list:  # its one line said that the file is no list: nothing could be imported
        return
    if report.fatal:
        print(_("Nothing was imported."), file=sys.stderr)
    elif report.skip_invalid:
        print(_("Nothing was imported: no row was good."), file=sys.stderr)
    else:
        count = len(report.bad_rows)
        print(ngettext("Nothing was imported: {n} row has problems. Correct it, or use --skip-invalid to import the "
                       "good rows.",
                       "Nothing was imported: {n} rows have problems. Correct them, or use --skip-invalid to import "
                       "the good rows.", count).format(n=count), file=sys.stderr)


def _print_summary(report: ImportReport) -> None:
    from borapp.services.importer.summary import summary_lines

    for line in summary_lines(report):
        print(line)
