"""Step 3: the municipality where the children live, and how it pays (suggested from its funding that year).

The suggestion follows the registration year: shown again after the date changed on step 1, the page suggests anew,
unless the coordinator chose the funding herself for the same municipality and year (then it is kept, and says so).
"""

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
        self.municipality.currentIndexChanged.connect(self._municipality_chosen)
        self.group.buttonClicked.connect(self._funding_chosen)
        self._choices = []
        self._own: tuple[int, int] | None = None  # (municipality, year) she chose the funding for herself

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self._fill(self.municipality.currentData())
        self._suggest()  # the registration year may have changed since the page was last shown

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

    def _choice(self):
        return next((c for c in self._choices if c.id == self.municipality.currentData()), None)

    def _municipality_chosen(self) -> None:
        self._own = None  # a choice of funding was for the municipality before
        self._suggest()

    def _funding_chosen(self) -> None:
        choice = self._choice()
        self._own = (choice.id, self.wizard().registration_year()) if choice is not None else None
        self._say()

    def _suggest(self) -> None:
        """Choose the funding the municipality has in the registration year, and say so; the coordinator may change
        it. Her own choice for this municipality and year stays."""
        choice = self._choice()
        if choice is not None and self._own != (choice.id, self.wizard().registration_year()):
            self._own = None
            self._check(choice.funding)  # none when the municipality has no funding recorded for the year
        self._say()

    def _say(self) -> None:
        """Under the funding: where the choice comes from."""
        choice, year = self._choice(), self.wizard().registration_year()
        funding = "" if choice is None else FUNDING_LABELS.get(choice.funding, "")
        if choice is None:
            text = ""
        elif self._own is not None and funding:
            text = _("Your own choice for this case (how {name} pays in {year}: {funding}).").format(
                name=choice.name, year=year, funding=_(funding))
        elif self._own is not None:
            text = _("Your own choice for this case ({name} has no funding recorded for {year}).").format(
                name=choice.name, year=year)
        elif funding:
            text = _("Chosen from how {name} pays in {year}; change it if this case is paid differently.").format(
                name=choice.name, year=year)
        else:
            text = _("{name} has no funding recorded for {year} (Settings → Municipalities): choose how this case "
                     "is paid.").format(name=choice.name, year=year)
        self.suggestion.setText(text)

    def _check(self, code: str) -> None:
        self.group.setExclusive(False)  # else the last one checked cannot be unchecked
        for key, button in self.funding.items():
            button.setChecked(key == code)
        self.group.setExclusive(True)

    def read(self, data: dict) -> None:
        data["municipality_id"] = self.municipality.currentData()
        data["funding"] = next((code for code, b in self.funding.items() if b.isChecked()), "")

    def write(self, data: dict) -> None:
        """From a draft (after a lock, say): a funding other than the municipality's that year was her own choice."""
        self._fill(data.get("municipality_id"))
        self._check(data.get("funding") or "")
        choice = self._choice()
        funding = data.get("funding") or ""
        own = choice is not None and funding and funding != choice.funding
        self._own = (choice.id, self.wizard().registration_year()) if own else None

    def blank(self) -> None:
        self.municipality.clear()
        self._choices = []
        self._own = None
        self.suggestion.clear()
