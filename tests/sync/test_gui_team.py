"""Settings → Team and the status bar, as a coordinator uses them, against the real service on a local port: type
the server's address and the code, join, see the state, sync with a click; a wrong code is said in words."""

from __future__ import annotations


import psycopg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from borapp.i18n import _
from borapp.server import devices
from borapp.services.sync import run as sync_run
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.server.live import served


@pytest.fixture
def live_url(app):
    with served(app) as url:
        yield url


@pytest.fixture
def tab(qtbot, workspace):
    from borapp.ui.pages.settings.team_tab import TeamTab

    widget = TeamTab()
    qtbot.addWidget(widget)
    widget.load(workspace)
    widget.show()
    return widget


def code_for(db_url: str, name: str) -> str:
    with psycopg.connect(db_url, autocommit=True) as conn:
        return devices.add(conn, name)[0]


def test_joining_by_typing_the_address_and_code_then_syncing(qtbot, tab, workspace, live_url, db_url):
    assert tab.pages.currentIndex() == 0
    QTest.keyClicks(tab.url, live_url)
    QTest.keyClicks(tab.code, code_for(db_url, "laptop-anna"))
    qtbot.mouseClick(tab.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.pages.currentIndex() == 1, timeout=15_000)
    assert tab.device_label.text() == "laptop-anna", "the name the code was made for"
    assert tab.server_label.text() == live_url
    qtbot.waitUntil(lambda: tab.sync_button.isEnabled(), timeout=15_000)
    assert _("Synced: {sent}, {received}.").split(":")[0] in tab.status.text(), tab.status.text()
    assert sync_run.status(workspace).waiting == 0
    assert tab.code.text() == "", "the one-time code is not kept on screen"


def test_a_wrong_code_is_said_in_words_and_nothing_is_joined(qtbot, tab, workspace, live_url):
    QTest.keyClicks(tab.url, live_url)
    QTest.keyClicks(tab.code, "WRONG-CODE")
    qtbot.mouseClick(tab.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.join_button.isEnabled() and tab.status.text() != _("Talking to the office server…"),
                    timeout=15_000)
    assert tab.status.text() == _("The enrolment code is wrong, was used already or has expired: ask for a new one.")
    assert not sync_run.status(workspace).joined


def test_an_unreachable_server_is_said_in_words(qtbot, tab, workspace):
    QTest.keyClicks(tab.url, "http://127.0.0.1:9")
    QTest.keyClicks(tab.code, "ABC")
    qtbot.mouseClick(tab.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "127.0.0.1:9" in tab.status.text(), timeout=15_000)
    assert not sync_run.status(workspace).joined


def test_the_status_bar_says_how_the_sync_stands_and_syncs_on_a_click(qtbot, workspace, live_url, db_url,
                                                                       monkeypatch):
    from borapp.services.sync.join import join
    from borapp.ui.sync_indicator import SyncIndicator

    join(workspace, live_url, code_for(db_url, "laptop-bram"), "laptop-bram")
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.start(workspace)  # syncs at once, in the background
    assert indicator.isVisible() or indicator.busy
    qtbot.waitUntil(lambda: not indicator.busy, timeout=15_000)
    assert indicator.text().startswith(_("Synced at {time}").split("{")[0])
    seen = []
    real = sync_run.sync_now
    monkeypatch.setattr(sync_run, "sync_now", lambda *a, **k: seen.append(k.get("timeout_s")) or real(*a, **k))
    qtbot.mouseClick(indicator, Qt.MouseButton.LeftButton)  # a click syncs, with the normal timeouts
    qtbot.waitUntil(lambda: bool(seen) and not indicator.busy, timeout=15_000)
    assert seen == [sync_run.TIMEOUT_S], "the click's `checked` reached the sync as its timeout"
    assert indicator.text().startswith(_("Synced at {time}").split("{")[0])
    indicator.stop()


def test_a_revoked_laptop_removes_its_vault_at_its_next_sync_from_the_command_line(workspace, vault_path,
                                                                                   passphrase_file, live_url, db_url,
                                                                                   capsys):
    from borapp.cli import main
    from borapp.services.sync.join import join

    join(workspace, live_url, code_for(db_url, "laptop-lost"), "laptop-lost")
    workspace.lock()
    with psycopg.connect(db_url, autocommit=True) as conn:
        devices.revoke(conn, "laptop-lost")
    code = main(["sync", "now", "--vault", str(vault_path), "--passphrase-file", str(passphrase_file)])
    assert code != 0
    assert not vault_path.exists(), "the revoked laptop kept its vault"
    assert _("This laptop's vault has been removed.") in capsys.readouterr().err


