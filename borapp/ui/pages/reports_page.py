"""Reports: the annual report (jaarrapportage) comes with its own issue; until then this page says so."""

from borapp.i18n import N_
from borapp.ui.pages.placeholder import PlaceholderPage


class ReportsPage(PlaceholderPage):
    title = N_("Reports")
    note = N_("The annual report per municipality is not available in this version yet. "
              "Case figures can be seen in the case list, filtered by year and municipality.")
