"""An addendum to a finished visit report, typed in a small dialog: OK adds it (dated, signed with the name of whoever
is working); when the service refuses, its message shows in the dialog and the typing stays."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from borapp.formatting import long_date
from borapp.i18n import _
from borapp.services.errors import BorError
from borapp.services.vault.workspace import Workspace
from borapp.services.visits import addenda
from borapp.ui.kept_typing import keep_as
from borapp.ui.widgets.discard_question import AsksBeforeDiscarding
from borapp.ui.widgets.forms import FieldMessage


class AddendumDialog(AsksBeforeDiscarding, QDialog):
    """`text` starts the box (e.g. what was typed into a report finished meanwhile); `intro` says why it opens.
    Cancel and Escape ask before what was typed here is thrown away."""

    def __init__(self, workspace: Workspace, visit_id: int, parent: QWidget | None = None, *, text: str = "",
                 intro: str = "", accept_text: str = ""):
        super().__init__(parent)
        self.workspace, self.visit_id = workspace, visit_id
        self.added_id: int | None = None
        self.setWindowTitle(_("Add an addendum"))
        self.setAccessibleName(self.windowTitle())
        keep_as(self, f"visit/{visit_id}/addendum")  # a lock keeps what is typed here
        layout = QVBoxLayout(self)
        self.intro = QLabel(intro or _("An addendum corrects or completes the finished report. Once added it cannot "
                                       "be changed or removed."))
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(_("Addendum"))
        self.text.setPlainText(text)
        self.text.setMinimumHeight(self.text.fontMetrics().lineSpacing() * 8 + 16)
        layout.addWidget(self.text, 1)
        self.signature = QLabel(_("Dated {date}, signed {name}").format(date=long_date(dt.date.today()),
                                                                        name=workspace.actor))
        self.signature.setObjectName("rowDate")
        layout.addWidget(self.signature)
        self.problem = FieldMessage()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = buttons.addButton(accept_text or _("Add addendum"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setAccessibleName(self.add_button.text())
        self.add_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(_("Cancel"))
        buttons.accepted.connect(self.add)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.text.textChanged.connect(self.problem.field_changed)
        self.resize(520, self.sizeHint().height())
        self.remember_typing()  # a starting text stays where it came from (the report's editor): not asked about
        self.text.setFocus()

    def add(self) -> None:
        """Add the addendum; on a refusal the message shows here and the typing stays."""
        self.problem.show_message("")
        try:
            self.added_id = addenda.add_addendum(self.workspace, self.visit_id, self.text.toPlainText())
        except BorError as exc:
            self.problem.show_message(str(exc))
            self.text.setFocus()
            return
        self.accept()
