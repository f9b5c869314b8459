"""Step 1: the registration date, the day of the intake talk (today unless said otherwise; it may have been days
ago) and the route by which the family comes (wijkteam, court decision, OTS)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QButtonGroup, QRadioButton, QVBoxLayout, QWidget

from borapp.i18n import N_, _
from borapp.services.cases.labels import ROUTE_LABELS
from borapp.services.intake.checks import registration_warning
from borapp.ui.widgets.date_field import DateField
from borapp.ui.wizards.intake.base_page import IntakePage, hint

ROUTE_HELP = {
    "self": N_("The parents asked the neighbourhood team (wijkteam) of the municipality where the children live."),
    "court": N_("The court set the contact in a decision (beschikking) and the parents agreed to a BOR."),
    "ots": N_("During a supervision order (OTS), at the request of the family guardian (JGB)."),
}


class RoutePage(IntakePage):
    NUMBER, NAME, STEP = 1, "route", "route"

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setTitle(_("Registration"))
        self.setSubTitle(_("When the family was registered, when you had the intake talk, and how the family came "
                           "to BOR."))
        form = self.new_form()
        self.registered_on = DateField(optional=False)
        self.registered_on.setMaximumWidth(160)
        self.field(form, "registered_on", _("Registration date"), self.registered_on, required=True)
        self.registered_on.changed.connect(self._registration_note)
        self.intake_on = DateField(optional=False)
        self.intake_on.setMaximumWidth(160)
        self.field(form, "intake_on", _("Date of the intake talk"), self.intake_on, required=True)
        form.addRow("", hint(_("Today, or the day the talk with the parents took place: letters to the referrer "
                               "state it as the start of the intake.")))
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for code, text in ROUTE_LABELS.items():
            button = QRadioButton(_(text))
            button.setAccessibleDescription(_(ROUTE_HELP[code]))
            self.group.addButton(button)
            self.buttons[code] = button
            column.addWidget(button)
            explanation = hint(_(ROUTE_HELP[code]))
            explanation.setContentsMargins(24, 0, 0, 6)
            column.addWidget(explanation)
        self.field(form, "route", _("Route"), box, required=True)
        self.fields["route"] = self.buttons["self"]
        self.watch(*self.buttons.values())
        self.body.addStretch()
        self.add_required_note()

    def show_problems(self, problems: dict[str, str], *, focus: bool = False) -> None:
        super().show_problems(problems, focus=focus)
        if not problems.get("registered_on"):
            self._registration_note()

    def _registration_note(self) -> None:
        """Under the date, once read: a warning when it lies more than a year back (a problem goes first)."""
        if not self.refused or not self.wizard() or not self.wizard().problems(self.STEP).get("registered_on"):
            self.messages["registered_on"].show_message(
                registration_warning(self.registered_on.value_or_none()), warning=True)

    def route(self) -> str:
        return next((code for code, button in self.buttons.items() if button.isChecked()), "")

    def read(self, data: dict) -> None:
        data["registered_on"] = self.registered_on.typed() or None  # as typed when it cannot be read
        data["intake_on"] = self.intake_on.typed() or None
        data["route"] = self.route()

    def write(self, data: dict) -> None:
        when = data.get("registered_on")
        self.registered_on.set_typed(when or dt.date.today().isoformat())
        self.intake_on.set_typed(data.get("intake_on") or dt.date.today().isoformat())
        self.group.setExclusive(False)
        for code, button in self.buttons.items():
            button.setChecked(code == data.get("route"))
        self.group.setExclusive(True)
