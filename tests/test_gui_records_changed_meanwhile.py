"""A visit report, an evaluation or an hours entry being edited is never saved over a change that arrived
meanwhile (a colleague's, through team sync): fields changed only elsewhere keep the new value, and a field changed
both here and there is put to the coordinator, also when her typing came back from a draft after a lock."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from borapp.models import Evaluation, Visit
from borapp.services.cases import evaluations
from borapp.services.visits import records
from tests.test_gui_case_tabs import FIRST, case_id, open_row, shown, visits_tab  # noqa: F401 - fixtures
from tests.visits.test_visit_services import held


def colleague_changes(workspace, model, record_id, **fields):
    with workspace.session() as session:
        record = session.get(model, record_id)
        for name, value in fields.items():
            setattr(record, name, value)


def type_into(box, text: str) -> None:
    box.setFocus()
    box.selectAll()
    QTest.keyClicks(box, text)


def a_held_visit(qtbot, workspace, case_id):
    tab = visits_tab(qtbot, workspace, case_id, planned=2)
    visit_id = tab.model.row_at(0).id
    records.record_visit(workspace, held(case_id, visit_id, FIRST))
    tab.reload()
    return tab, visit_id


def test_a_visit_field_changed_only_elsewhere_keeps_its_new_value(qtbot, workspace, case_id):
    tab, visit_id = a_held_visit(qtbot, workspace, case_id)
    assert open_row(tab, 0) == visit_id
    type_into(tab.editor.what_happened, "Samen een toren gebouwd.")
    colleague_changes(workspace, Visit, visit_id, incidents="Vader kwam 10 minuten te laat.")
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    saved = records.get_visit(workspace, visit_id)
    assert saved.what_happened == "Samen een toren gebouwd."
    assert saved.incidents == "Vader kwam 10 minuten te laat.", "the colleague's change was overwritten"


def test_the_same_visit_field_changed_both_ways_is_put_to_the_coordinator(qtbot, workspace, case_id, monkeypatch):
    tab, visit_id = a_held_visit(qtbot, workspace, case_id)
    open_row(tab, 0)
    type_into(tab.editor.what_happened, "Samen een toren gebouwd.")
    colleague_changes(workspace, Visit, visit_id, what_happened="Voorgelezen uit een prentenboek.",
                      incidents="Geen.")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.No)
    qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    assert asked and "Voorgelezen uit een prentenboek." in asked[0] and "Samen een toren gebouwd." in asked[0]
    assert records.get_visit(workspace, visit_id).what_happened == "Voorgelezen uit een prentenboek.", \
        "saved over it without asking"
    assert tab.editor.isVisible() and tab.editor.dirty
    assert tab.editor.what_happened.toPlainText() == "Samen een toren gebouwd.", "her typing is kept on screen"
    assert tab.editor.incidents.toPlainText() == "Geen.", "the other change is taken over on screen"
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    saved = records.get_visit(workspace, visit_id)
    assert (saved.what_happened, saved.incidents) == ("Samen een toren gebouwd.", "Geen.")
    assert len(asked) == 1, "asked again about what she already saw"


def test_typing_brought_back_after_a_lock_still_sees_what_changed_meanwhile(qtbot, workspace, case_id, monkeypatch):
    tab, visit_id = a_held_visit(qtbot, workspace, case_id)
    open_row(tab, 0)
    type_into(tab.editor.child_voice, "Wil vaker komen.")
    kept = json.loads(json.dumps(tab.drafts()))  # as the vault keeps a draft at a lock
    tab.clear()
    colleague_changes(workspace, Visit, visit_id, child_voice="Wil naar de speeltuin.")
    again = shown(qtbot, type(tab)(workspace))
    again.restore_drafts(kept)
    assert again.editor.child_voice.toPlainText() == "Wil vaker komen."
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.No)
    qtbot.mouseClick(again.editor.save_button, Qt.MouseButton.LeftButton)
    assert asked and "Wil naar de speeltuin." in asked[0]
    assert records.get_visit(workspace, visit_id).child_voice == "Wil naar de speeltuin."


def test_an_evaluation_edited_here_and_elsewhere_is_put_to_the_coordinator(qtbot, workspace, case_id, monkeypatch):
    from borapp.services.cases.evaluations import EvaluationInput
    from borapp.ui.pages.cases.tabs.evaluations_tab import EvaluationsTab

    evaluation_id = evaluations.save_evaluation(workspace, EvaluationInput(
        case_id=case_id, held_on=FIRST, kind="midway", participants="Rianne de Proef, beide ouders",
        agreements="Om de week.", notes=""))
    tab = shown(qtbot, EvaluationsTab(workspace))
    tab.load(case_id)
    tab.table.selectRow(0)
    tab.open_record(evaluation_id)
    type_into(tab.editor.agreements, "Elke week, overdracht bij school.")
    colleague_changes(workspace, Evaluation, evaluation_id, agreements="Elke twee weken.", notes="Gebeld met school.")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.No)
    qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    assert asked and "Elke twee weken." in asked[0]
    [stored] = evaluations.list_evaluations(workspace, case_id)
    assert stored.agreements == "Elke twee weken."
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    [stored] = evaluations.list_evaluations(workspace, case_id)
    assert stored.agreements == "Elke week, overdracht bij school."
    assert evaluations.get_evaluation(workspace, evaluation_id).notes == "Gebeld met school."
