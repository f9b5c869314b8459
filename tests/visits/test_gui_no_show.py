"""The visit editor records a parent who did not come as "Niet verschenen", chosen with the mouse and the keyboard as
a coordinator does; the list and its count line say so, not "Afgezegd ... 0 uur van tevoren"."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from borapp.services.visits import records
from tests.test_gui_case_tabs import FIRST, case_id, open_row, visits_tab  # noqa: F401 (case_id: a fixture)


def test_record_that_the_non_resident_parent_did_not_show_up(qtbot, workspace, case_id):  # noqa: F811
    tab = visits_tab(qtbot, workspace, case_id, planned=3)
    visit = open_row(tab, 1)
    editor = tab.editor
    qtbot.mouseClick(editor.state_buttons["no_show"], Qt.MouseButton.LeftButton)
    assert editor.state_buttons["no_show"].text() == "Niet verschenen"
    assert editor.no_show_box.isVisible() and editor.cancel_box.isHidden() and editor.held_box.isHidden()
    with qtbot.assertNotEmitted(tab.changed):  # which parent is not chosen yet
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor._messages["no_show_by"].text() == "Kies welke ouder niet is verschenen."
    editor.no_show_by.setFocus()
    qtbot.keyClicks(editor.no_show_by, "Uitw")
    assert editor.no_show_by.currentData() == "other"
    QTest.keyClick(editor.no_show_by, Qt.Key.Key_Tab)
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = records.get_visit(workspace, visit)
    assert (saved.state, saved.no_show_by, saved.cancelled_by, saved.notice_hours) == ("no_show", "other", "", None)
    assert tab.model.index(1, 2).data() == "Niet verschenen (uitwonende ouder)"
    assert tab.counts.text() == "2 gepland · 0 gehouden · 0 afgezegd · 1 niet verschenen (uitwonende ouder)"
    open_row(tab, 1)
    assert (tab.editor.current_state(), tab.editor.no_show_by.currentData()) == ("no_show", "other"), "shown again"


def test_the_keyboard_reaches_did_not_show_up(qtbot, workspace, case_id):  # noqa: F811
    """Tabbed to, Space chooses it, as the intake's route buttons are chosen."""
    assert FIRST < dt.date.today()  # the planned visit's day has passed: it opens as Held
    tab = visits_tab(qtbot, workspace, case_id, planned=1)
    open_row(tab, 0)
    editor = tab.editor
    assert editor.current_state() == "held" and editor.no_show_box.isHidden()
    editor.state_buttons["no_show"].setFocus()
    QTest.keyClick(editor.state_buttons["no_show"], Qt.Key.Key_Space)
    assert editor.current_state() == "no_show" and editor.no_show_box.isVisible()
