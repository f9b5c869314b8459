"""The unlocked part of the main window: the navigation rail and the screens.

A screen is built when it is first shown (building all six at unlock froze the window for seconds); until then its
place in the stack holds an empty widget, and drafts kept for it wait until it exists.

At a lock the main window keeps `place()` in the vault; the unlock gives it back to `return_to()`, which reopens the
case file or volunteer profile on the tab it was on. A new set of screens (a new start of the app) starts on Today:
what was left open is offered there, not pushed at anyone.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping

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
        self.workspace = workspace
        self._built: dict[str, Page] = {}
        self._waiting_drafts: dict[str, dict] = {}
        self._screens = uuid.uuid4().hex  # tells a place these screens kept from one kept by an earlier start
        self.pages = LazyPages(self)
        for entry in PAGES:
            self.stack.addWidget(QWidget())
            item = QListWidgetItem(icon(entry.icon), _(entry.label))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, _(entry.label))
            item.setToolTip(f"{_(entry.label)} ({entry.shortcut})")
            self.rail.addItem(item)
            QShortcut(QKeySequence(entry.shortcut), self, activated=lambda k=entry.key: self.show_page(k))
        self.page(PAGES[0].key)
        self.stack.setCurrentIndex(0)
        self.rail.setCurrentRow(0)  # shown, not yet loaded: the main window refreshes it once the vault is open
        self.rail.currentRowChanged.connect(self._row_changed)

    def page(self, key: str) -> Page:
        """The screen `key`, built now if it was not yet."""
        if key not in self._built:
            row = [e.key for e in PAGES].index(key)
            page = page_class(key)(self.workspace)
            page.open_case.connect(self.open_case)
            page.open_volunteer.connect(self.open_volunteer)
            page.resume_draft.connect(self.resume_draft)
            page.go_to.connect(self.go_to)
            page.changed.connect(self.data_changed)
            placeholder = self.stack.widget(row)
            showing = self.stack.currentIndex()
            self.stack.insertWidget(row, page)
            self.stack.removeWidget(placeholder)
            self.stack.setCurrentIndex(showing)  # removing the shown placeholder would show a neighbour
            placeholder.deleteLater()
            self._built[key] = page
            if self._waiting_drafts:
                page.restore_drafts(self._waiting_drafts)
        return self._built[key]

    def built_pages(self) -> list[Page]:
        return list(self._built.values())

    def _row_changed(self, row: int) -> None:
        page = self.page(PAGES[row].key)
        self.stack.setCurrentIndex(row)
        if not page.workspace.is_locked:
            page.refresh()

    def show_page(self, key: str) -> Page:
        row = [e.key for e in PAGES].index(key)
        self.rail.setCurrentRow(row)
        return self.pages[key]

    def go_to(self, place: str) -> None:
        """Show a page, or a section of it: "volunteers", "settings/mail"."""
        key, _sep, section = place.partition("/")
        page = self.show_page(key)
        if section:
            page.show_section(section)

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
        for name, page in self.pages.items():  # builds the screens in turn until one knows the draft
            if page.open_draft(key):
                self.show_page(name)
                return

    def place(self) -> dict:
        """Where the coordinator is: the page and what is open on it, with who works and which screens kept it."""
        return {"screens": self._screens, "coordinator": self.workspace.coordinator_id, "page": self.current_key(),
                "at": self.page(self.current_key()).place()}

    def return_to(self, place: dict) -> None:
        """Back to `place` (from `place()` before the lock); one kept by other screens or for another coordinator is
        left alone."""
        key = place.get("page")
        if place.get("screens") != self._screens or place.get("coordinator") != self.workspace.coordinator_id \
                or key not in {e.key for e in PAGES}:
            return
        self.show_page(key).return_to(place.get("at") or {})

    def focus_search(self) -> None:
        self.show_page("cases").focus_search()

    def set_workspace(self, workspace: Workspace) -> None:
        self.workspace = workspace
        for page in self.built_pages():
            page.set_workspace(workspace)

    def refresh_current(self) -> None:
        page = self.stack.currentWidget()
        if isinstance(page, Page):
            page.refresh()

    def clear(self) -> None:
        self._waiting_drafts = {}
        for page in self.built_pages():
            page.clear()

    def drafts(self) -> dict[str, dict]:
        """What the built screens hold unsaved (a screen not built holds nothing: its drafts are still stored)."""
        collected: dict[str, dict] = {}
        for page in self.built_pages():
            collected.update(page.drafts())
        return collected

    def restore_drafts(self, drafts: dict[str, dict]) -> None:
        self._waiting_drafts = dict(drafts)
        for page in self.built_pages():
            page.restore_drafts(drafts)


class LazyPages(Mapping):
    """The shell's screens by key; looking one up builds it."""

    def __init__(self, shell: Shell):
        self._shell = shell

    def __getitem__(self, key: str) -> Page:
        if key not in {e.key for e in PAGES}:
            raise KeyError(key)
        return self._shell.page(key)

    def __iter__(self) -> Iterator[str]:
        return iter([e.key for e in PAGES])

    def __len__(self) -> int:
        return len(PAGES)
