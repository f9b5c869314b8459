"""The main window: the unlock screen while locked, the rail and screens while open; locks on Ctrl+L and when idle.

Locking keeps unsaved typing as encrypted drafts, and where the coordinator was (the page, the case file or volunteer
profile open, its tab: ids only, in the vault too) to bring her back there at the unlock; it closes every other window
of the app (what was typed in a dialog is kept too and comes back when that dialog is opened again), drops every
view's data and shows the unlock screen at once. Then it disposes the engine and overwrites the key: at once, or, when
a sync is under way (changes waiting go to the office server as the vault locks), once that sync is over, and
`SYNC_WAIT_MS` at most; a sync still running then is cut off, and what it had not recorded goes again next time.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from borapp.formatting import date_time
from borapp.i18n import _
from borapp.services import drafts, settings
from borapp.services.errors import BorError, VaultDamaged
from borapp.services.vault import backups, scheduled_check
from borapp.services.vault.vault import weak_key_warning
from borapp.services.vault.workspace import Workspace
from borapp.ui import kept_typing
from borapp.ui.colours import ERROR, WARNING, text_style
from borapp.ui.icons import icon
from borapp.ui.inactivity import InactivityWatcher
from borapp.ui.lock_guard import LockGuard, drop_windows
from borapp.ui.memory import forget_module_sources
from borapp.ui.session_watch import SessionWatcher
from borapp.ui.shell import Shell
from borapp.ui.sync_indicator import SyncIndicator
from borapp.ui.tasks import run_task
from borapp.ui.unlock.unlock_screen import UnlockScreen
from borapp.ui.widgets.screen_fit import resize_within_screen

DRAFT_PREFIX = drafts.UI_PREFIX
PLACE_KEY = drafts.PLACE_KEY
DIALOG_DRAFTS = "dialog/"  # under DRAFT_PREFIX: typing kept from a dialog that a lock closed
TOLD_DRAFTS = (DIALOG_DRAFTS, "settings/")  # said after unlock: nothing on the first screen shows them
DRAFT_SAVE_MS = 20_000
SYNC_WAIT_MS = 20_000
CHECK_AFTER_MS = 3_000


class MainWindow(QMainWindow):
    locked = Signal()
    unlocked = Signal()

    def __init__(self, vault_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("BOR Desk"))
        self.workspace: Workspace | None = None
        self.shell: Shell | None = None
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.unlock_screen = UnlockScreen(vault_path)
        self.stack.addWidget(self.unlock_screen)
        self.unlock_screen.unlocked.connect(self.open_workspace)
        self.unlock_screen.waiting.connect(self._guard_waiting_vault)
        self._build_status_bar()
        self._build_actions()
        self.inactivity = InactivityWatcher(self)
        self.inactivity.idle.connect(self.lock)
        self.session_watch = SessionWatcher(self)  # the platform's screen lock and sleep lock the vault too
        self.session_watch.lock_now.connect(self.lock)
        self._draft_timer = QTimer(self, interval=DRAFT_SAVE_MS, timeout=self.save_drafts)
        self.typing_pause = kept_typing.TypingPause(self)  # and a breath after typing stops, against a crash
        self.typing_pause.paused.connect(self.keep_typing)
        self._backup_timer = QTimer(self, interval=3_600_000, timeout=self._daily_backup)
        # the weekly check of every page starts once the first screen is painted, never in the unlock's way
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_AFTER_MS, timeout=self._scheduled_check)
        self._closing: Workspace | None = None  # locked on screen, its key kept until the sync under way is over
        self._close_timer = QTimer(self, singleShot=True, interval=SYNC_WAIT_MS, timeout=self._close_vault)
        self.lock_guard = LockGuard(self.lock, self.offer_kept_typing, self.forget_kept_typing, self)
        self.opens_maximized = False
        self._restore_geometry()
        self._show_locked_state()
        forget_module_sources()

    # ---- building -----------------------------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.vault_label, self.coordinator_label, self.backup_label = QLabel(), QLabel(), QLabel()
        for label in (self.vault_label, self.coordinator_label, self.backup_label):
            bar.addWidget(label)
        self.weak_label = QLabel()  # loud, and always in view while a weak (test-setting) vault is open
        self.weak_label.setStyleSheet(f"color: white; background: {ERROR}; padding: 2px 8px; font-weight: 600;")
        self.weak_label.setWordWrap(True)
        self.weak_label.hide()
        bar.addWidget(self.weak_label, 1)
        self.sync_indicator = SyncIndicator()  # shown once this laptop is in a team
        self.sync_indicator.synced.connect(self._synced)
        self.sync_indicator.revoked.connect(self._revoked)
        self.sync_indicator.idle.connect(self._close_vault)
        bar.addPermanentWidget(self.sync_indicator)
        self.lock_button = QPushButton(icon("lock-simple"), _("Lock (Ctrl+L)"))
        self.lock_button.setFlat(True)
        self.lock_button.clicked.connect(self.lock)
        bar.addPermanentWidget(self.lock_button)

    def _build_actions(self) -> None:
        self.lock_action = QAction(_("Lock"), self, shortcut=QKeySequence("Ctrl+L"), triggered=self.lock)
        self.search_action = QAction(_("Search cases"), self, shortcut=QKeySequence("Ctrl+F"),
                                     triggered=self._focus_search)
        self.addAction(self.lock_action)
        self.addAction(self.search_action)

    # ---- unlock / lock ------------------------------------------------------------------------------------------

    def open_workspace(self, workspace: Workspace) -> None:
        try:
            self._enter(workspace)
        except Exception as exc:  # a damaged page read on the way in: the unlock itself only took a quick look
            damage = scheduled_check.damage_behind(workspace, exc)
            if damage is None:
                raise
            self._refuse_damaged(damage)

    def _refuse_damaged(self, damage: BaseException) -> None:
        """Back to the unlock screen with the damage said there, beside 'Restore a backup…', as a refused open."""
        self._check_timer.stop()
        self.sync_indicator.stop()
        self._stop_keeping_typing()
        self._backup_timer.stop()
        self.inactivity.stop()
        if self.shell is not None:
            self.shell.clear()
        if self.workspace is not None:
            self.workspace.lock()
        self.workspace = None
        self._show_locked_state()
        self.unlock_screen.show_damage(damage)

    def _guard_waiting_vault(self, vault) -> None:
        """The vault is open on "who is working": idle time and Ctrl+L lock it there too, or whoever comes later
        presses Enter and is in."""
        minutes = int(settings.read_setting(vault, "auto_lock_minutes") or 10)
        self.inactivity.start(minutes * 60_000)
        self.lock_action.setEnabled(True)

    def _enter(self, workspace: Workspace) -> None:
        self._close_vault()  # unlocked again before the sync of the last lock was over: that one stops here
        self.workspace = workspace
        if self.shell is None:
            self.shell = Shell(workspace)
            self.shell.data_changed.connect(self.update_status)
            self.stack.addWidget(self.shell)
        else:
            self.shell.set_workspace(workspace)
        self.stack.setCurrentWidget(self.shell)
        self.shell.rail.setFocus()  # the unlock screen had the focus; keyboard work goes on from the rail
        self.shell.refresh_current()
        kept = {d.key[len(DRAFT_PREFIX):]: d.payload for d in drafts.list_drafts(workspace, DRAFT_PREFIX)}
        self.shell.restore_drafts(kept)
        place = drafts.take_draft(workspace, PLACE_KEY)
        if place is not None:
            self.shell.return_to(place)
        minutes = int(settings.read_setting(workspace, "auto_lock_minutes") or 10)
        self.inactivity.start(minutes * 60_000)
        self._draft_timer.start()
        self.typing_pause.enabled = True
        self._backup_timer.start()
        self.lock_action.setEnabled(True)
        self.search_action.setEnabled(True)
        self.statusBar().show()
        self.update_status()
        self._daily_backup()
        self._check_timer.start()
        self.sync_indicator.start(workspace)
        self._tell_kept_typing([drafts.draft_title(p) for k, p in kept.items() if k.startswith(TOLD_DRAFTS)])
        forget_module_sources()  # the pages shown first imported their modules
        self.unlocked.emit()

    def _tell_kept_typing(self, titles: list[str]) -> None:
        if titles:
            self.statusBar().showMessage(
                _("Kept from before BOR Desk was locked or closed: {windows}. Open it again and your typing is back.")
                .format(windows=", ".join(f"“{t}”" for t in titles if t)), 60_000)

    def set_auto_lock_ms(self, milliseconds: int) -> None:
        """Change the idle time before locking (settings, and tests that cannot wait ten minutes)."""
        self.inactivity.start(milliseconds)

    def lock(self, *, send: bool = True) -> None:
        """`send`: changes waiting go to the office server as the vault locks, when it was reachable."""
        if self.workspace is None or self.workspace.is_locked:
            if self.unlock_screen.choosing_coordinator:  # unlocked, nobody chosen yet: closed, back to the passphrase
                self.inactivity.stop()
                self._show_locked_state()
                self.locked.emit()
            return
        workspace = self.workspace
        self.save_drafts()
        self._keep_place()
        self._close_other_windows()
        if self.shell is not None:
            self.shell.clear()  # nothing personal stays on screen while a last sync finishes
        drop_windows(self)  # nor in the windows closed, nor in dialogs closed before and kept by their page
        if send:
            self.sync_indicator.send_before_lock()
        self.sync_indicator.stop()
        self._stop_keeping_typing()
        self._backup_timer.stop()
        self._check_timer.stop()  # a check already running is interrupted by the vault's lock
        self.inactivity.stop()
        self.workspace = None
        self._show_locked_state()
        self._closing = workspace
        if self.sync_indicator.busy:  # the sync writes to the vault: the key goes once it is over (`idle`)
            self._close_timer.start()
        else:
            self._close_vault()
        self.locked.emit()

    def _close_vault(self) -> None:
        """The key of the vault locked on screen goes now: its sync is over, took too long, or it is unlocked
        again. A sync still running is stopped by the lock without writing anything (`Vault.session`)."""
        workspace, self._closing = self._closing, None
        self._close_timer.stop()
        if workspace is not None:
            workspace.lock()

    def _wait_for_sync(self) -> None:
        """The app quits: the sync under way may finish first (`SYNC_WAIT_MS` at most), the unlock screen shown."""
        if self._closing is not None:
            self.repaint()  # the unlock screen, not the case, while it waits
            QThreadPool.globalInstance().waitForDone(SYNC_WAIT_MS)
            self._close_vault()

    def _show_locked_state(self) -> None:
        self.unlock_screen.reset()
        self.stack.setCurrentWidget(self.unlock_screen)
        self.lock_action.setEnabled(False)
        self.search_action.setEnabled(False)
        self.statusBar().hide()
        self.statusBar().clearMessage()  # shown again at the next unlock, "kept from before the lock" no longer true
        for label in (self.vault_label, self.coordinator_label, self.backup_label):
            label.clear()

    def _stop_keeping_typing(self) -> None:
        self._draft_timer.stop()
        self.typing_pause.enabled = False
        self.typing_pause.stop()

    def keep_typing(self) -> None:
        """Typing stopped: keep every screen's and every open dialog's typing as it stands, against a crash."""
        try:
            self.save_drafts()
            self._keep_dialog_typing(kept_typing.other_windows(self))
        except BorError:
            pass  # kept at the next pause, or by the lock

    def save_drafts(self) -> None:
        """Keep what is being typed as encrypted drafts (on lock, when typing stops and every 20 s, against
        crashes)."""
        if self.workspace is None or self.workspace.is_locked or self.shell is None:
            return
        current = self.shell.drafts()
        for key, payload in current.items():
            drafts.save_draft(self.workspace, DRAFT_PREFIX + key, payload)

    def _keep_place(self) -> None:
        """Where she is, for the unlock to bring her back (`Shell.return_to`)."""
        if self.shell is None:
            return
        try:
            drafts.save_draft(self.workspace, PLACE_KEY, self.shell.place())
        except BorError:
            pass  # the lock goes on; she finds the case again in the list

    def _close_other_windows(self) -> None:
        """Every window but this one closes; what was typed in a dialog that names its draft is kept first."""
        windows = kept_typing.other_windows(self)
        try:
            self._keep_dialog_typing(windows)
        except BorError:
            pass  # the lock goes on; the vault said why it could not keep this
        for window in windows:
            kept_typing.close_for_lock(window)

    def _keep_dialog_typing(self, windows: list[QWidget]) -> None:
        """What was typed in each window that names its draft, kept; a window emptied again keeps nothing."""
        if self.workspace is None or self.workspace.is_locked:
            return
        for window in windows:
            key = kept_typing.draft_key(window)
            if not key:
                continue
            values = kept_typing.typing(window)
            if kept_typing.has_typing(values):
                drafts.save_draft(self.workspace, DRAFT_PREFIX + DIALOG_DRAFTS + key,
                                  {"typed": values, "title": window.windowTitle()})
            else:
                drafts.delete_draft(self.workspace, DRAFT_PREFIX + DIALOG_DRAFTS + key)

    def offer_kept_typing(self, window: QWidget) -> None:
        """A dialog whose typing a lock kept is shown again: fill it in and let the draft go."""
        if self.workspace is None or self.workspace.is_locked:
            return
        key = DRAFT_PREFIX + DIALOG_DRAFTS + kept_typing.draft_key(window)
        kept = drafts.load_draft(self.workspace, key)
        if kept and kept_typing.put_back(window, kept.get("typed", {})):
            drafts.delete_draft(self.workspace, key)
            self.statusBar().showMessage(_("What was typed here before the lock is back."), 8000)

    def forget_kept_typing(self, window: QWidget) -> None:
        """A kept dialog closed by hand (saved or cancelled): what `keep_typing` kept of it against a crash goes."""
        if self.workspace is not None and not self.workspace.is_locked:
            drafts.delete_draft(self.workspace, DRAFT_PREFIX + DIALOG_DRAFTS + kept_typing.draft_key(window))

    def forget_draft(self, key: str) -> None:
        if self.workspace is not None and not self.workspace.is_locked:
            drafts.delete_draft(self.workspace, DRAFT_PREFIX + key)

    # ---- status and backups -------------------------------------------------------------------------------------

    def _revoked(self, message: str) -> None:
        """The organisation took this laptop out of the team: lock, remove the vault, say so."""
        from borapp.services.sync.wipe import wipe_vault

        workspace = self.workspace
        if workspace is None:
            return
        self.lock(send=False)  # the server refuses this laptop: nothing more is sent
        wipe_vault(workspace)
        self.unlock_screen.reset()
        QMessageBox.warning(self, _("Taken out of the team"),
                            message + " " + _("This laptop's vault has been removed."))

    def _synced(self) -> None:
        if self.shell is not None and self.workspace is not None and not self.workspace.is_locked:
            self.shell.refresh_current()

    def update_status(self) -> None:
        if self.workspace is None or self.workspace.is_locked:
            return
        self.vault_label.setText(_("Vault: {name}").format(name=self.workspace.path.name))
        weak = self.workspace.vault.weak_key()
        self.weak_label.setText(weak_key_warning() if weak else "")
        self.weak_label.setVisible(weak)
        self.coordinator_label.setText(_("Working: {name}").format(name=self.workspace.actor))
        state = backups.status(self.workspace)
        last = date_time(state.last) if state.last else _("never")
        self.backup_label.setText(_("Last backup: {when}").format(when=last))
        self.backup_label.setToolTip(state.warning)
        self.backup_label.setStyleSheet(text_style(WARNING) if state.warning else "")
        self.sync_indicator.follow()  # a save waits to be sent; joining or leaving the team shows or hides it

    def _daily_backup(self) -> None:
        if self.workspace is None or not backups.is_due(self.workspace):
            return
        workspace = self.workspace
        # bound methods, not lambdas: Qt drops the connection when this window is gone before the backup ends
        run_task(lambda _p: backups.make_backup(workspace), workspace).success(self._backup_made).failure(
            self._daily_backup_failed).start()

    def _backup_made(self, _result) -> None:
        self.update_status()

    def _daily_backup_failed(self, exc: BaseException) -> None:
        """Said where it stays in view (the backup line of the status bar, its tooltip) and for a minute in words.
        A backup a lock stopped says nothing (run_task): it is still due, and made after the next unlock."""
        message = str(exc) if isinstance(exc, BorError) else _("The daily backup failed ({kind}).").format(
            kind=type(exc).__name__)
        self.backup_label.setToolTip(message)
        self.backup_label.setStyleSheet(text_style(WARNING))
        self.statusBar().showMessage(message, 60_000)

    def _scheduled_check(self) -> None:
        workspace = self.workspace
        if workspace is None or workspace.is_locked or not scheduled_check.is_due(workspace):
            return
        run_task(lambda _p: scheduled_check.run(workspace), workspace).failure(self._check_failed).start()

    def _check_failed(self, exc: BaseException) -> None:
        """Damage found by the weekly check: said at once, in a window that stays until it is read. A check that
        could not finish for another reason is said in the status bar and runs again at the next unlock."""
        if isinstance(exc, VaultDamaged):
            self.statusBar().showMessage(str(exc), 60_000)
            QMessageBox.warning(self, _("The vault is damaged"), str(exc))
            return
        self.statusBar().showMessage(str(exc) if isinstance(exc, BorError) else _(
            "The weekly check of the vault failed ({kind}).").format(kind=type(exc).__name__), 60_000)

    def _focus_search(self) -> None:
        if self.shell is not None and self.workspace is not None:
            self.shell.focus_search()

    # ---- window life --------------------------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        saved = QSettings().value("window/geometry")
        if isinstance(saved, QByteArray) and not saved.isEmpty():
            self.restoreGeometry(saved)  # maximized again too, if it was when the app closed
        else:  # a first start on a screen smaller than the app is made for: all of it, and within it un-maximized
            self.opens_maximized = resize_within_screen(self, 1366, 768)

    def show_first(self) -> None:
        """Show the window as the app starts: maximized on a small screen the first time, else as it was left."""
        if self.opens_maximized:
            self.showMaximized()
        else:
            self.show()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        recovery = self.unlock_screen.recovery_page
        if self.unlock_screen.stack.currentWidget() is recovery and recovery.unconfirmed \
                and not recovery.ask_quit_without_key():
            event.ignore()
            return
        QSettings().setValue("window/geometry", self.saveGeometry())
        problem = ""
        if self.workspace is not None and not self.workspace.is_locked:
            self.save_drafts()  # first: whatever happens to the backup, the typing is kept
            try:
                if settings.read_setting(self.workspace, "backup.folder"):
                    backups.make_backup(self.workspace)
            except BorError as exc:
                problem = str(exc)
            except Exception as exc:  # never let a backup stop the lock; say what kind of problem it was
                problem = _("The backup on quit failed ({kind}).").format(kind=type(exc).__name__)
            finally:
                self.lock()
        self.unlock_screen.close_open_vault()  # closed on "who is working" or on the recovery key
        self._wait_for_sync()
        for watcher in (self.inactivity, self.typing_pause, self.lock_guard):  # closed for good: no filter left
            watcher.detach()
        if problem:
            QMessageBox.warning(self, _("Backup"), problem)
        super().closeEvent(event)
