"""Settings: organisation and letterhead, coordinators, municipalities, referrers, security and language, backups,
mail, privacy."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from borapp.i18n import _
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
from borapp.ui.widgets.scrolling import vertical_scroll


class SettingsPage(Page):
    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        layout = QVBoxLayout(self)
        title = QLabel(_("Settings"))
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Settings"))
        layout.addWidget(self.tabs)
        self.sections = [OrganisationTab(self), LetterTemplatesTab(self), CoordinatorsTab(self),
                         MunicipalitiesTab(self), ReferrersTab(self), SecurityTab(self), BackupsTab(self),
                         MailTab(self), TeamTab(self), PrivacyTab(self), CostsTab(self)]
        for key, section in zip(("organisation", "letter-templates", "coordinators", "municipalities", "referrers",
                                 "security", "backups", "mail", "team", "privacy", "costs"), self.sections):
            section.setObjectName(key)
            self.tabs.addTab(_scrolling(section), section.title)
            section.saved.connect(self.changed)

    def show_section(self, key: str) -> None:
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).objectName() == key:
                self.tabs.setCurrentIndex(index)

    def current_section(self):
        return self.tabs.currentWidget().widget()

    def refresh(self) -> None:
        for section in self.sections:
            section.load(self.workspace)

    def clear(self) -> None:
        for section in self.sections:
            section.clear()


def _scrolling(section: QWidget) -> QScrollArea:
    """A tab scrolls up and down when the window is lower than it (Privacy is 490 px high; a 1366×768 screen at
    125 % leaves the page about 550)."""
    scroll = vertical_scroll(section)
    scroll.setObjectName(section.objectName())  # the tab's name, as the screenshot tool and show_section read it
    return scroll
