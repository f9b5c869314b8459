"""What every tab of the case file is: loads one case through services, forgets on lock, keeps unsaved typing."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from borapp.services.vault.workspace import Workspace


class CaseTab(QWidget):
    """A tab of the case file.

    `load(case_id)` shows that case (through services only); `clear()` drops everything shown (on lock);
    `drafts()` returns unsaved edits as {draft key: JSON-able dict}, keys prefixed with "case/<id>/<tab>/" so they
    are unique; `restore_drafts()` takes a dict of such keys (ignoring others) and puts the typing back.
    Emit `changed` after saving something, so the header and other tabs can reload.
    """

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.case_id: int | None = None

    def set_workspace(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def load(self, case_id: int) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def drafts(self) -> dict[str, dict]:
        return {}

    def restore_drafts(self, drafts: dict[str, dict]) -> None:
        """Put back typing returned earlier by `drafts()`."""
