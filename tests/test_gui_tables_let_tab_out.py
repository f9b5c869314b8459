"""Tab leaves every table of the app; the arrows move within it; entering one by Tab chooses nothing.

Qt's tables keep Tab for moving between cells: the matching wizard's Next, the volunteer's profile and Save, the
"Plan a meeting" form and the Settings forms beside a list could not be reached with the keyboard (a walk with the
keyboard only). Every table is a ListTable or ListTableView (borapp/ui/widgets/list_table.py); the guard below fails
on a table built another way.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QTableWidgetItem, QVBoxLayout, QWidget

from borapp.services import organisation_setup as setup
from borapp.ui.widgets.list_table import ListTable, ListTableView

UI = Path(__file__).resolve().parents[1] / "borapp" / "ui"
QT_TABLES = {"QTableView", "QTableWidget"}
SHARED = UI / "widgets" / "list_table.py"
EDITABLE_GRIDS: set[str] = set()  # "module.py:line" of a grid that needs Tab between its cells (none yet)


def _name(node: ast.expr) -> str:
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


def tables_built_around_the_shared_ones() -> list[str]:
    found = []
    for path in sorted(UI.rglob("*.py")):
        if path == SHARED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            built = isinstance(node, ast.Call) and _name(node.func) in QT_TABLES
            derived = isinstance(node, ast.ClassDef) and any(_name(base) in QT_TABLES for base in node.bases)
            where = f"{path.relative_to(UI)}:{getattr(node, 'lineno', 0)}"
            if (built or derived) and where not in EDITABLE_GRIDS:
                found.append(where)
    return found


def test_every_table_of_the_app_is_a_list_table():
    assert tables_built_around_the_shared_ones() == []


def press(key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> QWidget:
    QTest.keyClick(QApplication.focusWidget(), key, modifier)
    return QApplication.focusWidget()


def shown_active(qtbot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    qtbot.waitUntil(widget.isActiveWindow)


def three_rows(kind):
    if kind is ListTable:
        table = ListTable(3, 2)
        for row in range(3):
            for column in range(2):
                table.setItem(row, column, QTableWidgetItem(f"{row}/{column}"))
        return table
    table = ListTableView()
    model = QStandardItemModel(0, 2, table)
    for row in range(3):
        model.appendRow([QStandardItem(f"{row}/{column}") for column in range(2)])
    table.setModel(model)
    return table


@pytest.mark.parametrize("kind", [ListTable, ListTableView])
def test_tab_passes_through_a_table_and_the_arrows_move_within(qtbot, kind):
    window = QWidget()
    layout = QVBoxLayout(window)
    before, table, after = QLineEdit(), three_rows(kind), QPushButton("Opslaan")
    for widget in (before, table, after):
        layout.addWidget(widget)
    table.setSelectionBehavior(table.SelectionBehavior.SelectRows)
    table.setSelectionMode(table.SelectionMode.SingleSelection)
    shown_active(qtbot, window)
    before.setFocus()
    qtbot.waitUntil(before.hasFocus)
    chosen = []
    table.selectionModel().currentRowChanged.connect(lambda current, _p: chosen.append(current.row()))
    assert press(Qt.Key.Key_Tab) is table
    assert chosen == [] and not table.selectionModel().hasSelection()  # entering chose nothing
    assert press(Qt.Key.Key_Down) is table and chosen == [0]  # the first arrow chooses the first row
    assert press(Qt.Key.Key_Down) is table and chosen == [0, 1]
    assert press(Qt.Key.Key_Tab) is after
    assert press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier) is table
    assert press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier) is before
    assert chosen == [0, 1]


def tab_from(table, steps: int = 1) -> QWidget:
    table.setFocus()
    for _ in range(steps):
        press(Qt.Key.Key_Tab)
    return QApplication.focusWidget()


def test_the_volunteers_list_lets_tab_on_to_the_profile(qtbot, workspace):
    from tests.test_gui_volunteers import make_volunteer
    from tests.helpers.volunteers_page import shown_page

    make_volunteer(workspace, "Anna Proef", region="Kop")
    page = shown_page(qtbot, workspace)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    press(Qt.Key.Key_Down)  # Anna's profile
    assert page.editor.name.text() == "Anna Proef"
    reached = {press(Qt.Key.Key_Tab) for _ in range(8)}
    assert page.table not in reached and page.editor.name in reached


def test_the_meetings_table_lets_tab_on_to_the_meeting_form(qtbot, workspace):
    from borapp.services.volunteers import meetings
    from tests.helpers.volunteers_page import shown_page

    for day in (1, 2):
        meetings.add_meeting(workspace, f"2025-03-0{day}", "Kop")
    page = shown_page(qtbot, workspace)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.tabs.setCurrentWidget(page.meetings)
    table = page.meetings.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    assert press(Qt.Key.Key_Tab) is not table
    assert press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier) is table


def test_tabbing_through_the_municipalities_picks_none_into_the_form(qtbot, workspace):
    from borapp.ui.pages.settings.municipalities_tab import MunicipalitiesTab

    setup.save_municipality(workspace, "Alkmaar", "Noord")
    tab = MunicipalitiesTab()
    shown_active(qtbot, tab)
    tab.load(workspace)
    tab.year.setFocus()
    qtbot.waitUntil(tab.year.hasFocus)
    assert press(Qt.Key.Key_Tab) is tab.table
    assert press(Qt.Key.Key_Tab) is tab.name and tab.name.text() == ""
    press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    press(Qt.Key.Key_Down)
    assert tab.name.text() == "Alkmaar"
