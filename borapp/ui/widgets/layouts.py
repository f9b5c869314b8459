"""Emptying a layout whose widgets are filled in again and again (a checklist, a match's reasons, likely duplicates)."""

from __future__ import annotations

from PySide6.QtWidgets import QLayout


def empty_layout(layout: QLayout) -> None:
    """Take every widget out of `layout` and delete it. Each is hidden at once: `deleteLater` waits for Qt's event
    loop, and until then the widget stays painted where it was, over whatever comes in its place."""
    while layout.count():
        widget = layout.takeAt(0).widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
