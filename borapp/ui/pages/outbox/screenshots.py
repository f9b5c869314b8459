"""Pictures of the outbox's own windows for borapp/tools/screenshots.py: the preview and the editor.

    shoot(window, save)   # window: a MainWindow with an open workspace; save(widget, name) writes the PNG

Reads only: opens the preview and the editor on the first letter waiting and closes them without saving.
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
    """Save "outbox-preview" and "outbox-edit" (nothing when the outbox has no letter waiting)."""
    page = window.shell.show_page("outbox")
    page.refresh()
    editable = next((r for r in page.model.rows() if r.editable), None)
    if editable is None:
        return
    page.table.selectRow(page.model.row_of(editable.id))
    page.show_preview()
    if page.preview is not None:
        _settle(400)  # the PDF view renders its pages on a timer
        save(page.preview, "outbox-preview")
        page.preview.close()
    page.edit()
    if page.editor is not None:
        _settle()
        save(page.editor, "outbox-edit")
        page.editor.reject()
    _settle()
