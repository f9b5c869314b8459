"""An event filter on the whole application that goes with its window.

A filter installed on the QApplication sees every event of every window, also while the window that made it is being
deleted. Python's garbage collector may already have emptied the filter's attributes then (a window dropped in a
cycle: the screenshot tool's first window), and every event raised "'TypingPause' object has no attribute 'enabled'"
from inside Qt, in nested loops. So a filter here is removed when its window closes (`detach`) and, until Qt has
deleted it, lets every event pass once its own state is gone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication


class AppFilter(QObject):
    """Subclasses implement `filter(watched, event)` and call `attach()` at the end of `__init__` (once their state
    is there); `eventFilter` calls `filter` only while the filter is attached."""

    _attached = False  # the class's value answers once the garbage collector has emptied the instance

    def attach(self) -> None:
        self._attached = True
        QApplication.instance().installEventFilter(self)

    def detach(self) -> None:
        """Stop filtering: the window that owns this closed for good."""
        if self._attached:
            self._attached = False
            QApplication.instance().removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if not getattr(self, "_attached", False):
            return False
        return self.filter(watched, event)

    def filter(self, watched: QObject, event: QEvent) -> bool:
        raise NotImplementedError
