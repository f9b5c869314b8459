"""The unlock screen: create a vault on first run, else unlock (passphrase or recovery key), then pick who works.

Every vault failure shows its own message and the next step; a backup can be restored from here.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from borapp.i18n import _
from borapp.services.errors import BorError, VaultDamaged, describe
from borapp.services.vault import passphrase_change
from borapp.services.vault.restore import aside_note, recovery_key_note, restore
from borapp.services.vault.vault import Vault
from borapp.services.vault.workspace import Workspace, add_coordinator, list_coordinators
from borapp.ui.tasks import run_task
from borapp.ui.unlock.coordinator_page import CoordinatorPage
from borapp.ui.unlock.create_page import CreatePage
from borapp.ui.unlock.passphrase_page import PassphrasePage
from borapp.ui.unlock.recovery_key_page import RecoveryKeyPage
from borapp.ui.unlock.recovery_sheet_box import RecoveryKeyDialog


class UnlockScreen(QWidget):
    unlocked = Signal(object)  # Workspace
    waiting = Signal(object)  # Vault: open on "who is working"; the window guards it (idle, Ctrl+L) as any screen

    def __init__(self, vault_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.vault_path = Path(vault_path)
        self._vault: Vault | None = None
        self.setWindowTitle(_("BOR Desk"))
        outer = QVBoxLayout(self)
        card = QFrame()
        card.setObjectName("unlockCard")
        card.setMinimumWidth(600)
        card.setMaximumWidth(640)
        outer.addWidget(card, alignment=Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(card)
        QVBoxLayout(card).addWidget(self.stack)
        self.create_page = CreatePage()
        self.passphrase_page = PassphrasePage()
        self.recovery_page = RecoveryKeyPage()
        self.coordinator_page = CoordinatorPage()
        for page in (self.create_page, self.passphrase_page, self.recovery_page, self.coordinator_page):
            self.stack.addWidget(page)
        self.create_page.create_requested.connect(self._create)
        self.passphrase_page.unlock_requested.connect(self._unlock)
        self.passphrase_page.recover_requested.connect(self._recover)
        self.passphrase_page.restore_requested.connect(self._restore)
        self.recovery_page.done.connect(self._choose_coordinator)
        self.coordinator_page.chosen.connect(self._coordinator_chosen)
        self.reset()

    def reset(self) -> None:
        """Back to the first step, every field empty (after a lock too); a vault still open here is closed."""
        self.close_open_vault()
        for page in (self.create_page, self.passphrase_page):
            page.clear()
        if self.vault_path.exists():
            self.passphrase_page.set_vault_name(str(self.vault_path))
            self.stack.setCurrentWidget(self.passphrase_page)
            self.passphrase_page.passphrase.setFocus()
        else:
            self.stack.setCurrentWidget(self.create_page)
            self.create_page.first.setFocus()

    @property
    def choosing_coordinator(self) -> bool:
        """Unlocked, nobody chosen yet: the vault is open on "who is working"."""
        return (self._vault is not None and not self._vault.is_locked
                and self.stack.currentWidget() is self.coordinator_page)

    def close_open_vault(self) -> None:
        vault, self._vault = self._vault, None
        if vault is not None:
            vault.lock()

    # ---- create -------------------------------------------------------------------------------------------------

    def _create(self, passphrase: str) -> None:
        self.create_page.set_busy(True)
        run_task(lambda _p: Vault.create(self.vault_path, passphrase)).success(self._created).failure(
            lambda exc: self._failed(exc, self.create_page.show_problem)).start()

    def _created(self, result) -> None:
        self._vault, recovery = result
        self.create_page.clear()
        self.recovery_page.show_key(recovery, self.vault_path.name)
        self.stack.setCurrentWidget(self.recovery_page)

    # ---- unlock -------------------------------------------------------------------------------------------------

    def _unlock(self, passphrase: str) -> None:
        self.passphrase_page.set_busy(True)
        run_task(lambda _p: Vault.open(self.vault_path, passphrase)).success(self._opened).failure(
            lambda exc: self._failed(exc, self.passphrase_page.show_error)).start()

    def _recover(self, recovery_key: str, new_passphrase: str) -> None:
        self.passphrase_page.set_busy(True)

        def work(_progress):
            vault = Vault.open(self.vault_path, recovery_key=recovery_key)
            try:
                vault.change_passphrase(new_passphrase)
            except BaseException:
                vault.lock()
                raise
            return vault

        run_task(work).success(self._opened).failure(
            lambda exc: self._failed(exc, self.passphrase_page.show_error)).start()

    def _opened(self, vault: Vault) -> None:
        self._vault = vault
        self.passphrase_page.clear()
        self._choose_coordinator()

    def show_damage(self, damage: BaseException) -> None:
        """Damage found after the vault opened (the first screen read a damaged page): said as a refused open."""
        self.stack.setCurrentWidget(self.passphrase_page)
        self._failed(damage, self.passphrase_page.show_error)

    def _failed(self, exc: BaseException, show, *, restoring: bool = False) -> None:
        """`restoring`: the backup chosen was refused; a damaged one is no reason to restore a backup, but to choose
        another (the hint named the button just used)."""
        message = describe(exc)
        if isinstance(exc, VaultDamaged):
            message += " " + (_("Choose another backup, for instance an older one from the backup folder.")
                              if restoring else _("Use 'Restore a backup…' below."))
        self.passphrase_page.set_busy(False)
        self.create_page.set_busy(False)
        show(message)

    # ---- restore ------------------------------------------------------------------------------------------------

    def _restore(self) -> None:
        source, _filter = QFileDialog.getOpenFileName(self, _("Choose a backup"), str(self.vault_path.parent),
                                                      _("BOR Desk backups (*.borbackup);;All files (*)"))
        if not source:
            return
        passphrase, ok = QInputDialog.getText(self, _("Restore a backup"),
                                              _("Passphrase of the backup (as it was on the day of the backup):"),
                                              QLineEdit.EchoMode.Password)
        if not ok:
            return
        self.passphrase_page.set_busy(True)
        run_task(lambda _p: restore(Path(source), self.vault_path, passphrase)).success(
            lambda aside: self._restored(aside, Path(source), passphrase)).failure(
            lambda exc: self._failed(exc, self.passphrase_page.show_error, restoring=True)).start()

    def _restored(self, aside, source: Path, passphrase: str) -> None:
        """Says which recovery key opens the restored vault (the backup's) and offers a new one right away."""
        text = _("The backup was restored. Unlock it with the passphrase of the backup.")
        if aside:
            text += "\n" + aside_note(aside)
        text += "\n\n" + recovery_key_note(source, self.vault_path)
        text += "\n\n" + _("Make a new recovery key now, so that only its new sheet opens the vault?")
        self.reset()
        answer = QMessageBox.question(self, _("Restore a backup"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Yes:
            self._new_recovery_key(passphrase)

    def _new_recovery_key(self, passphrase: str) -> None:
        self.passphrase_page.set_busy(True)
        run_task(lambda _p: passphrase_change.new_recovery_key_of(self.vault_path, passphrase)).success(
            self._show_new_recovery_key).failure(lambda exc: self._failed(exc, self.passphrase_page.show_error)).start()

    def _show_new_recovery_key(self, result) -> None:
        key, organisation = result
        self.passphrase_page.set_busy(False)
        self.recovery_dialog = RecoveryKeyDialog(key, self.vault_path.name, organisation, self)
        self.recovery_dialog.exec()

    # ---- who is working -----------------------------------------------------------------------------------------

    def _choose_coordinator(self) -> None:
        items = list_coordinators(self._vault)
        last = QSettings().value("session/last_coordinator_id", 0, int)
        preferred = next((i.name for i in items if i.id == last), "")
        self.coordinator_page.set_coordinators(items, preferred)
        self.stack.setCurrentWidget(self.coordinator_page)
        self.coordinator_page.focus_first()
        self.waiting.emit(self._vault)

    def _coordinator_chosen(self, item) -> None:
        try:
            if item is None:
                item = add_coordinator(self._vault, self.coordinator_page.new_name.text())
        except BorError as exc:
            self.coordinator_page.show_error(str(exc))
            return
        QSettings().setValue("session/last_coordinator_id", item.id)
        workspace = Workspace(self._vault, item)
        self._vault = None
        self.unlocked.emit(workspace)
