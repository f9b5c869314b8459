"""The app-wide side of locking: Ctrl+L locks from any window (a modal dialog too), and a dialog whose typing was
kept at a lock gets it back when it is shown again after unlock."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from borapp.ui import kept_typing


class LockGuard(QObject):
    """Installed on the application: `lock()` on Ctrl+L anywhere, `offer(window)` when a kept dialog shows."""

    def __init__(self, lock: Callable[[], None], offer: Callable[[QWidget], None], parent: QObject | None = None):
        super().__init__(parent)
        self._lock, self._offer = lock, offer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Type.KeyPress and _is_lock_key(event):
            self._lock()
            return True
        if kind == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow() \
                and kept_typing.draft_key(watched):
            self._offer(watched)
        return False


def _is_lock_key(event: QKeyEvent) -> bool:
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return event.key() == Qt.Key.Key_L and modifiers == Qt.KeyboardModifier.ControlModifier
