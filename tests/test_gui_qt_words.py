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


def test_the_discard_questions_name_qts_discard_button(qapp):
    """"…Weggooien?" was asked above a button that says "Verwerpen": the question names the button to press."""
    from borapp.i18n import _, set_language

    set_language("nl")
    qt_i18n.install("nl")
    box = QDialogButtonBox(BOX.Discard)
    button = box.button(BOX.Discard).text().replace("&", "")
    questions = [_("What you typed about this visit has not been saved. Throw it away?"),
                 _("What you typed has not been saved. Throw it away?")]
    assert all(q.endswith(f"{button}?") for q in questions), (button, questions)
