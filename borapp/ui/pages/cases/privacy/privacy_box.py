"""The case file's privacy actions, beside its notes: who looked at the file, a request for access, erasure."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QGroupBox, QPushButton, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.ui.icons import icon
from borapp.ui.pages.cases.privacy.access_export_dialog import AccessExportDialog
from borapp.ui.pages.cases.privacy.access_log_dialog import AccessLogDialog
from borapp.ui.pages.cases.privacy.erase_dialog import EraseDialog
from borapp.ui.pages.cases.privacy.erased_message import ErasedMessage
from borapp.ui.widgets.passing_dialog import open_passing
from borapp.ui.widgets.result_line import ResultLine


class PrivacyBox(QGroupBox):
    erased = Signal(str)  # the case number of a case that is gone

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Privacy"), parent)
        self.workspace, self.case_id, self.ref = None, None, ""
        self.dialog = None
        self.erased_message: ErasedMessage | None = None
        column = QVBoxLayout(self)
        self.log_button = QPushButton(icon("eye"), _("Who looked at this file?"))
        self.export_button = QPushButton(icon("export"), _("Request for access…"))
        self.erase_button = QPushButton(icon("trash"), _("Erase this case…"))
        self.result = ResultLine()
        for widget in (self.log_button, self.export_button, self.erase_button, self.result):
            column.addWidget(widget)
        self.log_button.clicked.connect(self.show_log)
        self.export_button.clicked.connect(self.ask_export)
        self.erase_button.clicked.connect(self.ask_erase)

    def show_case(self, workspace, case_id: int, ref: str) -> None:
        self.workspace, self.case_id, self.ref = workspace, case_id, ref
        self.result.clear()

    def show_log(self) -> AccessLogDialog:
        return self._open(AccessLogDialog(self.workspace, self.case_id, self.ref, self))

    def ask_export(self) -> AccessExportDialog:
        dialog = AccessExportDialog(self.workspace, self.ref, self)
        dialog.accepted.connect(lambda: self._exported(dialog))
        return self._open(dialog)

    def ask_erase(self) -> EraseDialog:
        dialog = EraseDialog(self.workspace, self.ref, self)
        dialog.accepted.connect(lambda: self._erased(dialog))
        return self._open(dialog)

    def _open(self, dialog: QDialog) -> QDialog:
        return open_passing(self, dialog)

    def _erased(self, dialog: EraseDialog) -> None:
        """Say so before the case file goes: which backups still hold it, which exported files of it are on disk."""
        self.erased_message = ErasedMessage(dialog.record, self.window())
        self.erased_message.open()
        self.erased.emit(self.ref)

    def _exported(self, dialog: AccessExportDialog) -> None:
        said = _("Export written to {path}.").format(path=dialog.written) + " " + dialog.summary
        (self.result.show_note if dialog.to_check else self.result.show_done)(said)  # files to look at
