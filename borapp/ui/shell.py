"""The unlocked part of the main window: the navigation rail and the screens."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QStackedWidget, QWidget

from borapp.i18n import _
from borapp.services.vault.workspace import Workspace
from borapp.ui.icons import icon
from borapp.ui.page_registry import PAGES, page_class
from borapp.ui.pages.base import Page


class Shell(QWidget):
    data_changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.rail = QListWidget()
        self.rail.setObjectName("navigationRail")
        self.rail.setAccessibleName(_("Navigation"))
        self.rail.setIconSize(QSize(22, 22))
        self.rail.setFixedWidth(176)
        self.rail.setFrameShape(QListWidget.Shape.NoFrame)
        self.stack = QStackedWidget()
        layout.addWidget(self.rail)
        layout.addWidget(self.stack, 1)
        self.pages: dict[str, Page] = {}
        for entry in PAGES:
            page = page_class(entry.key)(workspace)
            self.pages[entry.key] = page
            self.stack.addWidget(page)
            item = QListWidgetItem(icon(entry.icon), _(entry.label))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, _(entry.label))
            item.setToolTip(f"{_(entry.label)} ({entry.shortcut})")
            self.rail.addItem(item)
            QShortcut(QKeySequence(entry.shortcut), self, activated=lambda k=entry.key: self.show_page(k))
            page.open_case.connect(self.open_case)
            page.open_volunteer.connect(self.open_volunteer)
            page.resume_draft.connect(self.resume_draft)
            page.changed.connect(self.data_changed)
        self.rail.currentRowChanged.connect(self._row_changed)
        self.rail.setCurrentRow(0)

    def _row_changed(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        page = self.stack.currentWidget()
        if isinstance(page, Page) and not page.workspace.is_locked:
            page.refresh()

    def show_page(self, key: str) -> Page:
        row = [e.key for e in PAGES].index(key)
        self.rail.setCurrentRow(row)
        return self.pages[key]

    def current_key(self) -> str:
        return PAGES[self.rail.currentRow()].key

    def open_case(self, case_id: int) -> None:
        page = self.show_page("cases")
        page.open_case_file(case_id)

    def open_volunteer(self, volunteer_id: int) -> None:
        page = self.show_page("volunteers")
        page.open_volunteer_profile(volunteer_id)

    def resume_draft(self, key: str) -> None:
        """Show the page that keeps this draft, reopened where it was left."""
        for name, page in self.pages.items():
            if page.open_draft(key):
                self.show_page(name)
                return

    def focus_search(self) -> None:
        self.show_page("cases").focus_search()

    def set_workspace(self, workspace: Workspace) -> None:
        for page in self.pages.values():
            page.set_workspace(workspace)

    def refresh_current(self) -> None:
        page = self.stack.currentWidget()
        if isinstance(page, Page):
            page.refresh()

    def clear(self) -> None:
        for page in self.pages.values():
            page.clear()

    def drafts(self) -> dict[str, dict]:
        collected: dict[str, dict] = {}
        for page in self.pages.values():
            collected.update(page.drafts())
        return collected

    def restore_drafts(self, drafts: dict[str, dict]) -> None:
        for page in self.pages.values():
            page.restore_drafts(drafts)
