"""Said after an erasure: the case is gone, which backups still hold it, and which of its exported letters are still
on disk (they hold the family's names), with the offer to delete those; which requests for access and saved
documents of it are still there (named only: a folder she chose is hers to delete)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from borapp.i18n import _, ngettext
from borapp.services.privacy import erasure


class ErasedMessage(QMessageBox):
    def __init__(self, record: erasure.ErasureRecord, parent: QWidget | None = None):
        super().__init__(parent)
        self.record = record
        self.setWindowTitle(_("Case erased"))
        self.setIcon(QMessageBox.Icon.Information)
        self.setText(_("Case {ref} is erased; a tombstone without names remains.").format(ref=record.case_ref))
        said = [erasure.backups_words(record), erasure.aside_words(record), erasure.files_words(record),
                erasure.written_words(record)]
        self.setInformativeText("\n\n".join(line for line in said if line))
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.delete_button = None
        if record.exported:
            self.delete_button = self.addButton(
                ngettext("Delete {n} file", "Delete {n} files", len(record.exported)).format(
                    n=len(record.exported)), QMessageBox.ButtonRole.DestructiveRole)
            self.setDefaultButton(self.addButton(_("Keep them"), QMessageBox.ButtonRole.RejectRole))  # Return: no loss
        else:
            self.addButton(QMessageBox.StandardButton.Ok)
        self.buttonClicked.connect(self._clicked)
        self.not_deleted: list = []
        self.problem: QMessageBox | None = None

    def _clicked(self, button) -> None:
        if button is not self.delete_button:
            return
        self.not_deleted = erasure.remove_files(self.record.exported)
        if self.not_deleted:  # said in a box of its own, this one closes with the click
            self.problem = QMessageBox(QMessageBox.Icon.Warning, _("Case erased"),
                                       _("These files could not be deleted; delete them yourself:") + "\n"
                                       + "\n".join(str(path) for path in self.not_deleted),
                                       QMessageBox.StandardButton.Ok, self.parentWidget())
            self.problem.open()
