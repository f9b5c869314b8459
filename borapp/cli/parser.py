"""The argument parser, built from one list of sub-command modules that share --vault, --lang and
--passphrase-file (see `command.py`)."""

from __future__ import annotations

import argparse

from borapp.cli import (
    argparse_language, care_commands, config_command, demo_command, documents_command, gui_command, import_commands,
    letters_command, match_command,
)
from borapp.cli.command import EXIT_CODES_HELP, common_options
from borapp.i18n import _

# Every sub-command module, in the order `borapp --help` lists them; each has register(sub, common).
COMMANDS = (gui_command, care_commands, import_commands, demo_command, match_command, letters_command,
            config_command, documents_command)


def build_parser() -> argparse.ArgumentParser:
    argparse_language.install()
    parser = argparse.ArgumentParser(
        prog="borapp",
        description=_("BOR Desk: case files, volunteers and letters for a supervised-visitation service."),
        epilog=_(EXIT_CODES_HELP),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version="%(prog)s 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    common = common_options()
    for module in COMMANDS:
        module.register(sub, common)
    return parser
