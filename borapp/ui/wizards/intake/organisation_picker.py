"""Pick an organisation from a combo, or add a new one (its name and kind appear when "New organisation…" is chosen).

The combo's item data is the organisation's id, or one of the words NEW, SAME (as the referrer) and NONE (not
known yet); the last two are offered only where asked for.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.services.intake.flow import ORGANISATION_KIND_LABELS, OrganisationChoice

NEW, SAME, NONE = "new", "same", "none"


class OrganisationPicker(QWidget):
    changed = Signal()

    def __init__(self, name: str, *, same_choice: bool = False, none_choice: bool = False,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.same_choice, self.none_choice = same_choice, none_choice
        self.choices: list[OrganisationChoice] = []
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        self.combo = QComboBox()
        self.combo.setAccessibleName(name)
        self.combo.setMaxVisibleItems(16)
        column.addWidget(self.combo)
        self.new_box = QWidget()
        form = QFormLayout(self.new_box)
        form.setContentsMargins(16, 2, 0, 0)
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Name of the new organisation"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Kind of organisation"))
        self.kind.addItem(_("Choose…"), "")
        for code, text in ORGANISATION_KIND_LABELS.items():
            self.kind.addItem(_(text), code)
        form.addRow(_("Name") + " *", self.name)
        form.addRow(_("Kind") + " *", self.kind)
        column.addWidget(self.new_box)
        self.new_box.hide()
        self.combo.currentIndexChanged.connect(self._chosen)
        self.name.textChanged.connect(self.changed)
        self.kind.currentIndexChanged.connect(self.changed)
        self.set_choices([])

    def set_choices(self, choices: list[OrganisationChoice]) -> None:
        """Refill the combo, keeping what was chosen."""
        chosen = self.choice()
        self.choices = choices
        self.combo.blockSignals(True)
        self.combo.clear()
        if self.same_choice:
            self.combo.addItem(_("Same as the referrer"), SAME)
        else:
            self.combo.addItem(_("Choose an organisation…"), None)
        for org in choices:
            self.combo.addItem(org.name, org.id)
        self.combo.addItem(_("New organisation…"), NEW)
        if self.none_choice:
            self.combo.addItem(_("Not known yet"), NONE)
        self.combo.blockSignals(False)
        self.set_choice(chosen)

    def choice(self):
        return self.combo.currentData()

    def set_choice(self, value) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.setCurrentIndex(max(index, 0))
        self._chosen()

    def chosen_organisation(self) -> OrganisationChoice | None:
        value = self.choice()
        return next((o for o in self.choices if o.id == value), None) if isinstance(value, int) else None

    def set_kind(self, code: str) -> None:
        self.kind.setCurrentIndex(max(self.kind.findData(code), 0))

    def _chosen(self, *_args) -> None:
        self.new_box.setVisible(self.choice() == NEW)
        self.changed.emit()

    def clear(self) -> None:
        self.name.clear()
        self.kind.setCurrentIndex(0)
        self.set_choices([])
