"""Placeholder until the dashboard lands."""
from borapp.i18n import N_
from borapp.ui.pages.placeholder import PlaceholderPage


class DashboardPage(PlaceholderPage):
    title = N_("Today")
    note = N_("Being built.")
