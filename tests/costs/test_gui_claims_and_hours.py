"""What a tester walked in hours and volunteers' claims: a day's hours, a claim on a visit moved back to planned, a
claim after the report was finished, amounts typed in English, the Kosten export choices after a lock."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from borapp.services.costs import hours
from borapp.ui.pages.cases.case_file.hours_tab import HoursTab
from tests.visits.test_visit_services import REGISTERED, make_case

DAY = REGISTERED + dt.timedelta(days=7)


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1100, 900)
    widget.show()
    return widget


def type_over(edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    QTest.keyClicks(edit, text)


@pytest.fixture
def case_id(workspace):
    return make_case(workspace)[0]


def test_more_than_a_day_of_hours_is_refused_naming_the_day_and_the_total(qtbot, workspace, case_id):
    """42:45 hours on one day on one case were accepted without a word (each entry is at most 12 hours)."""
    me = workspace.coordinator_id
    other_case = make_case(workspace, "2026-0043")[0]
    hours.record_hours(workspace, hours.HoursInput(case_id, DAY, "intake", "12", me))
    hours.record_hours(workspace, hours.HoursInput(other_case, DAY, "talk", "11", me))
    tab = shown(qtbot, HoursTab(workspace))
    tab.load(case_id)
    tab.add_button.click()
    editor = tab.editor
    type_over(editor.on.edit, f"{DAY.day}-{DAY.month}-{DAY.year}")
    editor.on.commit()
    QTest.keyClicks(editor.hours, "1:45")
    with qtbot.assertNotEmitted(tab.changed):
        editor.save_button.click()
    message = editor.message_for("hours").text()
    assert "24:45" in message and str(DAY.year) in message, message
    assert editor.hours.text() == "1:45", "the typing is kept"
    type_over(editor.hours, "1")
    with qtbot.waitSignal(tab.changed):
        editor.save_button.click()
    assert sum(h.minutes for h in hours.list_hours(workspace, case_id)) == 13 * 60
