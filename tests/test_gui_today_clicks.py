"""A click on Today's item goes where its work is done: a midway evaluation due opens the case on Evaluaties, a
letter in the outbox opens Postvak uit with that letter chosen (both opened the case on its first tab)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from borapp.models import Visit
from borapp.services.outbox import letters as outbox_letters
from tests.cases.test_case_services import add_case
from tests.helpers.outbox_support import add_referred_case
from tests.test_gui_app import _create_and_enter, window  # noqa: F401 - fixture


def click_first(qtbot, card) -> None:
    items = card.list
    qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=items.visualItemRect(items.item(0)).center())


def test_an_evaluation_due_opens_the_evaluations_tab(qtbot, window):
    _create_and_enter(qtbot, window)
    case_id = add_case(window.workspace, "BOR-2026-091", status="visits")
    with window.workspace.session() as session:  # one visit held, none planned: the midway evaluation is due
        session.add(Visit(case_id=case_id, on=dt.date.today() - dt.timedelta(days=2), state="held"))
    today = window.shell.show_page("dashboard")
    today.refresh()  # the records were added behind its back
    click_first(qtbot, today.cards["evaluations_due"])
    case_file = window.shell.pages["cases"].case_file
    assert window.shell.current_key() == "cases" and case_file.case_id == case_id
    assert case_file.tabs.currentWidget() is case_file.tab("evaluations")


def test_a_letter_in_the_outbox_is_chosen_in_the_outbox(qtbot, window):
    _create_and_enter(qtbot, window)
    for ref in ("BOR-2026-092", "BOR-2026-093"):
        add_referred_case(window.workspace, ref)
    first = outbox_letters.create_letter(window.workspace, add_referred_case(window.workspace, "BOR-2026-094"),
                                         "closing", state="draft").id
    outbox_letters.create_letter(window.workspace, add_referred_case(window.workspace, "BOR-2026-095"), "closing",
                                 state="draft")
    today = window.shell.show_page("dashboard")
    today.refresh()  # the records were added behind its back
    card = today.cards["outbox"]
    assert "BOR-2026-094" in card.list.item(0).data(Qt.ItemDataRole.AccessibleTextRole)  # the longest waiting
    click_first(qtbot, card)
    outbox = window.shell.pages["outbox"]
    assert window.shell.current_key() == "outbox"
    assert outbox.current().id == first
