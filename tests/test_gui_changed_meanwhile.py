"""A form being edited is never saved over a change that arrived meanwhile (a colleague's, through team sync):
fields changed only elsewhere keep the new value, and a field changed both here and there is put to the
coordinator, not silently replaced."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from borapp.models import Case
from tests.test_gui_cases import cases, page  # noqa: F401 - fixtures


def colleague_changes(workspace, case_id, **fields):
    with workspace.session() as session:
        case = session.get(Case, case_id)
        for name, value in fields.items():
            setattr(case, name, value)


def stored(workspace, case_id, name):
    with workspace.session() as session:
        return getattr(session.get(Case, case_id), name)


def agreements(page, case_id):
    page.open_case_file(case_id)
    tab = page.case_file.tab("agreements")
    return tab


def test_a_field_changed_only_elsewhere_keeps_its_new_value(qtbot, page, workspace, cases):
    case_id = cases["intake"]
    tab = agreements(page, case_id)
    tab.fields["visit_place"].clear()
    QTest.keyClicks(tab.fields["visit_place"], "Speeltuin De Bres")
    colleague_changes(workspace, case_id, visit_frequency="Elke week")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert stored(workspace, case_id, "visit_place") == "Speeltuin De Bres"
    assert stored(workspace, case_id, "visit_frequency") == "Elke week", "the colleague's change was overwritten"


def test_the_same_field_changed_both_ways_is_put_to_the_coordinator(qtbot, page, workspace, cases, monkeypatch):
    case_id = cases["intake"]
    tab = agreements(page, case_id)
    tab.fields["visit_place"].clear()
    QTest.keyClicks(tab.fields["visit_place"], "Speeltuin De Bres")
    colleague_changes(workspace, case_id, visit_place="Bibliotheek Schagen")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.No)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert asked and "Bibliotheek Schagen" in asked[0] and "Speeltuin De Bres" in asked[0]
    assert stored(workspace, case_id, "visit_place") == "Bibliotheek Schagen", "saved over it without asking"
    assert tab.fields["visit_place"].text() == "Speeltuin De Bres", "her typing is kept on screen"
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert stored(workspace, case_id, "visit_place") == "Speeltuin De Bres"
    assert len(asked) == 1, "asked again about what she already saw"


def test_a_volunteer_profile_keeps_a_change_that_arrived_meanwhile(qtbot, workspace, monkeypatch):
    from borapp.models import Volunteer
    from borapp.ui.pages.volunteers.volunteers_page import VolunteersPage

    with workspace.session() as session:
        volunteer = Volunteer(name="Vera Voorbeeld", phone="0612345678", email="vera@example.org")
        session.add(volunteer)
        session.flush()
        volunteer_id = volunteer.id
    page = VolunteersPage(workspace)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.open_volunteer_profile(volunteer_id)
    editor = page.editor
    editor.notes.setFocus()
    QTest.keyClicks(editor.notes, "Spreekt ook Pools")
    with workspace.session() as session:  # a colleague's change arrives
        session.get(Volunteer, volunteer_id).phone = "0687654321"
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.No)
    assert editor.save() == volunteer_id
    with workspace.session() as session:
        saved = session.get(Volunteer, volunteer_id)
        assert (saved.phone, saved.notes) == ("0687654321", "Spreekt ook Pools")
    assert asked == [], "nothing clashed: nothing to ask"
    editor.phone.clear()
    QTest.keyClicks(editor.phone, "0611111111")
    with workspace.session() as session:
        session.get(Volunteer, volunteer_id).phone = "0622222222"
    assert editor.save() is None
    assert asked and "0622222222" in asked[0]
    with workspace.session() as session:
        assert session.get(Volunteer, volunteer_id).phone == "0622222222"
    assert editor.phone.text() == "0611111111", "her typing stays"
