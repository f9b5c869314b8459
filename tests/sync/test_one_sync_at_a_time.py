"""One sync at a time on a laptop, against the real service on a local port whose push waits until told: a second
sync beside the first is refused in words (it pushed the same operations twice beside it), and the status bar's
sync button and Settings → Team's "Sync now" both show as busy while either one's sync runs."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from borapp.services.sync import run as sync_run
from borapp.services.sync.join import join
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_gui_sync_button import _add_case, held  # noqa: F401 - fixture
from tests.sync.test_gui_team import code_for, tab  # noqa: F401 - fixture


@pytest.fixture
def joined(workspace, held, db_url):
    join(workspace, held.url, code_for(db_url, "laptop-anna"), "laptop-anna")
    sync_run.sync_now(workspace)
    _add_case(workspace)  # a change to push, which the server holds
    held.hold()
    return workspace


def test_a_second_sync_beside_a_running_one_is_refused_in_words(joined, held):
    first: list = []
    thread = threading.Thread(target=lambda: first.append(sync_run.sync_now(joined)))
    thread.start()
    assert held.arrived.wait(15), "the first sync's push did not reach the server"
    assert sync_run.running(joined)
    with pytest.raises(sync_run.AlreadySyncing) as refused:
        sync_run.sync_now(joined)
    assert str(refused.value) == "Er loopt al een synchronisatie; even wachten."
    assert sync_run.status(joined).failure == "", "a refused second sync is no failed sync"
    held.answer()
    thread.join(15)
    assert first and first[0].pushed == 1, "the first sync went on as if nothing happened"
    assert not sync_run.running(joined)
    assert sync_run.sync_now(joined).pushed == 0, "once it is over, the next sync runs"


def _indicator(qtbot, workspace):
    from borapp.ui.sync_indicator import SyncIndicator

    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.workspace = workspace  # as start() does, without its sync
    indicator.show_state()
    return indicator


def test_the_status_bar_sync_shows_settings_sync_now_as_busy(qtbot, joined, held, tab):
    tab.fill()
    indicator = _indicator(qtbot, joined)
    assert tab.sync_button.isEnabled()
    qtbot.mouseClick(indicator, Qt.MouseButton.LeftButton)
    assert held.arrived.wait(15)
    assert not tab.sync_button.isEnabled() and tab.sync_button.text() == "Synchroniseren…"
    assert not tab.leave_button.isEnabled(), "leaving the team in the middle of a sync"
    held.answer()
    qtbot.waitUntil(lambda: not indicator.busy, timeout=15_000)
    assert tab.sync_button.isEnabled() and tab.sync_button.text() == "Nu synchroniseren"
    assert tab.state_label.text().startswith("Gesynchroniseerd om "), "the tab shows the state that sync left"
    assert sync_run.status(joined).waiting == 0


def test_settings_sync_now_shows_the_status_bar_button_as_busy(qtbot, joined, held, tab, monkeypatch):
    tab.fill()
    indicator = _indicator(qtbot, joined)
    qtbot.mouseClick(tab.sync_button, Qt.MouseButton.LeftButton)
    assert held.arrived.wait(15)
    assert indicator.text() == "Synchroniseren…"
    started = []
    real = sync_run.sync_now
    monkeypatch.setattr(sync_run, "sync_now", lambda *a, **k: started.append(1) or real(*a, **k))
    qtbot.mouseClick(indicator, Qt.MouseButton.LeftButton)  # busy: the click starts nothing
    assert not indicator.busy and not started
    held.answer()
    qtbot.waitUntil(lambda: tab.sync_button.isEnabled(), timeout=15_000)
    assert indicator.text().startswith("Gesynchroniseerd om "), indicator.text()
    assert not started
