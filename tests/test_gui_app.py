"""The main window's life: create a vault, recovery key, who is working, lock (Ctrl+L and idle), unlock, errors."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from borapp.services.vault.vault import Vault
from tests.conftest import PASSPHRASE


@pytest.fixture
def window(qtbot, tmp_path):
    from borapp.app import build_window, make_application

    make_application()
    win = build_window(tmp_path / "vault.bordb", "nl")
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close()


def _create_and_enter(qtbot, window, name="Coördinator Test"):
    screen = window.unlock_screen
    assert screen.stack.currentWidget() is screen.create_page
    screen.create_page.first.setText(PASSPHRASE)
    screen.create_page.second.setText(PASSPHRASE)
    assert screen.create_page.create_button.isEnabled()
    screen.create_page.create_button.click()
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.recovery_page)
    key = screen.recovery_page.key_label.text()
    assert len(key.replace("-", "")) == 25
    assert not screen.recovery_page.continue_button.isEnabled()
    screen.recovery_page.confirm.setChecked(True)
    screen.recovery_page.continue_button.click()
    assert screen.recovery_page.key_label.text() == ""  # shown once
    screen.coordinator_page.new_name.setText(name)
    with qtbot.waitSignal(window.unlocked):
        screen.coordinator_page.continue_button.click()
    return key


def _unlock(qtbot, window, passphrase=PASSPHRASE):
    page = window.unlock_screen.passphrase_page
    page.passphrase.setText(passphrase)
    page.unlock_button.click()
    coordinator_page = window.unlock_screen.coordinator_page
    qtbot.waitUntil(lambda: window.unlock_screen.stack.currentWidget() is coordinator_page)
    with qtbot.waitSignal(window.unlocked):
        coordinator_page.continue_button.click()


def test_first_run_creates_vault_and_opens_main_window(qtbot, window, tmp_path):
    key = _create_and_enter(qtbot, window)
    assert window.stack.currentWidget() is window.shell
    assert window.workspace.actor == "Coördinator Test"
    assert "vault.bordb" in window.vault_label.text()
    assert (tmp_path / "vault.bordb").exists()
    window.lock()
    Vault.open(tmp_path / "vault.bordb", recovery_key=key).lock()


def test_weak_or_different_passphrases_cannot_create(qtbot, window):
    page = window.unlock_screen.create_page
    page.first.setText("short")
    page.second.setText("short")
    assert not page.create_button.isEnabled()
    assert page.first_message.text()
    page.first.setText(PASSPHRASE)
    page.second.setText(PASSPHRASE + "x")
    assert not page.create_button.isEnabled()
    assert "verschillen" in page.second_message.text() or "differ" in page.second_message.text()


def test_ctrl_l_locks_and_clears(qtbot, window):
    _create_and_enter(qtbot, window)
    with qtbot.waitSignal(window.locked):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace is None
    assert window.stack.currentWidget() is window.unlock_screen
    assert window.unlock_screen.stack.currentWidget() is window.unlock_screen.passphrase_page
    assert not window.statusBar().isVisible()
    _unlock(qtbot, window)
    assert window.workspace is not None and window.workspace.actor == "Coördinator Test"


def test_idle_locks_after_the_timeout(qtbot, window):
    _create_and_enter(qtbot, window)
    window.set_auto_lock_ms(150)
    with qtbot.waitSignal(window.locked, timeout=5000):
        pass
    assert window.workspace is None


def test_wrong_passphrase_says_so_and_keeps_the_screen(qtbot, window):
    _create_and_enter(qtbot, window)
    window.lock()
    page = window.unlock_screen.passphrase_page
    page.passphrase.setText("not the passphrase")
    page.unlock_button.click()
    qtbot.waitUntil(lambda: page.message.isVisible())
    assert "wachtwoordzin" in page.message.text().lower() or "passphrase" in page.message.text().lower()
    assert page.unlock_button.isEnabled()


def test_damaged_vault_offers_restore(qtbot, window, tmp_path):
    _create_and_enter(qtbot, window)
    window.lock()
    path = tmp_path / "vault.bordb"
    data = bytearray(path.read_bytes())
    data[4096:8192] = bytes(4096)
    path.write_bytes(bytes(data))
    page = window.unlock_screen.passphrase_page
    page.passphrase.setText(PASSPHRASE)
    page.unlock_button.click()
    qtbot.waitUntil(lambda: page.message.isVisible())
    assert "reservekopie" in page.message.text().lower() or "backup" in page.message.text().lower()


def test_the_new_passphrase_after_the_recovery_key_is_typed_twice_and_rated(qtbot, window, tmp_path):
    """Typed once and without a hint, a slip in it locked her out again (a walk)."""
    from PySide6.QtTest import QTest

    key = _create_and_enter(qtbot, window)
    window.lock()
    page = window.unlock_screen.passphrase_page
    qtbot.mouseClick(page.use_recovery, Qt.MouseButton.LeftButton, pos=QPoint(6, page.use_recovery.height() // 2))
    QTest.keyClicks(page.recovery, key)
    QTest.keyClicks(page.new_passphrase, "Welkom2025!")
    assert page.new_hint.isVisible() and page.new_hint.text().startswith("Zwak")
    page.new_passphrase.clear()
    QTest.keyClicks(page.new_passphrase, "paard batterij nietje")
    assert page.new_hint.text() == "Zeer sterk."
    QTest.keyClicks(page.repeat_passphrase, "paard batterij nietje!")
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    assert page.message.text() == "De twee wachtwoordzinnen verschillen."
    qtbot.wait(300)
    assert window.unlock_screen.stack.currentWidget() is page, "nothing was changed"
    QTest.keyClick(page.repeat_passphrase, Qt.Key.Key_Backspace)
    coordinator_page = window.unlock_screen.coordinator_page
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.unlock_screen.stack.currentWidget() is coordinator_page, timeout=30_000)
    with qtbot.waitSignal(window.unlocked):
        qtbot.mouseClick(coordinator_page.continue_button, Qt.MouseButton.LeftButton)
    window.lock()
    Vault.open(tmp_path / "vault.bordb", "paard batterij nietje").lock()


def test_recovery_key_unlocks_and_sets_a_new_passphrase(qtbot, window, tmp_path):
    key = _create_and_enter(qtbot, window)
    window.lock()
    page = window.unlock_screen.passphrase_page
    from PySide6.QtTest import QTest

    qtbot.mouseClick(page.use_recovery, Qt.MouseButton.LeftButton, pos=QPoint(6, page.use_recovery.height() // 2))
    QTest.keyClicks(page.recovery, key.lower())
    QTest.keyClicks(page.new_passphrase, "nieuwe wachtwoordzin 2")
    QTest.keyClicks(page.repeat_passphrase, "nieuwe wachtwoordzin 2")
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    coordinator_page = window.unlock_screen.coordinator_page
    qtbot.waitUntil(lambda: window.unlock_screen.stack.currentWidget() is coordinator_page, timeout=30_000)
    with qtbot.waitSignal(window.unlocked):
        qtbot.mouseClick(coordinator_page.continue_button, Qt.MouseButton.LeftButton)
    window.lock()
    Vault.open(tmp_path / "vault.bordb", "nieuwe wachtwoordzin 2").lock()


def test_drafts_survive_a_lock(qtbot, window, monkeypatch):
    _create_and_enter(qtbot, window)
    typed = {"case/1/visits/new": {"what_happened": "Kind speelde met de trein"}}
    monkeypatch.setattr(window.shell, "drafts", lambda: typed)
    received = {}
    monkeypatch.setattr(window.shell, "restore_drafts", received.update)
    window.lock()
    _unlock(qtbot, window)
    assert received == typed


def test_geometry_is_remembered(qtbot, tmp_path):
    from borapp.app import build_window, make_application

    make_application()
    first = build_window(tmp_path / "v.bordb", "nl")
    qtbot.addWidget(first)
    first.resize(700, 500)  # within the offscreen screen (800×600), which restoreGeometry clamps to
    first.close()
    second = build_window(tmp_path / "v.bordb", "nl")
    qtbot.addWidget(second)
    assert second.size().width() == 700


def test_a_vault_made_with_the_test_setting_is_marked_in_red_while_open(qtbot, window):
    _create_and_enter(qtbot, window)  # the suite makes its vaults with the cheap key derivation
    assert window.weak_label.isVisible() and "BORAPP_TEST_FAST_KDF" in window.weak_label.text()


def test_a_vault_that_cannot_be_made_says_why_and_the_reason_stays(qtbot, tmp_path):
    """Where a file stands in the vault's path, the reason flashed and the strength hint ("Zeer sterk.") took its
    place at once; it also said "Onverwachte fout (FileExistsError)". A very strong passphrase is green, not brown."""
    from PySide6.QtTest import QTest

    from borapp.app import build_window, make_application
    from borapp.ui.colours import ERROR as ERROR_COLOUR

    (tmp_path / "map").write_text("een bestand, geen map")
    make_application()
    win = build_window(tmp_path / "map" / "vault.bordb", "nl")
    qtbot.addWidget(win)
    win.show()
    page = win.unlock_screen.create_page
    QTest.keyClicks(page.first, PASSPHRASE)
    assert "#11522A" in page.first_message.styleSheet(), page.first_message.text()
    QTest.keyClicks(page.second, PASSPHRASE)
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.problem.text()), timeout=30_000)
    qtbot.wait(200)
    assert "er staat een bestand waar een map hoort" in page.problem.text(), page.problem.text()
    assert ERROR_COLOUR in page.problem.styleSheet() and "niet had verwacht" not in page.problem.text()
    assert page.create_button.isEnabled() and page.first_message.text() != page.problem.text()


def _unlock_by_keyboard(qtbot, window):
    """The passphrase typed and Enter pressed, as a person does; returns the coordinator page, once shown."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    with qtbot.waitActive(window):
        window.activateWindow()
    page = window.unlock_screen.passphrase_page
    assert QApplication.focusWidget() is page.passphrase
    QTest.keyClicks(page.passphrase, PASSPHRASE)
    QTest.keyClick(page.passphrase, Qt.Key.Key_Return)
    coordinator_page = window.unlock_screen.coordinator_page
    qtbot.waitUntil(lambda: window.unlock_screen.stack.currentWidget() is coordinator_page, timeout=30_000)
    return coordinator_page


def test_enter_on_the_coordinator_continues(qtbot, window):
    """Enter on "who is working" did nothing: it took Tab, Tab, Space on Continue (a keyboard walk)."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    _create_and_enter(qtbot, window)
    window.lock()
    page = _unlock_by_keyboard(qtbot, window)
    assert QApplication.focusWidget() is page.combo and page.combo.currentText() == "Coördinator Test"
    with qtbot.waitSignal(window.unlocked):
        QTest.keyClick(page.combo, Qt.Key.Key_Return)
    assert window.workspace.actor == "Coördinator Test"


def test_enter_after_a_new_coordinators_name_continues_once(qtbot, window):
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    _create_and_enter(qtbot, window)
    window.lock()
    page = _unlock_by_keyboard(qtbot, window)
    QTest.keyClick(page.combo, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.new_name
    QTest.keyClicks(page.new_name, "Anouk Tweede")
    chosen = []
    page.chosen.connect(chosen.append)
    with qtbot.waitSignal(window.unlocked):
        QTest.keyClick(page.new_name, Qt.Key.Key_Enter)
    assert chosen == [None] and window.workspace.actor == "Anouk Tweede"
