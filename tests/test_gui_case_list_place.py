"""The case list keeps her place when she leaves Cases for another page and comes back: the same rows loaded, the
same case chosen, the same rows in view (the list was read again from its first 200 rows and the choice was lost)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from sqlalchemy import update

from borapp.models import Case
from borapp.ui.pages.cases.case_table_model import KEYS
from tests.cases.test_case_services import bulk_cases
from tests.test_gui_app import _create_and_enter, window  # noqa: F401 - fixture
from tests.test_gui_back_after_unlock import go


def _click_header(qtbot, table, key: str) -> None:
    header = table.horizontalHeader()
    column = KEYS.index(key)
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def _in_view(table) -> bool:
    return table.viewport().rect().intersects(table.visualRect(table.currentIndex()))


def test_coming_back_to_cases_keeps_the_chosen_case_deep_in_the_list(qtbot, window):
    window.resize(1366, 768)
    _create_and_enter(qtbot, window)
    bulk_cases(window.workspace, 700)
    panel = go(qtbot, window, "cases").list_panel
    table = panel.table
    QTest.keyClicks(panel.search, "bulk")
    QTest.keyClick(panel.search, Qt.Key.Key_Return)  # searches at once; the first row is chosen
    _click_header(qtbot, table, "ref")
    table.setFocus()
    for _press in range(100):  # page down the list, as she would, to the 350th case
        if table.currentIndex().row() >= 350:
            break
        QTest.keyClick(table, Qt.Key.Key_PageDown)
    chosen, loaded, scrolled = panel.selected_case_id(), panel.model.rowCount(), table.verticalScrollBar().value()
    assert loaded > 200 and table.currentIndex().row() >= 350 and scrolled > 0

    go(qtbot, window, "dashboard")
    go(qtbot, window, "cases")
    place = (panel.selected_case_id(), panel.model.rowCount(), table.verticalScrollBar().value())
    assert place == (chosen, loaded, scrolled)
    assert len(table.selectionModel().selectedRows()) == 1 and _in_view(table)
    assert panel.search.text() == "bulk"

    go(qtbot, window, "dashboard")  # meanwhile the case moved to the end of the list, beyond the rows loaded
    with window.workspace.session() as session:
        session.execute(update(Case).where(Case.id == chosen).values(ref="BULK-99999"))
    go(qtbot, window, "cases")
    assert panel.selected_case_id() == chosen and panel.model.row(table.currentIndex().row()).ref == "BULK-99999"
    assert _in_view(table)
