"""The list of cases due for destruction can be acted on: a row opens its case (double-click, Enter), a case is
erased from there with the case file's erase dialog, and one kept longer is noted with its reason and leaves the
list; going through the list says what it silences. It said "erase them one by one, or note why" and offered
neither."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from borapp.ui.pages.cases.privacy.erase_dialog import EraseDialog
from borapp.services.privacy import retention
from tests.privacy.test_retention import close
from tests.test_gui_app import _create_and_enter, window  # noqa: F401 - fixture


def privacy_list(window):
    page = window.shell.show_page("settings")
    page.show_section("privacy")
    return page.sections[9].due


def click_row(qtbot, due, ref: str, double: bool = False) -> None:
    row = next(r for r in range(due.model.rowCount()) if due.model.row_at(r).ref == ref)
    rect = due.table.visualRect(due.model.index(row, 0))
    click = qtbot.mouseDClick if double else qtbot.mouseClick
    if double:
        qtbot.mouseClick(due.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    click(due.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def refs(due) -> list[str]:
    return [due.model.row_at(r).ref for r in range(due.model.rowCount())]


def test_a_row_opens_its_case_by_double_click_and_by_enter(qtbot, window):
    _create_and_enter(qtbot, window)
    first = close(window.workspace, "BOR-2001-001", dt.date(2001, 1, 1))
    second = close(window.workspace, "BOR-2002-001", dt.date(2002, 1, 1))
    due = privacy_list(window)
    assert refs(due) == ["BOR-2001-001", "BOR-2002-001"]
    click_row(qtbot, due, "BOR-2002-001", double=True)
    cases = window.shell.pages["cases"]
    qtbot.waitUntil(lambda: window.shell.stack.currentWidget() is cases)
    assert cases.case_file.case_id == second
    due = privacy_list(window)
    click_row(qtbot, due, "BOR-2001-001")
    QTest.keyClick(due.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.shell.stack.currentWidget() is cases)
    assert cases.case_file.case_id == first


def test_erase_from_the_list_and_keep_one_longer_with_a_reason(qtbot, window):
    _create_and_enter(qtbot, window)
    close(window.workspace, "BOR-2001-001", dt.date(2001, 1, 1))
    close(window.workspace, "BOR-2002-001", dt.date(2002, 1, 1))
    close(window.workspace, "BOR-2003-001", dt.date(2003, 1, 1))
    due = privacy_list(window)
    assert not due.erase_button.isEnabled(), "nothing chosen yet"

    click_row(qtbot, due, "BOR-2001-001")
    qtbot.mouseClick(due.erase_button, Qt.MouseButton.LeftButton)
    dialog = due.dialog
    qtbot.waitExposed(dialog)
    assert "BOR-2001-001" in dialog.windowTitle()
    for edit, typed in ((dialog.reason, "Bewaartermijn voorbij"), (dialog.confirm, "BOR-2001-001")):
        qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
        QTest.keyClicks(edit, typed)
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: refs(due) == ["BOR-2002-001", "BOR-2003-001"])
    assert "BOR-2001-001" in due.result.text()
    said = due.erased_message  # as from the case file: erased, and what still holds it
    qtbot.waitExposed(said)
    assert "BOR-2001-001" in said.text()
    said.close()
    qtbot.waitUntil(lambda: due.dialog is None and not [d for d in due.findChildren(EraseDialog)])

    click_row(qtbot, due, "BOR-2003-001")
    assert due.until.text(), "a year from today, unless she types another day"
    qtbot.mouseClick(due.keep_button, Qt.MouseButton.LeftButton)
    assert "reden" in due.result.text().lower() or "waarom" in due.result.text().lower(), due.result.text()
    assert refs(due) == ["BOR-2002-001", "BOR-2003-001"], "no reason, not kept"
    qtbot.mouseClick(due.reason, Qt.MouseButton.LeftButton)
    QTest.keyClicks(due.reason, "Rechtszaak loopt nog")
    qtbot.mouseClick(due.until.edit, Qt.MouseButton.LeftButton)
    due.until.edit.selectAll()
    back = dt.date.today() + dt.timedelta(days=90)
    QTest.keyClicks(due.until.edit, back.strftime("%d-%m-%Y"))
    QTest.keyClick(due.until.edit, Qt.Key.Key_Tab)
    qtbot.mouseClick(due.keep_button, Qt.MouseButton.LeftButton)
    assert refs(due) == ["BOR-2002-001"]
    assert "BOR-2003-001" in due.result.text()
    assert retention.due_for_destruction(window.workspace, back) and \
        [d.ref for d in retention.due_for_destruction(window.workspace, back)] == ["BOR-2002-001", "BOR-2003-001"]

    qtbot.mouseClick(due.reviewed_button, Qt.MouseButton.LeftButton)
    assert "Vandaag" in due.result.text() and str(dt.date.today().year + 1) in due.result.text(), due.result.text()
    assert refs(due) == ["BOR-2002-001"], "going through the list keeps the cases on it"


def test_the_case_header_sorts_case_numbers_by_year_then_number(qtbot, window):
    """As text, BOR-2001-1000 stood between BOR-2001-100 and BOR-2001-101; the arrow pointed the other way."""
    from tests.helpers.sort_arrow import arrow_points_down, click_header

    _create_and_enter(qtbot, window)
    for ref in ("BOR-2001-1000", "BOR-2001-101", "BOR-2001-100", "BOR-2001-99"):
        close(window.workspace, ref, dt.date(2001, 1, 1))
    due = privacy_list(window)
    header = due.table.horizontalHeader()
    click_header(qtbot, header, 0)
    if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
        click_header(qtbot, header, 0)
    natural = ["BOR-2001-99", "BOR-2001-100", "BOR-2001-101", "BOR-2001-1000"]
    assert refs(due) == natural and not arrow_points_down(header, 0)
    click_header(qtbot, header, 0)
    assert refs(due) == natural[::-1] and arrow_points_down(header, 0)
