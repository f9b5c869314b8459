"""Placeholder until the settings screen lands."""
from borapp.i18n import N_
from borapp.ui.pages.placeholder import PlaceholderPage


class SettingsPage(PlaceholderPage):
    title = N_("Settings")
    note = N_("Being built.")
