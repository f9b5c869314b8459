"""What every screen in the main window is: a page that loads through services and forgets on lock."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from borapp.services.vault.workspace import Workspace


class Page(QWidget):
    """A screen of the main window.

    `refresh()` (re)loads everything from services; `clear()` drops every piece of data the page shows (called on
    lock, before the workspace closes). Pages with editors that may hold unsaved typing implement `drafts()` and
    `restore_drafts()` so the main window can keep that typing as encrypted drafts across a lock. Pages with records
    to open say which one is open in `place()`, and open it again in `return_to()` after the unlock.
    """

    open_case = Signal(int)
    open_volunteer = Signal(int)
    changed = Signal()  # data changed here; other pages may want to refresh
    go_to = Signal(str)  # show another place: a page key, or "<page key>/<section key>" (e.g. "settings/mail")
    resume_draft = Signal(str)  # reopen a kept draft ("intake/<uuid>"); the page that knows it says so in open_draft

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace

    def set_workspace(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def refresh(self) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def drafts(self) -> dict[str, dict]:
        """Unsaved edits as {draft key: JSON-able state}; empty when nothing is being edited."""
        return {}

    def restore_drafts(self, drafts: dict[str, dict]) -> None:
        """Bring back edits returned earlier by `drafts()` (keys this page does not know are ignored)."""

    def show_section(self, key: str) -> None:
        """Bring the part `key` of this page into view (a tab of Settings, say); unknown keys are ignored."""

    def open_draft(self, key: str) -> bool:
        """Reopen the kept draft `key` if it is this page's (then return True), e.g. an unfinished intake."""
        return False

    def place(self) -> dict:
        """What is open on this page (a record's id, a tab's key; never a name), JSON-able; {}: its first view."""
        return {}

    def return_to(self, place: dict) -> None:
        """After an unlock, show again what `place()` said was open; a record gone meanwhile leaves the page's first
        view, without a word (the coordinator sees it is not there)."""
