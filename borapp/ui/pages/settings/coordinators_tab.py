"""Coordinators: who works with this vault; one who leaves is made inactive, never deleted (history names them)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout

from borapp.i18n import _
from borapp.services import organisation_setup
from borapp.services.vault.workspace import add_coordinator
from borapp.ui.pages.settings.section import SettingsSection, button_row


class CoordinatorsTab(SettingsSection):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = _("Coordinators")
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
        layout.addWidget(self.status)
        add.clicked.connect(self._add)
        self.new_name.returnPressed.connect(self._add)
        self.toggle.clicked.connect(self._toggle)

    def fill(self) -> None:
        self.list.clear()
        for row in organisation_setup.coordinators(self.workspace):
            text = row.name if row.active else _("{name} (inactive)").format(name=row.name)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (row.id, row.active))
            self.list.addItem(item)

    def clear(self) -> None:
        super().clear()
        self.list.clear()

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
