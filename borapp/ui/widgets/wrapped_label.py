"""A word-wrapped label as tall as its lines at the width it gets.

Qt lays a form in a scroll area out by the height a wrapped label needs at its preferred width; a field that gets
less width than that (a date beside the training's kind, a message under a narrow column) showed its message with
the last line cut off. This label asks for the height its text needs at the width it actually has."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


class WrappedLabel(QLabel):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setWordWrap(True)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt name
        super().setText(text)
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        need = self.heightForWidth(self.width()) if self.width() > 0 and self.text() else 0
        if need != self.minimumHeight():
            self.setMinimumHeight(max(need, 0))
