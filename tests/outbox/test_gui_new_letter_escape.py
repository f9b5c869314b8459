"""Escape in the new-letter dialog asks before a typed case number is thrown away, as the other dialogs do; with
nothing typed (empty, or the number it was opened with) it closes without a question."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from borapp.i18n import _
from borapp.ui.widgets import discard_question
from tests.helpers.new_letter_dialog import open_dialog, owner  # noqa: F401 - fixture
from tests.helpers.questions import answer_soon


def never_asked(monkeypatch) -> list:
    """Records a question that should not come (answered Cancel, so the dialog would stay open and the test fail)."""
    asked: list = []
    monkeypatch.setattr(discard_question, "ask_to_discard", lambda *args: asked.append(args[2]) or False)
    return asked


def test_escape_after_typing_a_case_number_asks_and_cancel_keeps_the_typing(qtbot, workspace, owner):
    dialog = open_dialog(qtbot, workspace, owner)
    dialog.case_ref.setFocus()
    qtbot.keyClicks(dialog.case_ref, "BOR-2026-07")
    asked: list[str] = []
    answer_soon(QMessageBox.StandardButton.Cancel, asked)
    qtbot.keyClick(dialog.case_ref, Qt.Key.Key_Escape)
    assert asked == [_("What you typed has not been saved. Throw it away?")]
    assert dialog.isVisible() and dialog.case_ref.text() == "BOR-2026-07", "Cancel keeps the dialog and the typing"
    answer_soon(QMessageBox.StandardButton.Discard, asked)
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.case_ref, Qt.Key.Key_Escape)
    assert len(asked) == 2


def test_escape_with_nothing_typed_closes_without_a_question(qtbot, workspace, owner, monkeypatch):
    asked = never_asked(monkeypatch)
    dialog = open_dialog(qtbot, workspace, owner)
    dialog.case_ref.setFocus()
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.case_ref, Qt.Key.Key_Escape)
    opened_with = open_dialog(qtbot, workspace, owner, case_ref="BOR-2026-014")  # from the outbox's row: not typed here
    opened_with.case_ref.setFocus()
    with qtbot.waitSignal(opened_with.finished):
        qtbot.keyClick(opened_with.case_ref, Qt.Key.Key_Escape)
    assert asked == []
