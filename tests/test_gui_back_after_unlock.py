"""After an unlock the coordinator is back where the lock found her: the same page, the same case file or volunteer
profile, the same tab, with her typing in it. What was taken away meanwhile (by a sync) leaves the list, quietly."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from borapp.models import Volunteer
from borapp.services import drafts
from borapp.services.vault.vault import Vault
from borapp.services.vault.workspace import Workspace, list_coordinators
from borapp.ui.page_registry import PAGES
from tests.cases.test_case_services import add_case
from tests.conftest import PASSPHRASE
from tests.helpers.keyboard import retype
from tests.test_gui_app import _create_and_enter, _unlock, window  # noqa: F401 - fixture

PHONE = "0687654321"


def go(qtbot, window, key: str):
    """Click the page's entry in the navigation rail."""
    rail = window.shell.rail
    row = [entry.key for entry in PAGES].index(key)
    qtbot.mouseClick(rail.viewport(), Qt.MouseButton.LeftButton, pos=rail.visualItemRect(rail.item(row)).center())
    return window.shell.pages[key]


def click_row(qtbot, table, row: int) -> None:
    cell = table.visualRect(table.model().index(row, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)


def open_case(qtbot, window, case_id: int):
    """Cases in the rail, the case's row clicked in the list, Return."""
    cases = go(qtbot, window, "cases")
    table = cases.list_panel.table
    click_row(qtbot, table, cases.list_panel.model.row_of(case_id))
    QTest.keyClick(table, Qt.Key.Key_Return)
    assert cases.showing_case_file() and cases.case_file.case_id == case_id
    return cases


def click_tab(qtbot, tabs, widget):
    bar = tabs.tabBar()
    tabs.setUsesScrollButtons(False)  # every tab in reach of the mouse, as on a wide screen
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tabs.indexOf(widget)).center())
    assert tabs.currentWidget() is widget
    return widget


def lock(qtbot, window, widget) -> None:
    with qtbot.waitSignal(window.locked):
        QTest.keyClick(widget, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def with_the_vault(window, change) -> None:
    """What a sync does while the window is locked: the vault opened, `change(workspace)`, locked again."""
    vault = Vault.open(window.unlock_screen.vault_path, PASSPHRASE)
    try:
        change(Workspace(vault, list_coordinators(vault)[0]))
    finally:
        vault.lock()


def other_windows(window):
    return [w for w in QApplication.topLevelWidgets() if w is not window and w.isVisible()]


@pytest.mark.parametrize("typed", [False, True])
def test_the_case_file_is_open_again_on_its_tab(qtbot, window, typed):
    window.resize(1366, 768)
    _create_and_enter(qtbot, window)
    case_id = add_case(window.workspace, "BOR-2026-060", status="visits")
    add_case(window.workspace, "BOR-2026-061", resident="Ilse de Groot")
    cases = open_case(qtbot, window, case_id)
    case_file = cases.case_file
    if typed:  # typed in Gezin, then on to Omgangen: the typing's tab is not the one she was on
        family = click_tab(qtbot, case_file.tabs, case_file.tab("family"))
        retype(family.parent_forms["resident"].phone, PHONE)
    visits = click_tab(qtbot, case_file.tabs, case_file.tab("visits"))
    lock(qtbot, window, visits)
    assert case_file.facts is None and not cases.showing_case_file(), "nothing of the case on screen while locked"
    assert "BOR-2026-060" not in case_file.header.title.text()
    _unlock(qtbot, window)
    assert window.shell.current_key() == "cases" and cases.showing_case_file()
    assert case_file.case_id == case_id and "BOR-2026-060" in case_file.header.title.text()
    assert case_file.tabs.currentWidget() is visits
    assert (case_file.tab("family").parent_forms["resident"].phone.text() == PHONE) is typed
    assert drafts.load_draft(window.workspace, drafts.PLACE_KEY) is None, "kept for the one unlock"
    assert not drafts.list_drafts(window.workspace, drafts.UI_PREFIX + "place"), "not offered on Today as typing"


def test_the_volunteer_profile_is_open_again(qtbot, window):
    _create_and_enter(qtbot, window)
    with window.workspace.session() as session:
        session.add_all([Volunteer(name="Anna Proef"), Volunteer(name="Vera Voorbeeld", phone="0612345678")])
    page = go(qtbot, window, "volunteers")
    vera = page.model.row_at(1).id
    click_row(qtbot, page.table, 1)
    assert page.editor.volunteer_id == vera
    lock(qtbot, window, page.table)
    assert page.editor.name.text() == "" and page.model.rowCount() == 0
    _unlock(qtbot, window)
    assert window.shell.current_key() == "volunteers" and page.editor_stack.currentWidget() is page.editor
    assert page.editor.volunteer_id == vera and page.editor.name.text() == "Vera Voorbeeld"
    assert page.table.currentIndex().row() == page.model.row_of(vera), "its row chosen in the list"


def test_a_case_erased_while_locked_leaves_the_list_without_a_word(qtbot, window):
    from borapp.services.privacy.erasure import erase_case

    _create_and_enter(qtbot, window)
    case_id = add_case(window.workspace, "BOR-2026-062", status="visits")
    add_case(window.workspace, "BOR-2026-063", resident="Ilse de Groot")
    cases = open_case(qtbot, window, case_id)
    lock(qtbot, window, click_tab(qtbot, cases.case_file.tabs, cases.case_file.tab("timeline")))
    with_the_vault(window, lambda workspace: erase_case(workspace, "BOR-2026-062", "Verzoek van de ouder",
                                                        confirm="BOR-2026-062"))
    _unlock(qtbot, window)
    assert window.shell.current_key() == "cases" and cases.stack.currentWidget() is cases.list_panel
    assert cases.case_file.case_id is None and cases.list_panel.model.rowCount() == 1
    assert not other_windows(window) and QApplication.activeModalWidget() is None


def test_a_volunteer_removed_while_locked_leaves_the_list_as_it_was(qtbot, window):
    _create_and_enter(qtbot, window)
    with window.workspace.session() as session:
        session.add_all([Volunteer(name="Anna Proef"), Volunteer(name="Vera Voorbeeld")])
    page = go(qtbot, window, "volunteers")
    assert page.active_only.isChecked()
    vera = page.model.row_at(1).id
    click_row(qtbot, page.table, 1)
    lock(qtbot, window, page.table)

    def remove(workspace):
        with workspace.session() as session:
            session.delete(session.get(Volunteer, vera))

    with_the_vault(window, remove)
    _unlock(qtbot, window)
    assert window.shell.current_key() == "volunteers" and page.editor_stack.currentWidget() is not page.editor
    assert page.model.rowCount() == 1 and page.active_only.isChecked(), "the list as she left it"
    assert not other_windows(window)
