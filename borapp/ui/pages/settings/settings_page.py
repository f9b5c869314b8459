"""Settings: organisation and letterhead, coordinators, municipalities, referrers, security and language, backups,
mail, privacy.

What was typed in a tab and not saved stays when another page is shown and Settings again (each visit reloads the
tabs from the vault, then puts the typing back), and over a lock as an encrypted draft "settings/<tab>".
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.services import drafts as draft_store
from borapp.ui.pages.base import Page
from borapp.ui.pages.settings.backups_tab import BackupsTab
from borapp.ui.pages.settings.coordinators_tab import CoordinatorsTab
from borapp.ui.pages.settings.costs_tab import CostsTab
from borapp.ui.pages.settings.letter_templates_tab import LetterTemplatesTab
from borapp.ui.pages.settings.mail_tab import MailTab
from borapp.ui.pages.settings.municipalities_tab import MunicipalitiesTab
from borapp.ui.pages.settings.organisation_tab import OrganisationTab
from borapp.ui.pages.settings.privacy_tab import PrivacyTab
from borapp.ui.pages.settings.referrers_tab import ReferrersTab
from borapp.ui.pages.settings.security_tab import SecurityTab
from borapp.ui.pages.settings.team_tab import TeamTab
from borapp.ui.widgets.compact_tabs import compact_tabs
from borapp.ui.widgets.scrolling import vertical_scroll
from borapp.ui.widgets.tab_order import tab_stops


DRAFT_PREFIX = "settings/"


def drafts_key(key: str) -> str:
    """The vault's key of a draft this page names `key` (the main window keeps the GUI's drafts under a prefix)."""
    return draft_store.UI_PREFIX + key


class SettingsPage(Page):
    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        layout = QVBoxLayout(self)
        title = QLabel(_("Settings"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Settings"))
        compact_tabs(self.tabs)  # eleven tabs, every one in view at 1093 px
        layout.addWidget(self.tabs)
        self._pending: dict[str, dict] = {}  # kept over a lock, put back once the tabs are loaded
        self._stored: set[str] = set()  # draft keys in the vault, to let go once their typing is saved or undone
        self.sections = [OrganisationTab(self), LetterTemplatesTab(self), CoordinatorsTab(self),
                         MunicipalitiesTab(self), ReferrersTab(self), SecurityTab(self), BackupsTab(self),
                         MailTab(self), TeamTab(self), PrivacyTab(self), CostsTab(self)]
        for key, section in zip(("organisation", "letter-templates", "coordinators", "municipalities", "referrers",
                                 "security", "backups", "mail", "team", "privacy", "costs"), self.sections):
            section.setObjectName(key)
            self.tabs.addTab(_scrolling(section), section.title)
            section.saved.connect(self.changed)
            section.saved.connect(lambda section=section: self._forget_saved(section))
        self.sections[9].open_case.connect(self.open_case)  # Privacy: a case due for destruction, opened

    def show_section(self, key: str) -> None:
        """Show the tab `key` with the keyboard in its first field ("Set up" on Today left it on the tab bar)."""
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).objectName() == key:
                self.tabs.setCurrentIndex(index)
                first = next((w for w in tab_stops(self.current_section()) if w.isVisible() and w.isEnabled()), None)
                if first is not None:
                    first.setFocus(Qt.FocusReason.TabFocusReason)

    def open_draft(self, key: str) -> bool:
        """A tab's kept typing, chosen on Today: show that tab (the typing is put back when the page loads)."""
        name = key[len(DRAFT_PREFIX):] if key.startswith(DRAFT_PREFIX) else ""
        if name not in {section.objectName() for section in self.sections}:
            return False
        self.show_section(name)
        return True

    def current_section(self):
        return self.tabs.currentWidget().widget()

    def refresh(self) -> None:
        for section in self.sections:
            after_lock = section.objectName() in self._pending
            kept = self._pending.pop(section.objectName(), None) or section.unsaved()
            section.load(self.workspace)
            if kept:
                section.put_back(kept, after_lock=after_lock)

    def clear(self) -> None:
        for section in self.sections:
            section.clear()
        self._pending = {}
        self._stored = set()

    def drafts(self) -> dict[str, dict]:
        found = {}
        for section in self.sections:
            key = DRAFT_PREFIX + section.objectName()
            kept = section.unsaved() or self._pending.get(section.objectName())
            if kept:
                found[key] = {**kept, "title": " – ".join((_("Settings"), section.title)),
                              "title_msgids": ["Settings", section.title_msgid]}
                self._stored.add(key)
            elif key in self._stored:  # saved, or typed back to what the vault holds: the draft goes
                draft_store.delete_draft(self.workspace, drafts_key(key))
                self._stored.discard(key)
        return found

    def _forget_saved(self, section) -> None:
        """Saved: the tab's kept draft goes at once. Left for the next pause, a crash in between brought "Instellingen
        – Organisatie" back as unsaved typing at the next unlocks, though everything was saved."""
        if section.unsaved() is not None or self.workspace is None or self.workspace.is_locked:
            return  # typing left in the tab (another row, say) stays kept
        key = DRAFT_PREFIX + section.objectName()
        self._pending.pop(section.objectName(), None)
        self._stored.discard(key)
        draft_store.delete_draft(self.workspace, drafts_key(key))

    def restore_drafts(self, drafts: dict[str, dict]) -> None:
        mine = {key[len(DRAFT_PREFIX):]: kept for key, kept in drafts.items() if key.startswith(DRAFT_PREFIX)}
        if not mine:
            return
        self._stored.update(DRAFT_PREFIX + name for name in mine)
        self._pending.update(mine)
        if self.workspace is not None and not self.workspace.is_locked and self.sections[0].workspace is not None:
            self.refresh()  # shown already (the page the lock left open): put back now


def _scrolling(section: QWidget) -> QScrollArea:
    """A tab scrolls up and down when the window is lower than it (Privacy is 490 px high; a 1366×768 screen at
    125 % leaves the page about 550)."""
    scroll = vertical_scroll(section)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no empty Tab stop before the tab's first field
    scroll.setObjectName(section.objectName())  # the tab's name, as the screenshot tool and show_section read it
    return scroll
