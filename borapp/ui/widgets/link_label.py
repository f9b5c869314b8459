"""Rich text with links that the keyboard reaches: Tab goes from link to link, Enter or Space follows one.

A QLabel's links are for the mouse only unless told otherwise; then Tab selects them one by one (shown selected) and
Enter follows, but Tab first stopped on the text with no link chosen, and Space did nothing as it does on a button. While the keyboard is in the text, a frame in the
highlight colour says so (the app's focus frame), as round a button."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

FOCUS_STYLE = ("QLabel { border: 2px solid transparent; border-radius: 4px; padding: 0 2px; }"
               " QLabel:focus { border-color: palette(highlight); }")


class LinkLabel(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.setStyleSheet(FOCUS_STYLE)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        """Tab in selects the first link, Shift+Tab the last: Qt stopped first on the text with no link chosen."""
        super().focusInEvent(event)
        reason = event.reason()
        if reason in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason):
            forward = reason == Qt.FocusReason.TabFocusReason
            self.setSelection(0 if forward else self._end(), 0)
            self.focusNextPrevChild(forward)  # to the first (last) link; on to the next widget when there is none

    def _end(self) -> int:
        """The position after the last character of the text shown."""
        document = QTextDocument()
        document.setHtml(self.text())
        return document.characterCount() - 1

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Space on a link follows it, as Enter does."""
        if event.key() == Qt.Key.Key_Space and not event.modifiers() and self.hasSelectedText():
            event = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r")
        super().keyPressEvent(event)
