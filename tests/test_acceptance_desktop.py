"""The desktop app's acceptance path, as a coordinator walks it in the main window.

On a vault of 10,000 cases: find a case by typing part of a name, open it, record a held visit and a cancelled one,
move the case to evaluation, start a note, lock (Ctrl+L), unlock with the passphrase, and find the note back.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from borapp.services.cases import case_file
from borapp.services.visits import records
from tests.conftest import PASSPHRASE
from tests.cases.test_case_services import add_case, bulk_cases

FIRST = dt.date.today() - dt.timedelta(days=14)


@pytest.fixture
def big_vault(workspace):
    bulk_cases(workspace, 10_000)
    case_id = add_case(workspace, "BOR-2026-777", resident="Mirthe Zonneveld", other="Gijs Zonneveld",
                       children=(("Fenna Zonneveld", dt.date(2019, 6, 2)),), status="visits",
                       volunteer="Vera Vrijwilliger", registered_on=dt.date.today() - dt.timedelta(days=60),
                       coordinator_id=workspace.coordinator_id)
    records.plan_series(workspace, case_id, FIRST, 6, 7, dt.time(10), dt.time(12))
    return case_id


def test_find_record_move_lock_unlock_and_find_the_note_back(qtbot, workspace, big_vault):
    from borapp.ui.main_window import MainWindow

    window = MainWindow(workspace.path)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.open_workspace(workspace)

    # Find it among 10,000 by typing part of a name.
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    cases = window.shell.pages["cases"]
    panel = cases.list_panel
    assert window.shell.current_key() == "cases", window.shell.current_key()
    assert panel.search.hasFocus(), QApplication.focusWidget()
    qtbot.keyClicks(panel.search, "zonnev")
    qtbot.waitUntil(lambda: panel.model.total == 1)
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert cases.showing_case_file() and cases.case_file.case_id == big_vault

    # Record a held visit and a cancelled one.
    file = cases.case_file
    file.tabs.setCurrentWidget(file.tab("visits"))
    tab = file.tab("visits")
    tab.table.selectRow(0)
    tab.record_button.click()
    tab.editor.state_buttons["held"].click()
    tab.editor.what_happened.setPlainText("Samen getekend en voorgelezen.")
    tab.editor.child_voice.setPlainText("Fenna wil de volgende keer naar het park.")
    with qtbot.waitSignal(tab.changed):
        tab.editor.save_button.click()
    tab.table.selectRow(1)
    tab.record_button.click()
    tab.editor.state_buttons["cancelled"].click()
    tab.editor.cancelled_by.setCurrentIndex(tab.editor.cancelled_by.findData("resident"))
    tab.editor.cancel_reason.setPlainText("Kind ziek.")
    with qtbot.waitSignal(tab.changed):
        tab.editor.save_button.click()
    counts = records.visit_counts(workspace, big_vault)
    assert (counts.held, counts.cancelled) == (1, 1)

    # The header's next step opens a new midway evaluation; saving it moves the case to evaluation.
    file.header.next_button.click()
    evaluations = file.tab("evaluations")
    assert file.tabs.currentWidget() is evaluations and evaluations.editor.isVisible()
    assert evaluations.editor.kind.currentData() == "midway"
    assert case_file.load_case(workspace, big_vault, record_open=False).status == "visits"  # not before
    qtbot.keyClicks(evaluations.editor.agreements, "Vanaf nu twee uur per keer.")
    with qtbot.waitSignal(cases.changed):
        evaluations.editor.save_button.click()
    assert case_file.load_case(workspace, big_vault, record_open=False).status == "evaluation"
    file.tabs.setCurrentWidget(tab)

    # Start a note, lock with Ctrl+L: nothing of it stays on screen.
    tab.table.selectRow(2)
    tab.record_button.click()
    tab.editor.what_happened.setPlainText("Vader was op tijd; overdracht rustig verlopen.")
    with qtbot.waitSignal(window.locked):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert tab.editor.what_happened.toPlainText() == ""

    # Unlock with the passphrase and find the note back.
    screen = window.unlock_screen
    screen.passphrase_page.passphrase.setText(PASSPHRASE)
    screen.passphrase_page.unlock_button.click()
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.coordinator_page)
    with qtbot.waitSignal(window.unlocked):
        screen.coordinator_page.continue_button.click()
    assert cases.showing_case_file() and cases.case_file.case_id == big_vault
    restored = cases.case_file.tab("visits")
    assert restored.editor.isVisible()
    assert restored.editor.what_happened.toPlainText() == "Vader was op tijd; overdracht rustig verlopen."
    window.lock()
