"""Costs: the rates behind the cost per trajectory (a coordinator's hour, the on-call allowance) and the volunteers'
kilometre allowance, typed as money; each refusal under its own field, nothing stored until all three are right."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFileDialog, QGroupBox, QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout

from borapp.i18n import N_, _
from borapp.services.costs import rates
from borapp.services.costs.amounts import cents_text, money
from borapp.services.costs.treasurer_export import export_expenses
from borapp.services.errors import BorError, ValidationError, describe
from borapp.ui import kept_typing
from borapp.ui.pages.settings.section import SettingsSection, button_row, compact_form
from borapp.ui.widgets.forms import add_field
from borapp.ui.widgets.result_line import ResultLine

FIELDS = (("hourly_cost", N_("A coordinator's hour (€)"), N_("salary and overhead, e.g. 62.50")),
          ("kilometre_rate", N_("A volunteer's kilometre (€)"), N_("e.g. 0.23")),
          ("on_call_allowance", N_("On-call allowance per coordinator per month (€)"), N_("e.g. 150")))


class CostsTab(SettingsSection):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.title_msgid = N_("Costs")
        layout = QVBoxLayout(self)
        intro = QLabel(_("The annual report shows what a closed trajectory cost: the coordinator's hours at the "
                         "hourly cost, the volunteer's expenses, and a share of the on-call allowance of each month "
                         "the trajectory was open. A new kilometre rate applies to claims typed from now on: a claim already "
                         "typed keeps its rate, also when it is changed. The hourly cost and the on-call allowance "
                         "count in every annual report made from now on, past years too; each report names the "
                         "rates it used."))
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
        layout.addWidget(self._export_box())
        layout.addStretch()
        self.save_button.clicked.connect(self._save)
        self.save_on_keys(self.save_button)

    def _export_box(self) -> QGroupBox:
        box = QGroupBox(_("Volunteers' expenses for the treasurer"))
        column = QVBoxLayout(box)
        hint = QLabel(_("Per month and volunteer: the visits, kilometres and other costs to pay, with totals."))
        hint.setWordWrap(True)
        column.addWidget(hint)
        form = compact_form()
        this_year = dt.date.today().year
        self.year = QSpinBox(minimum=1990, maximum=this_year, value=this_year)
        self.year.setAccessibleName(_("Year"))
        form.addRow(_("Year"), self.year)
        self.format = QComboBox()
        self.format.addItem(_("Excel (.xlsx)"), "xlsx")
        self.format.addItem(_("CSV (.csv)"), "csv")
        self.format.setAccessibleName(_("Format"))
        for choice in (self.year, self.format):  # what to export now, not settings: no "kept typing" after a lock
            kept_typing.not_kept(choice)
        form.addRow(_("Format"), self.format)
        column.addLayout(form)
        self.export_button = QPushButton(_("Export…"))
        self.export_button.setAccessibleName(_("Export the volunteers' expenses"))
        column.addLayout(button_row(self.export_button))
        self.export_status = ResultLine()
        column.addWidget(self.export_status)
        self.export_button.clicked.connect(self.export)
        return box

    def export(self) -> Path | None:
        """Ask where, then write the year's expenses there; the save dialog has asked before replacing a file."""
        if self.workspace is None:
            return None
        year, fmt = self.year.value(), self.format.currentData()
        suggested = str(Path.home() / (_("expenses-{year}").format(year=year) + "." + fmt))
        path, _filter = QFileDialog.getSaveFileName(self, _("Export the volunteers' expenses"), suggested,
                                                    f"{self.format.currentText()} (*.{fmt})")
        if not path:
            return None
        try:
            result = export_expenses(self.workspace, year, fmt, Path(path), force=True)
        except BorError as exc:
            self.export_status.show_problem(str(exc))
            return None
        except OSError as exc:
            self.export_status.show_problem(describe(exc))
            return None
        self.export_status.show_done(_("Written: {path} ({rows} volunteer-months, {total} to pay).").format(
            path=result.path, rows=result.rows, total=money(result.total_cents)))
        return result.path

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
        self.export_status.clear()

    def _save(self) -> None:
        if self.workspace is None:
            return
        for message in self.messages.values():
            message.show_message("")
        typed = {name: edit.text() for name, edit in self.edits.items()}
        problems = rates.rate_problems(**typed)
        if problems:  # each field that needs retyping is marked, not only the first
            for name, message in problems.items():
                self.messages[name].show_message(message)
            self.edits[next(iter(problems))].setFocus()
            self.status.show_problem(_("Not saved: check the marked fields.") if len(problems) > 1
                                     else _("Not saved: check the marked field."))
            return
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
        self.mark_clean()
        self.status.show_done(_("Saved."))
        self.saved.emit()
