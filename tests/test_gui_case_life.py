"""One case's life in the case file, as a walker found it: visits planned before matching, the midway evaluation,
the closing."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import update

from borapp.models import Visit
from borapp.services.visits import records
from tests.test_gui_case_tabs import FIRST, case_id, english, visits_tab  # noqa: F401 - fixtures


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_row(qtbot, tab, row: int) -> int:
    tab.table.selectRow(row)
    click(qtbot, tab.record_button)
    return tab.model.row_at(row).id


def test_a_visit_planned_before_matching_is_recorded_with_the_case_volunteer(qtbot, workspace, case_id):
    """It named nobody (planned before the match): recording it held names the case's volunteer, as a new visit
    does, so the report is not saved with nobody supervising."""
    records.plan_series(workspace, case_id, FIRST, 2, 7, dt.time(10), dt.time(12))
    with workspace.session() as session:
        session.execute(update(Visit).where(Visit.case_id == case_id).values(volunteer_id=None))
    tab = visits_tab(qtbot, workspace, case_id)
    visit_id = open_row(qtbot, tab, 0)
    assert tab.editor.current_state() == "held"
    assert tab.editor.volunteer.currentText() == "Vera Voorbeeld"
    with qtbot.waitSignal(tab.changed):
        click(qtbot, tab.editor.save_button)
    assert records.get_visit(workspace, visit_id).volunteer_name == "Vera Voorbeeld"
