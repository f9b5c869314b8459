"""Settings, Privacy: the closed cases due for destruction, and what the coordinator does with each one: open it
(double-click or Enter), erase it (the case file's own erase dialog), or note why it is kept longer, so that it leaves
the list until the day she sets. Going through the list silences Today's yearly reminder, and says so."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from borapp.collation import natural
from borapp.formatting import long_date
from borapp.i18n import N_, _
from borapp.services.errors import ValidationError, describe
from borapp.services.privacy import retention
from borapp.ui.icons import icon
from borapp.ui.kept_typing import not_kept
from borapp.ui.pages.cases.privacy.erase_dialog import EraseDialog
from borapp.ui.pages.cases.privacy.erased_message import ErasedMessage
from borapp.ui.widgets.passing_dialog import open_passing
from borapp.ui.pages.cases.tabs.rows_model import Column, RowsModel, fit_columns, table_view
from borapp.ui.pages.settings.section import button_row
from borapp.ui.widgets.date_field import DateField
from borapp.ui.widgets.result_line import ResultLine


class DueModel(RowsModel):
    columns = (
        Column(N_("Case"), lambda r: r.ref, sort_key=lambda r: natural(r.ref)),  # BOR-2021-999 before -1000
        Column(N_("Closed on"), lambda r: long_date(r.closed_on), sort_key=lambda r: r.closed_on),
        Column(N_("Due since"), lambda r: long_date(r.due_on), sort_key=lambda r: r.due_on),
        Column(N_("Outcome"), lambda r: r.outcome),
    )


class DueBox(QGroupBox):
    open_case = Signal(int)
    changed = Signal()  # a case erased or kept longer

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Due for destruction"), parent)
        self.workspace = None
        self.dialog: EraseDialog | None = None
        column = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)  # never cut by the list
        column.addWidget(self.intro)
        self.model = DueModel(self)
        self.table = table_view(self.model, _("Cases due for destruction"))
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        column.addWidget(self.table, 1)
        self.open_button = QPushButton(icon("folder-open"), _("Open case"))
        self.open_button.clicked.connect(self.open_selected)
        self.erase_button = QPushButton(icon("trash"), _("Erase this case…"))
        self.erase_button.clicked.connect(self.ask_erase)
        column.addLayout(button_row(self.open_button, self.erase_button))
        column.addLayout(self._keep_form())
        self.result = ResultLine()
        column.addWidget(self.result)
        self.reviewed_button = QPushButton(_("Gone through: no reminder on Today for a year"))
        self.reviewed_button.clicked.connect(self._reviewed)
        reviewed_note = QLabel(_("This only silences the yearly reminder on Today, for every case at once. The cases "
                                 "stay on this list until you erase them or note why they are kept longer."))
        reviewed_note.setWordWrap(True)
        column.addLayout(button_row(self.reviewed_button))
        column.addWidget(reviewed_note)
        self._selection_changed()

    def _keep_form(self) -> QFormLayout:
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setAccessibleName(_("Why it is kept longer"))
        self.reason.setPlaceholderText(_("e.g. a court case is still running"))
        form.addRow(_("Keep longer, because"), self.reason)
        self.until = DateField()
        self.until.setAccessibleName(_("Back on the list on"))
        not_kept(self.until)  # filled in for the case chosen: not typing of hers to keep over a lock
        self.keep_button = QPushButton(_("Keep longer"))
        self.keep_button.clicked.connect(self.keep_selected)
        row = QHBoxLayout()
        row.addWidget(self.until)
        row.addWidget(self.keep_button)
        row.addStretch(1)  # the date at its own width, the button beside it
        form.addRow(_("Back on the list on"), row)
        return form

    def show_due(self, workspace) -> None:
        self.workspace = workspace
        due = retention.due_for_destruction(workspace)
        self.model.set_rows(due)
        fit_columns(self.table)
        self.intro.setText(
            _("These closed cases have been kept longer than the retention period. Open one (double-click), erase "
              "it, or note why it must be kept longer: it then leaves the list until the day you set.") if due
            else _("No closed case has passed its retention period."))
        self.reviewed_button.setEnabled(bool(due))
        self._selection_changed()

    def clear(self) -> None:
        self.workspace = None
        self.model.clear()
        self.intro.clear()
        self.reason.clear()
        self.until.set_value(None)
        self.result.clear()

    def selected(self):
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _selection_changed(self, *_args) -> None:
        row = self.selected()
        for button in (self.open_button, self.erase_button, self.keep_button):
            button.setEnabled(row is not None)
        if row is not None and not self.until.text():
            self.until.set_value(retention.years_after(dt.date.today(), 1))  # a year, unless she says otherwise

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.open_case.emit(row.id)

    def ask_erase(self) -> EraseDialog | None:
        row = self.selected()
        if row is None:
            return None
        dialog = EraseDialog(self.workspace, row.ref, self)
        dialog.accepted.connect(lambda: self._erased(dialog))
        return open_passing(self, dialog)

    def _erased(self, dialog: EraseDialog) -> None:
        """As from the case file: which backups still hold it, which exported letters of it are still on disk."""
        self.show_due(self.workspace)
        self.result.show_done(_("Case {ref} is erased; a tombstone without names remains.").format(
            ref=dialog.record.case_ref))
        self.erased_message = ErasedMessage(dialog.record, self.window())
        self.erased_message.open()
        self.changed.emit()

    def keep_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            kept = retention.keep_longer(self.workspace, row.id, self.reason.text(), self.until.value())
        except ValidationError as exc:
            self.result.show_problem(str(exc))
            (self.until.edit if exc.field == "until" or self.until.problem() else self.reason).setFocus()
            return
        except Exception as exc:  # noqa: BLE001 - said in words (describe), never a traceback
            self.result.show_problem(describe(exc))
            return
        self.reason.clear()
        self.until.set_value(None)
        self.show_due(self.workspace)
        self.result.show_done(_("Case {ref} is kept longer; it is back on this list on {day}.")
                              .format(ref=row.ref, day=long_date(kept)))
        self.changed.emit()

    def _reviewed(self) -> None:
        try:
            until = retention.mark_reviewed(self.workspace)
        except Exception as exc:  # noqa: BLE001 - said in words (describe), never a traceback
            self.result.show_problem(describe(exc))
            return
        self.result.show_done(_("Noted. Today does not remind you of this list until {day}; the cases on it stay "
                                "here until you erase them or note why they are kept.").format(day=long_date(until)))
