"""What a sync changed that the coordinator must hear of (a case number made final or given anew, typing kept as an
addendum or a new draft letter) is said at once by the CLI and Settings → Team, and kept a week on Today, since a
sync in the background tells nobody."""

from __future__ import annotations

import datetime as dt

from borapp.services.dashboard import today
from borapp.services.sync import news
from borapp.services.sync.run import SyncResult


def test_a_syncs_news_is_on_today_for_a_week(workspace):
    result = SyncResult(renumbered=[("BOR-2026-P001", "BOR-2026-201")], kept_as_drafts=2)
    day = dt.date(2026, 12, 4)
    news.keep(workspace, news.lines(result), day)
    board = today(workspace, on=day, limit=10)
    assert "BOR-2026-P001" in board.sync_news and "BOR-2026-201" in board.sync_news
    assert "2 wijzigingen van brieven" in board.sync_news, board.sync_news
    assert today(workspace, on=day + dt.timedelta(days=6), limit=10).sync_news == board.sync_news
    assert today(workspace, on=day + dt.timedelta(days=7), limit=10).sync_news == "", "gone after a week"


def test_a_sync_without_news_keeps_the_earlier_news_and_damaged_news_reads_as_none(workspace):
    from borapp.services import settings

    day = dt.date(2026, 12, 4)
    news.keep(workspace, news.lines(SyncResult(kept_as_addenda=1)), day)
    news.keep(workspace, news.lines(SyncResult()), day + dt.timedelta(days=1))
    assert len(news.recent(workspace, day + dt.timedelta(days=1))) == 1
    settings.write_settings(workspace, {"sync.news": '[["gisteren", 3], "x"]'})
    assert news.recent(workspace, day) == [] and today(workspace, on=day).sync_news == ""


def test_a_case_renumbered_twice_in_one_sync_is_one_line_from_first_to_last():
    """After a restore whose block is used up a case goes to a provisional number and on to a final one: one line."""
    result = SyncResult(renumbered=[("BOR-2026-014", "BOR-2026-P002"), ("BOR-2026-020", "BOR-2026-210"),
                                    ("BOR-2026-P002", "BOR-2026-211")])
    assert news.lines(result) == ["Dossier BOR-2026-014 heet nu BOR-2026-211.",
                                  "Dossier BOR-2026-020 heet nu BOR-2026-210."]
