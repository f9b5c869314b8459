"""The check of every page runs weekly, after the first screen, instead of at every unlock: an unlock takes a quick
look (the first page decrypts, the schema revision reads, the file is whole pages), and a damaged page in the middle
is found by the weekly check (or `borapp check`), which tells the user in words what to do."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from borapp.services import settings
from borapp.services.errors import VaultDamaged
from borapp.services.vault import scheduled_check
from borapp.services.vault.vault import Vault
from borapp.services.vault.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.helpers import add_family, zero_block
from tests.test_gui_app import _create_and_enter, _unlock, window  # noqa: F401, F811 - fixture

TODAY = dt.date(2026, 12, 3)


@pytest.fixture
def big_vault(vault, vault_path):
    add_family(vault, "groot", notes="x" * 3000, count=400)
    vault.lock()
    return vault_path


def test_a_damaged_page_is_found_by_the_weekly_check_not_at_unlock(big_vault):
    zero_block(big_vault)
    vault = Vault.open(big_vault, PASSPHRASE)  # the quick look: the damage is in the middle
    try:
        workspace = Workspace(vault)
        assert scheduled_check.is_due(workspace, TODAY), "never checked: due at once"
        with pytest.raises(VaultDamaged) as found:
            scheduled_check.run(workspace, TODAY)
        assert "beschadigde pagina" in str(found.value) and "reservekopie" in str(found.value)
        assert settings.read_setting(workspace, scheduled_check.SETTING) == ""  # asked again at the next unlock
    finally:
        vault.lock()


def test_the_check_runs_when_due_and_remembers_the_day(workspace):
    assert scheduled_check.is_due(workspace, TODAY)
    assert scheduled_check.run(workspace, TODAY) is True
    assert settings.read_setting(workspace, scheduled_check.SETTING) == TODAY.isoformat()
    assert not scheduled_check.is_due(workspace, TODAY + dt.timedelta(days=6))
    assert scheduled_check.is_due(workspace, TODAY + dt.timedelta(days=7))


def test_a_locked_vault_is_not_checked(vault):
    vault.lock()
    assert vault.damaged_pages() is None


def test_a_check_the_lock_interrupts_reports_no_damage(vault, monkeypatch):
    """lock() interrupts a check under way on another thread; the interruption is not a damaged page, however the
    two threads interleave (here the check's answer comes while lock() is still closing the engine)."""
    import threading

    import sqlcipher3

    from borapp.services.vault import vault as vault_module

    interrupted = threading.Event()

    class Checking:  # a connection in the middle of cipher_integrity_check until lock() interrupts it
        def execute(self, _sql):
            interrupted.wait(10)
            raise sqlcipher3.OperationalError("interrupted")

        def interrupt(self):
            interrupted.set()

        def close(self):
            pass

    monkeypatch.setattr(vault_module.db, "connect", lambda *_a, **_k: Checking())
    answers = []
    worker = threading.Thread(target=lambda: answers.append(vault.damaged_pages()))
    worker.start()
    while not vault._stoppable:
        worker.join(0.01)
    engine, dispose = vault._engine, vault._engine.dispose
    monkeypatch.setattr(engine, "dispose", lambda: (worker.join(10), dispose()))  # the check answers during lock()
    vault.lock()
    assert answers == [None]


@pytest.fixture
def warnings(monkeypatch):
    said = []
    monkeypatch.setattr("borapp.ui.main_window.QMessageBox.warning",
                        lambda _parent, title, text: said.append((title, text)))
    return said


def damaged_after_unlock(qtbot, window, status: str, checked_days_ago: int) -> None:
    """Many cases in `status`, the last full check some days ago, a block zeroed while locked, unlocked again.
    The bulk of the file (and so the zeroed block) is the contract versions of as many cases as a card of Today
    shows: for open cases Today shows them all and reads their snapshots (it counts from indexes and reads rows
    only for what it shows)."""
    import json

    from borapp.models import Contract
    from borapp.ui.pages.dashboard.section_card import MAX_ROWS

    workspace = window.workspace
    ids = add_family(workspace.vault, "groot", count=MAX_ROWS)
    with workspace.session() as session:
        terms = json.dumps({"parties": {"resident": "groot parent"}, "house_rules": "x" * 300_000})
        session.add_all(Contract(case_id=case_id, version=1, agreements=terms) for case_id in ids)
        session.execute(text("UPDATE case_file SET status = :status"), {"status": status})
        settings.put(session, scheduled_check.SETTING,
                     (dt.date.today() - dt.timedelta(days=checked_days_ago)).isoformat())
    path = workspace.vault.path
    window.lock()
    zero_block(path)
    _unlock(qtbot, window)


def test_the_app_runs_the_due_check_after_the_first_screen_and_says_what_it_found(qtbot, window, warnings):
    """Sound: the day is remembered. A damaged page among closed cases (which Today does not read): the weekly
    check says so once it is due, in a warning that says to restore a backup."""
    window._check_timer.setInterval(0)
    _create_and_enter(qtbot, window)
    workspace = window.workspace
    qtbot.waitUntil(lambda: settings.read_setting(workspace, scheduled_check.SETTING) != "", timeout=10_000)
    assert warnings == []
    damaged_after_unlock(qtbot, window, "closed", checked_days_ago=8)
    qtbot.waitUntil(lambda: warnings != [], timeout=10_000)
    assert "beschadigde pagina" in warnings[0][1] and "reservekopie" in warnings[0][1]
    window.lock()


def test_a_check_not_due_does_not_run(qtbot, window, warnings):
    window._check_timer.setInterval(0)
    _create_and_enter(qtbot, window)
    damaged_after_unlock(qtbot, window, "closed", checked_days_ago=2)
    qtbot.wait(300)
    assert warnings == []
    window.lock()


def test_damage_under_the_first_screen_is_said_at_once(qtbot, window, warnings):
    """Today reads the damaged cases before any check ran: every page is checked then, and the unlock screen says
    so beside 'Restore a backup…', as when an open is refused."""
    _create_and_enter(qtbot, window)
    with pytest.raises(qtbot.TimeoutError):  # never unlocked
        damaged_after_unlock(qtbot, window, "registered", checked_days_ago=2)
    screen = window.unlock_screen
    assert window.stack.currentWidget() is screen and window.workspace is None
    said = screen.passphrase_page.message.text()
    assert "beschadigde pagina" in said and "Reservekopie terugzetten" in said, said
