"""Municipalities with their region and how they pay per year (purchased trajectories or per trajectory)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSpinBox, QTableWidget,
    QTableWidgetItem, QVBoxLayout,
)

from borapp.i18n import N_, _
from borapp.services import organisation_setup
from borapp.ui.pages.settings.section import SettingsSection
from borapp.ui.widgets.forms import confirm
from borapp.ui.widgets.list_table import ListTable

FUNDING_LABELS = (("", "—"), ("purchased", N_("Purchased trajectory")), ("per_case", N_("Per trajectory")))


class MunicipalitiesTab(SettingsSection):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.title_msgid = N_("Municipalities")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.year = QSpinBox(minimum=2000, maximum=2100, value=dt.date.today().year)
        self.year.setAccessibleName(_("Funding in year"))
        year_label = QLabel(_("Funding in year"))
        year_label.setBuddy(self.year)
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addStretch()
        layout.addLayout(top)
        self.table = ListTable(0, 3)
        self.table.setHorizontalHeaderLabels([_("Municipality"), _("Region"), _("Funding")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setAccessibleName(_("Municipalities"))
        self.table.verticalHeader().hide()
        layout.addWidget(self.table)
        form = QFormLayout()
        self.name, self.region = QLineEdit(), QLineEdit()
        self.funding = QComboBox()
        for code, label in FUNDING_LABELS:
            self.funding.addItem(_(label) if code else label, code)
        for label, field in ((_("Municipality"), self.name), (_("Region"), self.region),
                             (_("Funding in the chosen year"), self.funding)):
            field.setAccessibleName(label)  # known by name: typing not saved is kept over a lock
            form.addRow(label, field)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        save, new = QPushButton(_("Save")), QPushButton(_("New municipality"))
        self.delete_button = QPushButton(_("Delete…"))
        self.delete_button.setToolTip(_("A municipality no case names (saved by mistake)"))
        buttons.addWidget(save)
        buttons.addWidget(new)
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self._rows: list = []
        self._editing: int | None = None
        self.year.valueChanged.connect(self._year_changed)
        self.table.currentCellChanged.connect(lambda row, *_a: self._pick(row))
        save.clicked.connect(self._save)
        self.save_on_keys(save)
        new.clicked.connect(self._new)
        self.delete_button.clicked.connect(self._delete)

    def fill(self) -> None:
        self._rows = organisation_setup.municipalities(self.workspace)
        labels = dict(FUNDING_LABELS)
        self.table.setRowCount(len(self._rows))
        for i, row in enumerate(self._rows):
            funding = row.funding.get(self.year.value(), "")
            for col, text in enumerate((row.name, row.region, _(labels[funding]) if funding else "—")):
                self.table.setItem(i, col, QTableWidgetItem(text))

    def clear(self) -> None:
        super().clear()
        self.table.setRowCount(0)
        self._rows = []
        self._new()

    def _year_changed(self, _year: int) -> None:
        """The table and the chosen municipality's funding, both for the new year: the form kept the old year's
        funding, and Save stored it for the new one."""
        self.fill()
        item = next((r for r in self._rows if r.id == self._editing), None)
        if item is not None:
            self.funding.setCurrentIndex(max(self.funding.findData(item.funding.get(self.year.value(), "")), 0))
            self.mark_clean(self.funding)

    def _pick(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            item = self._rows[row]
            self._editing = item.id
            self.name.setText(item.name)
            self.region.setText(item.region)
            self.funding.setCurrentIndex(max(self.funding.findData(item.funding.get(self.year.value(), "")), 0))
            self.mark_clean()

    def _new(self) -> None:
        self._editing = None
        self.name.clear()
        self.region.clear()
        self.funding.setCurrentIndex(0)
        self.name.setFocus()
        self.mark_clean()

    def navigation(self) -> tuple:
        return (self.year,)

    def where(self) -> dict:
        return {"year": self.year.value(), "editing": self._editing}

    def go_to(self, where: dict) -> None:
        if isinstance(where.get("year"), int):
            self.year.setValue(where["year"])
        row = next((i for i, r in enumerate(self._rows) if r.id == where.get("editing")), None)
        if row is None:
            self._new()
        else:
            self.table.setCurrentCell(row, 0)
            self._pick(row)

    def _delete(self) -> None:
        chosen = next((r for r in self._rows if r.id == self._editing), None)
        if chosen is None:
            self.status.show_problem(_("Choose the municipality to delete in the list."))
            return
        if not confirm(self, _("Delete municipality"), _("Delete the municipality {name}?").format(name=chosen.name)):
            return
        if self.attempt(lambda: organisation_setup.delete_municipality(self.workspace, chosen.id),
                        _("{name} is deleted.").format(name=chosen.name)):
            self.fill()
            self._new()

    def _save(self) -> None:
        """A new municipality, once saved, is the one being edited: a name corrected right after saving made a
        second municipality beside the first."""
        def store():
            mid = organisation_setup.save_municipality(self.workspace, self.name.text(), self.region.text(),
                                                       self._editing)
            organisation_setup.set_funding(self.workspace, mid, self.year.value(), self.funding.currentData())
            self._editing = mid

        if self.attempt(store, _("Saved."), saves=True):
            self.fill()
            row = next((i for i, r in enumerate(self._rows) if r.id == self._editing), None)
            if row is not None:
                self.table.blockSignals(True)  # the form holds what was saved; the row only shows which it is
                self.table.setCurrentCell(row, 0)
                self.table.blockSignals(False)
