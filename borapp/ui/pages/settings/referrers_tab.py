"""Referrers: the organisations that refer families or commission a BOR (a court, a neighbourhood team, a
municipality, ...), with the person to write to and the postal address every letter to them carries."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidgetItem,
    QVBoxLayout,
)

from borapp.i18n import N_, _
from borapp.services.errors import ValidationError
from borapp.services.organisations import referrers
from borapp.services.organisations.addresses import one_line
from borapp.ui.pages.settings.section import SettingsSection, button_row
from borapp.ui.widgets.list_table import ListTable
from borapp.ui.widgets.organisation_form import OrganisationForm

COLUMNS = ("Name", "Kind", "Postal address")  # the contact person and the rest: in the form beside the list


class ReferrersTab(SettingsSection):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.title_msgid = N_("Referrers")
        layout = QVBoxLayout(self)
        intro = QLabel(_("Organisations that refer families or commission a BOR. Letters to them are addressed to "
                         "the contact person at this postal address; new ones are also added during an intake."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        layout.addLayout(row, 1)
        row.addLayout(self._list_column(), 3)
        row.addWidget(self._form_box(), 2)
        self._rows: list[referrers.OrganisationRow] = []
        self._editing: int | None = None

    def _list_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.table = ListTable(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        header = self.table.horizontalHeader()
        # the name and the address share what the kind leaves: no sideways scrolling, long texts end in …; with the
        # kind and address at a fixed width, a laptop's screen left the name 26 pixels
        for col in (0, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(1, 150)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAccessibleName(_("Referrers"))
        self.table.verticalHeader().hide()
        self.table.setSortingEnabled(True)
        self.table.currentCellChanged.connect(lambda row, *_a: self._pick(row))
        self.empty = QLabel(_("No organisations yet. Add the first with the form, or start an intake."))
        self.empty.setWordWrap(True)
        column.addWidget(self.empty)
        column.addWidget(self.table, 1)
        return column

    def _form_box(self) -> QGroupBox:
        box = QGroupBox(_("Organisation"))
        column = QVBoxLayout(box)
        self.form = OrganisationForm()
        column.addWidget(self.form)
        self.save_button, self.new_button = QPushButton(_("Save")), QPushButton(_("New organisation"))
        column.addLayout(button_row(self.save_button, self.new_button))
        column.addWidget(self.status)
        column.addStretch()
        self.save_button.clicked.connect(self._save)
        self.save_on_keys(self.save_button)
        self.new_button.clicked.connect(self._new)
        return box

    def fill(self) -> None:
        self._rows = referrers.list_organisations(self.workspace)
        self.table.setSortingEnabled(False)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self._rows))
        for i, org in enumerate(self._rows):
            for col, text in enumerate((org.name, referrers.kind_label(org.kind), one_line(org.address))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, org.id)
                self.table.setItem(i, col, item)
        self.table.blockSignals(False)
        self.table.setSortingEnabled(True)  # sorts by the header's indicator: by name, A to Z, unless chosen
        self.empty.setVisible(not self._rows)
        self.table.setVisible(bool(self._rows))
        if self._editing is not None:
            self.select(self._editing)

    def clear(self) -> None:
        super().clear()
        self.table.setRowCount(0)
        self._rows = []
        self._editing = None
        self.form.set_row(None)

    def select(self, organisation_id: int) -> bool:
        """Show the organisation in the form (its row chosen in the list); False when it is not there."""
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == organisation_id:
                self.table.setCurrentCell(row, 0)
                self._pick(row)
                return True
        return False

    def _pick(self, row: int) -> None:
        item = self.table.item(row, 0) if row >= 0 else None
        found = next((o for o in self._rows if item is not None and o.id == item.data(Qt.ItemDataRole.UserRole)),
                     None)
        if found is not None:
            self._editing = found.id
            self.form.set_row(found)
            self.status.clear()
            self.mark_clean()

    def _new(self) -> None:
        self._editing = None
        self.table.clearSelection()
        self.form.set_row(None)
        self.status.clear()
        self.form.name.setFocus()
        self.mark_clean()

    def where(self) -> dict:
        return {"editing": self._editing}

    def go_to(self, where: dict) -> None:
        if where.get("editing") is None or not self.select(where["editing"]):
            self._new()

    def _save(self) -> None:
        if not self.form.check():
            self.status.show_problem(_("Not saved: check the marked fields."))
            return
        values, saved = self.form.values(), []

        def store():
            try:
                saved.append(referrers.save_organisation(self.workspace, values, self._editing))
            except ValidationError as exc:
                self.form.show_problems({exc.field: str(exc)} if exc.field else {})
                raise

        if self.attempt(store, _("Saved."), saves=True):
            self._editing = saved[0]
            self.fill()
            self.form.check()  # the address hint, if any, stays in view after saving
            self.status.show_done(_("Saved."))
