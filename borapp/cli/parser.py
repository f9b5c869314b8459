"""The argument parser, built from one list of sub-command modules that share --vault, --lang and
--passphrase-file (see `command.py`)."""

from __future__ import annotations

import argparse
import importlib

from borapp.cli import argparse_language
from borapp.cli.command import ENVIRONMENT_HELP, EXIT_CODES_HELP, common_options
from borapp.i18n import _

# Every sub-command module of borapp.cli, in the order `borapp --help` lists them; each has register(sub, common).
# Named, not imported: a command's module (and what it imports) loads only when the parser needs it.
COMMANDS = ("gui_command", "care_commands", "import_commands", "demo_command", "match_command", "letters_command",
            "config_command", "documents_command", "privacy_command", "costs_command", "sync_command", "server_command",
            "report_command")
GUI_ONLY = ("gui_command",)


class VersionAction(argparse.Action):
    """`--version`: the version from the package metadata, looked up only when asked."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest, nargs=0, default=default,
                         help=help or _("show the version and exit"))

    def __call__(self, parser, namespace, values, option_string=None):
        from borapp import version

        print(f"{parser.prog} {version()}")
        parser.exit()


class CommandParser(argparse.ArgumentParser):
    """A sub-command's parser: an option it does not know is its error, with its own usage line (argparse handed the
    unknown words up to `borapp` itself, whose usage names no option of the sub-command)."""

    def parse_known_args(self, args=None, namespace=None):
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(_("unrecognized arguments: %s") % " ".join(extras))
        return parsed, extras


def build_parser(commands: tuple[str, ...] = COMMANDS) -> argparse.ArgumentParser:
    """The parser with the sub-commands of `commands` (all by default; starting the app needs only the GUI's)."""
    argparse_language.install()
    parser = argparse.ArgumentParser(
        prog="borapp",
        description=_("BOR Desk: case files, volunteers and letters for a supervised-visitation service."),
        epilog=_(EXIT_CODES_HELP) + "\n" + _(ENVIRONMENT_HELP),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=VersionAction)
    # also before the command (`borapp --lang en check`); its own dest, or the command's default None would win
    parser.add_argument("--lang", dest="lang_before", choices=("nl", "en"), help=_("language of messages and documents"))
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=CommandParser)
    common = common_options()
    for name in commands:
        importlib.import_module(f"borapp.cli.{name}").register(sub, common)
    return parser
