"""A sync that failed is said where the coordinator looks for the sync's state, against the real service on a local
port: Settings → Team said 'Synced at …' after a failed sync, and the status bar told only in its tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from borapp.i18n import _
from borapp.services.sync import run as sync_run
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_gui_team import code_for, live_url, tab  # noqa: F401 - fixtures

REFUSED = "9999_another_version"  # a laptop of another version: the office server refuses its push


@pytest.fixture
def joined(tab, workspace, live_url, db_url):
    from borapp.services.sync.join import join

    join(workspace, live_url, code_for(db_url, "laptop-anna"), "laptop-anna")
    sync_run.sync_now(workspace)
    tab.fill()
    return tab


def click_sync(qtbot, tab) -> None:
    qtbot.mouseClick(tab.sync_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.sync_button.isEnabled(), timeout=15_000)


def test_the_team_tab_says_the_last_sync_failed_when_and_why(qtbot, joined, workspace, monkeypatch):
    tab = joined
    assert tab.state_label.text().startswith(_("Synced at {time}").split("{")[0])
    monkeypatch.setattr(sync_run, "head", lambda: REFUSED)
    click_sync(qtbot, tab)
    lines = tab.state_label.text().split("\n")
    assert lines[0].startswith("Synchronisatie mislukt om "), lines
    assert lines[1] == tab.status.text(), "why, in the words the tab's message gave"
    assert lines[2].startswith("Laatste geslaagde synchronisatie: "), lines
    monkeypatch.undo()
    click_sync(qtbot, tab)
    assert tab.state_label.text().startswith("Gesynchroniseerd om "), "a good sync clears the failure"


def test_the_status_bar_says_a_failure_in_the_team_tab_in_its_text(qtbot, joined, workspace, monkeypatch):
    from borapp.ui.sync_indicator import SyncIndicator

    monkeypatch.setattr(sync_run, "head", lambda: REFUSED)
    click_sync(qtbot, joined)
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.workspace = workspace  # as start() does, without its sync
    indicator.show_state()
    assert indicator.text().startswith("Synchronisatie mislukt om "), indicator.text()
    assert joined.status.text() in indicator.toolTip()
