"""A search typed into the Cases page counts its matches once: the count it shows also chooses how the page of rows
is found (the list counted the index's matches a second time for that: 7 of 45 ms for "school" at 100,000 cases),
and scrolling further counts nothing. Rows and counts are what the filter selects, a status chosen as well."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import event

from borapp.ui.pages.cases.cases_page import CasesPage
from tests.cases.test_case_services import bulk_cases
from tests.helpers.keyboard import retype

CASES = 2_700  # more matches than listing.MANY_MATCHES: the page is found by walking the list's index
STATUSES = 9  # bulk_cases gives case i the i % 9-th status; the last is "closed"


@pytest.fixture
def page(qtbot, workspace):
    bulk_cases(workspace, CASES)
    widget = CasesPage(workspace)
    qtbot.addWidget(widget)
    widget.resize(1190, 720)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    return widget


@pytest.fixture
def statements(workspace):
    ran: list[str] = []
    listen = lambda *args: ran.append(" ".join(args[2].split()))  # noqa: E731 - (conn, cursor, statement, ...)
    event.listen(workspace.vault.engine, "before_cursor_execute", listen)
    yield ran
    event.remove(workspace.vault.engine, "before_cursor_execute", listen)


def newest_first(numbers) -> list[str]:
    """bulk_cases' case numbers in the list's default order: newest registration first, then case number."""
    registered = {i: (2015 + i % 10, 1 + i % 12, 1 + i % 28) for i in numbers}
    return [f"BULK-{i:05d}" for i in sorted(numbers, key=lambda i: (registered[i], i), reverse=True)]


def shown(page) -> list[str]:
    model = page.list_panel.model
    return [model.row(r).ref for r in range(model.rowCount())]


def test_a_typed_search_counts_its_matches_once(qtbot, page, statements):
    search = page.list_panel.search
    retype(search, "bulk")
    statements.clear()
    qtbot.keyClick(search, Qt.Key.Key_Return)
    counted = [sql for sql in statements if "count(" in sql.lower() and "case_search" in sql]
    assert counted == ["SELECT count(*) FROM case_search WHERE case_search MATCH ?"], counted
    assert page.list_panel.model.total == CASES
    assert page.list_panel.count_label.text() == "2.700 dossiers"
    assert shown(page) == newest_first(range(CASES))[:200]
    statements.clear()
    page.list_panel.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.list_panel.model.rowCount() >= 400)
    assert not any("count(" in sql.lower() for sql in statements), "scrolling counted again"
    assert shown(page)[200:400] == newest_first(range(CASES))[200:400]


def test_a_typed_search_with_a_status_shows_what_both_select(qtbot, page):
    panel = page.list_panel
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("open"))
    retype(panel.search, "bulk")
    qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    open_ones = [i for i in range(CASES) if i % STATUSES != STATUSES - 1]
    assert panel.model.total == len(open_ones) == 2_400
    assert panel.count_label.text() == "2.400 dossiers"
    assert shown(page) == newest_first(open_ones)[:200]
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("closed"))
    closed = [i for i in range(CASES) if i % STATUSES == STATUSES - 1]
    assert panel.model.total == len(closed) and shown(page) == newest_first(closed)[:200]
