"""The case list at 1093 px (1366×768 at 125 %) gives its room to the names; at 1366 px it stays as it was."""

from __future__ import annotations

import datetime as dt

from borapp.ui.pages.cases.case_table_model import KEYS
from tests.cases.test_case_services import add_case
from tests.helpers.cases_page import page  # noqa: F401 - fixture
from tests.test_gui_fit import settle

SIDE_RAIL = 176  # the navigation rail beside the Cases page


def _sizes(page) -> dict[str, int]:
    header = page.list_panel.table.horizontalHeader()
    return {key: header.sectionSize(c) for c, key in enumerate(KEYS) if not header.isSectionHidden(c)}


def test_the_names_are_read_at_1093_and_1366_is_as_it_was(qtbot, page, workspace):
    """At 1093 px the children, parents and volunteer were cut ("Tycho Schuylen…") while the municipality (a filter
    above the list too) and the mostly empty next visit kept their full widths."""
    add_case(workspace, "BOR-2026-001", resident="Marieke Voorbeeld-Verhoeven", status="visits",
             children=(("Benjamin Voorbeeld", dt.date(2016, 1, 1)), ("Melissa Voorbeeld", dt.date(2018, 1, 1))),
             volunteer="Tycho Schuylenborch")
    page.refresh()
    page.resize(1093 - SIDE_RAIL, 560)
    settle()
    narrow = _sizes(page)
    assert list(narrow) == ["ref", "status", "children", "parents", "volunteer", "next_visit"]
    assert min(narrow["children"], narrow["parents"]) >= 170 and narrow["volunteer"] >= 150, narrow
    assert sum(narrow.values()) <= page.list_panel.table.viewport().width() + 1  # nothing off the right edge

    page.resize(1366 - SIDE_RAIL, 720)
    settle()
    wide = _sizes(page)
    assert list(wide) == KEYS and wide["volunteer"] == 120 and wide["municipality"] == 112, wide
