"""Pictures of Settings → Referrers for borapp/tools/screenshots.py, beyond the empty tab the tool saves anyway.

    shoot(window, save)   # window: a MainWindow with an open workspace; save(widget, name) writes the PNG

Saves "settings-referrers-edit": the list with its first organisation chosen, its details in the form. Reads only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from borapp.ui.pages.settings.referrers_tab import ReferrersTab

Save = Callable[[QWidget, str], object]


def _settle(ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(window, save: Save) -> None:
    """Save "settings-referrers-edit" (nothing when the vault has no organisation yet)."""
    page = window.shell.show_page("settings")
    page.refresh()
    tab = page.findChild(ReferrersTab, "referrers")
    if tab is None or tab.table.rowCount() == 0:
        return
    page.show_section(tab.objectName())
    tab.table.setCurrentCell(0, 0)
    _settle()
    save(window, "settings-referrers-edit")
    tab.clear()
    tab.load(page.workspace)
