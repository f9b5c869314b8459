"""The filters a main window installs on the whole application (typing pause, idle lock, Ctrl+L) go with it.

The screenshot tool's first window, dropped after it was closed, raised "'TypingPause' object has no attribute
'enabled'" from inside Qt at every event once Python's garbage collector had emptied it (pytest-qt fails a test on
such an exception)."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from borapp.ui.app_filter import AppFilter


def _drop_a_window(tmp_path, close: bool) -> None:
    from borapp.app import build_window, make_application

    make_application()
    window = build_window(tmp_path / "vault.bordb", "en")
    window.setObjectName("droppedWindow")  # to tell it from windows other tests left
    window.show()
    if close:
        window.close()
    # the window goes with this frame: the garbage collector breaks its cycles while Qt still deletes it


@pytest.mark.parametrize("close", [True, False], ids=["closed", "dropped-open"])
def test_a_dropped_main_window_leaves_no_filter_that_fails_on_later_events(qtbot, tmp_path, close):
    _drop_a_window(tmp_path, close)
    gc.collect()
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "droppedWindow"]
    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    QTest.keyClicks(edit, "typed after the window went")
    QTest.keyClick(edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    edit.hide()
    assert edit.text() == "typed after the window went"


def test_a_closed_main_window_takes_its_filters_off_the_application(qtbot, tmp_path):
    from borapp.app import build_window, make_application

    make_application()
    window = build_window(tmp_path / "vault.bordb", "en")
    qtbot.addWidget(window)
    window.show()
    filters = window.findChildren(AppFilter)
    assert len(filters) == 3 and all(f._attached for f in filters)
    window.close()
    assert not any(f._attached for f in filters)  # Ctrl+L elsewhere no longer locks a closed window
