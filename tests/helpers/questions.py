"""Answering a question box as a person does: its button pressed once the box is on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox


def answer_soon(button: QMessageBox.StandardButton | str, asked: list | None = None) -> None:
    """Press `button` (a standard button, or a button's text) of the next question box, shown modally by what the
    test does next; its text goes to `asked`."""
    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        if asked is not None:
            asked.append(box.text())
        found = [b for b in box.buttons() if b.text() == button] if isinstance(button, str) else [box.button(button)]
        if not found or found[0] is None:
            box.reject()  # not left open: the test fails instead of waiting for ever
            raise AssertionError(f"no button {button!r} in {[b.text() for b in box.buttons()]}")
        target = found[0]
        QTest.mouseClick(target, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, press)
