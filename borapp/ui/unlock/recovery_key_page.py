"""The recovery key, shown once after a vault is made, to write down or print."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.ui.colours import ERROR, text_style
from borapp.ui.unlock.recovery_sheet_box import RecoverySheetBox


class RecoveryKeyPage(QWidget):
    done = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel(_("Your recovery key"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        warning = QLabel(_("Write this key down or print it, and keep it somewhere safe away from this laptop. "
                           "It is shown only now. Without your passphrase and this recovery key the data in the "
                           "vault is gone for good: nobody, not even the makers of BOR Desk, can get it back."))
        warning.setWordWrap(True)
        warning.setStyleSheet(text_style(ERROR, bold=True))
        layout.addWidget(warning)
        self.sheet = RecoverySheetBox()
        self.key_label, self.print_button, self.save_button = (self.sheet.key_label, self.sheet.print_button,
                                                               self.sheet.save_button)
        layout.addWidget(self.sheet)
        self.confirm = QCheckBox(_("I have written down or printed the recovery key"))
        layout.addWidget(self.confirm)
        self.continue_button = QPushButton(_("Continue"))
        self.continue_button.setEnabled(False)
        self.continue_button.setDefault(True)  # drawn as what Enter does (see keyPressEvent)
        layout.addWidget(self.continue_button)
        layout.addStretch()
        self.confirm.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self._finish)

    def show_key(self, key: str, vault_name: str = "", organisation: str = "") -> None:
        self.sheet.show_key(key, vault_name, organisation)
        self.confirm.setChecked(False)

    @property
    def unconfirmed(self) -> bool:
        """A key on show that nobody has said is written down."""
        return bool(self.key_label.text()) and not self.confirm.isChecked()

    def ask_quit_without_key(self) -> bool:
        """Closing the window here lost the key shown only now, without a word: asked first, staying the default."""
        box = QMessageBox(QMessageBox.Icon.Warning, _("Quit without the recovery key?"),
                          _("The recovery key is shown only now: when BOR Desk closes, it is gone. You can make a new "
                            "one later, with your passphrase, under Settings, Security and language."), parent=self)
        quit_button = box.addButton(_("Quit without the key"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(_("Back to the key"), QMessageBox.ButtonRole.RejectRole))
        box.exec()
        return box.clickedButton() is quit_button

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Enter (on the tick box, say) presses Continue once the key is confirmed: a page of the main window has no
        default button of its own. Enter on Print or Save is left to them."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(self.focusWidget(), QPushButton):
            if self.continue_button.isEnabled():
                self.continue_button.click()
            event.accept()
            return
        super().keyPressEvent(event)

    def _finish(self) -> None:
        self.sheet.clear()
        self.done.emit()
