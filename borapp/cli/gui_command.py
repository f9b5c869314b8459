"""`borapp gui`: start the desktop app (the default command)."""

from __future__ import annotations

from borapp.cli.command import add_command
from borapp.i18n import _


def register(sub, common) -> None:
    add_command(sub, common, "gui", _("start the desktop app (the default)"), run_gui)


def run_gui(args) -> int:
    from borapp.app import run

    return run(vault_path=args.vault, language=args.lang)
