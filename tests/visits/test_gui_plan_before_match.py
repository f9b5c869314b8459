"""Planning visits before the volunteer was matched: "Reeks plannen…" said nothing, and those visits could then never
be recorded as held."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from borapp.services.visits import records
from borapp.ui.pages.cases.tabs.plan_series_dialog import PlanSeriesDialog
from tests.visits.test_visit_services import _in_matching, make_case

TODAY = dt.date.today()


def test_the_series_dialog_refuses_a_first_date_before_the_match_under_the_field(qtbot, workspace):
    case_id, _ = make_case(workspace)
    matched = TODAY - dt.timedelta(days=3)
    _in_matching(workspace, case_id, TODAY - dt.timedelta(days=10), matched_on=matched)
    dialog = PlanSeriesDialog(workspace, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    early = TODAY - dt.timedelta(days=5)
    dialog.first_on.edit.setFocus()
    dialog.first_on.edit.selectAll()
    QTest.keyClick(dialog.first_on.edit, Qt.Key.Key_Delete)
    QTest.keyClicks(dialog.first_on.edit, early.strftime("%d-%m-%Y"))
    dialog.first_on.commit()
    QTest.mouseClick(dialog.plan_button, Qt.MouseButton.LeftButton)
    said, shown = dialog.messages["first_on"].text(), dialog.isVisible()
    qtbot.wait(50)  # the window grows to the message on a timer
    dialog.grab().save("/tmp/shots_fixM/plan_series_before_match.png")
    dialog.remember_typing()  # closing it at the end asks nothing, whether it planned or not
    assert "toen de vrijwilliger werd gekoppeld" in said and str(matched.day) in said, said
    assert shown and records.list_visits(workspace, case_id) == []
