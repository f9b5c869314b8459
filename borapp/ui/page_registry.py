"""The screens of the navigation rail, in order: key, label, icon and the page class."""

from __future__ import annotations

from dataclasses import dataclass

from borapp.i18n import N_


@dataclass(frozen=True)
class PageEntry:
    key: str
    label: str  # English msgid; translated where shown
    icon: str
    shortcut: str


PAGES = (
    PageEntry("dashboard", N_("Today"), "sun", "Ctrl+1"),
    PageEntry("cases", N_("Cases"), "folders", "Ctrl+2"),
    PageEntry("volunteers", N_("Volunteers"), "users-three", "Ctrl+3"),
    PageEntry("outbox", N_("Outbox"), "paper-plane-tilt", "Ctrl+4"),
    PageEntry("reports", N_("Reports"), "chart-bar", "Ctrl+5"),
    PageEntry("settings", N_("Settings"), "gear-six", "Ctrl+6"),
)


def page_class(key: str):
    """The page's class, imported on demand so each screen stays in its own module."""
    if key == "dashboard":
        from borapp.ui.pages.dashboard.dashboard_page import DashboardPage as cls
    elif key == "cases":
        from borapp.ui.pages.cases.cases_page import CasesPage as cls
    elif key == "volunteers":
        from borapp.ui.pages.volunteers.volunteers_page import VolunteersPage as cls
    elif key == "outbox":
        from borapp.ui.pages.outbox_page import OutboxPage as cls
    elif key == "reports":
        from borapp.ui.pages.reports_page import ReportsPage as cls
    else:
        from borapp.ui.pages.settings.settings_page import SettingsPage as cls
    return cls
