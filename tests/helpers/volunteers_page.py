"""The Volunteers page as a coordinator sees it: shown at the 1366 px screen's width less the sidebar, refreshed,
and with a volunteer's profile open when one is named."""

from __future__ import annotations

from borapp.ui.pages.volunteers.volunteers_page import VolunteersPage


def shown_page(qtbot, workspace, volunteer_id: int | None = None) -> VolunteersPage:
    page = VolunteersPage(workspace)
    qtbot.addWidget(page)
    page.resize(1190, 740)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    if volunteer_id is not None:
        page.open_volunteer_profile(volunteer_id)
    return page
