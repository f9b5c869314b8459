"""`borapp report annual --year Y --format json|csv|xlsx|pdf [--out FILE] [--municipality NAME]`: the annual report
(jaarrapportage), for all municipalities or for one (its cases only, as it is invoiced with its own figures).

JSON and CSV go to standard output without --out; XLSX and PDF need --out. A file is written only where asked,
never over a vault's file, over an existing file only with --force.
"""

from __future__ import annotations

import sys

from borapp.cli.command import (
    AUDIENCE_WORDS, EXIT_CODES_HELP, add_command, whole_path, word_choice, words_metavar,
)
from borapp.cli.file_format import chosen_format
from borapp.i18n import _


def register(sub, common) -> None:
    from borapp.services.reports.files import FORMATS

    help_text = _("reports: the annual report (jaarrapportage) for the funders")
    parser = sub.add_parser("report", help=help_text, description=help_text, epilog=_(EXIT_CODES_HELP))
    kinds = parser.add_subparsers(dest="report", metavar=_("REPORT"), required=True)
    cmd = add_command(kinds, common, "annual", _("the figures of one year: registrations, closed and open cases, "
                                                 "outcomes, volunteers, invoicing per municipality"), run_annual)
    cmd.add_argument("--year", required=True, metavar=_("YEAR"), help=_("the year, e.g. 2025"))
    cmd.add_argument("--format", dest="fmt", choices=FORMATS,
                     help=_("one of: {formats} (default: the extension of --out, else json)").format(
                         formats=", ".join(FORMATS)))
    cmd.add_argument("--out", type=whole_path, metavar=_("FILE"), help=_("the file to write (JSON and CSV: else printed)"))
    cmd.add_argument("--force", action="store_true", help=_("replace the file if it exists (never a vault's file)"))
    cmd.add_argument("--municipality", default="", metavar=_("NAME"),
                     help=_("a report for this municipality only: the figures of its cases (default: all "
                            "municipalities)"))
    cmd.add_argument("--audience", type=word_choice(AUDIENCE_WORDS), metavar=words_metavar(AUDIENCE_WORDS),
                     default="internal",
                     help=_("internal: every count; external (for a municipality or funder): counts under the "
                            "organisation's threshold N (setting privacy.small_cell_threshold) shown as <N, or x "
                            "where another count would give them away, so no family can be singled out"))


def run_annual(args) -> int:
    from borapp.cli.opening import open_vault
    from borapp.services.errors import EXIT_OK, UsageError
    from borapp.services.reports import files
    from borapp.services.reports.annual import annual_report
    from borapp.services.reports.periods import check_year
    from borapp.cli.opening import cli_workspace
    from borapp.services.vault.write_guard import check_target

    year = check_year(args.year)  # before the passphrase is asked
    args.fmt = chosen_format(args.fmt, args.out, files.FORMATS, "json")
    if args.out is None and args.fmt in files.BINARY:
        raise UsageError(_("--format {format} needs --out FILE.").format(format=args.fmt))
    if args.out is not None:
        check_target(args.out, force=args.force)
    vault = open_vault(args)
    try:
        workspace = cli_workspace(vault)
        data = files.render(workspace, annual_report(workspace, year, municipality=args.municipality),
                            args.fmt, args.audience)
    finally:
        vault.lock()
    if args.out is None:
        sys.stdout.write(data.decode("utf-8").lstrip("\ufeff"))
        return EXIT_OK
    files.save(args.out, data)
    print(_("Written: {path}").format(path=args.out))
    return EXIT_OK
