"""Today names a case closed without a closing report to the referrer; a click opens the case's letters with that
letter chosen in the new-letter dialog, and once it is made the case leaves the card."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from borapp.models import Case
from tests.helpers.outbox_support import add_referred_case
from tests.test_gui_app import _create_and_enter, window  # noqa: F401 - fixture


def test_a_closing_report_owed_is_made_from_today(qtbot, window):
    _create_and_enter(qtbot, window)
    case_id = add_referred_case(window.workspace, "BOR-2026-090")
    with window.workspace.session() as session:  # closed three days ago, no letter about it yet
        session.get(Case, case_id).closed_on = dt.date.today() - dt.timedelta(days=3)
    today = window.shell.show_page("dashboard")
    today.refresh()
    card = today.cards["letters_owed"]
    assert card.heading.text() == "Terugkoppeling nog te maken (1)"
    items = card.list
    assert "BOR-2026-090" in items.item(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Nog geen brief: Eindverslag" in items.item(0).data(Qt.ItemDataRole.AccessibleTextRole)

    qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=items.visualItemRect(items.item(0)).center())
    assert window.shell.current_key() == "cases"
    case_file = window.shell.pages["cases"].case_file
    assert case_file.case_id == case_id
    assert case_file.tabs.currentWidget() is case_file.tab("letters")
    dialog = case_file.dialog
    qtbot.waitExposed(dialog)
    assert (dialog.case_ref.text(), dialog.kind.currentData()) == ("BOR-2026-090", "closing")
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: case_file.dialog is None)
    assert case_file.tab("letters").model.rowCount() == 1

    today = window.shell.show_page("dashboard")
    assert card.heading.text() == "Terugkoppeling nog te maken (0)"
