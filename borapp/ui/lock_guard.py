"""The app-wide side of locking: Ctrl+L locks from any window (a modal dialog too), a dialog whose typing was
kept at a lock gets it back when it is shown again after unlock (and what was kept of it against a crash goes when
it is closed by hand), and the windows a lock closed (and dialogs closed
before, still alive behind their opener) drop what they show and go (`drop_windows`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from borapp.ui import kept_typing
from borapp.ui.app_filter import AppFilter


class LockGuard(AppFilter):
    """Installed on the application: `lock()` on Ctrl+L anywhere, `offer(window)` when a kept dialog shows,
    `forget(window)` when one is closed other than by a lock."""

    def __init__(self, lock: Callable[[], None], offer: Callable[[QWidget], None],
                 forget: Callable[[QWidget], None], parent: QObject | None = None):
        super().__init__(parent)
        self._lock, self._offer, self._forget = lock, offer, forget
        self.attach()

    def filter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and _is_lock_key(event):
            self._lock()
            return True
        if kind == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow() \
                and kept_typing.draft_key(watched):
            self._offer(watched)
        if kind == QEvent.Type.Hide and isinstance(watched, QWidget) and watched.isWindow() \
                and kept_typing.draft_key(watched) and not kept_typing.closed_by_lock(watched):
            self._forget(watched)
        return False


def _is_lock_key(event: QKeyEvent) -> bool:
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return event.key() == Qt.Key.Key_L and modifiers == Qt.KeyboardModifier.ControlModifier


def drop_windows(keep: QWidget) -> None:
    """After a lock closed every window but `keep`: those it closed, and every dialog (closed earlier, kept alive by
    the page that opened it, with the reason or name typed in it), are emptied now and deleted (by Qt, later)."""
    for window in QApplication.topLevelWidgets():
        if window is keep or not (kept_typing.closed_by_lock(window) or isinstance(window, QDialog)):
            continue
        wipe(window)
        window.deleteLater()


def wipe(widget: QWidget) -> None:
    """Empty every text and list of `widget` and what it holds, without telling anyone (no slot acts on it)."""
    for child in [widget, *widget.findChildren(QWidget)]:
        blocked = child.blockSignals(True)
        try:
            if isinstance(child, (QLineEdit, QPlainTextEdit, QTextEdit, QLabel)):
                child.clear()
            elif isinstance(child, (QTableWidget, QListWidget, QTreeWidget)):  # their own model: setModel is private
                child.clear()
            elif isinstance(child, QAbstractItemView) and child.model() is not None:
                child.setModel(None)
        finally:
            child.blockSignals(blocked)
