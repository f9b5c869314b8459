"""Placeholder until the volunteer screens land."""
from borapp.i18n import N_
from borapp.ui.pages.placeholder import PlaceholderPage


class VolunteersPage(PlaceholderPage):
    title = N_("Volunteers")
    note = N_("Being built.")

    def open_volunteer_profile(self, volunteer_id: int) -> None:
        pass
