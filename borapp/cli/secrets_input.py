"""Passphrases and recovery keys for the CLI: a file, else the environment, else a prompt on a terminal, else exit 2."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from borapp.i18n import _
from borapp.services.errors import UsageError


def _read_file(path: str) -> str:
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()  # -sig: drop a byte-order mark (Notepad)
    except (OSError, UnicodeDecodeError):
        raise UsageError(_("Cannot read {path}.").format(path=path)) from None
    if not lines or not lines[0]:  # not a wrong passphrase (exit 3) but none: like an empty BORAPP_PASSPHRASE
        raise UsageError(_("The first line of {path} is empty; it should hold the passphrase or key.").format(
            path=path))
    return lines[0]


def _prompt(prompt: str, confirm: bool) -> str:
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Repeat: ")) != first:
        raise UsageError(_("The two passphrases differ."))
    return first


def passphrase(args, *, confirm: bool = False) -> str:
    if getattr(args, "passphrase_file", None):
        return _read_file(args.passphrase_file)
    if os.environ.get("BORAPP_PASSPHRASE"):
        return os.environ["BORAPP_PASSPHRASE"]
    if sys.stdin is not None and sys.stdin.isatty():
        return _prompt(_("Passphrase: "), confirm)
    raise UsageError(_("No passphrase: use --passphrase-file FILE or set BORAPP_PASSPHRASE."))


def new_passphrase(args) -> str:
    if getattr(args, "new_passphrase_file", None):
        return _read_file(args.new_passphrase_file)
    if os.environ.get("BORAPP_NEW_PASSPHRASE"):
        return os.environ["BORAPP_NEW_PASSPHRASE"]
    if sys.stdin is not None and sys.stdin.isatty():
        return _prompt(_("New passphrase: "), True)
    raise UsageError(_("No new passphrase: use --new-passphrase-file FILE or set BORAPP_NEW_PASSPHRASE."))


def recovery_key(args) -> str | None:
    if getattr(args, "recovery_key_file", None):
        return _read_file(args.recovery_key_file)
    return os.environ.get("BORAPP_RECOVERY_KEY") or None
