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


def test_today_shows_what_the_last_weeks_syncs_changed_and_a_lock_clears_it(qtbot, workspace, tmp_path):
    import os

    from borapp.services.sync import news
    from borapp.services.sync.run import SyncResult
    from borapp.ui.pages.dashboard.dashboard_page import DashboardPage

    news.keep(workspace, news.lines(SyncResult(renumbered=[("BOR-2026-P001", "BOR-2026-201")], kept_as_addenda=1)))
    page = DashboardPage(workspace)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.refresh()
    assert page.sync_news.isVisible()
    assert "BOR-2026-P001 heet nu BOR-2026-201" in page.sync_news.text() and "aanvulling" in page.sync_news.text()
    if os.environ.get("BORAPP_SCREENSHOTS"):
        page.grab().save(os.path.join(os.environ["BORAPP_SCREENSHOTS"], "today-sync-news.png"))
    page.clear()
    assert page.sync_news.text() == "" and not page.sync_news.isVisible()
