"""The letters' language is the organisation's (Settings › Organisation, kept in the vault, Dutch by default), not
the screen language this coordinator chose on this laptop: a walk set the screen to English and every new letter to
a Dutch referrer came out "Referral received: case …"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget
from sqlalchemy import select

from borapp.models import Letter
from borapp.services import settings
from borapp.ui.pages.outbox.new_letter import NewLetterDialog
from borapp.ui.pages.settings.organisation_tab import OrganisationTab
from borapp.ui.pages.settings.security_tab import SecurityTab
from tests.helpers.keyboard import retype
from tests.helpers.outbox_support import add_referred_case


@pytest.fixture
def owner(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def shown(qtbot, tab, workspace):
    qtbot.addWidget(tab)
    tab.resize(1000, 800)
    tab.show()
    tab.load(workspace)
    return tab


def press_save(qtbot, tab) -> None:
    qtbot.mouseClick(next(b for b in tab.findChildren(QPushButton) if b.text() == "Opslaan"),
                     Qt.MouseButton.LeftButton)


def choose(combo, text: str) -> None:
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Home)
    while combo.currentText() != text:
        QTest.keyClick(combo, Qt.Key.Key_Down)


def make_letter(qtbot, workspace, owner, ref: str) -> tuple[NewLetterDialog, Letter]:
    dialog = NewLetterDialog(workspace, owner)
    dialog.show()
    qtbot.waitExposed(dialog)
    retype(dialog.case_ref, ref)
    choose(dialog.kind, "Aanmelding ontvangen / intake")
    shown_language = dialog.language.text()
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    with workspace.session() as session:
        letter = session.scalars(select(Letter).order_by(Letter.id.desc())).first()
        session.expunge(letter)
    return shown_language, letter


def test_english_on_screen_leaves_new_letters_dutch(qtbot, workspace, owner):
    add_referred_case(workspace, "BOR-2026-090", status="visits")
    tab = shown(qtbot, SecurityTab(), workspace)
    choose(tab.language, "English")
    press_save(qtbot, tab)
    assert QSettings().value("ui/language") == "en"
    assert settings.read_setting(workspace, "language") == "nl", "the screen is this laptop's, not the vault's"
    shown_language, letter = make_letter(qtbot, workspace, owner, "BOR-2026-090")
    assert shown_language.startswith("Nederlands (")
    assert (letter.language, letter.subject) == ("nl", "Aanmelding ontvangen: dossier BOR-2026-090")


def test_the_organisation_sets_the_letters_language(qtbot, workspace, owner):
    add_referred_case(workspace, "BOR-2026-091", status="visits")
    tab = shown(qtbot, OrganisationTab(), workspace)
    assert tab.letters_language.currentText() == "Nederlands", "Dutch by default"
    retype(tab.edits["organisation.name"], "Stichting Omgang Noord")
    choose(tab.letters_language, "English")
    press_save(qtbot, tab)
    assert tab.status.text() == "Opgeslagen."
    assert settings.read_setting(workspace, "language") == "en"
    assert QSettings().value("ui/language") is None, "the screen's language is left alone"
    shown_language, letter = make_letter(qtbot, workspace, owner, "BOR-2026-091")
    assert shown_language == "English (de taal van de brieven van de organisatie, onder Instellingen › Organisatie)"
    assert (letter.language, letter.subject) == ("en", "Referral received: case BOR-2026-091")
