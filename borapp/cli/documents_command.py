"""`borapp documents contract CASE_REF --out F.pdf` and `borapp documents letter CASE_REF --kind K [--parent ROLE]
[--to commissioner|referrer] --out F.pdf`: one PDF, written only where asked (atomically, readable by the user
only); the outbox is not touched.

What the document could not fill in is printed on stderr, one line each; the exit code is 0 all the same. A letter
that says what the case contradicts (the closing report of a case still open), or whose text would print a
placeholder as written (an own template's unknown `{ouder_naam}`), is not written: exit 1, as the app holds such a
letter back.
"""

from __future__ import annotations

import sys

from borapp.cli.opening import open_vault
from borapp.cli.command import (
    ADDRESSEE_WORDS, CASE_REF_HELP, EXIT_CODES_HELP, PARENT_WORDS, Later, add_command, addressee_code, case_number,
    named_letter_kinds, whole_path, word_choice, words_metavar,
)
from borapp.i18n import _
from borapp.services.errors import EXIT_OK, UsageError


def register(sub, common) -> None:
    help_text = _("write a contract or a letter of one case as a PDF file")
    parser = sub.add_parser("documents", help=help_text, description=help_text, epilog=_(EXIT_CODES_HELP))
    kinds = parser.add_subparsers(dest="document", metavar=_("DOCUMENT"), required=True)
    cmd = add_command(kinds, common, "contract", _("the BOR contract (BOR-overeenkomst) for signing"), run_contract)
    _common_arguments(cmd)
    cmd = add_command(kinds, common, "letter", _("a feedback letter to the referrer, or the visit schedule to one "
                                                 "parent"), run_letter)
    _common_arguments(cmd)
    kind = cmd.add_argument("--kind", required=True, metavar=_("KIND"))
    kind.choices = Later(_letter_kinds)
    kind.named = Later(lambda: named_letter_kinds(_letter_kinds()))
    kind.help = _("one of: {kinds}").format(kinds="%(named)s")
    cmd.add_argument("--parent", type=word_choice(PARENT_WORDS), metavar=words_metavar(PARENT_WORDS),
                     help=_("for --kind schedule: the parent it is for"))
    cmd.add_argument("--to", type=word_choice(ADDRESSEE_WORDS), metavar=words_metavar(ADDRESSEE_WORDS),
                     help=_("for --kind closing: the commissioning party (the default, when the case has one of its "
                            "own) or the referrer"))


def _letter_kinds() -> tuple[str, ...]:
    from borapp.models.documents import LETTER_KINDS  # the models load SQLAlchemy: only when the kinds are needed

    return LETTER_KINDS


def _common_arguments(cmd) -> None:
    cmd.add_argument("case_ref", type=case_number, metavar=_("CASE_REF"),
                     help=_(CASE_REF_HELP))
    cmd.add_argument("--out", type=whole_path, required=True, metavar=_("FILE"), help=_("the PDF file to write"))
    cmd.add_argument("--force", action="store_true", help=_("replace the file if it exists (never a vault's file)"))


def run_contract(args) -> int:
    from borapp.services.documents.contract import render_contract

    return _run(args, lambda workspace, case_id: render_contract(workspace, case_id, args.lang))


def run_letter(args) -> int:
    from borapp.services.documents.letter_checks import placeholders_left, placeholders_message, unfit_kind
    from borapp.services.documents.letters import render_letter
    from borapp.services.errors import BorError

    if args.kind == "schedule" and not args.parent:
        raise UsageError(_("--kind schedule needs --parent: the parent the schedule is for."))
    if args.kind != "schedule" and args.parent:
        raise UsageError(_("--parent goes only with --kind schedule."))

    def render(workspace, case_id):
        with workspace.reading() as session:
            unfit = unfit_kind(session, case_id, args.kind, args.lang)
        if unfit:
            raise BorError(unfit)
        letter = render_letter(workspace, case_id, args.kind, args.lang, parent_role=args.parent or "",
                               addressee=addressee_code(args.to))
        with workspace.reading() as session:
            raw = placeholders_left(session, args.kind, letter.body, args.lang)
        if raw:  # would print "{ouder_naam}": held back, as the outbox holds such a letter back
            raise BorError(placeholders_message(raw) + "\n" + _(
                "Correct the template in the app (Settings, Letter templates) or with 'borapp config set "
                "template.KIND.LANG FILE', then try again."))
        return letter

    return _run(args, render)


def _run(args, render) -> int:
    from borapp.services.cases.flow import case_id_by_ref
    from borapp.services.documents.export import record_export
    from borapp.services.outbox.letters import write_pdf_copy
    from borapp.cli.opening import cli_workspace
    from borapp.services.vault.write_guard import check_target

    check_target(args.out, force=args.force)  # before the passphrase is asked
    vault = open_vault(args)
    try:
        workspace = cli_workspace(vault)
        case_id = case_id_by_ref(workspace, args.case_ref)
        document = render(workspace, case_id)
        write_pdf_copy(args.out, document.pdf)
        record_export(workspace, case_id, args.out)
    finally:
        vault.lock()
    for line in document.missing:
        print(_("Not filled in: {what}").format(what=line), file=sys.stderr)
    print(_("Written: {path}").format(path=args.out))
    return EXIT_OK
