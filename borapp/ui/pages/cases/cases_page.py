"""Placeholder until the case list lands."""
from borapp.i18n import N_
from borapp.ui.pages.placeholder import PlaceholderPage


class CasesPage(PlaceholderPage):
    title = N_("Cases")
    note = N_("Being built.")

    def open_case_file(self, case_id: int) -> None:
        pass

    def focus_search(self) -> None:
        pass
