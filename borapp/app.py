"""The composition root: the only place that wires language, settings, the vault path and the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from borapp.i18n import set_language
from borapp.paths import default_vault_path

ORGANISATION, APPLICATION = "BOR Desk", "BOR Desk"


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    from borapp.ui.style import STYLE_SHEET

    app.setStyleSheet(STYLE_SHEET)
    return app


def ui_language(requested: str | None) -> str:
    """--lang wins, then the language chosen in Settings on this laptop, then Dutch."""
    return requested or str(QSettings().value("ui/language", "nl"))


def build_window(vault_path: Path, language: str | None = None):
    from borapp.ui import qt_i18n
    from borapp.ui.main_window import MainWindow

    qt_i18n.install(ui_language(language))
    return MainWindow(Path(vault_path))


def run(vault_path: Path | None = None, language: str | None = None) -> int:
    os.umask(0o077)
    set_language(language)
    app = make_application()
    window = build_window(Path(vault_path or default_vault_path()), language)
    window.show()
    return app.exec()
