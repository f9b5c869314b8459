"""Brieven: the feedback letters of a case, read-only here; they are made and sent from the outbox."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from borapp.formatting import date_time, long_date
from borapp.i18n import N_, _
from borapp.services.cases import letters as cases_letters
from borapp.services.cases.letters import LetterItem
from borapp.services.errors import BorError
from borapp.services.vault.workspace import Workspace
from borapp.ui.pages.cases.tabs.base import CaseTab
from borapp.ui.pages.cases.tabs.rows_model import Column, RowsModel, fit_columns, local_time, table_view
from borapp.ui.widgets.forms import FieldMessage


def _made_on(row: LetterItem) -> str:
    return long_date(local_time(row.created_at).date())


def _changed_at(row: LetterItem) -> str:
    return date_time(local_time(row.state_changed_at))


class LettersModel(RowsModel):
    columns = (
        Column(N_("Letter"), lambda r: r.kind_label, tooltip=lambda r: r.subject or None),
        Column(N_("Recipient"), lambda r: r.recipient),
        Column(N_("Status"), lambda r: r.state_label, tooltip=lambda r: r.error or None),
        Column(N_("Made on"), _made_on, sort_key=lambda r: (r.created_at, r.id)),
        Column(N_("Last change"), _changed_at, sort_key=lambda r: r.state_changed_at),
    )


class LettersTab(CaseTab):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        explanation = QLabel(_("Letters are made, checked and sent from the Outbox. Here you see the letters of "
                               "this case and where each one stands."))
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
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

    def load(self, case_id: int) -> None:
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
        self.model.clear()
        self.stack.setCurrentWidget(self.empty)
