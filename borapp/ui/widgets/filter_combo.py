"""A list's filter combo: "All …" first, then the choices the data has; a long one (903 volunteers) can be typed in."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QCompleter

from borapp.collation import folded

FOLDED_ROLE = Qt.ItemDataRole.UserRole + 7  # a choice's text without capitals and accents, what typing is matched to


def refill_filter(combo: QComboBox, everything: str, items: list[tuple[object, str]],
                  apart_from: int | None = None) -> None:
    """Replace a filter's choices (value, text) after `everything` (value None), keeping the chosen one when it is
    still there; otherwise everything is chosen. A line sets the items from `apart_from` on apart."""
    chosen = combo.currentData()
    combo.clear()
    combo.addItem(everything, None)
    for value, text in items:
        combo.addItem(text, value)
    for row in range(combo.count()):
        combo.setItemData(row, folded(combo.itemText(row)), FOLDED_ROLE)
    if apart_from is not None and 0 < apart_from < len(items):
        combo.insertSeparator(1 + apart_from)
    combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)


class _FoldingCompleter(QCompleter):
    """Matches what is typed anywhere in a choice, whatever its capitals and accents: "ozl" and "ÖZL" find Özlem."""

    def splitPath(self, path: str) -> list[str]:  # noqa: N802 - Qt name
        return [folded(path)]

    def pathFromIndex(self, index) -> str:  # noqa: N802 - Qt name
        return index.data(Qt.ItemDataRole.DisplayRole)  # the name as written goes into the field, not its folding


def make_typeable(combo: QComboBox, placeholder: str) -> None:
    """Let her type in the filter to narrow its choices (a pop-up list of those with the typing anywhere in their
    name) and pick one with the arrows and Return, or Return alone for the first (`_settle`)."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.lineEdit().setPlaceholderText(placeholder)
    completer = _FoldingCompleter(combo.model(), combo)
    completer.setCompletionRole(FOLDED_ROLE)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setMaxVisibleItems(12)
    combo.lineEdit().setCompleter(completer)  # not combo.setCompleter: the combo took a picked name's row in the
    completer.activated[QModelIndex].connect(lambda index: _pick(combo, completer, index))  # narrowed list
    combo.lineEdit().editingFinished.connect(lambda: _settle(combo, completer))


def _pick(combo: QComboBox, completer: QCompleter, index: QModelIndex) -> None:
    """The name picked in the pop-up: its row there is one of the narrowed list."""
    if index.isValid() and index.model() is not combo.model():
        index = completer.completionModel().mapToSource(index)
    if index.isValid():
        combo.setCurrentIndex(index.row())


def _settle(combo: QComboBox, completer: QCompleter) -> None:
    """Return or Tab after typing: the choice named, else the first one the typing narrowed to, else the one chosen
    before; an emptied field is "All …". The field then shows the choice's name whole."""
    if completer.popup().isVisible() and completer.popup().currentIndex().isValid():
        return  # a name picked in the pop-up: `activated` chooses it
    typed = combo.lineEdit().text().strip()
    row = combo.findData(folded(typed), FOLDED_ROLE) if typed else 0
    if row < 0 and completer.setCurrentRow(0):
        row = completer.completionModel().mapToSource(completer.currentIndex()).row()
    if row >= 0:
        combo.setCurrentIndex(row)
    chosen = combo.itemText(combo.currentIndex())  # currentText() is what the field holds
    if combo.lineEdit().text() != chosen:
        combo.setEditText(chosen)
