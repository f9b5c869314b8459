"""The outbox's "New letter" dialog opened as the page opens it, over a window the test holds."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from borapp.ui.pages.outbox.new_letter import NewLetterDialog


@pytest.fixture
def owner(qtbot):
    """The window the dialogs open over (held here: qtbot holds it weakly; a dialog deletes itself once done)."""
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def open_dialog(qtbot, workspace, owner, **prefilled) -> NewLetterDialog:
    shown = NewLetterDialog(workspace, owner, **prefilled)
    shown.show()
    qtbot.waitExposed(shown)
    return shown
