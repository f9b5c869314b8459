"""A window's first size, never larger than the screen it opens on leaves free: a 1366×768 screen at 125 % gives
1,093×614 less the task bar, and a letter editor 680 px high had its Save button below the screen's edge."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME = 40  # the title bar and borders the window system adds around it


def resize_within_screen(window: QWidget, width: int, height: int) -> bool:
    """Resize to `width`×`height`, or less where the screen leaves less; True when it did."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    wanted = (width, height)
    if screen is not None:
        free = screen.availableGeometry()
        width, height = min(width, free.width() - FRAME), min(height, free.height() - FRAME)
    window.resize(max(width, window.minimumSizeHint().width()), max(height, window.minimumSizeHint().height()))
    return (width, height) != wanted