def test_the_app_locks_and_removes_the_vault_when_the_server_revokes_it(qtbot, tmp_path, live_url, db_url,
                                                                       monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from borapp.app import build_window, make_application
    from borapp.services.sync.join import join
    from borapp.services.vault.vault import Vault
    from borapp.services.vault.workspace import Workspace, add_coordinator
    from tests.conftest import PASSPHRASE

    make_application()
    path = tmp_path / "vault.bordb"
    vault = Vault.create(path, PASSPHRASE)[0]
    workspace = Workspace(vault, add_coordinator(vault, "Coördinator Kwijt"))
    join(workspace, live_url, code_for(db_url, "laptop-stolen"), "laptop-stolen")
    with psycopg.connect(db_url, autocommit=True) as conn:
        devices.revoke(conn, "laptop-stolen")
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: said.append(args[2]))
    window = build_window(path, "nl")
    qtbot.addWidget(window)
    window.show()
    window.open_workspace(workspace)  # unlocking starts a sync
    qtbot.waitUntil(lambda: bool(said), timeout=15_000)
    assert window.workspace is None and not path.exists()
    assert _("This laptop's vault has been removed.") in said[0]


def test_a_lost_laptop_is_revoked_from_a_colleagues_settings(qtbot, tab, workspace, live_url, db_url, tmp_path,
                                                            monkeypatch):
    """Anna's Team tab lists the laptops; her own cannot be revoked; she picks Bram's lost one, confirms, and the
    server refuses Bram from then on (his next sync is told to wipe)."""
    from PySide6.QtWidgets import QMessageBox

    from borapp.services.sync.join import join
    from borapp.services.sync.transport import SyncError
    from borapp.services.vault.vault import Vault
    from borapp.services.vault.workspace import Workspace, add_coordinator
    from tests.conftest import PASSPHRASE

    bram_vault = Vault.create(tmp_path / "bram.bordb", PASSPHRASE)[0]
    bram = Workspace(bram_vault, add_coordinator(bram_vault, "Coördinator Bram"))
    join(bram, live_url, code_for(db_url, "laptop-bram"), "laptop-bram")
    join(workspace, live_url, code_for(db_url, "laptop-anna"), "laptop-anna")
    tab.fill()
    qtbot.waitUntil(lambda: tab.laptops.count() == 2, timeout=15_000)
    rows = [tab.laptops.item(i).text() for i in range(2)]
    assert rows[0] == _("{name} (this laptop)").format(name="laptop-anna")
    assert rows[1].startswith("laptop-bram: ")
    tab.laptops.setCurrentRow(0)
    assert not tab.revoke_button.isEnabled(), "this laptop leaves the team, it does not revoke itself"
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(tab.laptops.viewport(), Qt.MouseButton.LeftButton,
                     pos=tab.laptops.visualItemRect(tab.laptops.item(1)).center())
    assert tab.revoke_button.isEnabled()
    qtbot.mouseClick(tab.revoke_button, Qt.MouseButton.LeftButton)
    assert "laptop-bram" in asked[0]
    qtbot.waitUntil(lambda: tab.laptops.count() == 2 and tab.laptops.item(1).text()
                    == _("{name}: revoked").format(name="laptop-bram"), timeout=15_000)
    assert tab.status.text() == _("'{name}' was revoked: it can no longer sync.").format(name="laptop-bram")
    with psycopg.connect(db_url) as conn:
        assert conn.execute("SELECT revoked FROM devices WHERE name = 'laptop-bram'").fetchone() == (True,)
        assert conn.execute("SELECT revoked FROM devices WHERE name = 'laptop-anna'").fetchone() == (False,)
    with pytest.raises(SyncError) as refused:
        sync_run.sync_now(bram)
    assert refused.value.wipe


def test_saying_no_revokes_nothing(qtbot, tab, workspace, live_url, db_url, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from borapp.services.sync.join import join

    code_for(db_url, "laptop-new")
    join(workspace, live_url, code_for(db_url, "laptop-anna"), "laptop-anna")
    tab.fill()
    qtbot.waitUntil(lambda: tab.laptops.count() == 2, timeout=15_000)
    assert tab.laptops.item(1).text() == _("{name}: enrolment code not used yet").format(name="laptop-new")
    tab.laptops.setCurrentRow(1)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.No)
    qtbot.mouseClick(tab.revoke_button, Qt.MouseButton.LeftButton)
    with psycopg.connect(db_url) as conn:
        assert conn.execute("SELECT revoked FROM devices WHERE name = 'laptop-new'").fetchone() == (False,)


