"""Backups: the folder (a USB stick or a share), how many to keep, the last one, and a backup now."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from borapp.formatting import date_time
from borapp.i18n import N_, _
from borapp.services import settings
from borapp.services.vault import backups
from borapp.ui.pages.settings.section import SettingsSection, spin_box


class BackupsTab(SettingsSection):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.title_msgid = N_("Backups")
        layout = QVBoxLayout(self)
        intro = QLabel(_("This laptop may hold the only copy of your cases. BOR Desk writes an encrypted backup to "
                         "this folder when you quit and once a day, and keeps the newest ones."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        row = QHBoxLayout()
        self.folder = QLineEdit()
        self.folder.setAccessibleName(_("Backup folder"))
        browse = QPushButton(_("Choose…"))
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow(_("Backup folder"), row)
        self.keep = spin_box("backup.keep")
        self.keep.setAccessibleName(_("Backups to keep"))
        form.addRow(_("Backups to keep"), self.keep)
        self.last = QLabel()
        self.last.setWordWrap(True)  # the warning under the date is a sentence: unwrapped it widened the window
        form.addRow(_("Last backup"), self.last)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        save, now = QPushButton(_("Save")), QPushButton(_("Back up now"))
        buttons.addWidget(save)
        buttons.addWidget(now)
        buttons.addStretch()
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch()
        browse.clicked.connect(self._browse)
        save.clicked.connect(self._save)
        self.save_on_keys(save)
        now.clicked.connect(self._backup_now)

    def fill(self) -> None:
        values = settings.read_all(self.workspace)
        self.folder.setText(values["backup.folder"])
        self.keep.setValue(int(values["backup.keep"]))
        self._show_last()

    def clear(self) -> None:
        super().clear()
        self.folder.clear()
        self.last.clear()

    def _show_last(self) -> None:
        state = backups.status(self.workspace)
        text = date_time(state.last) if state.last else _("never")
        warning = (_("No backup folder is set: this laptop may hold the only copy. Choose one above.")
                   if not state.folder else state.warning)  # "Choose one in Settings" said here, in Settings
        self.last.setText(f"{text}\n{warning}" if warning else text)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Backup folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _save(self) -> bool:
        """Saved also when the folder is not there now (a stick not plugged in), but not with a bare "Saved.": a
        folder typed wrong was accepted without a word, and only the next backup said it. `~/bk` is kept as the
        whole folder, and the field shows that one."""
        values = {"backup.folder": self.folder.text().strip(), "backup.keep": str(self.keep.value())}

        def write() -> None:
            settings.write_settings(self.workspace, values)
            self.folder.setText(settings.read_setting(self.workspace, "backup.folder"))

        saved = self.attempt(write, _("Saved."), saves=True)
        if saved:
            problem = backups.folder_problem(self.folder.text())
            if problem:
                self.status.show_note(_("Saved. {problem} The next backup needs it.").format(problem=problem))
        self._show_last()
        return saved

    def _backup_now(self) -> None:
        """Saved first; a folder refused there stops it with that message (the backup went to the old folder)."""
        if not self._save():
            return
        written = []
        if self.attempt(lambda: written.append(backups.make_backup(self.workspace)), ""):
            self.status.setText(_("Backup written: {path}").format(path=written[0]))
        self._show_last()
