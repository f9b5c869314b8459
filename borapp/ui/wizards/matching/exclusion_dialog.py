"""Why a volunteer must not be matched to this family (knows the family, a conflict): asked before the exclusion.

Our own small dialog rather than QInputDialog.getText, whose text box Qt makes itself without a name: a lock kept
nothing typed there. Here the box has a name, so a lock keeps the reason and the same question, asked again for the
same volunteer and case after unlock, shows it back (kept_typing)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.ui.kept_typing import keep_as
from borapp.ui.widgets.discard_question import AsksBeforeDiscarding
from borapp.ui.widgets.screen_fit import resize_within_screen


class ExclusionDialog(AsksBeforeDiscarding, QDialog):
    chosen = Signal(str)  # the reason, when OK is clicked

    def __init__(self, case_id: int, ref: str, volunteer_id: int, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Exclude {name} for case {ref}").format(name=name, ref=ref))
        keep_as(self, f"case/{case_id}/exclude/{volunteer_id}")  # a lock keeps the reason typed here
        layout = QVBoxLayout(self)
        self.label = QLabel(_(
            "Why must {name} not be matched to this family? (e.g. knows the family)\nThis is recorded at once, also "
            "if you cancel the wizard, until you allow them again.").format(name=name))
        self.label.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(_("Reason"))
        self.label.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.label)
        layout.addWidget(self.reason)
        layout.addStretch()
        layout.addWidget(self.buttons)
        resize_within_screen(self, 460, 170)
        self.remember_typing()

    def accept(self) -> None:
        self.chosen.emit(self.reason.text())
        super().accept()
