"""Tijdlijn → "Datum corrigeren…", as a coordinator does it: choose the closing step, type a date outside what the
steps around it allow (said under the field, the typing kept), then the right one; the timeline and the case's
closing date follow. Only steps taken can be corrected."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from borapp.services.cases.case_file import load_case
from borapp.services.outbox import letters as outbox_letters
from borapp.ui import kept_typing
from tests.cases.test_case_services import add_case
from tests.cases.test_step_dates import steps
from tests.helpers.cases_page import page  # noqa: F401 - fixture


@pytest.fixture
def closed_case(workspace):
    case_id = add_case(workspace, "BOR-2025-031", registered_on=dt.date(2025, 3, 5))
    steps(workspace, case_id, ("intake", dt.date(2025, 4, 1), ""), ("closed", dt.date(2026, 1, 5), "stopped_at_intake"))
    outbox_letters.new_letter(workspace, case_id, "closing", state="draft")
    return case_id


def timeline_of(page, case_id):
    page.open_case_file(case_id)
    return click_timeline(page.case_file)


def click_timeline(case_file):
    """The Tijdlijn tab, clicked on the tab bar."""
    tab = case_file.tab("timeline")
    bar = case_file.tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(case_file.tabs.indexOf(tab)).center())
    assert case_file.tabs.currentWidget() is tab
    return tab


def choose(tab, title_start: str):
    """A row of the timeline, clicked."""
    for i in range(tab.tree.topLevelItemCount()):
        item = tab.tree.topLevelItem(i)
        if item.text(1).startswith(title_start):
            tab.tree.scrollToItem(item)
            QTest.mouseClick(tab.tree.viewport(), Qt.MouseButton.LeftButton,
                             pos=tab.tree.visualItemRect(item).center())
            assert tab.tree.currentItem() is item
            return item
    raise AssertionError(f"no row {title_start!r}")


def type_over(qtbot, field, text: str) -> None:
    """Click into the date, select what is there, type over it and leave with Tab."""
    QTest.mouseClick(field.edit, Qt.MouseButton.LeftButton)
    QTest.keyClick(field.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(field.edit, Qt.Key.Key_Delete)
    QTest.keyClicks(field.edit, text)
    QTest.keyClick(field.edit, Qt.Key.Key_Tab)


def test_the_closing_date_is_corrected_from_the_timeline(qtbot, page, workspace, closed_case):
    tab = timeline_of(page, closed_case)
    choose(tab, "Brief")
    assert not tab.correct_button.isEnabled(), "a letter is no step"
    choose(tab, "Aangemeld")
    assert tab.correct_button.isEnabled(), "the registration is the first step"
    choose(tab, "Afgesloten")
    assert tab.correct_button.isEnabled()
    qtbot.mouseClick(tab.correct_button, Qt.MouseButton.LeftButton)
    dialog = tab.date_dialog
    assert dialog.isVisible() and dialog.on.edit.text() == "5-1-2026"
    hint = dialog.findChild(QLabel, "hint").text()
    assert "1 april 2025" in hint and "vandaag" not in hint
    type_over(qtbot, dialog.on, "31-3-2025")  # before the intake
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "1 april 2025" in dialog.message.text()
    assert dialog.on.edit.text() == "31-3-2025", "the typing stays"
    type_over(qtbot, dialog.on, "30-12-2025")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and tab.date_dialog is None
    row = choose(tab, "Afgesloten")
    assert row.text(0) == "30-12-2025" and tab.tree.currentItem() is row
    assert load_case(workspace, closed_case, record_open=False).closed_on == dt.date(2025, 12, 30)


def test_a_lock_closes_the_dialog_and_nothing_is_saved(qtbot, page, workspace, closed_case):
    tab = timeline_of(page, closed_case)
    choose(tab, "Intake")
    qtbot.mouseClick(tab.correct_button, Qt.MouseButton.LeftButton)
    dialog = tab.date_dialog
    type_over(qtbot, dialog.on, "2-4-2025")
    kept_typing.close_for_lock(dialog)  # what the lock does to its windows (unasked: the typing is kept), then
    page.clear()  # to the pages
    assert not dialog.isVisible() and tab.date_dialog is None and not tab.correct_button.isEnabled()
    history = {e.title: e.on for e in load_case(workspace, closed_case, record_open=False).timeline}
    assert history["Intake"] == dt.date(2025, 4, 1)


def test_ctrl_l_in_the_date_dialog_closes_it_and_saves_nothing(qtbot, tmp_path):
    """Through the main window: Ctrl+L in the dialog locks; the dialog is gone from the screen and nothing was saved.
    A date alone is not kept as a draft (kept_typing: not typing worth one), so the dialog opens again on the stored
    date."""
    from borapp.app import build_window, make_application
    from borapp.services import drafts
    from tests.test_gui_app import _create_and_enter, _unlock

    make_application()
    window = build_window(tmp_path / "vault.bordb", "nl")
    qtbot.addWidget(window)
    window.show()
    _create_and_enter(qtbot, window)
    case_id = add_case(window.workspace, "BOR-2026-050", registered_on=dt.date(2026, 3, 2))
    steps(window.workspace, case_id, ("intake", dt.date(2026, 4, 1), ""))

    def open_dialog():
        window.shell.open_case(case_id)
        tab = click_timeline(window.shell.pages["cases"].case_file)
        choose(tab, "Intake")
        qtbot.mouseClick(tab.correct_button, Qt.MouseButton.LeftButton)
        qtbot.waitExposed(tab.date_dialog)
        return tab.date_dialog

    dialog = open_dialog()
    type_over(qtbot, dialog.on, "2-4-2026")
    QTest.mouseClick(dialog.on.edit, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.locked):
        QTest.keyClick(dialog.on.edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    _unlock(qtbot, window)
    assert drafts.list_drafts(window.workspace, drafts.UI_PREFIX + "dialog/") == []
    history = {e.title: e.on for e in load_case(window.workspace, case_id, record_open=False).timeline}
    assert history["Intake"] == dt.date(2026, 4, 1)
    assert open_dialog().on.edit.text() == "1-4-2026"
    window.lock()
