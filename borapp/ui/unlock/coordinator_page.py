"""After unlocking: which coordinator is working (the audit's "who", and "my cases")."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.services.vault.workspace import CoordinatorItem
from borapp.ui.widgets.forms import FieldMessage


class CoordinatorPage(QWidget):
    chosen = Signal(object)   # CoordinatorItem, or None for a new name in `new_name`

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel(_("Who is working?"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.first_hint = QLabel(_("Nobody works with this vault yet. Type your name: you become its first "
                                    "coordinator."))
        self.first_hint.setWordWrap(True)
        layout.addWidget(self.first_hint)
        self.form = QFormLayout()
        self.combo = QComboBox()
        self.combo.setAccessibleName(_("Coordinator"))
        self.form.addRow(_("Coordinator"), self.combo)
        self.new_name = QLineEdit()
        self.new_name.setAccessibleName(_("New coordinator"))
        self.new_name_label = QLabel()
        self.new_name_label.setBuddy(self.new_name)
        self.form.addRow(self.new_name_label, self.new_name)
        layout.addLayout(self.form)
        self.message = FieldMessage()
        layout.addWidget(self.message)
        self.continue_button = QPushButton(_("Continue"))
        self.continue_button.setDefault(True)
        layout.addWidget(self.continue_button)
        layout.addStretch()
        self.continue_button.clicked.connect(self._submit)
        self._items: list[CoordinatorItem] = []

    def set_coordinators(self, items: list[CoordinatorItem], preferred: str = "") -> None:
        self._items = items
        self.combo.clear()
        for item in items:
            self.combo.addItem(item.name)
        # With nobody to choose (a new vault) the list and its label go: the name typed is the first coordinator.
        self.form.setRowVisible(self.combo, bool(items))
        self.first_hint.setVisible(not items)
        self.new_name_label.setText(_("Or a new coordinator") if items else _("Your name"))
        index = next((i for i, item in enumerate(items) if item.name == preferred), 0)
        self.combo.setCurrentIndex(index)
        self.new_name.clear()
        self.message.show_message("")

    def focus_first(self) -> None:
        """The list of coordinators (Enter continues with the one shown), or the name field when there is none:
        the focus stayed wherever the passphrase page, made busy by the unlock, had pushed it."""
        (self.combo if self._items else self.new_name).setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        """Enter on the coordinator list or in the new name continues, as on the passphrase page: both hand Enter on
        to their page, and outside a dialog no default button takes it (it took Tab, Tab, Space on Continue)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._submit()
            return
        super().keyPressEvent(event)

    def _submit(self) -> None:
        if self.new_name.text().strip():
            self.chosen.emit(None)
        elif self._items:
            self.chosen.emit(self._items[self.combo.currentIndex()])
        else:
            self.message.show_message(_("Enter your name."))

    def show_error(self, text: str) -> None:
        self.message.show_message(text)
