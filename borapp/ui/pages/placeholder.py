"""A screen whose content is still being built: says so plainly instead of showing an empty area."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.ui.pages.base import Page


class PlaceholderPage(Page):
    title = ""
    note = ""

    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        layout = QVBoxLayout(self)
        heading = QLabel(_(self.title))
        heading.setObjectName("pageTitle")
        layout.addWidget(heading)
        text = QLabel(_(self.note))
        text.setObjectName("emptyState")
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addStretch()

    def refresh(self) -> None:
        pass

    def clear(self) -> None:
        pass
