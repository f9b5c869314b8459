"""The composition root: the only place that wires language, settings, the vault path and the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from borapp.i18n import set_language
from borapp.paths import data_dir, default_vault_path

ORGANISATION, APPLICATION = "BOR Desk", "BOR Desk"


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    app.setDesktopFileName("borapp")
    app.setWindowIcon(app_icon())
    from borapp.ui.style import STYLE_SHEET

    app.setStyleSheet(STYLE_SHEET)
    return app


def app_icon():
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        icon.addFile(str(data_dir() / "resources" / "icons" / f"borapp-{size}.png"))
    return icon


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
    if not _engine_is_safe():
        return 1
    window = build_window(Path(vault_path or default_vault_path()), language)
    if os.environ.get("BORAPP_EXIT_AFTER_FIRST_PAINT"):
        _quit_after_first_paint(app, window)
    window.show_first()
    return app.exec()


def _engine_is_safe() -> bool:
    """The start-up self-test (fail closed): without SQLCipher 4 and FTS5 the app says so and does not start."""
    from borapp.services.errors import VaultError
    from borapp.services.vault.vault import require_safe_engine

    try:
        require_safe_engine()
    except VaultError as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, APPLICATION, str(exc))
        return False
    return True


def _quit_after_first_paint(app: QApplication, window) -> None:
    """For `bench/startup.py`: say "painted" on stdout once the first screen is on screen, then quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.Paint and watched is window:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, self.done)
            return False

        def done(self) -> None:
            print("painted", flush=True)
            app.quit()

    window._first_paint = FirstPaint(window)
    window.installEventFilter(window._first_paint)
