"""A stand-in for a case-file tab whose module is not there (yet): says so plainly instead of breaking the file."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.ui.pages.cases.tabs.base import CaseTab


class MissingTab(CaseTab):
    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        layout = QVBoxLayout(self)
        note = QLabel(_("This part of the case file is not available in this version."))
        note.setObjectName("emptyState")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch()

    def load(self, case_id: int) -> None:
        self.case_id = case_id

    def clear(self) -> None:
        self.case_id = None
