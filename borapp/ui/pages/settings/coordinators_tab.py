"""Coordinators: who works with this vault, with the e-mail address and phone number their letters give; one who
leaves is made inactive, never deleted (history names them)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
)

from borapp.i18n import N_, _
from borapp.services import organisation_setup
from borapp.services.errors import ValidationError
from borapp.services.vault.workspace import add_coordinator
from borapp.ui.pages.settings.section import SettingsSection, button_row
from borapp.ui.widgets.forms import add_field


class CoordinatorsTab(SettingsSection):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.title_msgid = N_("Coordinators")
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setAccessibleName(_("Coordinators"))
        layout.addWidget(self.list)
        row = QHBoxLayout()
        self.new_name = QLineEdit(placeholderText=_("Name of a new coordinator"))
        self.new_name.setAccessibleName(_("Name of a new coordinator"))
        add = QPushButton(_("Add"))
        row.addWidget(self.new_name, 1)
        row.addWidget(add)
        layout.addLayout(row)
        self.toggle = QPushButton(_("Make active / inactive"))
        layout.addLayout(button_row(self.toggle))
        self.contact = QGroupBox(_("Contact details in letters"))
        form = QFormLayout(self.contact)
        self.email, self.phone = QLineEdit(), QLineEdit()
        self.messages = {"email": add_field(form, _("E-mail"), self.email),
                         "phone": add_field(form, _("Phone"), self.phone)}
        self.save_contact = QPushButton(_("Save"))
        form.addRow("", button_row(self.save_contact))
        self.contact.setEnabled(False)
        layout.addWidget(self.contact)
        layout.addWidget(self.status)
        self._rows: dict = {}
        add.clicked.connect(self._add)
        self.new_name.returnPressed.connect(self._add)
        self.toggle.clicked.connect(self._toggle)
        self.list.currentItemChanged.connect(lambda *_a: self._pick())
        self.save_contact.clicked.connect(self._save_contact)
        self.save_on_keys(self.save_contact, self.email, self.phone)  # Enter in the new name adds, as before

    def fill(self) -> None:
        chosen = self._chosen_id()
        self.list.clear()
        self._rows = {}
        for row in organisation_setup.coordinators(self.workspace):
            text = row.name if row.active else _("{name} (inactive)").format(name=row.name)
            if not row.email:
                text += " — " + _("no e-mail address yet")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (row.id, row.active))
            self._rows[row.id] = row
            self.list.addItem(item)
            if row.id == chosen:
                self.list.setCurrentItem(item)

    def clear(self) -> None:
        super().clear()
        self.list.clear()
        self._rows = {}
        self.email.clear()
        self.phone.clear()
        self.contact.setEnabled(False)

    def _add(self) -> None:
        if self.attempt(lambda: add_coordinator(self.workspace.vault, self.new_name.text()), _("Added.")):
            self.new_name.clear()
            self.fill()

    def _toggle(self) -> None:
        item = self.list.currentItem()
        if item is None:
            self.status.show_problem(_("Choose a coordinator first."))
            return
        coordinator_id, active = item.data(Qt.ItemDataRole.UserRole)
        if self.attempt(lambda: organisation_setup.set_coordinator_active(self.workspace, coordinator_id, not active),
                        _("Saved.")):
            self.fill()

    def _chosen_id(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole)[0] if item is not None else None

    def _pick(self) -> None:
        """The chosen coordinator's e-mail and phone in the form below the list."""
        row = self._rows.get(self._chosen_id())
        self.contact.setEnabled(row is not None)
        self.contact.setTitle(_("Contact details in letters: {name}").format(name=row.name) if row
                              else _("Contact details in letters"))
        for message in self.messages.values():
            message.show_message("")
        self.email.setText(row.email if row else "")
        self.phone.setText(row.phone if row else "")
        self.mark_clean(self.email, self.phone)

    def where(self) -> dict:
        return {"editing": self._chosen_id()}

    def go_to(self, where: dict) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole)[0] == where.get("editing"):
                self.list.setCurrentRow(i)

    def _save_contact(self) -> None:
        coordinator_id = self._chosen_id()
        if coordinator_id is None:
            return
        for message in self.messages.values():
            message.show_message("")

        def store() -> None:
            try:
                organisation_setup.save_coordinator_contact(self.workspace, coordinator_id, self.email.text(),
                                                            self.phone.text())
            except ValidationError as exc:  # said under its field; the line under the form says where to look
                if exc.field not in self.messages:
                    raise
                self.messages[exc.field].show_message(str(exc))
                raise ValidationError(_("Not saved: check the marked field.")) from None

        if self.attempt(store, _("Saved."), saves=True):
            self.fill()
