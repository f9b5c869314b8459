"""The volunteers list as a table that keeps room for the names first.

A long region is cut short only in a narrow window (its tooltip has it all): with room, the column is as wide as
the longest region of the annual report, "Kennemerland/Alkmaar" (it was cut to "Kennemerland/A…" beside room to
spare), and down to 60 px. The table asks for enough width to show every column with the names at least NAME_ROOM wide, so in a narrow
window the profile beside it gives way instead: on a 1366 px screen at 125 % (1,093 px) the names were cut to
"Alicia d…" and the languages column was cut off altogether.
"""

from __future__ import annotations

from PySide6.QtCore import QSize

from borapp.ui.pages.volunteers.volunteer_table_model import LANGUAGES, LOAD, REGION, VOG
from borapp.ui.widgets.list_table import ListTableView

REGION_WIDTH = 120  # pixels to start with, before the table knows its font
LONGEST_REGION = "Kennemerland/Alkmaar"  # of the regions DOMAIN.md names
REGION_MIN = 60
NAME_ROOM = 120  # "Catharina Meeusen", nearly
SHORT_COLUMNS = (LOAD, VOG, LANGUAGES)  # sized to their contents


class VolunteerTable(ListTableView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.horizontalHeader().sectionResized.connect(self._column_resized)

    def _short_columns(self) -> int:
        header = self.horizontalHeader()
        return sum(header.sectionSize(c) for c in SHORT_COLUMNS if c < header.count())

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        if column in SHORT_COLUMNS:  # new rows, another width: the region's share and this table's minimum change
            self._share()
            self.updateGeometry()

    def _share(self) -> None:
        if self.horizontalHeader().count() <= REGION:
            return
        free = self.viewport().width() - self._short_columns() - NAME_ROOM
        self.horizontalHeader().resizeSection(REGION, max(REGION_MIN, min(self.region_room(), free)))

    def region_room(self) -> int:
        """Pixels for the longest region with the cell's margins, in this table's font."""
        return self.fontMetrics().horizontalAdvance(LONGEST_REGION) + 2 * self.style().pixelMetric(
            self.style().PixelMetric.PM_FocusFrameHMargin) + 12

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._share()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = (NAME_ROOM + REGION_MIN + self._short_columns() + self.verticalScrollBar().sizeHint().width()
                 + 2 * self.frameWidth())
        return QSize(width, super().minimumSizeHint().height())
