"""The command line, a second face on the same services as the GUI.

Exit codes: 0 ok, 1 failed, 2 usage or missing passphrase, 3 wrong passphrase, 4 vault damaged, 5 vault from a newer
version, 6 not found. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys

from borapp.i18n import _, set_language
from borapp.services.errors import EXIT_DAMAGED, EXIT_FAILED, EXIT_USAGE, BorError, describe, is_damage


def _language_from_argv(argv: list[str]) -> str | None:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


def _command_words(argv: list[str]) -> list[str]:
    """`argv` from the command on: without a --lang given before it (`borapp --lang en check`)."""
    if argv[:1] == ["--lang"]:
        return argv[2:]
    return argv[1:] if argv[:1] and argv[0].startswith("--lang=") else argv


def _starts_the_app(argv: list[str]) -> bool:
    """`borapp` or `borapp gui ...`: the parser needs only the GUI's command, so the window comes up sooner."""
    words = _command_words(argv)
    return not words or words[0] == "gui"


def _tolerant_output() -> None:
    """A name with ş or ł printed to a cp1252 console or file must not end the command: unknown characters
    become '?' there instead of an error."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass  # not a text stream that can be reconfigured (e.g. replaced in a test)


def main(argv: list[str] | None = None) -> int:
    os.umask(0o077)
    _tolerant_output()
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_from_argv(argv))
    from borapp.cli.parser import COMMANDS, GUI_ONLY, build_parser

    parser = build_parser(GUI_ONLY if _starts_the_app(argv) else COMMANDS)
    try:
        args = parser.parse_args(argv if _command_words(argv) else [*argv, "gui"])
    except SystemExit as exc:  # argparse has printed usage and its one-line error
        return int(exc.code or 0)
    args.lang = args.lang or args.lang_before
    try:
        code = int(args.handler(args) or 0)
        sys.stdout.flush()
        return code
    except BrokenPipeError:  # `borapp ... | head` closed the pipe: not an error worth a traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except BorError as exc:
        return _fail(args, str(exc), exc.exit_code)
    except KeyboardInterrupt:
        return _fail(args, _("Interrupted."), EXIT_FAILED)
    except Exception as exc:  # a full disk, a read-only folder, or a bug: said without a traceback or personal content
        return _fail(args, describe(exc), EXIT_DAMAGED if is_damage(exc) else EXIT_FAILED)


def _fail(args, message: str, code: int) -> int:
    print(f"borapp: {message}", file=sys.stderr)
    if getattr(args, "json", False):
        print(json.dumps({"ok": False, "error": message, "exit_code": code}, ensure_ascii=False))
    return code


__all__ = ["main", "EXIT_USAGE"]
