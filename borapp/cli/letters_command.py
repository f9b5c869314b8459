"""`borapp letters new|list|export|send|ready|retry`: the outbox from the command line."""

from __future__ import annotations

import getpass
import json
import os
import sys
from typing import TYPE_CHECKING

from borapp.cli.opening import open_vault
from borapp.cli.command import (
    ADDRESSEE_WORDS, CASE_REF_HELP, EXIT_CODES_HELP, PARENT_WORDS, Later, add_command, addressee_code, case_number,
    named_letter_kinds, whole_number, whole_path, word_choice, words_metavar,
)
from borapp.i18n import _, ngettext
from borapp.services.errors import EXIT_FAILED, EXIT_OK, UsageError

if TYPE_CHECKING:
    from borapp.services.vault.workspace import Workspace

PASSWORD_ENV = "BORAPP_SMTP_PASSWORD"


def register(sub, common) -> None:
    help_text = _("the outbox: make, list, export and send feedback letters")
    parser = sub.add_parser("letters", help=help_text, description=help_text, epilog=_(EXIT_CODES_HELP))
    actions = parser.add_subparsers(dest="letters_action", metavar=_("ACTION"), required=True)
    cmd = add_command(actions, common, "new", _("make a letter for a case, ready to send"), run_new)
    cmd.add_argument("case_ref", type=case_number, metavar=_("CASE_REF"),
                     help=_(CASE_REF_HELP))
    kind = cmd.add_argument("--kind", required=True, metavar=_("KIND"))
    kind.choices = Later(_kinds)
    kind.named = Later(lambda: named_letter_kinds(_kinds()))
    kind.help = _("which letter, one of: {kinds}").format(kinds="%(named)s")  # argparse fills in the attribute
    cmd.add_argument("--parent", type=word_choice(PARENT_WORDS), metavar=words_metavar(PARENT_WORDS),
                     help=_("to this parent instead of the referrer (the visit schedule)"))
    cmd.add_argument("--to", dest="addressee", type=word_choice(ADDRESSEE_WORDS),
                     metavar=words_metavar(ADDRESSEE_WORDS),
                     help=_("for --kind closing: the commissioning party (the default, when the case has one of its "
                            "own) or the referrer"))
    cmd.add_argument("--force", action="store_true",
                     help=_("make it ready although the case has a letter of this kind already (else a draft)"))
    cmd.add_argument("--json", action="store_true", help=_("print one JSON document"))
    cmd = add_command(actions, common, "list", _("list the letters waiting in the outbox"), run_list)
    cmd.add_argument("--all", action="store_true", help=_("also the exported and sent letters"))
    cmd.add_argument("--json", action="store_true", help=_("print one JSON document"))
    cmd = add_command(actions, common, "export", _("write every ready letter as an e-mail draft (.eml) with its "
                                                   "PDF into a folder"), run_export)
    cmd.add_argument("--to", dest="folder", required=True, type=whole_path, metavar=_("FOLDER"),
                     help=_("the folder (made when missing)"))
    cmd.add_argument("--json", action="store_true", help=_("print one JSON document"))
    cmd = add_command(actions, common, "send", _("send every ready letter through the mail server "
                                                 "(password: keyring, else {env}, else a prompt)")
                      .format(env=PASSWORD_ENV), run_send)
    cmd.add_argument("--json", action="store_true", help=_("print one JSON document"))
    cmd = add_command(actions, common, "ready", _("mark a checked draft ready to send"), run_ready)
    cmd.add_argument("letter_id", type=whole_number, metavar="ID", help=_("the letter's number (see 'letters list')"))
    cmd = add_command(actions, common, "retry", _("put a failed letter back to ready"), run_retry)
    cmd.add_argument("letter_id", type=whole_number, metavar="ID", help=_("the letter's number (see 'letters list')"))


def _kinds() -> tuple[str, ...]:
    from borapp.services.outbox.listing import KINDS  # the outbox loads the models and SQLAlchemy

    return KINDS


def _workspace(args) -> Workspace:
    from borapp.cli.opening import cli_workspace

    return cli_workspace(open_vault(args))


def run_new(args) -> int:
    from borapp.services.outbox import letters as outbox_letters
    from borapp.services.outbox.listing import kind_label

    workspace = _workspace(args)
    try:
        case_id = outbox_letters.find_case_id(workspace, args.case_ref)
        addressee = addressee_code(args.addressee)
        earlier = _earlier_letters(workspace, case_id, args.kind, args.parent or "", addressee)
        made = outbox_letters.create_letter(workspace, case_id, args.kind, parent_role=args.parent or "",
                                            lang=args.lang, addressee=addressee,
                                            state="draft" if earlier and not args.force else "ready")
        row = outbox_letters.get_letter_row(workspace, made.id)
    finally:
        workspace.lock()
    if args.json:
        print(json.dumps({"ok": True} | row.to_dict() | {"missing": made.missing, "problems": made.command_line_problems,
                                          "earlier": earlier}, ensure_ascii=False))
        return EXIT_OK
    done = (_("Letter {id} made: {kind} for {case}, to {recipient}; ready to send.") if made.state == "ready" else
            _("Letter {id} made: {kind} for {case}, to {recipient}; a draft until it is finished."))
    print(done.format(id=row.id, kind=kind_label(row.kind), case=row.case_ref, recipient=row.recipient or "?"))
    if made.command_line_problems:  # names each gap once: the lines it could not fill in are among them
        print(made.command_line_problems, file=sys.stderr)
    else:
        for line in made.missing:
            print(_("Not filled in: {what}").format(what=line), file=sys.stderr)
    if earlier:  # said, as New letter says it; made ready only when asked for once more
        print(earlier, file=sys.stderr)
        if not args.force and not made.command_line_problems:
            print(_("So this one stays a draft: check it, then mark it ready with 'borapp letters ready {id}' (or "
                    "make it with --force).").format(id=row.id), file=sys.stderr)
    return EXIT_OK


