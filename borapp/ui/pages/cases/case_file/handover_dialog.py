"""Handing a case to another coordinator, with a note for them; kept in the case's history and the log."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QLabel, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.services.cases import editing
from borapp.services.cases.case_file import CaseFile
from borapp.services.errors import BorError
from borapp.ui.kept_typing import keep_as
from borapp.ui.pages.cases.case_file.form_tab import text_box
from borapp.ui.widgets.discard_question import AsksBeforeDiscarding
from borapp.ui.widgets.forms import FieldMessage, grow_with_messages, ok_cancel


class HandoverDialog(AsksBeforeDiscarding, QDialog):
    def __init__(self, workspace, facts: CaseFile, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.facts = workspace, facts
        self.setWindowTitle(_("Hand over case {ref}").format(ref=facts.ref))
        keep_as(self, f"case/{facts.id}/handover")
        layout = QVBoxLayout(self)
        current = facts.coordinator or _("nobody")
        layout.addWidget(QLabel(_("Coordinator now: {name}").format(name=current)))
        form = QFormLayout()
        layout.addLayout(form)
        self.coordinator = QComboBox()
        self.coordinator.setAccessibleName(_("New coordinator"))
        for item in editing.list_coordinators(workspace):
            if item.id != facts.coordinator_id:
                self.coordinator.addItem(item.name, item.id)
        form.addRow(_("New coordinator"), self.coordinator)
        self.note = text_box(_("Note for the new coordinator"), 96)
        form.addRow(_("Note"), self.note)
        self.message = FieldMessage()
        layout.addWidget(self.message)
        buttons, self.ok_button = ok_cancel(self, _("Hand over"))
        layout.addWidget(buttons)
        if self.coordinator.count() == 0:
            self.ok_button.setEnabled(False)
            self.message.show_message(_("There is no other coordinator. Add one under Settings first."), warning=True)
        grow_with_messages(self, 480)
        self.remember_typing()

    def accept(self) -> None:
        try:
            editing.hand_over(self.workspace, self.facts.id, self.coordinator.currentData(),
                                   self.note.toPlainText())
        except BorError as exc:
            self.message.show_message(str(exc))
            return
        super().accept()
