"""Lock when the platform says the session is locked or the machine goes to sleep, not only after idle time.

- Linux: D-Bus. logind's `PrepareForSleep(true)` on the system bus (suspend, hibernate) and the session's `Lock`
  signal; the desktop's screen saver `ActiveChanged(true)` on the session bus (freedesktop, GNOME, KDE names).
- Windows: the session notifications `WM_WTSSESSION_CHANGE` with `WTS_SESSION_LOCK` (Win+L, the lid) and
  `WM_POWERBROADCAST` with `PBT_APMSUSPEND`, read by a native event filter.
- Everywhere: Qt's application state `ApplicationSuspended` (what macOS and mobile platforms report).
- macOS has no screen-lock signal that Qt passes on: there the idle lock and Ctrl+L do the work (see README).

A platform without any of these loses nothing: the idle lock still runs.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QAbstractNativeEventFilter, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication

WM_WTSSESSION_CHANGE, WTS_SESSION_LOCK = 0x02B1, 0x7
WM_POWERBROADCAST, PBT_APMSUSPEND = 0x0218, 0x4
NOTIFY_FOR_THIS_SESSION = 0

_SCREEN_SAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
    ("org.kde.screensaver", "/ScreenSaver", "org.freedesktop.ScreenSaver"),
)


class SessionWatcher(QObject):
    """Emits `lock_now` when the session is locked or the machine suspends; `sources` says what it listens to."""

    lock_now = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.sources: list[str] = []
        app = QApplication.instance()
        app.applicationStateChanged.connect(self._state_changed)
        self.sources.append("qt-application-state")
        if sys.platform.startswith("linux"):
            self._listen_dbus()
        elif sys.platform == "win32":  # pragma: no cover - exercised on Windows
            self._listen_windows(app)

    # ---- what each platform says ----------------------------------------------------------------------------------

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.lock_now.emit()

    @Slot(bool)
    def prepare_for_sleep(self, going: bool) -> None:
        if going:
            self.lock_now.emit()

    @Slot(bool)
    def screen_saver_active(self, active: bool) -> None:
        if active:
            self.lock_now.emit()

    @Slot()
    def session_locked(self) -> None:
        self.lock_now.emit()

    def windows_message(self, message: int, wparam: int) -> None:
        """One Windows message as the native filter reads it."""
        if (message == WM_WTSSESSION_CHANGE and wparam == WTS_SESSION_LOCK) or \
                (message == WM_POWERBROADCAST and wparam == PBT_APMSUSPEND):
            self.lock_now.emit()

    # ---- listening ------------------------------------------------------------------------------------------------

    def _listen_dbus(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # a build without Qt D-Bus: the idle lock remains
            return
        system, session = QDBusConnection.systemBus(), QDBusConnection.sessionBus()
        if system.isConnected():
            if system.connect("org.freedesktop.login1", "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
                              "PrepareForSleep", self, "prepare_for_sleep(bool)"):
                self.sources.append("logind-sleep")
            if system.connect("org.freedesktop.login1", "/org/freedesktop/login1/session/auto",
                              "org.freedesktop.login1.Session", "Lock", self, "session_locked()"):
                self.sources.append("logind-lock")
        if session.isConnected():
            for service, path, interface in _SCREEN_SAVERS:
                if session.connect(service, path, interface, "ActiveChanged", self, "screen_saver_active(bool)"):
                    self.sources.append(service)

    def _listen_windows(self, app) -> None:  # pragma: no cover - exercised on Windows
        self._filter = WindowsMessages(self)
        app.installNativeEventFilter(self._filter)
        self.sources.append("windows-messages")
        try:
            owner = self.parent()
            hwnd = int(owner.winId()) if hasattr(owner, "winId") else 0
            if hwnd:
                ctypes.windll.wtsapi32.WTSRegisterSessionNotification(hwnd, NOTIFY_FOR_THIS_SESSION)
                self.sources.append("windows-session")
        except (AttributeError, OSError):
            pass


class _MSG(ctypes.Structure):
    _fields_ = [("hwnd", ctypes.c_void_p), ("message", ctypes.c_uint), ("wParam", ctypes.c_size_t),
                ("lParam", ctypes.c_ssize_t), ("time", ctypes.c_uint32), ("x", ctypes.c_long), ("y", ctypes.c_long)]


class WindowsMessages(QAbstractNativeEventFilter):
    """Reads Windows' MSG structures as Qt hands them on, and passes session and power messages to the watcher."""

    def __init__(self, watcher: SessionWatcher):
        super().__init__()
        self._watcher = watcher

    def nativeEventFilter(self, event_type, message):  # noqa: N802 - Qt override
        if bytes(event_type) in (b"windows_generic_MSG", b"windows_dispatcher_MSG"):
            msg = _MSG.from_address(int(message))
            self._watcher.windows_message(msg.message, msg.wParam)
        return False, 0
