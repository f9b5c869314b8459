"""Auto-lock: a timer restarted by every key press, click or wheel in the application."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

from borapp.ui.app_filter import AppFilter

_ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride,
}


class InactivityWatcher(AppFilter):
    idle = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.attach()

    def start(self, milliseconds: int) -> None:
        self._timer.setInterval(max(milliseconds, 1))
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def filter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False