def test_offline_the_list_of_laptops_says_why_it_is_empty(qtbot, tab, workspace):
    from borapp.services import settings
    from borapp.services.sync.capture import DEVICE_SETTING

    with workspace.session() as session:
        for key, value in (("sync.url", "http://127.0.0.1:9"), ("sync.token", "t"), (DEVICE_SETTING, "laptop-x")):
            settings.put(session, key, value)
    tab.fill()
    qtbot.waitUntil(lambda: tab.laptops.count() == 1, timeout=15_000)
    assert "127.0.0.1:9" in tab.laptops.item(0).text()
    assert not tab.revoke_button.isEnabled()


def test_changes_waiting_go_to_the_office_server_when_the_vault_locks(qtbot, tmp_path, live_url, db_url):
    """A coordinator types a change and the laptop locks (Ctrl+L, or idle): the change reaches the server before
    the key goes, so a colleague sees it without waiting for this laptop's next unlock."""
    import datetime as dt

    from borapp.app import build_window, make_application
    from borapp.models import Case
    from borapp.services.sync.join import join
    from borapp.services.vault.vault import Vault
    from borapp.services.vault.workspace import Workspace, add_coordinator
    from tests.conftest import PASSPHRASE

    make_application()
    path = tmp_path / "vault.bordb"
    vault = Vault.create(path, PASSPHRASE)[0]
    workspace = Workspace(vault, add_coordinator(vault, "Coördinator Anna"))
    join(workspace, live_url, code_for(db_url, "laptop-anna"), "laptop-anna")
    window = build_window(path, "nl")
    qtbot.addWidget(window)
    window.show()
    window.open_workspace(workspace)
    qtbot.waitUntil(lambda: not window.sync_indicator.busy, timeout=15_000)
    with workspace.session() as session:
        session.add(Case(ref="BOR-2026-901", registered_on=dt.date(2026, 5, 1), status="registered",
                         notes="vlak voor het vergrendelen"))
    assert sync_run.status(workspace).waiting > 0
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace is None
    qtbot.waitUntil(lambda: workspace.is_locked, timeout=15_000)  # the key goes once that sync is over
    with psycopg.connect(db_url) as conn:
        notes = conn.execute("SELECT fields->>'notes' FROM records WHERE type = 'case'").fetchall()
    assert notes == [("vlak voor het vergrendelen",)], "the change stayed behind on the locked laptop"
    qtbot.wait(50)  # the sync's answer reaches the window after the lock: dropped, and the indicator is idle again
    assert not window.sync_indicator.busy, "a sync a lock cut short left the indicator busy for good"
    from tests.test_gui_app import _unlock

    _unlock(qtbot, window)
    assert window.sync_indicator.busy, "the unlock syncs at once"
    qtbot.waitUntil(lambda: not window.sync_indicator.busy, timeout=15_000)
    assert window.sync_indicator.text().startswith(_("Synced at {time}").split("{")[0])
    window.lock()


def test_a_lock_while_joining_says_nothing_and_the_buttons_work_after_the_unlock(qtbot, tab, workspace, vault_path,
                                                                                   monkeypatch):
    """The office server answers after the lock: nothing is shown or done with the answer (it used to fill the
    tab from a locked vault), and the tab's buttons are not left disabled for the next unlock."""
    import threading

    from borapp.services.sync import join as sync_join
    from borapp.services.vault.vault import Vault
    from borapp.services.vault.workspace import Workspace
    from tests.conftest import PASSPHRASE

    started, go_on = threading.Event(), threading.Event()
    monkeypatch.setattr(sync_join, "join", lambda *_a: started.set() or go_on.wait(10) and "laptop-anna")
    QTest.keyClicks(tab.url, "http://127.0.0.1:9")
    QTest.keyClicks(tab.code, "ABC")
    qtbot.mouseClick(tab.join_button, Qt.MouseButton.LeftButton)
    assert started.wait(10) and not tab.join_button.isEnabled()
    tab.clear()  # what the lock does to every settings tab, and then the key goes
    workspace.lock()
    go_on.set()
    qtbot.waitUntil(lambda: tab.join_button.isEnabled(), timeout=10_000)
    qtbot.wait(50)
    assert tab.status.text() == "" and "laptop-anna" not in tab.device_label.text()
    tab.load(Workspace(Vault.open(vault_path, PASSPHRASE), workspace.coordinator))
    assert tab.join_button.isEnabled() and tab.pages.currentIndex() == 0
    tab.workspace.lock()
