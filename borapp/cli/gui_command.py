"""`borapp gui`: start the desktop app (the default command)."""

from __future__ import annotations

import os
import sys

from borapp.cli.command import add_command
from borapp.i18n import _


def register(sub, common) -> None:
    add_command(sub, common, "gui", _("start the desktop app (the default)"), run_gui)


def run_gui(args) -> int:
    if not has_display():  # Qt would print English lines and abort the process (exit 134)
        print(_("BOR Desk needs a screen, and this session has none. On a server or over SSH, start it on a virtual "
                "screen: xvfb-run -a borapp gui (Debian package xvfb), or without a screen at all: "
                "QT_QPA_PLATFORM=offscreen borapp gui."), file=sys.stderr)
        return 2
    from borapp.app import run

    return run(vault_path=args.vault, language=args.lang)


def has_display() -> bool:
    """On Linux (and other X11/Wayland systems) a session without DISPLAY or WAYLAND_DISPLAY has no screen, unless
    QT_QPA_PLATFORM names a platform that needs none; Windows and macOS always have one."""
    if sys.platform in ("win32", "darwin"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))
