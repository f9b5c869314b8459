"""Another language than the eleven checkboxes: typed by name in the profile, kept, shown again, matched on."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox

from borapp.models import Volunteer
from borapp.services.matching.ranking import FamilyNeeds, VolunteerFacts, score
from borapp.services.volunteers.profiles import language_code, list_volunteers, load_volunteer
from borapp.ui.pages.volunteers.volunteer_table_model import LANGUAGES
from borapp.ui.pages.volunteers.volunteers_page import VolunteersPage
from tests.helpers.volunteers_page import shown_page


def ticked(editor) -> list[str]:
    return sorted(box.text() for box in editor.languages.findChildren(QCheckBox) if box.isChecked())


def type_language(qtbot, editor, name: str, *, enter: bool = True) -> None:
    qtbot.mouseClick(editor.languages.other, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.languages.other, name)
    if enter:
        qtbot.keyClick(editor.languages.other, Qt.Key.Key_Return)


def test_another_language_is_typed_kept_shown_again_and_matched(qtbot, workspace):
    """Tarifit, Farsi and Papiamento could not be recorded at all (a walk)."""
    with workspace.session() as session:
        session.add(Volunteer(name="Samira Proef", languages="nl"))
        session.add(Volunteer(name="Tom Proef", languages="nl"))
    page = VolunteersPage(workspace)
    qtbot.addWidget(page)
    page.resize(1190, 740)
    page.show()
    page.refresh()
    volunteer_id, other_id = (row.id for row in list_volunteers(workspace))
    page.open_volunteer_profile(volunteer_id)
    editor = page.editor
    type_language(qtbot, editor, "Tarifit")
    qtbot.mouseClick(editor.languages.add_button, Qt.MouseButton.LeftButton)  # nothing typed: nothing added
    type_language(qtbot, editor, "farsi")
    type_language(qtbot, editor, "Papiamentu", enter=False)  # typed, not added: Save takes it along
    assert editor.languages.other.text() == "Papiamentu" and editor.save_button.isEnabled()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = load_volunteer(workspace, volunteer_id).languages
    assert set(stored) == {"nl", "rif", "fa", "papiamentu"}
    assert editor.languages.other.text() == ""
    type_language(qtbot, editor, "Pools", enter=False)  # typed, then another profile shown: not carried over
    page.open_volunteer_profile(other_id)
    assert editor.languages.other.text() == "" and ticked(editor) == ["Nederlands"]
    page.open_volunteer_profile(volunteer_id)
    assert ticked(editor) == ["Farsi", "Nederlands", "Papiamentu", "Tarifit"]
    shown = page.model.index(page.model.row_of(volunteer_id), LANGUAGES).data()
    assert "Papiamentu" in shown and "RIF" in shown, "the list: codes in capitals, a name as a name"
    facts = VolunteerFacts(id=volunteer_id, name="", languages=stored)
    on = dt.date(2026, 3, 1)
    assert "Spreekt Tarifit" in " ".join(score(FamilyNeeds(wish_languages=("rif",)), facts, on=on).reasons)
    wish = FamilyNeeds(wish_languages=(language_code("Papiamentu"),))
    assert score(wish, facts, on=on).score == score(FamilyNeeds(wish_languages=("nl",)), facts, on=on).score


def test_a_language_is_found_by_its_dutch_or_english_name():
    assert [language_code(t) for t in ("Papiaments", "Papiamento", "Russisch", "Portuguese", "Fries", " Tarifit ",
                                       "Perzisch", "")] == ["pap", "pap", "ru", "pt", "fy", "rif", "fa", ""]


def test_the_e_mail_placeholder_is_in_the_language_of_the_screen(qtbot, workspace):
    """In English the profile's e-mail field said "naam@voorbeeld.nl"."""
    from borapp.i18n import set_language

    set_language("en")
    page = VolunteersPage(workspace)
    qtbot.addWidget(page)
    assert page.editor.email.placeholderText() == "name@example.nl"


def test_a_typed_language_is_reached_by_tab_after_the_other_languages(qtbot, workspace):
    """Its checkbox came at the end of the window's Tab chain: Shift+Tab from the line it was typed in skipped it,
    and Tab reached it only after the rest of the window."""
    with workspace.session() as session:
        session.add(Volunteer(name="Samira Proef", languages="nl"))
    page = shown_page(qtbot, workspace, list_volunteers(workspace)[0].id)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    picker = page.editor.languages
    type_language(qtbot, page.editor, "Tarifit")
    tarifit = picker.boxes["rif"]
    qtbot.waitUntil(tarifit.isVisible)  # shown once the event loop runs, as it does between a person's keys
    assert QApplication.focusWidget() is picker.other
    qtbot.keyClick(picker.other, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is tarifit, "right before the line it was typed in"
    qtbot.keyClick(tarifit, Qt.Key.Key_Backtab)
    last_common = list(picker.boxes.values())[-2]
    assert QApplication.focusWidget() is last_common
    qtbot.keyClick(last_common, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is tarifit
    qtbot.keyClick(tarifit, Qt.Key.Key_Space)
    assert not tarifit.isChecked(), "Space unticks it, as the others"
    qtbot.keyClick(tarifit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is picker.other
