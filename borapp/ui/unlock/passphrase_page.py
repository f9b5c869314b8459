"""Unlock an existing vault with the passphrase, or with the recovery key and a new passphrase."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from borapp.i18n import _
from borapp.services.vault.passphrase_strength import strength
from borapp.ui.widgets.forms import FieldMessage


class PassphrasePage(QWidget):
    unlock_requested = Signal(str)          # passphrase
    recover_requested = Signal(str, str)    # recovery key, new passphrase
    restore_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel(_("Unlock your vault"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.vault_label = QLabel()
        self.vault_label.setWordWrap(True)
        layout.addWidget(self.vault_label)
        form = QFormLayout()
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase"))
        form.addRow(_("Passphrase"), self.passphrase)
        self.use_recovery = QCheckBox(_("Forgot the passphrase? Use the recovery key"))
        form.addRow("", self.use_recovery)
        self.recovery = QLineEdit(placeholderText="XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.recovery.setAccessibleName(_("Recovery key"))
        self.new_passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.new_passphrase.setAccessibleName(_("New passphrase"))
        self.new_hint = FieldMessage()  # how guessable the new passphrase is, as when the vault was made
        self.repeat_passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.repeat_passphrase.setAccessibleName(_("Repeat new passphrase"))
        self.recovery_rows = [(_("Recovery key"), self.recovery), (_("New passphrase"), self.new_passphrase),
                              ("", self.new_hint), (_("Repeat new passphrase"), self.repeat_passphrase)]
        for label, field in self.recovery_rows:
            form.addRow(label, field)
        layout.addLayout(form)
        self.message = FieldMessage()
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.unlock_button = QPushButton(_("Unlock"))
        self.unlock_button.setDefault(True)
        self.restore_button = QPushButton(_("Restore a backup…"))
        buttons.addWidget(self.unlock_button)
        buttons.addStretch()
        buttons.addWidget(self.restore_button)
        layout.addLayout(buttons)
        layout.addStretch()
        self._form = form
        self.use_recovery.toggled.connect(self._toggle_recovery)
        self.unlock_button.clicked.connect(self._submit)
        self.passphrase.returnPressed.connect(self._submit)
        self.new_passphrase.returnPressed.connect(self._submit)
        self.repeat_passphrase.returnPressed.connect(self._submit)
        self.new_passphrase.textChanged.connect(self._rate_new)
        self.restore_button.clicked.connect(self.restore_requested)
        self._toggle_recovery(False)

    def set_vault_name(self, text: str) -> None:
        self.vault_label.setText(_("Vault: {name}").format(name=text))

    def _toggle_recovery(self, on: bool) -> None:
        for _label, field in self.recovery_rows:
            self._form.setRowVisible(field, on)
        self._form.setRowVisible(self.passphrase, not on)
        (self.recovery if on else self.passphrase).setFocus()

    def _rate_new(self, text: str) -> None:
        score, hint = strength(text)
        self.new_hint.show_message(hint if text else "", warning=2 <= score < 4, fine=score >= 4)

    def _submit(self) -> None:
        self.message.show_message("")
        if self.use_recovery.isChecked():
            # typed once, a slip in the new passphrase locked her out again
            if strength(self.new_passphrase.text())[0] == 0:
                self.message.show_message(strength(self.new_passphrase.text())[1])
            elif self.repeat_passphrase.text() != self.new_passphrase.text():
                self.message.show_message(_("The two passphrases differ."))
            else:
                self.recover_requested.emit(self.recovery.text(), self.new_passphrase.text())
        else:
            self.unlock_requested.emit(self.passphrase.text())

    def show_error(self, text: str) -> None:
        self.message.show_message(text)
        self.set_busy(False)

    def set_busy(self, busy: bool) -> None:
        self.unlock_button.setEnabled(not busy)
        self.unlock_button.setText(_("Unlocking…") if busy else _("Unlock"))

    def clear(self) -> None:
        for field in (self.passphrase, self.recovery, self.new_passphrase, self.repeat_passphrase):
            field.clear()
        self.use_recovery.setChecked(False)
        self.set_busy(False)
