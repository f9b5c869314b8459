"""Step 3: the municipality where the children live, and how it pays (suggested from its funding that year)."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QComboBox, QHBoxLayout, QRadioButton, QWidget

from borapp.i18n import _
from borapp.services.cases.labels import FUNDING_LABELS
from borapp.ui.wizards.intake.base_page import IntakePage, hint


class MunicipalityPage(IntakePage):
    NUMBER, NAME, STEP = 3, "municipality", "municipality"

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setTitle(_("Municipality and funding"))
        self.setSubTitle(_("The municipality where the children live pays for the BOR."))
        form = self.new_form()
        self.municipality = QComboBox()
        self.municipality.setMaxVisibleItems(16)
        self.field(form, "municipality_id", _("Municipality"), self.municipality, required=True)
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.funding: dict[str, QRadioButton] = {}
        for code, text in FUNDING_LABELS.items():
            button = QRadioButton(_(text))
            self.group.addButton(button)
            self.funding[code] = button
            row.addWidget(button)
        row.addStretch()
        self.field(form, "funding", _("Funding"), box, required=True)
        self.fields["funding"] = next(iter(self.funding.values()))
        self.watch(*self.funding.values())
        self.suggestion = hint("")
        form.addRow("", self.suggestion)
        self.none_yet = hint(_("No municipality has been added yet. Add it under Settings → Municipalities (with how "
                               "it pays); this intake is kept meanwhile: choose Continue later."))
        self.none_yet.setStyleSheet("color: #8A5300;")
        self.body.insertWidget(0, self.none_yet)
        self.body.addStretch()
        self.add_required_note()
        self.municipality.currentIndexChanged.connect(self._suggest)
        self._choices = []

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self._fill(self.municipality.currentData())

    def _fill(self, chosen) -> None:
        self._choices = self.context.municipalities(self.wizard().registration_year())
        self.municipality.blockSignals(True)
        self.municipality.clear()
        self.municipality.addItem(_("Choose a municipality…"), None)
        for choice in self._choices:
            self.municipality.addItem(choice.name, choice.id)
        self.municipality.setCurrentIndex(max(self.municipality.findData(chosen), 0) if chosen is not None else 0)
        self.municipality.blockSignals(False)
        self.none_yet.setVisible(not self._choices)

    def _suggest(self) -> None:
        """Choose the funding the municipality has that year, and say so; the coordinator may change it."""
        choice = next((c for c in self._choices if c.id == self.municipality.currentData()), None)
        if choice is None or not choice.funding:
            self.suggestion.setText("")
            return
        self.funding[choice.funding].setChecked(True)
        self.suggestion.setText(_("Chosen from how {name} pays in {year}; change it if this case is paid "
                                  "differently.").format(name=choice.name, year=self.wizard().registration_year()))

    def read(self, data: dict) -> None:
        data["municipality_id"] = self.municipality.currentData()
        data["funding"] = next((code for code, b in self.funding.items() if b.isChecked()), "")

    def write(self, data: dict) -> None:
        self._fill(data.get("municipality_id"))
        self.group.setExclusive(False)
        for code, button in self.funding.items():
            button.setChecked(code == data.get("funding"))
        self.group.setExclusive(True)

    def blank(self) -> None:
        self.municipality.clear()
        self._choices = []
        self.suggestion.clear()
