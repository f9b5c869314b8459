"""Correcting the date of a step already taken, from the timeline: the dates it may have are said above the field,
and a refusal shows under it with the typing kept (services/cases/step_dates.py decides)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from borapp.formatting import long_date
from borapp.i18n import _
from borapp.services.cases.step_dates import Span, correct_step_date
from borapp.services.cases.timeline import TimelineEntry
from borapp.services.errors import BorError
from borapp.ui.kept_typing import keep_as
from borapp.ui.widgets.date_field import DateField, refuse_unreadable
from borapp.ui.widgets.discard_question import AsksBeforeDiscarding
from borapp.ui.widgets.forms import FieldMessage, grow_with_messages, ok_cancel


class StepDateDialog(AsksBeforeDiscarding, QDialog):
    def __init__(self, workspace, case_id: int, ref: str, entry: TimelineEntry, span: Span,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.case_id, self.entry = workspace, case_id, entry
        self.setWindowTitle(_("Correct the date of a step in case {ref}").format(ref=ref))
        keep_as(self, f"case/{case_id}/step-date/{entry.step_id}")
        layout = QVBoxLayout(self)
        what = QLabel(_("{step}, now dated {date}.").format(step=entry.title, date=long_date(entry.on)))
        what.setWordWrap(True)
        layout.addWidget(what)
        hint = QLabel(_("The steps keep their order: a date {dates}.").format(dates=span.words()))
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        layout.addWidget(hint)
        form = QFormLayout()
        self.on = DateField(optional=False)
        self.on.setAccessibleName(_("Date of the step"))
        self.on.set_value(entry.on)
        form.addRow(_("Date"), self.on)
        layout.addLayout(form)
        self.message = FieldMessage()
        self.message.setAccessibleName(_("Why the date was not saved"))
        layout.addWidget(self.message)
        buttons, self.ok_button = ok_cancel(self, _("Save date"))
        layout.addWidget(buttons)
        self.on.edit.setFocus()
        grow_with_messages(self, 460)  # the sentences above and under the field wrap, never cut
        self.remember_typing()

    def accept(self) -> None:
        if refuse_unreadable(self):
            return
        try:
            correct_step_date(self.workspace, self.case_id, self.entry.step_id, self.on.value())
        except BorError as exc:
            self.message.show_message(str(exc))
            self.on.edit.setFocus()
            return
        super().accept()
