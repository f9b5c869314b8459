"""The status bar's team-sync button: the state at a glance (synced at HH:MM, N changes waiting, offline,
conflicts), a click syncs now. Syncs run on the thread pool, never in the UI thread: after unlock, every few
minutes, when clicked, and before the vault locks (or the app quits) when changes are waiting."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from borapp.i18n import _, ngettext
from borapp.services.errors import BorError
from borapp.services.sync import run as sync_run
from borapp.services.sync.transport import Offline
from borapp.ui.icons import icon
from borapp.ui.tasks import run_task

EVERY_MS = 5 * 60_000
BEFORE_LOCK_TIMEOUT_S = 5.0  # a sync at lock waits this long for the server at most: the lock must not hang


class SyncIndicator(QPushButton):
    synced = Signal()  # records may have arrived: screens refresh
    revoked = Signal(str)  # the server took this laptop out of the team and asks it to remove its vault

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFlat(True)
        self.workspace = None
        self.busy = False
        self.offline = False
        self.problem = ""
        self.clicked.connect(lambda: self.sync_now())  # not the click's `checked` as a timeout
        self.timer = QTimer(self, interval=EVERY_MS, timeout=lambda: self.sync_now())
        self.hide()

    def start(self, workspace) -> None:
        self.workspace = workspace
        self.offline, self.problem = False, ""
        self.show_state()
        if self.isVisible():
            self.timer.start()
            self.sync_now()

    def stop(self) -> None:
        self.timer.stop()
        self.workspace = None
        self.hide()

    def show_state(self) -> None:
        if self.workspace is None or self.workspace.is_locked:
            return
        state = sync_run.status(self.workspace)
        self.setVisible(state.joined)
        if not state.joined:
            return
        self.setText(state_text(state, self.offline, self.busy))
        self.setIcon(icon("warning" if state.open_conflicts or self.problem else
                          "cloud-slash" if self.offline else "arrows-clockwise"))
        self.setToolTip(self.problem or _("Click to sync now with {url}").format(url=state.url))

    def sync_now(self, timeout_s: float = sync_run.TIMEOUT_S) -> None:
        if self.busy or self.workspace is None or self.workspace.is_locked:
            return
        self.busy = True
        self.show_state()
        workspace = self.workspace
        run_task(lambda progress: sync_run.sync_now(workspace, progress=progress, timeout_s=timeout_s),
                 workspace).progress(self._progress).success(self._done).failure(self._failed).always(
            self._settled).start()

    def send_before_lock(self) -> None:
        """Changes waiting and the server reachable at the last try: start a sync (short timeouts) that the lock
        waits for."""
        if self.busy or self.offline or self.workspace is None or self.workspace.is_locked:
            return
        state = sync_run.status(self.workspace)
        if state.joined and state.waiting:
            self.sync_now(timeout_s=BEFORE_LOCK_TIMEOUT_S)

    def _progress(self, done: int, total: int) -> None:
        if total > 50:
            self.setText(_("Syncing: {done} of {total} changes sent").format(done=done, total=total))

    def _settled(self) -> None:
        """Also when the vault locked as it ended (the changes wait for the next sync): not busy any more."""
        self.busy = False

    def _done(self, _result) -> None:
        self.offline, self.problem = False, ""
        self.show_state()
        self.synced.emit()

    def _failed(self, exc: BaseException) -> None:
        if getattr(exc, "wipe", False):
            self.revoked.emit(str(exc))
            return
        self.offline = isinstance(exc, Offline)
        self.problem = str(exc) if isinstance(exc, BorError) else sync_run.unexpected()  # never a Python name
        self.show_state()


def state_text(state, offline: bool, busy: bool) -> str:
    if busy:
        return _("Syncing…")
    if state.open_conflicts:
        return ngettext("Conflicts ({n})", "Conflicts ({n})", state.open_conflicts).format(n=state.open_conflicts)
    if offline:
        return _("Offline") if not state.waiting else ngettext(
            "Offline: {n} change waiting", "Offline: {n} changes waiting", state.waiting).format(n=state.waiting)
    if state.waiting:
        return ngettext("{n} change waiting", "{n} changes waiting", state.waiting).format(n=state.waiting)
    if state.last_synced:
        return _("Synced at {time}").format(time=dt.datetime.fromisoformat(state.last_synced).strftime("%H:%M"))
    return _("Not synced yet")
