"""Vault care: init, check, rekey, backup, restore. The vault's modules are imported in the handlers, so
`borapp --help` stays quick."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from borapp.cli import secrets_input
from borapp.cli.command import add_command, whole_path
from borapp.cli.opening import open_vault
from borapp.i18n import _
from borapp.services.errors import EXIT_DAMAGED, EXIT_OK


def register(sub, common) -> None:
    cmd = add_command(sub, common, "init", _("create a new, empty vault"), run_init)
    cmd.add_argument("--json", action="store_true", help=_("print one JSON document"))
    cmd = add_command(sub, common, "check", _("check the vault page by page and count its records"), run_check)
    cmd.add_argument("--json", action="store_true", help=_("print one JSON document"))
    cmd = add_command(sub, common, "rekey", _("set a new passphrase (with the old one or the recovery key)"), run_rekey)
    cmd.add_argument("--new-passphrase-file", metavar=_("FILE"),
                     help=_("read the new passphrase from FILE (else BORAPP_NEW_PASSPHRASE)"))
    cmd.add_argument("--recovery-key-file", metavar=_("FILE"),
                     help=_("open with the recovery key in FILE (else BORAPP_RECOVERY_KEY) instead of the passphrase"))
    cmd = add_command(sub, common, "backup", _("write one encrypted backup file"), run_backup)
    cmd.add_argument("--to", required=True, type=whole_path, metavar=_("FILE"), help=_("the backup file to write"))
    cmd.add_argument("--force", action="store_true", help=_("replace the file if it exists (never a vault's file)"))
    cmd = add_command(sub, common, "restore", _("restore a backup; an existing vault is kept aside"), run_restore)
    cmd.add_argument("--from", dest="source", required=True, type=whole_path, metavar=_("FILE"), help=_("the backup file"))
    cmd.add_argument("--recovery-key-file", metavar=_("FILE"), help=_("open the backup with its recovery key"))


def run_init(args) -> int:
    from borapp.services.vault.vault import Vault

    vault, recovery = Vault.create(args.vault, secrets_input.passphrase(args, confirm=True))
    vault.lock()
    if args.json:
        print(json.dumps({"ok": True, "vault": str(args.vault), "recovery_key": recovery}))
        return 0
    print(_("Vault created: {path}").format(path=args.vault))
    print(_("Recovery key (shown once; write it down and keep it apart from the laptop):"))
    print(f"    {recovery}")
    print(_("Either one opens the vault; with both lost, nobody can recover the data."))
    return 0


def run_check(args) -> int:
    vault = open_vault(args, full_check=True)  # every page, read-only, before anything can write
    try:
        result = vault.check(as_opened=True)
    finally:
        vault.lock()
    if args.json:
        print(json.dumps({"ok": result.ok, "schema": result.schema, "counts": result.counts,
                          "problems": result.problems, "warnings": result.warnings}, ensure_ascii=False))
    else:
        print(_("Vault is sound.") if result.ok else _("Vault has problems:"))
        for problem in result.problems:
            print(f"  - {problem}")
        if not result.ok:
            print(_("Restore a recent backup: borapp restore --from FILE (the vault as it is now is kept aside)."))
        print(_("Schema: {schema}").format(schema=result.schema))
        from borapp.services.vault.record_counts import LABELS

        for name, count in result.counts.items():
            print(f"  {_(LABELS[name])}: {count}")
    for warning in result.warnings:
        print(_("WARNING: {warning}").format(warning=warning), file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_DAMAGED


def run_rekey(args) -> int:
    vault = open_vault(args)
    try:
        vault.change_passphrase(secrets_input.new_passphrase(args))
    finally:
        vault.lock()
    print(_("The passphrase was changed."))
    return 0


def run_backup(args) -> int:
    from borapp.services.errors import BorError
    from borapp.services.vault.file_writing import write_problem
    from borapp.services.vault.write_guard import check_target
    from borapp.services.vault.written_places import record_backup

    check_target(args.to, force=args.force, new_folder=True)  # before the passphrase is asked
    vault = open_vault(args)
    try:
        written = vault.backup(args.to)
        record_backup(vault, written)
    except OSError as exc:  # named by the folder she gave, not the temporary one beside the backup
        raise BorError(write_problem(Path(args.to).parent, exc)) from None
    finally:
        vault.lock()
    print(_("Backup written: {path}").format(path=written))
    return 0


def run_restore(args) -> int:
    from borapp.services.vault.restore import aside_note, recovery_key_note, restore

    recovery = secrets_input.recovery_key(args)
    erased_again: list[str] = []
    aside = restore(args.source, args.vault, None if recovery else secrets_input.passphrase(args),
                    recovery_key=recovery, erased_again=erased_again)
    print(_("Restored {source} to {vault}.").format(source=args.source, vault=args.vault))
    if erased_again:
        print(_("Erased again, as they were before this backup was restored: {refs}.")
              .format(refs=", ".join(erased_again)))
    if aside:
        print(aside_note(aside))
    print(recovery_key_note(args.source, args.vault))
    return 0
