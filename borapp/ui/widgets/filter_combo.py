"""A list's filter combo: "All …" first, then the choices the data has."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox


def refill_filter(combo: QComboBox, everything: str, items: list[tuple[object, str]]) -> None:
    """Replace a filter's choices (value, text) after `everything` (value None), keeping the chosen one when it is
    still there; otherwise everything is chosen."""
    chosen = combo.currentData()
    combo.clear()
    combo.addItem(everything, None)
    for value, text in items:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen is not None else 0)
