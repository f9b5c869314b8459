"""The app's tables: lists to read and choose from, walked with the keyboard like any other field.

Qt's tables take Tab to move from cell to cell, so Tab never left them: the form, Save or a wizard's Next beside a
table could not be reached without a mouse. Here Tab and Shift+Tab leave the table and the arrows move within it.
Entering a table by Tab also chooses nothing: Qt made its first row current, and a page that opens what is current
(a volunteer's profile, a municipality in its form) put that record where the person was typing. The first arrow
press chooses the first row.

Their sort arrows point the way the list runs (▲ A–Z or oldest first, ▼ newest first; `sort_arrow`), whatever the
style: Fusion drew them the other way round, on every sortable table.

Every table of the app is one of these (tests/test_gui_tables_let_tab_out.py keeps it so); an editable grid that
needs Tab between its cells would turn it back on itself (there is none).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTableWidget

from borapp.ui.widgets.sort_arrow import arrow_as_ordered


def _focus_in_choosing_nothing(view: QAbstractItemView, event: QFocusEvent, focus_in) -> None:
    """Qt's focus-in, less the first row it makes current when none is (silently undone)."""
    selection = view.selectionModel()
    if selection is None or view.currentIndex().isValid():
        focus_in(event)
        return
    was_blocked = selection.blockSignals(True)
    try:
        focus_in(event)
        selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
    finally:
        selection.blockSignals(was_blocked)


class ListTableView(QTableView):
    """A table over a model of our own."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabKeyNavigation(False)
        arrow_as_ordered(self.horizontalHeader())

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        _focus_in_choosing_nothing(self, event, super().focusInEvent)


class ListTable(QTableWidget):
    """A table holding its own items: `ListTable(rows, columns)`, as QTableWidget."""

    def __init__(self, *args):
        super().__init__(*args)
        self.setTabKeyNavigation(False)
        arrow_as_ordered(self.horizontalHeader())

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt override
        _focus_in_choosing_nothing(self, event, super().focusInEvent)
