"""A visit report finished in the Visits tab is a fact: the editor then shows it read-only with its addenda, an
addendum is typed in a small dialog, and typing saved over a report finished meanwhile is kept as an addendum."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox

from borapp.formatting import long_date
from borapp.services.visits import addenda, records
from tests.test_gui_case_tabs import FIRST, case_id, english, open_row, visits_tab  # noqa: F401 - fixtures
from tests.test_gui_records_changed_meanwhile import a_held_visit, type_into
from tests.visits.test_visit_services import held

TODAY = dt.date.today()


def click(button) -> None:
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def answer(monkeypatch, button) -> list[str]:
    """QMessageBox.question answers `button`; returns the questions asked."""
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args: asked.append(args[2]) or button)
    return asked


def cancel_button(dialog):
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)


def shown_texts(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget) and label.text()]


def finished_visit(qtbot, workspace, case_id, *notes: str):
    tab, visit_id = a_held_visit(qtbot, workspace, case_id)
    addenda.finish_report(workspace, visit_id, FIRST + dt.timedelta(days=1))
    for i, note in enumerate(notes):
        addenda.add_addendum(workspace, visit_id, note, FIRST + dt.timedelta(days=2 + i))
    tab.reload()
    open_row(tab, 0)
    return tab, visit_id


def test_finish_a_report_after_confirming_it(qtbot, workspace, case_id, english, monkeypatch):
    tab, visit_id = a_held_visit(qtbot, workspace, case_id)
    open_row(tab, 0)
    editor = tab.editor
    assert editor.finish_button.isVisible() and not editor.report.line.isVisible()
    chain, widget = [], editor
    while (widget := widget.nextInFocusChain()) is not editor and len(chain) < 5000:
        chain.append(widget)
    assert [chain.index(w) for w in (editor.what_happened, editor.finish_button, editor.close_button,
                                     editor.save_button)] == sorted(chain.index(w) for w in (
        editor.what_happened, editor.finish_button, editor.close_button, editor.save_button))
    type_into(editor.what_happened, "Samen een toren gebouwd.")

    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    click(editor.finish_button)
    assert asked and "no longer be changed" in asked[0]
    assert records.get_visit(workspace, visit_id).report_final_on is None, "finished without a yes"
    assert editor.dirty and editor.what_happened.toPlainText() == "Samen een toren gebouwd."

    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(tab.changed):
        click(editor.finish_button)
    saved = records.get_visit(workspace, visit_id)
    assert saved.report_final_on == TODAY
    assert saved.what_happened == "Samen een toren gebouwd.", "the typing was not saved into the report"
    assert f"Report finished on {long_date(TODAY)}" in shown_texts(editor)
    assert editor.isVisible() and not editor.dirty
    assert tab.model.index(0, 2).data() == "Held, report finished"


def test_a_finished_report_is_shown_read_only(qtbot, workspace, case_id, english, monkeypatch):
    tab, visit_id = finished_visit(qtbot, workspace, case_id)
    editor = tab.editor
    assert f"Report finished on {long_date(FIRST + dt.timedelta(days=1))}" in shown_texts(editor)
    assert editor.finish_button.isHidden()
    assert not editor.save_button.isHidden() and editor.close_button.text() == "Cancel", \
        "the volunteer's claim, which mostly comes later, can still be typed and saved"
    assert not editor.state_buttons["cancelled"].isEnabled() and not editor.volunteer.isEnabled()
    assert all(box.isReadOnly() for box in (editor.what_happened, editor.child_voice, editor.place, editor.on.edit))
    assert not editor.expenses.kilometres.isReadOnly()
    editor.what_happened.setFocus()
    QTest.keyClicks(editor.what_happened, "Toch anders.")
    assert editor.what_happened.toPlainText() == "Samen getekend en gelezen." and not editor.dirty
    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    with qtbot.assertNotEmitted(tab.changed):
        QTest.keyClick(editor.what_happened, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert tab.addendum_dialog is None and asked == [], "Ctrl+S tried to save a finished report"
    click(editor.close_button)
    assert editor.isHidden()
    open_row(tab, 1)  # a visit still to record: everything can be typed in again
    assert not editor.what_happened.isReadOnly() and editor.state_buttons["cancelled"].isEnabled()
    assert editor.save_button.isVisible() and editor.close_button.text() == "Cancel"
    assert editor.others_present.placeholderText() and not editor.report.line.isVisible()


def test_finishing_an_unwritten_report_says_why_at_the_field(qtbot, workspace, case_id, english, monkeypatch):
    tab = visits_tab(qtbot, workspace, case_id, planned=1)
    visit_id = tab.model.row_at(0).id
    records.record_visit(workspace, held(case_id, visit_id, FIRST, what_happened=""))
    tab.reload()
    open_row(tab, 0)
    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    click(tab.editor.finish_button)
    message = tab.editor.message_for("what_happened")
    assert message.isVisible() and message.text() == "Write what happened before finishing the report."
    assert tab.editor.problem.text() == "Not finished: check the marked field."
    assert records.get_visit(workspace, visit_id).report_final_on is None
    assert not tab.editor.what_happened.isReadOnly() and tab.editor.save_button.isVisible()


def test_add_an_addendum_by_typing_it(qtbot, workspace, case_id, english):
    tab, visit_id = finished_visit(qtbot, workspace, case_id, "Eerder toegevoegd.")
    click(tab.editor.report.add_button)
    dialog = tab.addendum_dialog
    assert dialog.isVisible() and dialog.focusWidget() is dialog.text
    QTest.keyClicks(dialog.text, "Father arrived ten minutes late.")
    with qtbot.waitSignal(tab.changed):
        click(dialog.add_button)
    assert not dialog.isVisible()
    kept = records.get_visit(workspace, visit_id).addenda
    assert [a.text for a in kept] == ["Eerder toegevoegd.", "Father arrived ten minutes late."]
    assert kept[-1].author == workspace.actor and kept[-1].written_on == TODAY
    texts = shown_texts(tab.editor.report.box)
    assert texts.index("Eerder toegevoegd.") < texts.index("Father arrived ten minutes late."), "newest last"
    assert f"{long_date(TODAY)} · {workspace.actor}" in texts
    tab.clear()  # a lock
    assert not [label for label in tab.findChildren(QLabel) if "ten minutes" in label.text()], "left in the widgets"


def test_an_error_in_the_addendum_dialog_keeps_the_typing(qtbot, workspace, case_id, english, monkeypatch):
    tab, visit_id = finished_visit(qtbot, workspace, case_id)
    monkeypatch.setattr(addenda, "MAX_TEXT", 20)
    click(tab.editor.report.add_button)
    dialog = tab.addendum_dialog
    QTest.keyClicks(dialog.text, "The father arrived ten minutes late.")
    with qtbot.assertNotEmitted(tab.changed):
        click(dialog.add_button)
    assert dialog.isVisible() and dialog.problem.isVisible() and dialog.problem.text() == "At most 20 characters."
    assert dialog.text.toPlainText() == "The father arrived ten minutes late."
    assert records.get_visit(workspace, visit_id).addenda == ()
    dialog.text.selectAll()
    QTest.keyClicks(dialog.text, "Ten minutes late.")
    assert not dialog.problem.isVisible(), "fixed: the message goes"
    with qtbot.waitSignal(tab.changed):
        click(dialog.add_button)
    assert [a.text for a in records.get_visit(workspace, visit_id).addenda] == ["Ten minutes late."]


def test_typing_saved_over_a_report_finished_meanwhile_is_kept_as_an_addendum(qtbot, workspace, case_id, english):
    tab, visit_id = a_held_visit(qtbot, workspace, case_id)
    open_row(tab, 0)
    type_into(tab.editor.child_voice, "Wants to come more often.")
    addenda.finish_report(workspace, visit_id)  # a colleague, through team sync
    click(tab.editor.save_button)
    dialog = tab.addendum_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.intro.text() == "The report was finished meanwhile. Keep what you typed as an addendum?"
    assert dialog.text.toPlainText() == "What the child says: Wants to come more often."

    click(cancel_button(dialog))
    assert tab.editor.dirty and tab.editor.child_voice.toPlainText() == "Wants to come more often.", \
        "the typing went when the offer was declined"
    assert records.get_visit(workspace, visit_id).addenda == ()

    click(tab.editor.save_button)
    dialog = tab.addendum_dialog
    with qtbot.waitSignal(tab.changed):
        click(dialog.add_button)
    saved = records.get_visit(workspace, visit_id)
    assert [a.text for a in saved.addenda] == ["What the child says: Wants to come more often."]
    assert saved.child_voice == "Wil volgende keer buiten spelen.", "the finished report was changed"
    assert tab.editor.isVisible() and tab.editor.finished and not tab.editor.dirty
    assert "What the child says: Wants to come more often." in shown_texts(tab.editor.report.box)
    assert tab.drafts() == {}, "a draft would bring the typing back as unsaved"
