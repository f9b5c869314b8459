"""Today says when changes clashed with a colleague's, and the notice leads to where they are settled."""

from __future__ import annotations

from borapp.services import settings


def test_today_says_when_changes_clash_and_the_notice_leads_to_the_team_tab(qtbot, workspace):
    from borapp.ui.pages.dashboard.dashboard_page import DashboardPage

    settings.write_settings(workspace, {"sync.open_conflicts": "2"})
    page = DashboardPage(workspace)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.conflicts_notice.isVisible() and "2" in page.conflicts_notice.text()
    with qtbot.waitSignal(page.go_to) as sent:
        page.conflicts_notice.click()
    assert sent.args == ["settings/team"]
