"""Grouped bars drawn with QPainter: categories down the side (horizontal) or along the bottom (vertical), one bar
per series in each, the value beside each bar, a legend on top. Colours from the palette, apart from the two series."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from borapp.formatting import number

LABEL_WIDTH = 160  # the most the names of a horizontal chart take, to the left of its bars
COLOURS = (QColor("#8FA8C4"), QColor("#2F5D8A"))


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]


class BarChart(QWidget):
    def __init__(self, horizontal: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.horizontal = horizontal
        self.title, self.categories, self.series = "", (), ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_data(self, title: str, categories: list[str], series: list[Series]) -> None:
        self.title, self.categories, self.series = title, tuple(categories), tuple(series)
        self.setAccessibleName(title)
        self.setAccessibleDescription("; ".join(
            f"{c}: " + ", ".join(f"{s.name} {s.values[i]}" for s in self.series) for i, c in enumerate(categories)))
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        rows = (sum(self._group_height(c) + 6 for c in self.categories) if self.horizontal
                else 190 + self._label_height())
        return QSize(420, 40 + max(rows, 60))

    def paintEvent(self, _event) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(text)
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(QRectF(0, 0, self.width(), 20), Qt.AlignmentFlag.AlignLeft, self.title)
        font.setBold(False)
        painter.setFont(font)
        self._legend(painter, text)
        area = QRectF(0, 30, self.width(), self.height() - 34)
        top = max([v for s in self.series for v in s.values] + [1])
        if self.horizontal:
            self._horizontal(painter, area, top, text)
        else:
            self._vertical(painter, area, top, text)
        painter.end()

    def _legend(self, painter: QPainter, text: QColor) -> None:
        x = self.width() - 8
        for index in reversed(range(len(self.series))):
            name = self.series[index].name
            width = painter.fontMetrics().horizontalAdvance(name)
            x -= width
            painter.setPen(text)
            painter.drawText(QRectF(x, 2, width, 16), Qt.AlignmentFlag.AlignVCenter, name)
            x -= 16
            painter.fillRect(QRectF(x, 5, 11, 11), COLOURS[index % len(COLOURS)])
            x -= 14

    def _horizontal(self, painter: QPainter, area: QRectF, top: int, text: QColor) -> None:
        label_width = min(float(LABEL_WIDTH), max((painter.fontMetrics().horizontalAdvance(line) for c in
                                                   self.categories for line in self._name_lines(c)), default=0) + 8)
        bar_height, y = float(self._bar_height()), area.top()
        span = area.width() - label_width - 40
        for index, category in enumerate(self.categories):
            group = self._group_height(category)
            bars_top = y + (group - bar_height * len(self.series)) / 2
            painter.setPen(text)  # a long name in two lines, cut only after them (it was cut at its start)
            painter.drawText(QRectF(0, y, label_width - 6, group), Qt.AlignmentFlag.AlignRight
                             | Qt.AlignmentFlag.AlignVCenter, "\n".join(self._name_lines(category)))
            for n, series in enumerate(self.series):
                value = series.values[index]
                width = span * value / top
                bar = QRectF(label_width, bars_top + n * bar_height, width, bar_height - 1)
                painter.fillRect(bar, COLOURS[n % len(COLOURS)])
                painter.setPen(text)
                painter.drawText(QRectF(bar.right() + 3, bar.top(), 36, bar_height),
                                 Qt.AlignmentFlag.AlignVCenter, number(value))
            y += group + 6

    def _vertical(self, painter: QPainter, area: QRectF, top: int, text: QColor) -> None:
        count = max(1, len(self.categories))
        slot = area.width() / count
        bars = max(1, len(self.series))
        bar_width = min(36.0, slot * 0.7 / bars)
        base = area.bottom() - 4 - self._label_height()
        height = base - area.top() - 14
        for index, category in enumerate(self.categories):
            left = area.left() + index * slot + (slot - bar_width * bars) / 2
            for n, series in enumerate(self.series):
                value = series.values[index]
                h = height * value / top
                bar = QRectF(left + n * bar_width, base - h, bar_width - 2, h)
                painter.fillRect(bar, COLOURS[n % len(COLOURS)])
                painter.setPen(text)
                painter.drawText(QRectF(bar.left() - 6, bar.top() - 15, bar_width + 10, 14),
                                 Qt.AlignmentFlag.AlignCenter, number(value))
            painter.drawText(QRectF(area.left() + index * slot, base + 3, slot, self._label_height()),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             "\n".join(label_lines(category, self.fontMetrics(), int(slot) - 4)))

    def _name_lines(self, category: str) -> list[str]:
        return label_lines(category, self.fontMetrics(), LABEL_WIDTH - 14)

    def _group_height(self, category: str) -> int:
        """A category's bars, or its name's lines where they take more room."""
        return max(len(self.series) * self._bar_height(),
                   len(self._name_lines(category)) * self.fontMetrics().lineSpacing())

    def _bar_height(self) -> int:
        """A bar as tall as its value's digits: at 8 px the values of a category's two bars ran into each other
        ("2" over "2" read as one mark)."""
        return max(8, self.fontMetrics().tightBoundingRect("0123456789").height() + 4)

    def _label_height(self) -> int:
        """The height of two lines of text under the bars: a long outcome takes two ("Vroegtijdig gestopt" over
        "(intakefase)") rather than being cut off."""
        return 2 * self.fontMetrics().lineSpacing()


def label_lines(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """`text` in at most two lines of `width`, broken between words; only what does not fit in two is elided."""
    if metrics.horizontalAdvance(text) <= width:
        return [text]
    words = text.split()
    first = words[0]
    for count in range(len(words) - 1, 0, -1):
        if metrics.horizontalAdvance(" ".join(words[:count])) <= width:
            first = " ".join(words[:count])
            words = words[count:]
            break
    else:
        words = words[1:]
    lines = [metrics.elidedText(first, Qt.TextElideMode.ElideRight, width)]
    if words:
        lines.append(metrics.elidedText(" ".join(words), Qt.TextElideMode.ElideRight, width))
    return lines
