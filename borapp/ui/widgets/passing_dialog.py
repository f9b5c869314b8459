"""A dialog opened from a button, kept as its opener's `dialog` while open and deleted once closed: a new one at
each click piled up behind its opener, each with the reason and names typed in it, until the app locked. A lock
reads a dialog's typing before it closes it (kept_typing), so deleting on close loses nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


def open_passing(owner, dialog: QDialog) -> QDialog:
    """Open `dialog` as `owner.dialog`; when it closes, `owner` forgets it and it is deleted."""
    owner.dialog = dialog
    dialog.finished.connect(lambda _result: _forget(owner, dialog))
    dialog.open()
    return dialog


def _forget(owner, dialog: QDialog) -> None:
    if getattr(owner, "dialog", None) is dialog:
        owner.dialog = None
    dialog.deleteLater()
