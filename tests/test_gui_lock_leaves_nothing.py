"""After a lock no widget of any window holds a name: hidden ones neither. The family tab's removed child rows kept
the child's name until Qt got round to deleting them, and the erase dialogs closed before the lock stayed alive
behind their case file with the reason typed in them."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView, QApplication, QLabel, QLineEdit, QListView, QMessageBox, QPlainTextEdit, QTextEdit, QWidget,
)

from tests.cases.test_case_services import add_case
from tests.helpers.questions import answer_soon
from tests.test_gui_app import _create_and_enter, _unlock, window  # noqa: F401 - fixture

NAMES = ("Fenneke", "Knipperdolling", "Zwavelstok", "Quirina")


def texts_everywhere() -> list[str]:
    """The text of every widget (shown or not) of every top-level window, and of every item view's model."""
    found = []
    for top in QApplication.topLevelWidgets():
        for widget in [top, *top.findChildren(QWidget)]:
            if isinstance(widget, (QLineEdit, QLabel)):
                found.append(widget.text())
            elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
                found.append(widget.toPlainText())
            elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
                model = widget.model()
                columns = model.columnCount() if not isinstance(widget, QListView) else 1
                found += [str(model.data(model.index(r, c))) for r in range(model.rowCount()) for c in range(columns)]
    return [t for t in found if any(name in t for name in NAMES)]


def test_a_lock_leaves_no_name_in_any_widget_and_the_typing_comes_back(qtbot, window):
    _create_and_enter(qtbot, window)
    case_id = add_case(window.workspace, "BOR-2026-060", resident="Quirina Zwavelstok",
                       children=(("Fenneke Knipperdolling", dt.date(2018, 4, 2)),))
    window.shell.open_case(case_id)
    case_file = window.shell.pages["cases"].case_file
    case_file.show_tab("family")
    timeline = case_file.show_tab("timeline")
    qtbot.mouseClick(timeline.privacy.erase_button, Qt.MouseButton.LeftButton)
    erase = timeline.privacy.dialog
    qtbot.waitExposed(erase)
    qtbot.mouseClick(erase.reason, Qt.MouseButton.LeftButton)
    QTest.keyClicks(erase.reason, "Knipperdolling vraagt het")
    answer_soon(QMessageBox.StandardButton.Discard)  # typed: Escape asks before it goes
    QTest.keyClick(erase.reason, Qt.Key.Key_Escape)  # closed, not deleted: kept by the case file
    qtbot.waitUntil(lambda: not erase.isVisible())
    qtbot.mouseClick(timeline.privacy.erase_button, Qt.MouseButton.LeftButton)
    open_one = timeline.privacy.dialog
    qtbot.waitExposed(open_one)
    qtbot.mouseClick(open_one.reason, Qt.MouseButton.LeftButton)
    QTest.keyClicks(open_one.reason, "Zwavelstok vraagt het")
    assert texts_everywhere()

    with qtbot.waitSignal(window.locked):
        QTest.keyClick(open_one.reason, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert texts_everywhere() == []

    _unlock(qtbot, window)
    window.shell.open_case(case_id)
    timeline = window.shell.pages["cases"].case_file.show_tab("timeline")
    qtbot.mouseClick(timeline.privacy.erase_button, Qt.MouseButton.LeftButton)
    again = timeline.privacy.dialog
    qtbot.waitExposed(again)
    assert again.reason.text() == "Zwavelstok vraagt het", "the typing kept at the lock is back"
    answer_soon(QMessageBox.StandardButton.Discard)  # typed: Cancel asks first
    again.reject()
