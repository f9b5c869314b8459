"""Answering a question box as a person does: its button pressed once the box is on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox


def answer_soon(button: QMessageBox.StandardButton, asked: list | None = None) -> None:
    """Press `button` of the next question box (shown modally by what the test does next); its text goes to
    `asked`."""
    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        if asked is not None:
            asked.append(box.text())
        QTest.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, press)
