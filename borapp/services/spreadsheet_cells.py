"""Text that goes into a spreadsheet stays text: a name or a municipality that starts with "=", "+", "-" or "@" (as
typed, or imported from someone else's file) would run as a formula when the file is opened ("formula injection")."""

from __future__ import annotations

_STARTS_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value):
    """A CSV cell: such a text behind an apostrophe, which spreadsheet programs read as "text, not a formula"."""
    if isinstance(value, str) and value.startswith(_STARTS_FORMULA):
        return "'" + value
    return value


def keep_as_text(row) -> None:
    """An openpyxl row just appended: every text cell stored as text (openpyxl makes "=..." a formula)."""
    for cell in row:
        if isinstance(cell.value, str) and cell.data_type == "f":
            cell.data_type = "s"
