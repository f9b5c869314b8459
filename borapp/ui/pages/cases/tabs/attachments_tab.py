"""Bijlagen: court decisions, referral forms, signed contracts, kept encrypted in the vault and shown from memory.

The only files touched here are the ones the user picks: the file to add (its bytes go to the service) and, when
asked, the place to save an unencrypted copy.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from borapp.formatting import date_time
from borapp.i18n import N_, _
from borapp.services.cases import attachments
from borapp.services.errors import BorError
from borapp.services.vault.workspace import Workspace
from borapp.ui.icons import icon
from borapp.ui.pages.cases.tabs.attachment_viewer import ViewerDialog, viewer
from borapp.ui.pages.cases.tabs.base import CaseTab
from borapp.ui.pages.cases.tabs.rows_model import (
    Column,
    RowsModel,
    fit_columns,
    local_time,
    select_id,
    selected_id,
    table_view,
)
from borapp.ui.widgets.forms import FieldMessage, confirm

FILE_FILTER = N_("Documents and images (*.pdf *.jpg *.jpeg *.png *.txt *.doc *.docx *.odt);;All files (*)")


class AttachmentsModel(RowsModel):
    columns = (
        Column(N_("Kind"), lambda a: a.kind_label),
        Column(N_("File name"), lambda a: a.filename, tooltip=lambda a: a.filename),
        Column(N_("Size"), lambda a: a.size_text, sort_key=lambda a: a.size),
        Column(N_("Added"), lambda a: date_time(local_time(a.added_at)), sort_key=lambda a: (a.added_at, a.id)),
    )


class AttachmentsTab(CaseTab):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        self.viewers: list[ViewerDialog] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self._toolbar())
        self.notice = FieldMessage()
        layout.addWidget(self.notice)
        self.model = AttachmentsModel(self)
        self.table = table_view(self.model, _("Attachments"))
        self.empty = QLabel(_("No attachments yet. Add the court decision, the referral form or the signed "
                              "contract; files are kept encrypted in the vault."))
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        layout.addWidget(self.stack, 1)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    def _toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.addItem(_("Choose the kind…"), "")  # chosen for each file: the first kind was taken for all
        for code in attachments.ATTACHMENT_KINDS:
            self.kind.addItem(attachments.kind_label(code), code)
        self.kind.setAccessibleName(_("Kind of file to add"))
        kind_label = QLabel(_("Kind"))
        kind_label.setBuddy(self.kind)
        self.add_button = QPushButton(icon("paperclip"), _("Add…"))
        self.add_button.setAccessibleName(_("Add a file"))
        self.open_button = QPushButton(icon("eye"), _("Open"))
        self.open_button.setAccessibleName(_("Open the selected file"))
        self.save_button = QPushButton(icon("download-simple"), _("Save a copy…"))
        self.save_button.setAccessibleName(_("Save an unencrypted copy of the selected file"))
        self.delete_button = QPushButton(icon("trash"), _("Delete"))
        self.delete_button.setAccessibleName(_("Delete the selected file"))
        self.kind_button = QPushButton(_("Change kind"))
        self.kind_button.setAccessibleName(_("Change the kind of the selected file"))
        self.kind_menu = QMenu(self.kind_button)
        for code in attachments.ATTACHMENT_KINDS:
            action = self.kind_menu.addAction(attachments.kind_label(code))
            action.setData(code)
            action.setCheckable(True)  # the selected file's kind shows ticked
        self.kind_menu.triggered.connect(lambda action: self.change_kind(action.data()))
        self.kind_button.setMenu(self.kind_menu)
        for widget in (kind_label, self.kind, self.add_button):
            bar.addWidget(widget)
        bar.addSpacing(24)
        for widget in (self.open_button, self.kind_button, self.save_button, self.delete_button):
            bar.addWidget(widget)
        bar.addStretch()
        self.add_button.clicked.connect(self.add_file)
        self.open_button.clicked.connect(self.open_selected)
        self.save_button.clicked.connect(lambda: self.save_copy(selected_id(self.table)))
        self.delete_button.clicked.connect(self.delete_selected)
        return bar

    # ---- CaseTab -----------------------------------------------------------------------------------------------

    def load(self, case_id: int) -> None:
        self.case_id = case_id
        self.reload()

    def reload(self, select: int | None = None) -> None:
        if self.case_id is None:
            return
        keep = select if select is not None else selected_id(self.table)
        try:
            rows = attachments.list_attachments(self.workspace, self.case_id)
        except BorError as exc:
            rows = []
            self.notice.show_message(str(exc))
        self.model.set_rows(rows)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        fit_columns(self.table)
        select_id(self.table, keep)
        self._update_buttons()

    def clear(self) -> None:
        for dialog in list(self.viewers):
            dialog.close()
        self.viewers.clear()
        self.model.clear()
        self.notice.show_message("")
        self.case_id = None
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = selected_id(self.table) is not None
        self.add_button.setEnabled(self.case_id is not None)
        for button in (self.open_button, self.kind_button, self.save_button, self.delete_button):
            button.setEnabled(chosen)
        row = self.model.row_at(self.model.row_of(selected_id(self.table))) if chosen else None
        for action in self.kind_menu.actions():
            action.setChecked(row is not None and action.data() == row.kind)

    # ---- actions -----------------------------------------------------------------------------------------------

    def add_file(self) -> None:
        if self.case_id is None:
            return
        if not self.kind.currentData():  # said before the file is picked, not after
            self.notice.show_message(_("Choose the kind of file first (Kind), then add it."))
            self.kind.setFocus()
            return
        path, _filter = QFileDialog.getOpenFileName(self, _("Add a file to this case"), "", _(FILE_FILTER))
        if not path:
            return
        self.notice.show_message("")
        try:
            filename, content = attachments.read_upload(Path(path))
            new_id = attachments.add_attachment(self.workspace, self.case_id, self.kind.currentData(), filename,
                                                content)
        except BorError as exc:
            self.notice.show_message(str(exc))
            return
        self.kind.setCurrentIndex(0)  # the next file gets its own kind
        self.reload(select=new_id)
        self.changed.emit()

    def change_kind(self, kind: str) -> None:
        attachment_id = selected_id(self.table)
        if attachment_id is None:
            return
        self.notice.show_message("")
        try:
            attachments.set_kind(self.workspace, attachment_id, kind)
        except BorError as exc:
            self.notice.show_message(str(exc))
            return
        self.reload(select=attachment_id)
        self.changed.emit()

    def open_selected(self) -> None:
        attachment_id = selected_id(self.table)
        if attachment_id is None:
            return
        try:
            content = attachments.read_attachment(self.workspace, attachment_id)
        except BorError as exc:
            self.notice.show_message(str(exc))
            return
        dialog = viewer(content, self, lambda: self.save_copy(attachment_id))
        self.viewers.append(dialog)
        dialog.destroyed.connect(lambda *_a, d=dialog: self.viewers.remove(d) if d in self.viewers else None)
        dialog.open()

    def save_copy(self, attachment_id: int | None) -> None:
        if attachment_id is None:
            return
        row = self.model.row_at(self.model.row_of(attachment_id))
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / row.filename) if row is not None else ""
        path, _filter = QFileDialog.getSaveFileName(self, _("Save an unencrypted copy"), suggested)
        if not path:
            return
        try:
            attachments.save_copy(self.workspace, attachment_id, Path(path))
        except BorError as exc:
            self.notice.show_message(str(exc))
            return
        self.notice.show_message(_("A copy was saved as {path}. It is not encrypted: delete it when you no longer "
                                   "need it.").format(path=path), warning=True)

    def delete_selected(self) -> None:
        attachment_id = selected_id(self.table)
        if attachment_id is None:
            return
        try:
            kept = attachments.delete_problem(self.workspace, attachment_id)
        except BorError as exc:
            kept = str(exc)
        if kept:  # said at once: it asked "Delete this file?" first and then refused
            self.notice.show_message(kept)
            return
        if not confirm(self, _("Delete file"), _("Delete this file from the case? This cannot be undone.")):
            return
        try:
            attachments.delete_attachment(self.workspace, attachment_id)
        except BorError as exc:
            self.notice.show_message(str(exc))
            return
        self.reload()
        self.changed.emit()
