"""Settings → Letter templates: choose kind and language, edit, Save checks the text, Restore default."""

from __future__ import annotations

import datetime as dt
import io
from email import message_from_bytes, policy

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from borapp.services.documents import templates
from borapp.ui.pages.settings.letter_templates_tab import LetterTemplatesTab
from borapp.ui.pages.settings.settings_page import SettingsPage


@pytest.fixture
def tab(qtbot, workspace):
    page = SettingsPage(workspace)
    qtbot.addWidget(page)
    page.refresh()
    page.show_section("letter-templates")
    found = page.current_section()
    assert isinstance(found, LetterTemplatesTab)
    yield found  # the page stays referenced while the test runs


def choose(tab, kind: str, lang: str) -> None:
    tab.language.setCurrentIndex(tab.language.findData(lang))
    tab.kind.setCurrentIndex(tab.kind.findData(kind))


def test_the_tab_shows_the_template_and_its_placeholders(tab, workspace):
    choose(tab, "closing", "nl")
    assert tab.editor.toPlainText() == templates.default_template("closing", "nl")
    assert "{outcome}" in tab.placeholders.text() and "de uitkomst" in tab.placeholders.text()
    choose(tab, "schedule", "en")
    assert tab.editor.toPlainText().startswith("Dear {parent_name},")
    assert "{schedule}" in tab.placeholders.text()


def test_save_refuses_an_unknown_placeholder_and_keeps_a_good_text(tab, workspace):
    choose(tab, "intake", "nl")
    tab.editor.setPlainText("Beste {verwijzer},")
    tab.save_button.click()
    assert "{verwijzer}" in tab.status.text()
    assert templates.is_default(workspace, "intake", "nl")
    tab.editor.setPlainText("Beste {referrer_contact},\n\nWij hebben uw aanmelding ontvangen.")
    tab.save_button.click()
    assert tab.status.text() == "Opgeslagen."
    assert templates.get_template(workspace, "intake", "nl").endswith("aanmelding ontvangen.")
    assert not tab.dirty


def test_restore_default_asks_first(tab, workspace, monkeypatch):
    """It removed the organisation's own text at once; switching letters asks, so this asks too."""
    from PySide6.QtWidgets import QMessageBox

    templates.save_template(workspace, "start", "en", "Hello {referrer_contact}.")
    choose(tab, "start", "en")
    assert tab.editor.toPlainText() == "Hello {referrer_contact}."
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: asked.append(a[2]) or QMessageBox.StandardButton.No)
    tab.restore_button.click()
    assert asked and templates.get_template(workspace, "start", "en") == "Hello {referrer_contact}."
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    tab.restore_button.click()
    assert tab.editor.toPlainText() == templates.default_template("start", "en")
    assert templates.is_default(workspace, "start", "en")


def test_switching_with_unsaved_changes_asks_first(tab, monkeypatch):
    choose(tab, "closing", "nl")
    tab.editor.setPlainText("Half af")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    choose(tab, "intake", "nl")
    assert tab.current() == ("closing", "nl") and tab.editor.toPlainText() == "Half af"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    choose(tab, "intake", "nl")
    assert tab.current() == ("intake", "nl")
    assert tab.editor.toPlainText() == templates.default_template("intake", "nl")


def test_locking_clears_the_text(tab):
    tab.clear()
    assert tab.editor.toPlainText() == "" and tab.workspace is None


def test_the_start_letter_lists_the_placeholder_for_what_it_says_of_the_midway_evaluation(tab, qtbot):
    """The built-in start letter says the midway evaluation to come, or when it took place, by `{evaluation_news}`:
    the editor lists it beside the text, with what it stands for."""
    qtbot.keyClicks(tab.kind, "Beg")  # the letter "Begeleide omgang gestart", chosen by typing
    assert tab.kind.currentData() == "start"
    assert tab.editor.toPlainText().endswith("{evaluation_news}")
    listed = tab.placeholders.text()
    assert "<code>{evaluation_news}</code> de tussenevaluatie: dat die wordt gehouden" in listed
    assert "{visits_summary}" in listed and "{next_steps}" in listed


def test_an_own_template_says_the_no_shows_with_their_own_placeholder(tab, qtbot, workspace, tmp_path):
    """The letters count the visits a parent did not come to apart from the cancellations; a template of the
    organisation's own says them where it wants with `{visits_no_show}` (and `{visits_cancelled}` then leaves them
    out): the editor offers it, Save takes it, and the letter's PDF, as it goes out in the .eml, is filled in."""
    from borapp.models import Visit
    from borapp.services.outbox import export, letters
    from tests.helpers.outbox_support import add_referred_case

    case_id = add_referred_case(workspace, "BOR-2025-031")
    with workspace.session() as session:
        for on, state, who in ((dt.date(2025, 5, 17), "no_show", "other"), (dt.date(2025, 5, 31), "cancelled", "")):
            session.add(Visit(case_id=case_id, on=on, state=state, no_show_by=who, start_time=dt.time(10),
                              end_time=dt.time(12), cancelled_by="resident" if state == "cancelled" else ""))
    qtbot.keyClicks(tab.kind, "Eind")  # the letter "Eindverslag", chosen by typing
    assert tab.kind.currentData() == "closing"
    assert ("<code>{visits_no_show}</code> hoe vaak een ouder niet verscheen zonder het omgangsmoment af te zeggen"
            in tab.placeholders.text())
    qtbot.mouseClick(tab.editor.viewport(), Qt.MouseButton.LeftButton)
    QTest.keyClick(tab.editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(tab.editor, Qt.Key.Key_Delete)
    QTest.keyClicks(tab.editor, "Geachte {recipient_contact},")
    QTest.keyClick(tab.editor, Qt.Key.Key_Return)
    QTest.keyClick(tab.editor, Qt.Key.Key_Return)
    QTest.keyClicks(tab.editor, "Gehouden: {visits_held}; afgezegd: {visits_cancelled}; niet verschenen: "
                                "{visits_no_show}.")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.status.text() == "Opgeslagen."
    made = letters.create_letter(workspace, case_id, "closing", lang="nl")
    assert made.state == "ready", made.problems
    _id, eml, _pdf = export.export_ready(workspace, tmp_path / "uit").exported[0]
    attached = next(message_from_bytes(eml.read_bytes(), policy=policy.default).iter_attachments()).get_content()
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(attached)).pages).split())
    assert ("Gehouden: 3; afgezegd: 1 (door de verzorgende ouder); niet verschenen: 1 (uitwonende ouder)."
            in text), text
