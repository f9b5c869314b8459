"""The status bar's sync button in the main window, against the real service on a local port: a lock during a slow
sync shows the unlock screen at once and the key goes once the sync is over; joining in Settings → Team shows the
button and leaving hides it; a save is counted as waiting at once; with the server down the state says so."""

from __future__ import annotations

import asyncio
import datetime as dt
import threading

import psycopg
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from borapp.i18n import _, ngettext
from borapp.services.sync import run as sync_run
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.server.live import served
from tests.sync.test_gui_team import code_for


class Held:
    """The office server on a slow line: a push waits until `answer()` (the walk paused the server process)."""

    def __init__(self, asgi_app):
        self.inner, self.arrived, self.go_on = asgi_app, threading.Event(), threading.Event()
        self.go_on.set()

    def hold(self) -> None:
        self.arrived.clear()
        self.go_on.clear()

    def answer(self) -> None:
        self.go_on.set()

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["path"] == "/v1/push" and not self.go_on.is_set():
            self.arrived.set()
            await asyncio.to_thread(self.go_on.wait, 60)
        await self.inner(scope, receive, send)


@pytest.fixture
def held(app):
    server = Held(app)
    with served(server) as url:
        server.url = url
        yield server
        server.answer()


def _window(qtbot, tmp_path, url=None, db_url=None, name="laptop-anna"):
    """The main window on a new vault, unlocked (joined first when `url` is given: the unlock syncs at once)."""
    from borapp.app import build_window, make_application
    from borapp.services.sync.join import join
    from borapp.services.vault.vault import Vault
    from borapp.services.vault.workspace import Workspace, add_coordinator
    from tests.conftest import PASSPHRASE

    make_application()
    path = tmp_path / "vault.bordb"
    vault = Vault.create(path, PASSPHRASE)[0]
    workspace = Workspace(vault, add_coordinator(vault, "Coördinator Anna"))
    if url:
        join(workspace, url, code_for(db_url, name), name)
    window = build_window(path, "nl")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.open_workspace(workspace)
    qtbot.waitUntil(lambda: not window.sync_indicator.busy, timeout=15_000)
    return window, workspace


def _add_case(workspace, ref="BOR-2026-901") -> None:
    from borapp.models import Case

    with workspace.session() as session:
        session.add(Case(ref=ref, registered_on=dt.date(2026, 5, 1), status="registered", notes="tijdens de lock"))


def _cases_on_server(db_url) -> int:
    with psycopg.connect(db_url) as conn:
        return conn.execute("SELECT count(*) FROM records WHERE type = 'case'").fetchone()[0]


def _synced_text() -> str:
    return _("Synced at {time}").split("{")[0]


def _lock_while_held(qtbot, window, held) -> None:
    """The server holds the push; a click on the sync button starts a sync, then Ctrl+L."""
    held.hold()
    qtbot.mouseClick(window.sync_indicator, Qt.MouseButton.LeftButton)
    assert held.arrived.wait(15), "the push did not reach the server"
    assert window.sync_indicator.busy
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def test_a_lock_during_a_slow_sync_shows_the_unlock_screen_at_once_and_the_key_goes_when_it_is_over(
        qtbot, tmp_path, held, db_url):
    window, workspace = _window(qtbot, tmp_path, held.url, db_url)
    _add_case(workspace)
    _lock_while_held(qtbot, window, held)
    assert window.stack.currentWidget() is window.unlock_screen, "the case stayed on screen while the sync ran"
    assert window.workspace is None and not window.statusBar().isVisible()
    assert not workspace.is_locked, "the key went while the sync was still writing"
    held.answer()
    qtbot.waitUntil(lambda: workspace.is_locked, timeout=15_000)
    assert not window.sync_indicator.busy
    assert _cases_on_server(db_url) == 1, "the sync under way at the lock did not finish"
    from tests.test_gui_app import _unlock

    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: not window.sync_indicator.busy, timeout=15_000)
    assert sync_run.status(window.workspace).waiting == 0
    window.lock()


def test_a_sync_that_outlasts_the_wait_is_cut_off_and_sent_again_after_the_unlock(qtbot, tmp_path, held, db_url,
                                                                                  monkeypatch):
    from borapp.ui import main_window

    monkeypatch.setattr(main_window, "SYNC_WAIT_MS", 300)
    window, workspace = _window(qtbot, tmp_path, held.url, db_url)
    _add_case(workspace)
    _lock_while_held(qtbot, window, held)
    qtbot.waitUntil(lambda: workspace.is_locked, timeout=15_000)  # the server still holds the push
    assert window.sync_indicator.busy
    held.answer()  # its answer comes after the key went: nothing is written, the change waits
    qtbot.waitUntil(lambda: not window.sync_indicator.busy, timeout=15_000)
    from tests.test_gui_app import _unlock

    _unlock(qtbot, window)
    assert sync_run.status(window.workspace).waiting == 1, "the answer was recorded in a locked vault"
    qtbot.waitUntil(lambda: not window.sync_indicator.busy, timeout=15_000)
    assert sync_run.status(window.workspace).waiting == 0
    assert _cases_on_server(db_url) == 1, "sent again, and applied once"
    assert window.sync_indicator.text().startswith(_synced_text())
    window.lock()


