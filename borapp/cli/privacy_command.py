"""`borapp privacy ...`: the access log (`log [--case REF]`, `log verify`), and the rights of the people in the
vault. Services are imported in the handlers, so `borapp --help` stays quick."""

from __future__ import annotations

import json
import sys

from borapp.cli.command import (
    CASE_REF_HELP, EXIT_CODES_HELP, add_command, case_number, whole_number, whole_path,
)
from borapp.i18n import _, ngettext


def register(sub, common) -> None:
    help_text = _("privacy: the access log, and the rights of parents and children (access, erasure)")
    parser = sub.add_parser("privacy", help=help_text, description=help_text, epilog=_(EXIT_CODES_HELP))
    actions = parser.add_subparsers(dest="privacy_action", metavar=_("ACTION"), required=True)
    cmd = add_command(actions, common, "log", _("show the access log (who opened, exported, printed, sent or "
                                                "erased what, when, from which device), or verify it"), run_log)
    cmd.add_argument("verify", nargs="?", choices=("verify",),
                     help=_("check that no line of the log was changed or removed"))
    cmd.add_argument("--case", type=case_number, metavar=_("CASE_REF"), help=_("only the lines about this case"))
    cmd.add_argument("--json", action="store_true", help=_("print one JSON document"))
    cmd = add_command(actions, common, "export", _("export everything the vault holds about one parent or child "
                                                   "(a request for access): a readable PDF, a JSON file and the "
                                                   "original files"), run_export)
    cmd.add_argument("subject", metavar=_("PERSON_OR_CASE"),
                     help=_("a parent's or child's full name, a case number, or CASE:verzorgend / "
                            "CASE:uitwonend for one parent"))
    cmd.add_argument("--out", required=True, type=whole_path, metavar=_("FOLDER"),
                     help=_("a new folder (or a name ending in .zip) to write the export to"))
    cmd.add_argument("--zip", action="store_true", help=_("write one zip file instead of a folder"))
    cmd.add_argument("--asked-by", default="", metavar=_("PARENT"),
                     help=_("for a child or a whole case: the parent asking on the child's behalf (verzorgend or "
                            "uitwonend); that parent's details are given, not the other's. Without it neither "
                            "parent's contact details go"))
    cmd.add_argument("--give-other-parent", action="store_true",
                     help=_("include the other parent's contact details and letters (withheld by default)"))
    cmd.add_argument("--withhold-notes", action="store_true",
                     help=_("withhold the notes on visits and evaluations"))
    for option, what in (("--withhold-visit", _("a visit")), ("--withhold-letter", _("a letter")),
                         ("--withhold-attachment", _("an attachment"))):
        cmd.add_argument(option, type=whole_number, action="append", default=[], metavar="ID",
                         help=_("withhold {what} (its number in the vault; repeat for more)").format(what=what))
    cmd.add_argument("--reason", default="", metavar=_("REASON"),
                     help=_("why the chosen items are withheld (said in the export)"))
    cmd.add_argument("--checked-attachment", type=whole_number, action="append", default=[], metavar="ID",
                     help=_("a scan or photo you looked at and found without the confidential address: give it (its "
                            "number in the vault, as the export lists it; repeat for more)"))
    cmd.add_argument("--json", action="store_true", help=_("print one JSON document"))
    cmd = add_command(actions, common, "erase", _("erase a case and everything tied to it, for good; a tombstone "
                                                  "without names remains"), run_erase)
    cmd.add_argument("case_ref", type=case_number, metavar=_("CASE_REF"), help=_(CASE_REF_HELP))
    cmd.add_argument("--reason", required=True, metavar=_("REASON"),
                     help=_("why (a parent's request, the retention period)"))
    cmd.add_argument("--yes", action="store_true",
                     help=_("erase without being asked again (for scripts); else the case number is asked"))
    cmd.add_argument("--json", action="store_true", help=_("print one JSON document"))
    cmd = add_command(actions, common, "due", _("list the closed cases whose retention period has passed"),
                      run_due)
    cmd.add_argument("--json", action="store_true", help=_("print one JSON document"))


