"""A volunteer's score as a bar with its words beside it: written over the bar, the words were half white on the
filled part and half black on the rest ("Score 57,5 va|n 100")."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from borapp.formatting import number
from borapp.i18n import _
from borapp.services.matching.ranking import MAX_SCORE


class ScoreBar(QWidget):
    def __init__(self, parent: QWidget | None = None, bar_width: int = 200):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar()
        self.bar.setRange(0, int(MAX_SCORE))
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(bar_width)
        self.bar.setAccessibleName(_("Score"))
        self.words = QLabel()
        row.addWidget(self.bar)
        row.addWidget(self.words)
        row.addStretch()

    def show_score(self, score: float) -> None:
        self.bar.setValue(max(0, min(int(MAX_SCORE), round(score))))
        self.words.setText(_("Score {score} of {max}").format(score=number(score), max=number(MAX_SCORE)))
        self.bar.setAccessibleDescription(self.words.text())

    def text(self) -> str:
        return self.words.text()
