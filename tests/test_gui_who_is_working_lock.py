"""The vault is open on "who is working" (after the passphrase, before a coordinator is chosen): Ctrl+L and idle
time lock it there as on every other screen, or whoever comes later presses Enter and is in."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.test_gui_app import _create_and_enter, _unlock_by_keyboard, window  # noqa: F401 - fixture


def _back_at_the_passphrase(window, vault) -> None:
    screen = window.unlock_screen
    assert vault.is_locked, "the vault opened by the passphrase is closed"
    assert screen.stack.currentWidget() is screen.passphrase_page
    assert screen.passphrase_page.passphrase.text() == ""
    assert window.workspace is None


def test_ctrl_l_on_who_is_working_locks(qtbot, window):
    _create_and_enter(qtbot, window)
    window.lock()
    page = _unlock_by_keyboard(qtbot, window)
    vault = window.unlock_screen._vault
    with qtbot.waitSignal(window.locked, timeout=2000):
        QTest.keyClick(page.combo, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    _back_at_the_passphrase(window, vault)
    QTest.keyClick(window.unlock_screen.passphrase_page.passphrase, Qt.Key.Key_Return)
    assert window.workspace is None, "Enter on the empty passphrase lets nobody in"


def test_idle_on_who_is_working_locks(qtbot, window):
    _create_and_enter(qtbot, window)
    window.lock()
    _unlock_by_keyboard(qtbot, window)
    vault = window.unlock_screen._vault
    assert window.inactivity.active, "the idle timer runs on who is working"
    window.set_auto_lock_ms(300)  # ten minutes are too long for a test
    with qtbot.waitSignal(window.locked, timeout=5000):
        pass
    _back_at_the_passphrase(window, vault)
