"""A letter is made from the case file's Brieven tab (it had no button: the coordinator had to go to the outbox and
type the case number again), listed there at once, and "Naar Postvak uit" shows that very letter in the outbox."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from tests.helpers.outbox_support import add_referred_case
from tests.test_gui_app import _create_and_enter, window  # noqa: F401 - fixture


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_a_letter_made_from_the_letters_tab_is_listed_and_shown_in_the_outbox(qtbot, window):
    from borapp.services.outbox import letters as outbox_letters

    _create_and_enter(qtbot, window)
    for ref in ("BOR-2026-079", "BOR-2026-080"):  # other letters wait in the outbox: the new one must be chosen
        other = add_referred_case(window.workspace, ref)
        outbox_letters.create_letter(window.workspace, other, "closing", state="draft")
    case_id = add_referred_case(window.workspace, "BOR-2026-081")
    outbox = window.shell.show_page("outbox")  # looked at before: another letter is the one chosen there
    table = outbox.table
    last = table.model().index(table.model().rowCount() - 1, 1)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(last).center())
    assert outbox.current().case_id != case_id
    window.shell.open_case(case_id)
    case_file = window.shell.pages["cases"].case_file
    bar = case_file.tabs.tabBar()
    click_at = bar.tabRect(list(case_file.case_tabs).index("letters")).center()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=click_at)
    letters = case_file.tab("letters")
    assert letters.isVisible() and letters.model.rowCount() == 0
    click(qtbot, letters.new_button)
    dialog = case_file.dialog
    qtbot.waitExposed(dialog)
    assert dialog.case_ref.text() == "BOR-2026-081", "the case is filled in"
    dialog.kind.setFocus()
    QTest.keyClick(dialog.kind, Qt.Key.Key_Down)  # another letter than the first
    kind = dialog.kind.currentData()
    click(qtbot, dialog.make_button)
    qtbot.waitUntil(lambda: case_file.dialog is None)
    assert letters.model.rowCount() == 1, "listed in the tab at once"
    assert letters.made.text().endswith("Ga naar Postvak uit om hem te bekijken en te versturen."), letters.made.text()
    click(qtbot, letters.outbox_button)
    assert window.shell.current_key() == "outbox"
    chosen = outbox.current()
    assert (chosen.case_id, chosen.kind) == (case_id, kind), "the letter just made is the one chosen"