def run_export(args) -> int:
    from borapp.cli.opening import open_vault
    from borapp.i18n import language
    from borapp.services.errors import EXIT_OK
    from borapp.services.privacy import access_files, access_request
    from borapp.cli.opening import cli_workspace

    vault = open_vault(args)
    try:
        workspace = cli_workspace(vault)
        subjects = access_request.find_subjects(workspace, args.subject)
        if args.asked_by:
            by = args.asked_by.strip().casefold()
            subjects = access_request.asked_by(subjects, access_request.ROLE_WORDS.get(by, by))
        withhold = set(access_request.default_choices(subjects[0]).withhold)
        if args.give_other_parent:
            withhold.discard(access_request.OTHER_PARENT)
        if args.withhold_notes:
            withhold.add(access_request.NOTES)
        choices = access_request.Choices(frozenset(withhold), frozenset(args.withhold_visit),
                                         frozenset(args.withhold_letter), frozenset(args.withhold_attachment),
                                         args.reason.strip(), frozenset(args.checked_attachment))
        export = access_request.gather(workspace, subjects, choices, language())
        out = access_files.write_export(workspace, export, args.out, as_zip=args.zip)
    finally:
        vault.lock()
    if args.json:
        print(json.dumps({"ok": True, "out": str(out), "cases": sorted({s.case_ref for s in subjects}),
                          "files": len(export.files), "withheld": export.withheld,
                          "to_check": [{"attachment": f.attachment_id, "what": f.what} for f in export.to_check]},
                         ensure_ascii=False))
    else:
        print(_("Export written to {path}: {n} files.").format(path=out, n=len(export.files) + 2) + " " +
              access_request.summary(export))
        for file in export.to_check:
            print(f"  {file.what}: --checked-attachment {file.attachment_id}")
    return EXIT_OK


def run_erase(args) -> int:
    from babel.lists import format_list

    from borapp.cli.opening import open_vault
    from borapp.i18n import babel_locale
    from borapp.services.errors import EXIT_OK
    from borapp.services.privacy import erasure
    from borapp.cli.opening import cli_workspace

    _confirm_erasure(args)
    vault = open_vault(args)
    try:
        record = erasure.erase_case(cli_workspace(vault), args.case_ref, args.reason, confirm=args.case_ref)
    finally:
        vault.lock()
    if args.json:
        print(json.dumps({"ok": True, "erased": record.case_ref, "backups_holding_it": list(record.backups_before),
                          "report_years": list(record.report_years),
                          "exported_files_left": [str(p) for p in record.exported],
                          "set_aside_vaults": [str(p) for p in record.set_aside],
                          "written_files_left": [str(p) for p in record.written]}, ensure_ascii=False))
        return EXIT_OK
    print(_("Case {ref} is erased; a tombstone without names remains.").format(ref=record.case_ref))
    if record.report_years:
        print(_("The annual figures of {years} stay as they are: an anonymous count takes its place.").format(
            years=format_list([str(y) for y in record.report_years], locale=babel_locale())))
    if record.backups_before:
        print(ngettext("{n} older backup still holds it; restoring one erases it again.",
                       "{n} older backups still hold it; restoring one erases it again.",
                       len(record.backups_before)).format(n=len(record.backups_before)))
    if record.set_aside:
        print(erasure.aside_words(record))
    if record.exported:
        print(erasure.files_words(record))
    if record.written:
        print(erasure.written_words(record))
    return EXIT_OK


def _confirm_erasure(args) -> None:
    """Erasing cannot be undone: on a terminal the case number is asked again (as the app asks it typed), without
    one --yes says it is meant; a slip of the arrow keys in the shell's history erased a case without a word."""
    from borapp.services.errors import UsageError

    if args.yes:
        return
    if sys.stdin is None or not sys.stdin.isatty():
        raise UsageError(_("Erasing {ref} cannot be undone: add --yes to erase it without being asked.").format(
            ref=args.case_ref))
    typed = input(_("Erasing {ref} cannot be undone. Type the case number again to erase it: ").format(
        ref=args.case_ref))
    if typed.strip() != args.case_ref.strip():
        raise UsageError(_("Not erased: the case number typed was not {ref}.").format(ref=args.case_ref))


