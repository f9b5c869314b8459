"""The other path: no volunteer can be matched to the parents' demands. A note is required; finishing closes the case
as stopped at intake with that reason, through the service."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from borapp.i18n import _
from borapp.services.cases.status import outcome_label, reason_label
from borapp.services.errors import BorError
from borapp.services.matching.flow import NO_MATCH, MatchingCase, record_no_match
from borapp.ui.pages.cases.case_file.form_tab import text_box
from borapp.ui.widgets.date_field import DateField, refuse_unreadable
from borapp.ui.widgets.forms import FieldMessage, required_note
from borapp.ui.wizards.matching.fields import compact_form, field_row, say_refusal


class NoMatchPage(QWizardPage):
    def __init__(self, workspace, info: MatchingCase, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("matching-3-no-match")
        self.workspace, self.info = workspace, info
        self.setTitle(_("No match could be made"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Close the case"))
        layout = QVBoxLayout(self)
        explain = QLabel(_(
            "Case {ref} closes as \u201c{outcome}\u201d with the reason \u201c{reason}\u201d. It counts as stopped "
            "early in the annual report. You can reopen it if a volunteer turns up after all.").format(
            ref=info.ref, outcome=outcome_label("stopped_at_intake"),
            reason=reason_label("stopped_at_intake", NO_MATCH)))
        explain.setWordWrap(True)
        explain.setAccessibleName(_("What finishing does"))
        if info.volunteer:
            explain.setText(explain.text() + " " + _("{name} is taken off the case.").format(name=info.volunteer))
        form_box, form = compact_form()
        self.on = DateField(optional=False)
        self.on_message = field_row(form, _("Closed on"), self.on)
        self.note = text_box(_("Note"), 120)
        self.note.setPlaceholderText(_("Which demand could not be met, and who was asked"))
        self.note_message = field_row(form, _("Note"), self.note, required=True)
        self.note.setAccessibleName(_("Why no volunteer could be matched"))  # the confirm page has a Note too
        self.note.textChanged.connect(self._note_changed)
        self.message = FieldMessage()
        self.message.setAccessibleName(_("Why the case was not closed"))
        layout.addWidget(explain)
        layout.addWidget(form_box)
        layout.addWidget(required_note())
        layout.addStretch()
        layout.addWidget(self.message)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        self._note_changed()

    def _note_changed(self) -> None:
        self.note_message.show_message("" if self.isComplete() else _(
            "Write down why no volunteer could be matched; it goes into the case's history."), warning=True)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return bool(self.note.toPlainText().strip())

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        self.message.show_message("")
        if refuse_unreadable(self):  # the date says why under itself
            return False
        try:
            record_no_match(self.workspace, self.info.id, self.on.value(), self.note.toPlainText())
        except BorError as exc:
            say_refusal(exc, {"on": self.on_message, "note": self.note_message}, self.message)
            return False
        return True
