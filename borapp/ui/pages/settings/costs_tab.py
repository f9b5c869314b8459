"""Costs: the rates behind the cost per trajectory (a coordinator's hour, the on-call allowance) and the volunteers'
kilometre allowance, typed as money; each refusal under its own field, nothing stored until all three are right."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout

from borapp.i18n import N_, _
from borapp.services.costs import rates
from borapp.services.costs.amounts import cents_text
from borapp.services.errors import BorError, ValidationError
from borapp.ui.pages.settings.section import SettingsSection, button_row, compact_form
from borapp.ui.widgets.forms import add_field

FIELDS = (("hourly_cost", N_("A coordinator's hour (€)"), N_("salary and overhead, e.g. 62.50")),
          ("kilometre_rate", N_("A volunteer's kilometre (€)"), N_("e.g. 0.23")),
          ("on_call_allowance", N_("On-call allowance per coordinator per month (€)"), N_("e.g. 150")))


class CostsTab(SettingsSection):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = _("Costs")
        layout = QVBoxLayout(self)
        intro = QLabel(_("The annual report shows what a closed trajectory cost: the coordinator's hours at the "
                         "hourly cost, the volunteer's expenses, and a share of the on-call allowance of each month "
                         "the trajectory was open. A new expense claim is paid at the kilometre rate of its day."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = compact_form()
        self.edits: dict[str, QLineEdit] = {}
        self.messages = {}
        for name, label, hint in FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(_(hint))
            edit.setMinimumWidth(160)
            self.edits[name] = edit
            self.messages[name] = add_field(form, _(label), edit)
        layout.addLayout(form)
        self.save_button = QPushButton(_("Save"))
        self.save_button.setAccessibleName(_("Save the rates"))
        layout.addLayout(button_row(self.save_button))
        layout.addWidget(self.status)
        layout.addStretch()
        self.save_button.clicked.connect(self._save)

    def fill(self) -> None:
        found = rates.read_rates(self.workspace)
        values = {"hourly_cost": found.hourly_cost_cents, "kilometre_rate": found.kilometre_rate_cents,
                  "on_call_allowance": found.on_call_allowance_cents}
        for name, edit in self.edits.items():
            edit.setText(cents_text(values[name]) or "0")
            self.messages[name].show_message("")

    def clear(self) -> None:
        super().clear()
        for name, edit in self.edits.items():
            edit.clear()
            self.messages[name].show_message("")

    def _save(self) -> None:
        if self.workspace is None:
            return
        for message in self.messages.values():
            message.show_message("")
        typed = {name: edit.text() for name, edit in self.edits.items()}
        try:
            rates.save_rates(self.workspace, **typed)
        except ValidationError as exc:
            if exc.field in self.messages:
                self.messages[exc.field].show_message(str(exc))
                self.edits[exc.field].setFocus()
                self.status.show_problem(_("Not saved: check the marked field."))
            else:
                self.status.show_problem(str(exc))
            return
        except BorError as exc:
            self.status.show_problem(str(exc))
            return
        self.fill()
        self.status.show_done(_("Saved."))
        self.saved.emit()