def _earlier_letters(workspace, case_id: int, kind: str, parent_role: str, addressee: str | None) -> str:
    """Which letters of this kind the case has already, in words ("" when none), as the app's New letter says it
    before the letter is made; `addressee` None: the kind's default organisation."""
    from borapp.services.outbox import letters as outbox_letters
    from borapp.services.outbox.listing import earlier_letters_line

    if addressee is None:
        found = outbox_letters.addressees(workspace, case_id, kind)
        addressee = found[0].key if found else ""
    return earlier_letters_line(workspace, case_id, kind, parent_role, addressee)


def run_list(args) -> int:
    from borapp.services.outbox import letters as outbox_letters
    from borapp.services.outbox.listing import WAITING_STATES, kind_label, state_label

    workspace = _workspace(args)
    try:
        rows = outbox_letters.list_letters(workspace, None if args.all else WAITING_STATES)
    finally:
        workspace.lock()
    if args.json:
        print(json.dumps([row.to_dict() for row in rows], ensure_ascii=False))
        return EXIT_OK
    if not rows:
        print(_("The outbox is empty."))
        return EXIT_OK
    from borapp.cli.text_table import text_table

    cells = [(str(row.id), row.case_ref, kind_label(row.kind), state_label(row.state),
              row.recipient + (f"  ({row.error})" if row.error else "")) for row in rows]
    for line in text_table((_("No."), _("Case"), _("Letter"), _("Status"), _("Recipient")), cells, right=(0,)):
        print(line)
    return EXIT_OK


def run_export(args) -> int:
    from borapp.services.outbox import export as outbox_export

    workspace = _workspace(args)
    try:
        result = outbox_export.export_ready(workspace, args.folder)
    finally:
        workspace.lock()
    if args.json:
        print(json.dumps({"ok": result.ok, "folder": str(result.folder),
                          "exported": [{"id": i, "eml": str(e), "pdf": str(p)} for i, e, p in result.exported],
                          "problems": [{"id": i, "error": why} for i, why in result.command_line_problems()],
                          "stopped": result.stopped}, ensure_ascii=False))
    elif result.exported or not result.stopped:
        for _id, eml, _pdf in result.exported:
            print(eml)
        print(ngettext("{n} letter exported to {folder}.", "{n} letters exported to {folder}.",
                       len(result.exported)).format(n=len(result.exported), folder=result.folder))
    if result.stopped:
        print(result.stop_line(), file=sys.stderr)
    for letter_id, why in result.command_line_problems():
        print(_("Letter {id} stays ready: {why}").format(id=letter_id, why=why), file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_FAILED


def run_send(args) -> int:
    from borapp.services.outbox.sending import MailNotSetUp, send_ready

    workspace = _workspace(args)
    try:
        result = send_ready(workspace, password_provider)
    except MailNotSetUp as exc:  # said with the settings `borapp config set` takes, not the app's screens
        raise UsageError(exc.command_line) from None
    finally:
        workspace.lock()
    if args.json:
        print(json.dumps({"ok": result.ok, "letters": [
            {"id": o.letter_id, "case": o.case_ref, "kind": o.kind, "state": o.state,
             "error": o.command_line_error or o.error}
            for o in result.outcomes]}, ensure_ascii=False))
    elif not result.outcomes:  # as the Outbox says it; "0 letters sent." read as if sending had failed
        print(_("No letters are ready to send."))
    else:
        print(ngettext("{n} letter sent.", "{n} letters sent.", len(result.sent)).format(n=len(result.sent)))
    if result.command_line_warning:
        print(result.command_line_warning, file=sys.stderr)
    for outcome in result.kept:
        print(_("Kept for later: {letter}").format(letter=outcome.line(True)), file=sys.stderr)
    for outcome in result.failed:
        print(_("Failed: {letter}").format(letter=outcome.line(True)), file=sys.stderr)
    for outcome in result.skipped:
        print(_("Not sent, still ready: {letter}").format(letter=outcome.line(True)), file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_FAILED


def password_provider() -> str:
    """After the keyring: BORAPP_SMTP_PASSWORD, else a prompt on a terminal, else exit 2."""
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(_("Mail server password: "))
    raise UsageError(_("The mail server needs a password: set {env}, keep it in the keyring with 'borapp config "
                       "smtp-password', or run this on a terminal. Nothing was sent.").format(env=PASSWORD_ENV))


def run_ready(args) -> int:
    from borapp.services.outbox import letters as outbox_letters

    return _change(args, outbox_letters.mark_ready, _("Letter {id} is ready to send."))


def run_retry(args) -> int:
    from borapp.services.outbox import letters as outbox_letters

    return _change(args, outbox_letters.retry, _("Letter {id} is ready to be sent again."))


def _change(args, action, message: str) -> int:
    from borapp.services.errors import BorError
    from borapp.services.outbox.letters import HeldBack

    workspace = _workspace(args)
    try:
        action(workspace, args.letter_id)
    except HeldBack as exc:  # said without the app's buttons, which the command line does not have
        raise BorError(exc.command_line) from None
    finally:
        workspace.lock()
    print(message.format(id=args.letter_id))
    return EXIT_OK