def run_due(args) -> int:
    from borapp.cli.opening import open_vault
    from borapp.formatting import long_date
    from borapp.services import settings
    from borapp.services.errors import EXIT_OK
    from borapp.services.privacy import retention
    from borapp.cli.opening import cli_workspace

    vault = open_vault(args)
    try:
        workspace = cli_workspace(vault)
        due = retention.due_for_destruction(workspace)
        years = int(settings.read_setting(workspace, "privacy.retention_years"))
    finally:
        vault.lock()
    if args.json:
        print(json.dumps({"ok": True, "retention_years": years, "due": [
            {"case": d.ref, "closed_on": d.closed_on.isoformat(), "due_on": d.due_on.isoformat(),
             "outcome": d.outcome} for d in due]}, ensure_ascii=False))
        return EXIT_OK
    if not due:
        print(_("No case is due for destruction (retention: {years} years after closing).").format(years=years))
    for d in due:
        print(_("{ref}: closed {closed}, due since {due}").format(ref=d.ref, closed=long_date(d.closed_on),
                                                                  due=long_date(d.due_on)))
    return EXIT_OK


def run_log(args) -> int:
    from borapp.cli.opening import open_vault
    from borapp.services.errors import EXIT_FAILED, EXIT_OK, NotFound
    from borapp.services.privacy import access_log
    from borapp.cli.opening import cli_workspace

    vault = open_vault(args)
    try:
        workspace = cli_workspace(vault)
        if args.verify:
            result = access_log.verify(workspace)
            _print_verification(result, args.json)
            return EXIT_OK if result.ok else EXIT_FAILED
        if args.case:  # an erased case's lines too, found through its tombstone
            lines = access_log.case_lines(workspace, args.case)
            if lines is None:
                raise NotFound(_("No case {ref} in this vault.").format(ref=args.case))
        else:
            lines = access_log.log_lines(workspace)
    finally:
        vault.lock()
    _print_lines(lines, args.json)
    return EXIT_OK


def _print_verification(result, as_json: bool) -> None:
    if as_json:
        print(json.dumps({"ok": result.ok, "lines": result.lines,
                          "problems": [{"line": p.line_id, "problem": p.text} for p in result.problems]},
                         ensure_ascii=False))
        return
    if result.ok:
        print(_("The access log is whole: {n} lines, none changed or removed.").format(n=result.lines))
    for problem in result.problems:
        print(problem.text)


def _print_lines(lines, as_json: bool) -> None:
    from borapp.formatting import date_time, local_time
    from borapp.services.privacy.access_log import action_label

    if as_json:
        print(json.dumps([{"id": line.id, "at": line.at.isoformat(timespec="seconds") + "Z", "who": line.actor,
                           "action": line.action, "record": line.record_type, "record_id": line.record_id,
                           "case_id": line.case_id, "case_ref": line.case_ref or None,
                           "case_erased": line.case_erased, "device": line.device} for line in lines],
                         ensure_ascii=False))
        return
    for line in lines:
        when = date_time(local_time(line.at))
        print("\t".join((when, line.actor or "-", action_label(line.action), _what(line), _case(line), line.device)))


def _what(line) -> str:
    """The record, by its kind and id ("brief 636"); a case by its kind alone: its number stands beside it."""
    from borapp.services.privacy.access_log import record_label

    shown_by_number = line.record_type == "case" and line.case_ref
    return " ".join(filter(None, (record_label(line.record_type),
                                  "" if shown_by_number else str(line.record_id or ""))))


def _case(line) -> str:
    if not line.case_ref:
        return "-"
    return _("{ref} (erased)").format(ref=line.case_ref) if line.case_erased else line.case_ref
