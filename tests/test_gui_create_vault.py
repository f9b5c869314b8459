"""Making a vault as a new coordinator does: an honest strength hint while typing, and a page that says it is busy."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.conftest import PASSPHRASE
from tests.test_gui_app import window  # noqa: F401 - fixture


@pytest.fixture
def page(window):
    return window.unlock_screen.create_page


@pytest.mark.parametrize("typed", ["Wachtwoord1", "Welkom2025!", "welkom01", "Qwerty123!", "Zomer2024"])
def test_a_guessable_passphrase_is_called_weak_however_long_and_varied(qtbot, page, typed):
    """"Wachtwoord1" and "Welkom2025!" were "Sterk": scored by length and the kinds of characters alone."""
    QTest.keyClicks(page.first, typed)
    assert page.first_message.text() == "Zwak: makkelijk te raden. Voeg nog een woord of twee toe."
    assert page.meter.value() == 1


def test_a_few_unrelated_words_are_very_strong(qtbot, page):
    QTest.keyClicks(page.first, "paard batterij nietje")
    assert page.first_message.text() == "Zeer sterk." and page.meter.value() == 4


def test_making_the_vault_says_it_is_busy_and_the_passphrase_cannot_change_meanwhile(qtbot, page):
    """Making it took 12 s on the walk's laptop with a grey button and editable fields, and nothing else said; "a few
    seconds" was 17.8 s on a slow laptop (the memory-hard key derivation): up to half a minute is said."""
    QTest.keyClicks(page.first, PASSPHRASE)
    QTest.keyClicks(page.second, PASSPHRASE)
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert page.create_button.text() == "Kluis wordt gemaakt…" and not page.create_button.isEnabled()
    assert page.first.isReadOnly() and page.second.isReadOnly()
    assert page.problem.text() == "Dit kan tot een halve minuut duren: zo is de wachtwoordzin traag te raden."
    screen = page.window().unlock_screen
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.recovery_page, timeout=30_000)
    assert page.create_button.text() == "Kluis maken" and not page.first.isReadOnly() and not page.problem.text()


@pytest.fixture
def english_page(qtbot, tmp_path):
    from borapp.app import build_window, make_application

    make_application()
    win = build_window(tmp_path / "vault.bordb", "en")
    qtbot.addWidget(win)
    win.show()
    yield win.unlock_screen.create_page
    win.close()


def test_in_english_making_the_vault_says_up_to_half_a_minute(qtbot, english_page):
    page = english_page
    QTest.keyClicks(page.first, PASSPHRASE)
    QTest.keyClicks(page.second, PASSPHRASE)
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert page.create_button.text() == "Making the vault…"
    assert page.problem.text() == "This can take up to half a minute: that is what makes the passphrase slow to guess."
    screen = page.window().unlock_screen
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.recovery_page, timeout=30_000)
