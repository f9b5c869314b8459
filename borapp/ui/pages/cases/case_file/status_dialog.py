"""Moving a case on: the step, its date, an outcome and reason where the domain asks for them, and a note.

It offers only the steps that are a status to pick: drawing up the contract, matching and the midway evaluation are
work done in the case file, and the status follows from it. Closing after visits asks for the agreements made,
which the closing report shows (kept in the final evaluation). The service decides; when it refuses, its reason
shows in the dialog and everything filled in stays; Cancel and Escape ask before it is thrown away.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.services.cases import editing, evaluations
from borapp.services.cases.case_file import CaseFile
from borapp.services.cases.steps import StepOption, reason_choices
from borapp.services.errors import BorError
from borapp.services.visits import records
from borapp.ui.kept_typing import keep_as
from borapp.ui.pages.cases.case_file.form_tab import text_box
from borapp.ui.widgets.date_field import DateField, refuse_unreadable
from borapp.ui.widgets.discard_question import AsksBeforeDiscarding
from borapp.ui.widgets.forms import FieldMessage, grow_with_messages, ok_cancel


class StatusDialog(AsksBeforeDiscarding, QDialog):
    def __init__(self, workspace, facts: CaseFile, preset: StepOption | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.facts = workspace, facts
        self.setWindowTitle(_("Next step for case {ref}").format(ref=facts.ref))
        keep_as(self, f"case/{facts.id}/status")
        layout = QVBoxLayout(self)
        now = QLabel(_("Status now: {status}").format(status=facts.status_label))
        layout.addWidget(now)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.step = self._combo(_("Step"))
        for option in facts.steps:
            if not option.work:
                self.step.addItem(option.label, option)
        self.on = DateField(optional=False)
        self.on.setAccessibleName(_("Date of the step"))
        self.form.addRow(_("Date"), self.on)
        self.outcome = self._combo(_("Outcome"))
        self.reason = self._combo(_("Reason"))
        self._planned_visits = records.visit_counts(workspace, facts.id).planned > 0  # else nothing to ask
        self.planned = self._combo(_("Planned visits"))
        self.planned.addItem(_("Cancel them (reason: case closed)"), "cancel")
        self.planned.addItem(_("Delete them"), "delete")
        self.agreements = text_box(_("Agreements made"), 80)  # before the note, as in the closing report
        self.agreements.setPlaceholderText(_("The closing report to the referrer shows these agreements."))
        self.agreements.setPlainText(evaluations.final_agreements(workspace, facts.id))
        self.form.addRow(_("Agreements made"), self.agreements)
        self.note = text_box(_("Note"), 80)
        self.form.addRow(_("Note"), self.note)
        self.unsigned = FieldMessage()  # a warning: the visits start under a contract not everyone signed
        self.unsigned.setAccessibleName(_("The contract is not signed by everyone"))
        layout.addWidget(self.unsigned)
        self.message = FieldMessage()
        self.message.setAccessibleName(_("Why the step was not taken"))
        layout.addWidget(self.message)
        self.buttons, self.ok_button = ok_cancel(self, _("Save step"))
        layout.addStretch()  # room left over goes here, not into the date field (a blank band under the date)
        layout.addWidget(self.buttons)
        self.step.currentIndexChanged.connect(self._step_changed)
        self.outcome.currentIndexChanged.connect(self._outcome_changed)
        self.reason.currentIndexChanged.connect(self._reason_changed)
        self._preset(preset)
        grow_with_messages(self, 720)  # a reason to close reads whole ("…; het kind komt klem te zitten")
        self.remember_typing()

    def _combo(self, label: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(label)
        self.form.addRow(label, combo)
        return combo

    def _preset(self, preset: StepOption | None) -> None:
        index = 0
        for i in range(self.step.count()):
            option = self.step.itemData(i)
            if preset is not None and option.to == preset.to and option.label == preset.label:
                index = i
        self.step.setCurrentIndex(index)
        self._step_changed()

    def chosen(self) -> StepOption | None:
        return self.step.currentData()

    def _step_changed(self, *_args) -> None:
        option = self.chosen()
        self.outcome.blockSignals(True)
        self.outcome.clear()
        for choice in option.outcomes if option else ():
            self.outcome.addItem(choice.label, choice.value)
        self.outcome.blockSignals(False)
        self.form.setRowVisible(self.outcome, self.outcome.count() > 0)
        self.form.setRowVisible(self.planned, bool(option and option.to == "closed") and self._planned_visits)
        self.unsigned.show_message(self._unsigned_warning() if option and option.to == "visits" else "",
                                   warning=True)
        self._outcome_changed()

    def _unsigned_warning(self) -> str:
        """Said, not refused: the visits start under the newest version, which matching drew up unsigned."""
        newest = self.facts.contracts[0] if self.facts.contracts else None
        if newest is None:
            return _("No contract has been drawn up yet. The visits start under a contract that everyone signed.")
        if not newest.unsigned_roles:
            return ""
        return _("Version {n} of the contract is not signed by everyone yet (still to sign: {roles}). Have it "
                 "signed before the visits start, or take the step anyway.").format(
            n=newest.version, roles=", ".join(role.lower() for role in newest.unsigned_roles))

    def _outcome_changed(self, *_args) -> None:
        self.reason.blockSignals(True)
        self.reason.clear()
        choices = reason_choices(self.outcome.currentData() or "")
        if choices:
            self.reason.addItem(_("Choose a reason"), "")
        for choice in choices:
            self.reason.addItem(choice.label, choice.value)
        self.reason.blockSignals(False)
        self.form.setRowVisible(self.reason, bool(choices))
        self.form.setRowVisible(self.agreements, self._asks_agreements())
        self._reason_changed()
        self.message.show_message("")

    def _asks_agreements(self) -> bool:
        """Closing, after an intake that led somewhere: what was agreed goes into the closing report."""
        option = self.chosen()
        return bool(option and option.to == "closed") and self.outcome.currentData() != "stopped_at_intake"

    def _reason_changed(self, *_args) -> None:
        """The note of a closing goes into the closing report to the referrer (`outcome_note`): say so, where it is
        typed, before an internal remark reaches the referrer."""
        other = self.reason.currentData() == "other"
        option = self.chosen()
        closing = bool(option and option.to == "closed")
        if closing:
            hint = (_("Describe the other reason. The closing report to the referrer shows this text.") if other
                    else _("The closing report to the referrer shows this text."))
        else:
            hint = _("Describe the other reason.") if other else ""
        self.note.setPlaceholderText(hint)
        self.form.labelForField(self.note).setText(_("Explanation for the referrer") if closing else _("Note"))

    def accept(self) -> None:
        option = self.chosen()
        if option is None or refuse_unreadable(self):
            return
        if self.on.value() is None:  # an emptied date was taken as today, unasked
            self.on.refuse(_("Fill in the date of the step."))
            return
        try:
            editing.change_status(self.workspace, self.facts.id, option.to, self.on.value(),
                                       outcome=self.outcome.currentData() or "",
                                       reason=self.reason.currentData() or "", note=self.note.toPlainText(),
                                       planned_visits=self.planned.currentData() or "cancel",
                                       final_agreements=self.agreements.toPlainText() if self._asks_agreements()
                                       else None)
        except BorError as exc:
            self.message.show_message(str(exc))
            return
        super().accept()
