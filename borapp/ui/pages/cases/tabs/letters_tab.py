"""Brieven: the feedback letters of a case. A new one can be made here; it is checked, edited and sent from the
outbox, where "Naar Postvak uit" shows it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from borapp.formatting import date_time, long_date
from borapp.i18n import N_, _
from borapp.services.cases import letters as cases_letters
from borapp.services.cases.letters import LetterItem
from borapp.services.errors import BorError
from borapp.services.vault.workspace import Workspace
from borapp.ui.pages.cases.tabs.base import CaseTab
from borapp.ui.pages.cases.tabs.rows_model import Column, RowsModel, fit_columns, local_time, table_view
from borapp.ui.icons import icon
from borapp.ui.widgets.forms import FieldMessage
from borapp.ui.widgets.result_line import ResultLine


def _made_on(row: LetterItem) -> str:
    return long_date(local_time(row.made_at).date())


def _changed_at(row: LetterItem) -> str:
    return date_time(local_time(row.state_changed_at))


class LettersModel(RowsModel):
    columns = (
        Column(N_("Letter"), lambda r: r.kind_label, tooltip=lambda r: r.subject or None),
        Column(N_("Recipient"), lambda r: r.recipient),
        Column(N_("Status"), lambda r: r.state_label, tooltip=lambda r: r.error or None),
        Column(N_("Made on"), _made_on, sort_key=lambda r: (r.made_at, r.id)),
        Column(N_("Last change"), _changed_at, sort_key=lambda r: r.state_changed_at),
    )


class LettersTab(CaseTab):
    new_letter_requested = Signal()
    show_in_outbox = Signal(int)  # a letter's id

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        explanation = QLabel(_("Here you see the letters of this case and where each one stands. They are checked, "
                               "edited and sent from the Outbox."))
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        bar = QHBoxLayout()
        self.new_button = QPushButton(icon("file-plus"), _("New letter…"))
        self.new_button.setAccessibleName(_("New letter"))
        self.new_button.setToolTip(_("Make a feedback letter for this case from its template"))
        self.new_button.clicked.connect(self.new_letter_requested)
        self.outbox_button = QPushButton(icon("paper-plane-tilt"), _("Go to the Outbox"))
        self.outbox_button.setAccessibleName(_("Go to the Outbox"))
        self.outbox_button.clicked.connect(self._show_in_outbox)
        bar.addWidget(self.new_button)
        bar.addWidget(self.outbox_button)
        bar.addStretch()
        layout.addLayout(bar)
        self.made = ResultLine()
        layout.addWidget(self.made)
        self._made_id: int | None = None
        self.notice = FieldMessage()
        layout.addWidget(self.notice)
        self.model = LettersModel(self)
        self.table = table_view(self.model, _("Letters"))
        self.empty = QLabel(_("No letters for this case yet."))
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        layout.addWidget(self.stack, 1)

    def show_made(self, letter_id: int, missing: list, problems: str = "") -> None:
        """Say what became of a letter made here, and let "Go to the Outbox" show it there."""
        self._made_id = letter_id
        if problems:
            text = _("The letter is a draft. Edit it, then mark it ready.") + " " + problems
        elif missing:
            text = _("The letter is a draft: not filled in: {what}. Edit it, then mark it ready.").format(
                what="; ".join(missing))
        else:
            text = _("The letter is ready to send. Check it with Preview.")
        text += "\n" + _("Go to the Outbox to check and send it.")
        if problems or missing:  # a draft with lines to fill in is something to do, not done
            self.made.show_note(text)
        else:
            self.made.show_done(text)

    def _show_in_outbox(self) -> None:
        self.show_in_outbox.emit(self._made_id or 0)

    def load(self, case_id: int) -> None:
        if case_id != self.case_id:
            self.made.clear()
            self._made_id = None
        self.case_id = case_id
        self.notice.show_message("")
        try:
            rows = cases_letters.list_letters(self.workspace, case_id)
        except BorError as exc:
            rows = []
            self.notice.show_message(str(exc))
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        fit_columns(self.table)

    def clear(self) -> None:
        self.case_id = None
        self.made.clear()
        self._made_id = None
        self.model.clear()
        self.stack.setCurrentWidget(self.empty)
