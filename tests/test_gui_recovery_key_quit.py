"""Closing the window on the recovery key, before "I have written it down" is ticked, quit without a word and the
key shown only now was gone: it asks first (staying is the default), and the vault is closed either way."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from tests.helpers.questions import answer_soon
from tests.test_gui_app import PASSPHRASE, window  # noqa: F401 - fixture


def _create(qtbot, window):
    screen = window.unlock_screen
    QTest.keyClicks(screen.create_page.first, PASSPHRASE)
    QTest.keyClicks(screen.create_page.second, PASSPHRASE)
    qtbot.mouseClick(screen.create_page.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.recovery_page, timeout=30_000)
    return screen.recovery_page


def test_closing_on_the_recovery_key_asks_and_then_closes_the_vault(qtbot, window):
    page = _create(qtbot, window)
    key = page.key_label.text()
    vault = window.unlock_screen._vault
    asked = []
    answer_soon("Terug naar de sleutel", asked)
    assert window.close() is False
    assert "alleen nu getoond" in asked[0] and "Beveiliging en taal" in asked[0]
    assert window.isVisible() and page.key_label.text() == key and not vault.is_locked
    answer_soon("Afsluiten zonder sleutel")
    assert window.close() is True
    assert vault.is_locked, "the vault is closed cleanly"


def test_closing_once_the_key_is_written_down_asks_nothing(qtbot, window):
    page = _create(qtbot, window)
    vault = window.unlock_screen._vault
    qtbot.mouseClick(page.confirm, Qt.MouseButton.LeftButton, pos=QPoint(6, page.confirm.height() // 2))
    assert page.confirm.isChecked()
    assert window.close() is True
    assert vault.is_locked
