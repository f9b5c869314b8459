"""Step 9: practical wishes: preferred days and day-parts (a 7×3 grid), the place, and what the parents ask of the
volunteer: a gender is a demand (matching rules out everyone else, and can fail on it), a language a wish (it weighs
in the ranking), and anything else in their words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.services.volunteers.profiles import GENDER_LABELS, format_availability, parse_availability
from borapp.ui.pages.volunteers.availability_grid import AvailabilityGrid
from borapp.ui.pages.volunteers.small_editors import LanguagePicker
from borapp.ui.widgets.forms import FieldMessage
from borapp.ui.wizards.intake.base_page import IntakePage, with_hint


class WishesPage(IntakePage):
    NUMBER, NAME, STEP = 9, "wishes", "wishes"

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setTitle(_("Practical wishes"))
        self.setSubTitle(_("When and where the visits could take place, and what the parents ask of the volunteer."))
        columns = QHBoxLayout()
        self.body.addLayout(columns)
        when = QGroupBox(_("Preferred days and day-parts"))
        column = QVBoxLayout(when)
        self.slots = AvailabilityGrid()
        self.slots.setAccessibleName(_("Preferred days and day-parts"))
        column.addWidget(self.slots)
        self.slots_message = FieldMessage()
        column.addWidget(self.slots_message)
        column.addStretch()
        columns.addWidget(when, 0, Qt.AlignmentFlag.AlignTop)
        self.messages["preferred_slots"] = self.slots_message
        self.fields["preferred_slots"] = self.slots  # first: the page starts in the grid, at its top left
        right = QVBoxLayout()
        columns.addLayout(right, 1)
        group = QGroupBox(_("Place"))
        form = self.new_form(QVBoxLayout(group))
        self.place = self.field(form, "visit_place", _("Where"), QLineEdit())
        self.place.setPlaceholderText(_("e.g. the BOR room, a playground, the library"))
        right.addWidget(group)
        group = QGroupBox(_("What the parents ask of the volunteer"))
        form = self.new_form(QVBoxLayout(group))
        self.gender = QComboBox()
        self.gender.addItem(_("No demand"), "")
        for code in ("f", "m"):
            self.gender.addItem(_(GENDER_LABELS[code]), code)
        self.gender.setAccessibleName(_("Gender (demand)"))
        self.field(form, "wish_gender", _("Gender (demand)"), with_hint(self.gender, _(
            "A demand: every volunteer of the other gender is ruled out.\nMatching can fail on it.")))
        self.fields["wish_gender"] = self.gender
        self.watch(self.gender)
        self.languages = LanguagePicker(others=True)  # a wish for Tarifit or Farsi, as the volunteers record them
        self.languages.setAccessibleName(_("Speaks (wish)"))
        self.field(form, "wish_languages", _("Speaks (wish)"), with_hint(self.languages, _(
            "A wish: who speaks it ranks higher;\nnobody is ruled out for it.")))
        self.fields["wish_languages"] = self.languages
        self.watch(self.languages)
        self.other = QPlainTextEdit()
        self.other.setTabChangesFocus(True)
        self.other.setFixedHeight(60)
        self.field(form, "other_wishes", _("Other wishes"), self.other)
        right.addWidget(group)
        right.addStretch()
        self.watch(self.slots)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        self.languages.add_typed()  # a language typed and not yet added is meant to go along with Next
        return super().validatePage()

    def read(self, data: dict) -> None:
        data["preferred_slots"] = [c for c in format_availability(self.slots.value()).split(";") if c]
        data["visit_place"] = self.place.text()
        data["wish_gender"] = self.gender.currentData() or ""
        data["wish_languages"] = list(self.languages.value())
        data["other_wishes"] = self.other.toPlainText()

    def write(self, data: dict) -> None:
        self.slots.set_value(parse_availability(";".join(data.get("preferred_slots") or [])))
        self.place.setText(data.get("visit_place", ""))
        self.gender.setCurrentIndex(max(self.gender.findData(data.get("wish_gender", "")), 0))
        self.languages.set_value(tuple(data.get("wish_languages") or ()))
        self.other.setPlainText(data.get("other_wishes", ""))

    def blank(self) -> None:
        self.write({})
