"""Erasing a case for good: the reason, and the case number typed again before the button lets go."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.services.privacy import erasure
from borapp.ui.kept_typing import keep_as, not_kept
from borapp.ui.widgets.discard_question import AsksBeforeDiscarding
from borapp.ui.widgets.result_line import ResultLine


class EraseDialog(AsksBeforeDiscarding, QDialog):
    def __init__(self, workspace, ref: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.ref = workspace, ref
        self.record: erasure.ErasureRecord | None = None
        self.setWindowTitle(_("Erase case {ref}").format(ref=ref))
        keep_as(self, f"case/{ref}/erase")  # a lock keeps the reason typed here
        layout = QVBoxLayout(self)
        warning = QLabel(_("This removes the case and everything in it (family, visits, notes, letters, contracts, "
                           "attachments) for good. Only the case number, today's date, the reason and your name "
                           "remain, and an anonymous count for the annual figures. Backups made before still hold the case until they are rotated out; restoring "
                           "one erases it again."))
        warning.setWordWrap(True)
        layout.addWidget(warning)
        self.team = QLabel(erasure.team_warning(workspace))  # in a team it goes from every laptop
        self.team.setObjectName("teamWarning")
        self.team.setWordWrap(True)
        self.team.setVisible(bool(self.team.text()))
        layout.addWidget(self.team)
        self.figures = QLabel(erasure.figures_warning(workspace, ref))
        self.figures.setObjectName("figuresWarning")
        self.figures.setWordWrap(True)
        layout.addWidget(self.figures)
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setAccessibleName(_("Reason for erasing"))
        self.reason.setPlaceholderText(_("e.g. request of the resident parent"))
        form.addRow(_("Reason"), self.reason)
        self.names_left_out = QLabel(_("The reason stays when the case is gone, so the family's names are left out "
                                       "of it: each becomes who it is, e.g. \"(resident parent)\"."))
        self.names_left_out.setObjectName("hint")
        self.names_left_out.setWordWrap(True)
        form.addRow("", self.names_left_out)
        self.confirm = QLineEdit()
        self.confirm.setAccessibleName(_("Case number, to confirm"))
        not_kept(self.confirm)  # typed again after a lock: it is the confirmation
        form.addRow(_("Type {ref} to confirm").format(ref=ref), self.confirm)
        layout.addLayout(form)
        self.result = ResultLine()
        layout.addWidget(self.result)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.erase_button = buttons.addButton(_("Erase for good"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.setEnabled(False)
        buttons.rejected.connect(self.reject)
        self.erase_button.clicked.connect(self.erase)
        layout.addWidget(buttons)
        for field in (self.reason, self.confirm):
            field.textChanged.connect(self._enable)
        self.remember_typing()  # the typed case number alone is not asked about (not kept)

    def _enable(self) -> None:
        self.erase_button.setEnabled(bool(self.reason.text().strip()) and self.confirm.text().strip() == self.ref)

    def erase(self) -> None:
        def act() -> None:
            self.record = erasure.erase_case(self.workspace, self.ref, self.reason.text(),
                                             confirm=self.confirm.text())

        if self.result.attempt(act):
            self.accept()
