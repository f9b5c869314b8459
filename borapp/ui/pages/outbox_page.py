"""Placeholder until the outbox lands."""
from borapp.i18n import N_
from borapp.ui.pages.placeholder import PlaceholderPage


class OutboxPage(PlaceholderPage):
    title = N_("Outbox")
    note = N_("Being built.")
