"""A table's sort header as a person uses it: click a column's header, and see which way its arrow points."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt


def click_header(qtbot, header, column: int) -> None:
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def arrow_points_down(header, column: int) -> bool:
    """Whether the sort arrow drawn in `column`'s header (the marks right of a gap after its name) is ▼, widest at
    its top, rather than ▲."""
    image = header.grab(QRect(header.sectionViewportPosition(column), 0, header.sectionSize(column),
                              header.height())).toImage()
    rows = range(3, image.height() - 3)  # inside the section's lines
    background = image.pixelColor(image.width() - 3, 3).lightness()

    def marked(x: int) -> list[int]:
        return [y for y in rows if image.pixelColor(x, y).lightness() < background - 40]

    arrow: list[int] = []
    for x in range(image.width() - 3, 0, -1):
        if marked(x):
            arrow.append(x)
        elif arrow:
            break  # the gap between the arrow and the name
    widths = [n for y in rows if (n := sum(image.pixelColor(x, y).lightness() < background - 40 for x in arrow))]
    assert len(widths) >= 2, "no sort arrow drawn"
    return widths[0] > widths[-1]
