"""Qt's own buttons (wizard Back/Next, dialog Close/Cancel, message box answers) speak the user's language."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QWizard

from borapp.ui import qt_i18n

BOX = QDialogButtonBox.StandardButton


@pytest.mark.parametrize(("language", "back", "close", "cancel", "discard"), [
    ("nl", "< &Terug", "Sluiten", "Annuleren", "Verwerpen"),
    ("en", "< &Back", "Close", "Cancel", "Discard"),
])
def test_qt_standard_buttons_follow_the_language(qapp, language, back, close, cancel, discard):
    qt_i18n.install(language)
    try:
        wizard = QWizard()
        assert wizard.buttonText(QWizard.WizardButton.BackButton) == back
        box = QDialogButtonBox(BOX.Close | BOX.Cancel | BOX.Discard)
        assert [box.button(b).text() for b in (BOX.Close, BOX.Cancel, BOX.Discard)] == [close, cancel, discard]
    finally:
        qt_i18n.install("nl")


def test_qt_words_are_found_without_qts_configured_folder(qapp, monkeypatch):
    from PySide6.QtCore import QLibraryInfo

    monkeypatch.setattr(QLibraryInfo, "path", staticmethod(lambda _which: "/nonexistent"))
    qt_i18n.install("nl")
    assert QDialogButtonBox(BOX.Close).button(BOX.Close).text() == "Sluiten"


def test_the_discard_questions_name_the_button_to_press(qtbot, qapp):
    """"…Weggooien?" was asked above Qt's own button, which says "Verwerpen": our button says what the questions
    ask, and keeps Qt's Discard role (whatever presses it finds it as Discard)."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from borapp.i18n import _, set_language
    from borapp.ui.widgets.discard_question import ask_to_discard

    set_language("nl")
    qt_i18n.install("nl")
    questions = [_("What you typed about this visit has not been saved. Throw it away?"),
                 _("What you typed has not been saved. Throw it away?"),
                 _("The hours you typed have not been saved. Throw them away?"),
                 _("This letter has changes that are not saved. Throw them away?")]
    seen = []

    def press(button) -> None:
        box = QApplication.activeModalWidget()
        seen.append((box.button(QMessageBox.StandardButton.Discard).text(), box.text()))
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, lambda: press(QMessageBox.StandardButton.Discard))
    assert ask_to_discard(None, "Niet opgeslagen", questions[0]) is True
    QTimer.singleShot(50, lambda: press(QMessageBox.StandardButton.Cancel))
    assert ask_to_discard(None, "Niet opgeslagen", questions[1]) is False
    assert [word for word, _text in seen] == ["Weggooien", "Weggooien"]
    assert all(q.endswith("Weggooien?") for q in questions), questions
