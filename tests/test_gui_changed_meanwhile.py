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
