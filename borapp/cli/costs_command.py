"""`borapp costs export|figures`: the volunteers' expenses for the treasurer, and the cost per closed trajectory."""

from __future__ import annotations

import json

from borapp.cli.command import EXIT_CODES_HELP, add_command, whole_path
from borapp.cli.file_format import chosen_format
from borapp.cli.opening import open_vault
from borapp.i18n import _
from borapp.services.errors import EXIT_OK


def register(sub, common) -> None:
    help_text = _("what trajectories cost, and the volunteers' expenses to reimburse")
    parser = sub.add_parser("costs", help=help_text, description=help_text, epilog=_(EXIT_CODES_HELP))
    actions = parser.add_subparsers(dest="costs_action", metavar=_("ACTION"), required=True)
    cmd = add_command(actions, common, "export", _("write the volunteers' expenses to reimburse in a year, per "
                                                   "month and volunteer, as a file the treasurer can pay from"),
                      run_export)
    cmd.add_argument("--year", required=True, metavar=_("YEAR"), help=_("the year, e.g. 2025"))
    cmd.add_argument("--format", dest="fmt", choices=("csv", "xlsx"),  # not imported: --help stays light
                     help=_("the file's format (default: the extension of --out, else csv)"))
    cmd.add_argument("--out", required=True, type=whole_path, metavar=_("FILE"), help=_("the file to write"))
    cmd.add_argument("--force", action="store_true", help=_("replace the file if it exists (never a vault's file)"))
    cmd.add_argument("--json", action="store_true", help=_("print one JSON document"))
    cmd = add_command(actions, common, "figures", _("print the cost per closed trajectory and the expenses per "
                                                    "month of a year as JSON"), run_figures)
    cmd.add_argument("--year", required=True, metavar=_("YEAR"), help=_("the year, e.g. 2025"))


def run_export(args) -> int:
    from borapp.services.costs.amounts import money
    from borapp.services.costs.treasurer_export import FORMATS, export_expenses
    from borapp.cli.opening import cli_workspace

    fmt = chosen_format(args.fmt, args.out, FORMATS, "csv")
    workspace = cli_workspace(open_vault(args))
    try:
        result = export_expenses(workspace, args.year, fmt, args.out, force=args.force)
    finally:
        workspace.lock()
    if args.json:
        print(json.dumps({"ok": True, "out": str(result.path), "rows": result.rows,
                          "total_cents": result.total_cents}, ensure_ascii=False))
    else:
        print(_("Expenses written to {path}: {rows} volunteer-months, {total} to pay.").format(
            path=result.path, rows=result.rows, total=money(result.total_cents)))
    return EXIT_OK


def run_figures(args) -> int:
    from borapp.services.reports.costs import cost_figures
    from borapp.cli.opening import cli_workspace

    workspace = cli_workspace(open_vault(args))
    try:
        figures = cost_figures(workspace, args.year)
    finally:
        workspace.lock()
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    return EXIT_OK
