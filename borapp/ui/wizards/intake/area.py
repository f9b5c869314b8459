"""Where the intake wizard lives in the Cases page: one intake at a time, closed by a lock and reopened after it.

The Cases page puts `IntakeArea` in its stack and passes on `drafts()`, `restore_drafts()` and `clear()`, so the
main window keeps the wizard's state on lock, when typing stops and every 20 s like any other unsaved typing. A lock
closes the wizard (its values dropped) and remembers only which intake was open, to reopen it after unlocking.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.services import drafts as draft_store
from borapp.services.intake.answers import DRAFT_KEY_PREFIX
from borapp.services.intake.flow import Created
from borapp.services.vault.workspace import Workspace
from borapp.ui.icons import icon
from borapp.ui.wizards.intake.wizard import IntakeWizard


def is_intake_key(key: str) -> bool:
    return key.startswith(DRAFT_KEY_PREFIX)


class IntakeArea(QWidget):
    created = Signal(object)           # intake.Created
    closed = Signal()
    open_case_requested = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.wizard: IntakeWizard | None = None
        self._reopen_key: str | None = None  # the intake open when the vault locked (a key, nothing personal)
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)

    def set_workspace(self, workspace: Workspace) -> None:
        self.workspace = workspace

    # ---- opening and closing ------------------------------------------------------------------------------------

    def start(self) -> IntakeWizard:
        return self._open(f"{DRAFT_KEY_PREFIX}{uuid.uuid4().hex}", None)

    def resume(self, key: str) -> bool:
        """Reopen a kept intake at its page; False when it is gone (made into a case or discarded meanwhile)."""
        if self.wizard is not None and self.wizard.key == key:
            return True
        state = draft_store.load_draft(self.workspace, draft_store.UI_PREFIX + key)
        if state is None:
            return False
        self._open(key, state)
        return True

    def _open(self, key: str, state: dict | None) -> IntakeWizard:
        self.close_keeping_draft()
        wizard = IntakeWizard(self.workspace, key, state, self)
        wizard.created.connect(self._created)
        wizard.closed.connect(self._closed)
        wizard.open_case_requested.connect(self.open_case_requested)
        self.column.addWidget(wizard)
        self.wizard = wizard
        wizard.show()
        wizard.currentPage().focus_first()
        return wizard

    def discard(self) -> None:
        """Close the intake and delete its draft, without asking (the screenshot tool; the wizard asks first)."""
        if self.wizard is not None:
            self.wizard.forget_draft()
            self._drop()

    def close_keeping_draft(self) -> None:
        if self.wizard is not None:
            self.wizard.save_draft()
            self._drop()

    def _drop(self) -> None:
        wizard, self.wizard = self.wizard, None
        if wizard is not None:
            wizard.blank()
            wizard.hide()
            self.column.removeWidget(wizard)
            wizard.deleteLater()

    def _created(self, created: Created) -> None:
        self._drop()
        self.created.emit(created)

    def _closed(self) -> None:
        self._drop()
        self.closed.emit()

    # ---- drafts and the lock ------------------------------------------------------------------------------------

    def drafts(self) -> dict[str, dict]:
        return self.wizard.drafts() if self.wizard is not None else {}

    def clear(self) -> None:
        """On lock: the state was just kept as a draft; close the wizard and drop what it showed."""
        if self.wizard is not None:
            self._reopen_key = self.wizard.key
            self.wizard.save_draft()
            self._drop()

    def restore_drafts(self, drafts: dict[str, dict]) -> bool:
        """After unlocking: reopen the intake that was open at the lock. True when it is shown again."""
        key, self._reopen_key = self._reopen_key, None
        if key is None or key not in drafts:
            return False
        self._open(key, drafts[key])
        return True


class CreatedNotice(QFrame):
    """A quiet line above the case file after an intake: the case exists, a letter waits in the outbox."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("intakeNotice")
        self.setStyleSheet("QFrame#intakeNotice { background: palette(alternate-base); border-radius: 6px; }")
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        row.addWidget(self.label, 1)
        close = QPushButton(icon("x"), "")
        close.setFlat(True)
        close.setAccessibleName(_("Close this message"))
        close.setToolTip(_("Close this message"))
        close.clicked.connect(self.hide)
        row.addWidget(close)
        self.hide()

    def show_created(self, created: Created) -> None:
        self.label.setText(_("Case {ref} was made and is in intake. A letter to the referrer, \u201cReferral "
                             "received\u201d, worded by your template, waits in the outbox as a draft: check it, "
                             "fill in what it still lacks, and send it from there.").format(ref=created.ref))
        self.show()

    def clear(self) -> None:
        self.label.clear()
        self.hide()
