"""The scans and photos a request for access withholds until the coordinator has looked at them.

A program cannot read a scan for the other parent's confidential address, so the export leaves it out. Here she
opens each one (from memory, never a temp file) and ticks it when the address is not in it; a tick can only be set
after the file was shown, so it is a statement about something she saw.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QPushButton, QWidget

from borapp.i18n import _
from borapp.services.cases import attachments
from borapp.services.errors import BorError
from borapp.services.privacy.access_request import FileToCheck
from borapp.ui.pages.cases.tabs.attachment_viewer import viewer
from borapp.ui.widgets.wrapped_label import WrappedLabel


class FilesToCheck(QGroupBox):
    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(_("Scans and photos to look at yourself"), parent)
        self.workspace = workspace
        self.grid = QGridLayout(self)
        self.grid.setColumnStretch(0, 1)  # the file's name takes the width, its button only what it needs
        self.ticks: dict[int, QCheckBox] = {}
        self.viewers: list[QWidget] = []

    def show_files(self, files: list[FileToCheck]) -> None:
        """One row per file: a tick (given when ticked) and a button that shows it."""
        while self.grid.count():
            self.grid.takeAt(0).widget().deleteLater()
        self.ticks = {}
        intro = WrappedLabel(_("There is a confidential address in this case and these files cannot be read for it. "
                               "Look at each one; tick it only if the address is not in it, and it goes with the "
                               "export."))
        self.grid.addWidget(intro, 0, 0, 1, 2)
        intro.show()
        for row, file in enumerate(files, start=1):
            tick = QCheckBox(file.what)
            tick.setAccessibleName(_("Give after checking: {what}").format(what=file.what))
            tick.setEnabled(False)
            tick.setToolTip(_("Look at the file first."))
            tick.toggled.connect(lambda on, t=tick: t.setEnabled(True) if on else None)  # a tick put back after a lock
            look = QPushButton(_("Look at it…"))
            look.setAccessibleName(_("Look at {what}").format(what=file.what))
            look.clicked.connect(lambda _c=False, f=file: self.look(f))
            self.grid.addWidget(tick, row, 0)
            self.grid.addWidget(look, row, 1)
            tick.show()  # now, not after this event: the dialog measures the rows to grow to them
            look.show()
            self.ticks[file.attachment_id] = tick
        self.setVisible(bool(files))

    def look(self, file: FileToCheck) -> QWidget | None:
        """Show the file; its tick can be set once it was shown (not for a file this window cannot show)."""
        try:
            content = attachments.read_attachment(self.workspace, file.attachment_id)
        except BorError as exc:
            self.ticks[file.attachment_id].setToolTip(str(exc))
            return None
        dialog = viewer(content, self, None)
        tick = self.ticks[file.attachment_id]
        if dialog.shows_content:
            tick.setEnabled(True)
            tick.setToolTip("")
        else:
            tick.setToolTip(_("This file cannot be shown here, so it cannot be checked here: look at it under "
                              "Attachments and give it separately."))
        self.viewers.append(dialog)
        dialog.destroyed.connect(lambda *_a, d=dialog: self.viewers.remove(d) if d in self.viewers else None)
        dialog.open()
        return dialog

    def checked(self) -> frozenset[int]:
        return frozenset(i for i, tick in self.ticks.items() if tick.isChecked())
