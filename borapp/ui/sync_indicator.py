"""The status bar's team-sync button: the state at a glance (synced at HH:MM, N changes waiting, offline,
conflicts, the last sync failed at HH:MM and why), a click syncs now. Syncs run on the thread pool, never in the UI
thread: after unlock, every few minutes, when clicked, and before the vault locks (or the app quits) when changes
are waiting."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from borapp.formatting import date_time
from borapp.i18n import _, ngettext
from borapp.services.sync import failure
from borapp.services.sync import run as sync_run
from borapp.services.sync.transport import Offline
from borapp.ui.icons import icon
from borapp.ui.sync_activity import sync_activity
from borapp.ui.tasks import run_task

EVERY_MS = 5 * 60_000
BEFORE_LOCK_TIMEOUT_S = 5.0  # a sync at lock waits this long for the server at most: the lock must not hang


class SyncIndicator(QPushButton):
    synced = Signal()  # records may have arrived: screens refresh
    revoked = Signal(str)  # the server took this laptop out of the team and asks it to remove its vault
    idle = Signal()  # a sync is over (also one a lock or `stop` left running): the vault may lock now

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFlat(True)
        self.workspace = None
        self.busy = False
        self.offline = False
        self.problem = ""
        self.failed_at: dt.datetime | None = None  # when the last sync failed (not offline); None after a good one
        self._sync_when_idle = False  # started while a sync of before the lock still ran: sync once it is over
        self.clicked.connect(lambda: self.sync_now())  # not the click's `checked` as a timeout
        self.timer = QTimer(self, interval=EVERY_MS, timeout=lambda: self.sync_now())
        sync_activity().changed.connect(self._activity_changed)  # Settings → Team's sync shows here too
        self.hide()

    def start(self, workspace) -> None:
        self.workspace = workspace
        self.offline, self.problem, self.failed_at = False, "", None
        if self.show_state():
            self.timer.start()
            self._sync_when_idle = self.busy
            self.sync_now()

    def follow(self) -> None:
        """The state again after a change here: the count waiting after a save; a laptop that just joined the team
        (its Team tab syncs it at once) shows the button and syncs every few minutes, one that left hides it."""
        if self.show_state():
            if not self.timer.isActive():
                self.timer.start()
        else:
            self.timer.stop()

    def stop(self) -> None:
        """A sync running goes on (the lock waits for `idle` before the key goes); its answer changes nothing here."""
        self.timer.stop()
        self.workspace = None
        self._sync_when_idle = False
        self.hide()

    def show_state(self) -> bool:
        """Shown with the state when this laptop is in a team, hidden when not; whether it is."""
        if self.workspace is None or self.workspace.is_locked:
            return False
        state = sync_run.status(self.workspace)
        self.setVisible(state.joined)
        if not state.joined:
            return False
        failed_at, problem = (self.failed_at, self.problem) if self.failed_at or self.offline else noted_failure(state)
        self.setText(state_text(state, self.offline, self.busy or sync_activity().running, failed_at))
        self.setIcon(icon("cloud-slash" if self.offline else
                          "warning" if state.open_conflicts or problem else "arrows-clockwise"))
        self.setToolTip(failed_tip(state, failed_at, problem) if failed_at and not self.offline else
                        problem or _("Click to sync now with {url}").format(url=state.url))
        return True

    def sync_now(self, timeout_s: float = sync_run.TIMEOUT_S) -> None:
        """Not beside another sync (Settings → Team's): the service would refuse it, and that one says how it went."""
        if self.busy or sync_activity().running or self.workspace is None or self.workspace.is_locked:
            return
        self.busy = True
        self.show_state()
        workspace = self.workspace
        task = run_task(lambda progress: sync_run.sync_now(workspace, progress=progress, timeout_s=timeout_s),
                        workspace)
        sync_activity().watch(task)  # first: over before `_settled` may start the next one
        task.progress(self._progress).success(self._done).failure(self._failed).always(self._settled).start()

    def _activity_changed(self, running: bool) -> None:
        """Another sync (Settings → Team's) began or ended: "Syncing…" meanwhile, the state it left after."""
        if not self.busy:
            self.show_state()

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
        self.idle.emit()
        if self._sync_when_idle:
            self._sync_when_idle = False
            self.sync_now()

    def _done(self, _result) -> None:
        self.offline, self.problem, self.failed_at = False, "", None
        self.show_state()
        self.synced.emit()

    def _failed(self, exc: BaseException) -> None:
        if getattr(exc, "wipe", False):
            self.revoked.emit(str(exc))
            return
        if isinstance(exc, sync_run.AlreadySyncing):  # the one running says how it went
            self.show_state()
            return
        self.offline = isinstance(exc, Offline)
        self.problem = failure.in_words(exc)  # never a class name: "(IntegrityError)"
        self.failed_at = None if self.offline else dt.datetime.now()
        self.show_state()


def state_text(state, offline: bool, busy: bool, failed_at: dt.datetime | None = None) -> str:
    if busy:
        return _("Syncing…")
    if offline:  # first: conflicts are settled through the office server, and it cannot be reached
        return _("Offline") if not state.waiting else ngettext(
            "Offline: {n} change waiting", "Offline: {n} changes waiting", state.waiting).format(n=state.waiting)
    if failed_at is not None:  # else it said "Not synced yet" (or an old time) while every sync failed
        return _("Sync failed at {time}").format(time=failed_at.strftime("%H:%M"))
    if state.open_conflicts:
        return ngettext("Conflicts ({n})", "Conflicts ({n})", state.open_conflicts).format(n=state.open_conflicts)
    if state.waiting:
        return ngettext("{n} change waiting", "{n} changes waiting", state.waiting).format(n=state.waiting)
    if state.last_synced:
        return _("Synced at {time}").format(time=dt.datetime.fromisoformat(state.last_synced).strftime("%H:%M"))
    return _("Not synced yet")


def noted_failure(state) -> tuple[dt.datetime | None, str]:
    """The failure of the last sync as the vault noted it (one started in Settings → Team, or before a restart):
    when and why; (None, "") when the last sync went well."""
    try:
        return (dt.datetime.fromisoformat(state.failed_at), state.failure) if state.failed_at else (None, "")
    except ValueError:
        return None, ""


def last_good(state) -> str:
    """"Last good sync: 6 December 2026 14:05" (or never)."""
    last = dt.datetime.fromisoformat(state.last_synced) if state.last_synced else None
    return _("Last good sync: {when}").format(when=date_time(last) if last else _("never"))


def failed_tip(state, failed_at: dt.datetime, problem: str) -> str:
    """When the last sync failed and why, and when the last one went well; as paragraphs, which a tooltip wraps (a
    plain one is a single line across the screen)."""
    lines = (_("The last sync failed ({when}): {why}").format(when=date_time(failed_at), why=problem),
             last_good(state), _("Click to try again now."))
    return "".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines)
