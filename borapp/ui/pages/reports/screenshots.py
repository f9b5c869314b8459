"""Pictures of the Reports screen for borapp/tools/screenshots.py, beyond its top the tool saves anyway.

    shoot(window, save)   # window: a MainWindow with an open workspace; save(widget, name) writes the PNG

Saves "reports-tables" (scrolled to the outcomes) and "reports-cases-behind" (the cases behind the year's
registrations in the first municipality). Reads only.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

Save = Callable[[QWidget, str], object]


def _settle(ms: int = 150) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(window, save: Save) -> None:
    page = window.shell.show_page("reports")
    arrived = QEventLoop()
    page.shown.connect(arrived.quit)
    page.refresh()  # worked out off the UI thread: wait for it (at most a minute)
    QTimer.singleShot(60_000, arrived.quit)
    arrived.exec()
    outcomes = page.tables.get("outcomes")
    if outcomes is not None:
        page.scroll.ensureWidgetVisible(outcomes, 0, 200)
        _settle()
        save(window, "reports-tables")
    table = page.tables.get("registrations_per_municipality")
    if table is None:
        return
    for row in range(table.rowCount()):
        if table.selection_at(row, 2) is not None:
            table.cases_asked.emit(table.selection_at(row, 2), table.item(row, 0).text())
            break
    if page.dialog is not None:
        _settle()
        save(page.dialog, "reports-cases-behind")
        page.dialog.close()
