"""Save a PNG of every screen, tab and wizard page at 1366×768, offscreen, for looking at and for the README.

    BORAPP_PASSPHRASE=... python -m borapp.tools.screenshots --vault PATH --out DIR [--lang nl|en]

File names say which screen: `dashboard.png`, `case-file-visits.png`, `settings-backups.png`, `unlock.png`, ...
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QTabWidget, QWidget  # noqa: E402

SIZE = (1366, 768)


def _settle(ms: int = 120) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _save(widget: QWidget, out: Path, name: str) -> Path:
    _settle()
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print(path)
    return path


def _visible_tabs(root: QWidget) -> list[QTabWidget]:
    return [t for t in root.findChildren(QTabWidget) if t.isVisible()]


def _tab_name(tabs: QTabWidget, index: int) -> str:
    page = tabs.widget(index)
    return page.objectName() if page.objectName() and not page.objectName().startswith("qt_") else _slug(
        tabs.tabText(index).replace("&", ""))


def _each_tab(window, tabs: QTabWidget, out: Path, prefix: str) -> None:
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        _save(window, out, f"{prefix}-{_tab_name(tabs, index)}")


def shoot_unlock_screens(out: Path, language: str) -> None:
    from borapp.app import build_window

    with tempfile.TemporaryDirectory() as folder:
        window = build_window(Path(folder) / "vault.bordb", language)
        window.resize(*SIZE)
        window.show()
        screen = window.unlock_screen
        _save(window, out, "create-vault")
        screen.create_page.first.setText("voorbeeld wachtwoordzin")
        screen.create_page.second.setText("voorbeeld wachtwoordzin")
        screen.create_page.create_button.click()
        while screen.stack.currentWidget() is not screen.recovery_page:
            _settle(50)
        _save(window, out, "recovery-key")
        screen.recovery_page.confirm.setChecked(True)
        screen.recovery_page.continue_button.click()
        _save(window, out, "who-is-working")
        window.close()


def shoot_main_window(vault: Path, passphrase: str, out: Path, language: str) -> None:
    from borapp.app import build_window
    from borapp.services.demo.showcase import showcase_case_id
    from borapp.services.vault.vault import Vault
    from borapp.services.vault.workspace import Workspace, list_coordinators

    window = build_window(vault, language)
    window.resize(*SIZE)
    window.show()
    _save(window, out, "unlock")
    opened = Vault.open(vault, passphrase)
    coordinators = list_coordinators(opened)
    workspace = Workspace(opened, coordinators[0] if coordinators else None)
    window.open_workspace(workspace)
    window.resize(*SIZE)
    shell = window.shell
    for key, page in shell.pages.items():
        shell.show_page(key)
        _save(window, out, key)
        for tabs in _visible_tabs(page):
            _each_tab(window, tabs, out, key)
    from borapp.ui.pages.outbox import screenshots as outbox_shots
    from borapp.ui.pages.reports import screenshots as reports_shots
    from borapp.ui.pages.settings import mail_screenshots as mail_shots
    from borapp.ui.pages.settings import screenshots as settings_shots
    from borapp.ui.pages.settings import team_screenshots as team_shots
    from borapp.ui.wizards.intake import screenshots as intake_shots
    from borapp.ui.wizards.matching import screenshots as matching_shots

    for module in (intake_shots, matching_shots, outbox_shots, settings_shots, mail_shots, team_shots,
                   reports_shots):
        module.shoot(window, lambda widget, name: _save(widget, out, name))
        window.resize(*SIZE)
    case_id = showcase_case_id(workspace)
    if case_id is not None:
        shell.open_case(case_id)
        _save(window, out, "case-file")
        for tabs in _visible_tabs(shell.pages["cases"]):
            _each_tab(window, tabs, out, "case-file")
    window.lock()
    window.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m borapp.tools.screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("--vault", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--lang", choices=("nl", "en"), default="nl")
    args = parser.parse_args(argv)
    passphrase = os.environ.get("BORAPP_PASSPHRASE")
    if not passphrase:
        print("Set BORAPP_PASSPHRASE to the vault's passphrase.", file=sys.stderr)
        return 2
    from borapp.app import make_application

    make_application()
    args.out.mkdir(parents=True, exist_ok=True)
    shoot_unlock_screens(args.out, args.lang)
    shoot_main_window(args.vault, passphrase, args.out, args.lang)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