def test_unlocking_again_before_that_sync_is_over_locks_the_old_vault_and_syncs_the_new_one(qtbot, tmp_path, held,
                                                                                            db_url):
    window, workspace = _window(qtbot, tmp_path, held.url, db_url)
    _add_case(workspace)
    _lock_while_held(qtbot, window, held)
    from tests.test_gui_app import _unlock

    _unlock(qtbot, window)
    assert workspace.is_locked, "the vault of before the lock kept its key"
    held.answer()
    qtbot.waitUntil(lambda: not window.sync_indicator.busy and sync_run.status(window.workspace).waiting == 0,
                    timeout=15_000)
    assert _cases_on_server(db_url) == 1
    assert window.sync_indicator.text().startswith(_synced_text())
    window.lock()


def _team_tab(window):
    from borapp.ui.pages.settings.team_tab import TeamTab

    window.shell.go_to("settings/team")
    return window.shell.pages["settings"].findChild(TeamTab, "team")


def test_joining_in_settings_shows_the_sync_button_and_leaving_hides_it(qtbot, tmp_path, app, db_url, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    with served(app) as url:
        window, workspace = _window(qtbot, tmp_path)
        assert not window.sync_indicator.isVisible()
        _add_case(workspace)
        tab = _team_tab(window)
        QTest.keyClicks(tab.url, url)
        QTest.keyClicks(tab.code, code_for(db_url, "laptop-anna"))
        qtbot.mouseClick(tab.join_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.sync_indicator.isVisible(), timeout=15_000)
        assert window.sync_indicator.timer.isActive(), "no sync every few minutes until the next unlock"
        qtbot.waitUntil(lambda: tab.sync_button.isEnabled(), timeout=15_000)  # the first sync, from the tab
        assert _cases_on_server(db_url) == 1
        assert window.sync_indicator.text().startswith(_synced_text()), window.sync_indicator.text()
        monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
        qtbot.mouseClick(tab.leave_button, Qt.MouseButton.LeftButton)
        assert tab.pages.currentIndex() == 0
        assert not window.sync_indicator.isVisible(), "the sync button stayed after leaving the team"
        assert not window.sync_indicator.timer.isActive()
        window.lock()


def test_a_save_is_counted_as_waiting_at_once(qtbot, tmp_path, app, db_url):
    from tests.visits.test_visit_services import make_case

    with served(app) as url:
        window, workspace = _window(qtbot, tmp_path, url, db_url)
    case_id = make_case(workspace)[0]  # the server is gone: the save waits
    window.shell.open_case(case_id)
    tab = window.shell.pages["cases"].case_file.show_tab("agreements")
    field = tab.fields["house_rules"]
    qtbot.mouseClick(field.viewport(), Qt.MouseButton.LeftButton)
    QTest.keyClicks(field, "Geen telefoons tijdens het omgangsmoment")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    waiting = sync_run.status(workspace).waiting
    assert waiting > 0
    assert window.sync_indicator.text() == ngettext("{n} change waiting", "{n} changes waiting", waiting).format(
        n=waiting)
    window.lock()


def _offline_with_a_conflict(workspace) -> None:
    from borapp.services import settings
    from borapp.services.sync.capture import DEVICE_SETTING

    with workspace.session() as session:
        for key, value in (("sync.url", "http://127.0.0.1:9"), ("sync.token", "t"), (DEVICE_SETTING, "laptop-x"),
                           ("sync.open_conflicts", "1")):
            settings.put(session, key, value)


def test_with_the_server_down_and_a_conflict_open_the_state_says_offline(qtbot, workspace):
    from borapp.ui.pages.settings.team_tab import TeamTab
    from borapp.ui.sync_indicator import SyncIndicator

    _offline_with_a_conflict(workspace)
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.start(workspace)
    qtbot.waitUntil(lambda: not indicator.busy, timeout=15_000)
    assert indicator.text().startswith(_("Offline")), indicator.text()
    tab = TeamTab()
    qtbot.addWidget(tab)
    tab.load(workspace)
    tab.show()
    qtbot.waitUntil(lambda: tab.laptops.count() == 1, timeout=15_000)
    assert tab.state_label.text() == indicator.text(), "the Team tab said the conflicts, not the server down"
    said = tab.laptops.item(0).text()
    assert said == _("The office server {url} cannot be reached, so the list of laptops cannot be shown now.").format(
        url="http://127.0.0.1:9")
    indicator.stop()


def test_the_join_button_sits_under_the_fields(qtbot, workspace):
    from borapp.ui.pages.settings.team_tab import TeamTab

    tab = TeamTab()
    qtbot.addWidget(tab)
    tab.resize(1100, 650)
    tab.load(workspace)
    tab.show()
    qtbot.waitExposed(tab)
    below_code = tab.code.mapTo(tab, QPoint(0, tab.code.height())).y()
    assert tab.join_button.mapTo(tab, QPoint(0, 0)).y() - below_code < 30, "a gap as high as the joined page"
