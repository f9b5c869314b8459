"""What every sub-command shares: the common options (--vault, --lang, --passphrase-file) and the exit codes in
its --help. Command modules import this, never the parser that lists them."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Sequence

from borapp.i18n import N_, _, language

EXIT_CODES_HELP = N_(
    "exit codes: 0 ok, 1 failed (e.g. some rows bad, send failed), 2 usage or missing passphrase, "
    "3 wrong passphrase, 4 vault damaged, 5 vault from a newer version, 6 not found"
)
ENVIRONMENT_HELP = N_(
    "environment: BORAPP_VAULT the vault file when --vault is not given, BORAPP_PASSPHRASE the passphrase when "
    "--passphrase-file is not given, BORAPP_COORDINATOR the coordinator working (the access log's who; else the "
    "vault's only coordinator)"
)
CASE_REF_HELP = N_("the case number, e.g. BOR-2026-014")  # the one example of a case number in every help


def common_options() -> argparse.ArgumentParser:
    from borapp.paths import VAULT_NAME, app_data_dir, default_vault_path

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--vault", type=_path, default=default_vault_path(), metavar=_("VAULT"),
                        help=_("the vault file (default: BORAPP_VAULT, else {path})").format(
                            path=app_data_dir() / VAULT_NAME))
    common.add_argument("--lang", choices=("nl", "en"), help=_("language of messages and documents"))
    common.add_argument("--passphrase-file", metavar=_("FILE"),
                        help=_("read the passphrase from the first line of FILE (else BORAPP_PASSPHRASE)"))
    return common


def whole_number(text: str) -> int:
    """argparse's type for a count or a number: its own refusal read "ongeldige int-waarde: 'abc'"."""
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{value}' is not a whole number.").format(value=text)) from None


def case_number(text: str) -> str:
    """argparse's type for a case number: an empty one is a wrong use (exit 2), not a case not found (exit 6)."""
    if not text.strip():
        raise argparse.ArgumentTypeError(_("Give a case number, e.g. BOR-2026-014."))
    return text.strip()


PARENT_WORDS = {"resident": "verzorgend", "other": "uitwonend"}
ADDRESSEE_WORDS = {"commissioner": "opdrachtgever", "referrer": "verwijzer"}  # whom a closing report goes to
AUDIENCE_WORDS = {"internal": "intern", "external": "extern"}
KEEP_WORDS = {"mine": "later", "theirs": "server"}  # a conflict: the value sent later, or the one the server kept


def word_choice(words: dict[str, str]):
    """argparse's type for an option whose values are codes with a Dutch word each (`--parent uitwonend` as well as
    `--parent other`): it gives the code, and refuses in the user's words ("kies uit 'resident', 'other'" before)."""
    def parse(text: str) -> str:
        said = text.strip().casefold()
        for code, dutch in words.items():
            if said in (code, dutch):
                return code
        shown = ", ".join(words.values() if language() == "nl" else words)
        raise argparse.ArgumentTypeError(_("'{value}' is not one of: {choices}.").format(value=text, choices=shown))
    return parse


def words_metavar(words: dict[str, str]) -> str:
    return "{" + ",".join(words.values() if language() == "nl" else words) + "}"


def addressee_code(word: str | None) -> str | None:
    """`--to` as the letters take it (`documents.addressee`): None the default, "" the referrer."""
    return None if word is None else ("" if word == "referrer" else word)


def named_letter_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    """Each letter's code with its name in the user's language, for --help ("closing (Eindverslag)")."""
    from borapp.services.outbox.listing import kind_label  # the outbox loads the models: only when help is shown

    return tuple(f"{kind} ({kind_label(kind)})" for kind in kinds)


def _path(text: str):
    """A file or folder given on the command line, made whole against the folder the command runs in: a relative
    `out/brieven` kept as typed means another folder to the next command (and to erasure, which names the files)."""
    from pathlib import Path

    return Path(text).expanduser().absolute()


whole_path = _path


def add_command(sub, common, name: str, help_text: str, handler) -> argparse.ArgumentParser:
    """A sub-command with the shared options and the exit codes in its --help."""
    cmd = sub.add_parser(name, parents=[common], help=help_text, description=help_text, epilog=_(EXIT_CODES_HELP))
    cmd.set_defaults(handler=handler)
    return cmd


class Later(Sequence):
    """A tuple kept in a module that is slow to import (the models, the settings), looked up the first time argparse
    needs it instead of when the parser is built, so that `borapp --help` imports none of those modules.

    As an action's choices it checks values and shows in usage, help ("%(choices)s") and errors exactly as the tuple
    would; set it after add_argument, which would otherwise list the choices at once. As another attribute of an
    action, "%(name)s" in the action's help (set after add_argument too) shows it joined with ", "."""

    def __init__(self, load: Callable[[], Iterable[str]]):
        self._load = load
        self._items: tuple[str, ...] | None = None

    def _tuple(self) -> tuple[str, ...]:
        if self._items is None:
            self._items = tuple(self._load())
        return self._items

    def __getitem__(self, index):
        return self._tuple()[index]

    def __len__(self) -> int:
        return len(self._tuple())

    def __iter__(self):
        return iter(self._tuple())

    def __contains__(self, value) -> bool:
        return value in self._tuple()

    def __str__(self) -> str:
        return ", ".join(self._tuple())
