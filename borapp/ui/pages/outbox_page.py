"""Postvak uit: the letters waiting (draft, ready, failed) or done; preview, edit, print, export and send them.

PDFs are made in memory and shown from memory; a file is written only where the user chooses (Save as PDF…,
Export ready…, print to file). Sending runs off the UI thread; each letter's outcome is committed as it happens.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from borapp.i18n import N_, _, ngettext
from borapp.services import drafts as draft_store
from borapp.services import settings
from borapp.services.errors import BorError
from borapp.services.outbox import export as outbox_export
from borapp.services.outbox import letters as outbox_letters
from borapp.services.outbox import sending
from borapp.services.outbox.listing import WAITING_STATES, LetterRow, kind_label, state_label
from borapp.ui.icons import icon
from borapp.ui.kept_typing import close_for_lock
from borapp.ui.pages.base import Page
from borapp.ui.pages.cases.tabs.rows_model import fit_columns, select_id, selected_row, table_view
from borapp.ui.pages.outbox import pdf_pages
from borapp.ui.pages.outbox.editor import LetterEditor
from borapp.ui.pages.outbox.letters_model import LettersModel
from borapp.ui.pages.outbox.messages import export_summary, failure_text, send_summary
from borapp.ui.pages.outbox.new_letter import NewLetterDialog
from borapp.ui.pages.outbox.preview import PreviewDialog
from borapp.ui.tasks import run_task
from borapp.ui.widgets.forms import FieldMessage, confirm

DRAFT_KEY = "outbox/letter/"
INTERRUPTED_EXPORT = N_("The lock interrupted the export. The letters it exported say so in the list; export again "
                        "for the rest.")
INTERRUPTED_SEND = N_("The lock interrupted the sending. The letters that were sent say so in the list; send again "
                      "for the rest.")


def _button(text: str, icon_name: str, handler, tip: str = "") -> QPushButton:
    button = QPushButton(icon(icon_name), text)
    button.setAccessibleName(text.rstrip("…"))
    if tip:
        button.setToolTip(tip)
    button.clicked.connect(handler)
    return button


class OutboxPage(Page):
    task_done = Signal()  # an export or send has finished and its message was shown

    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        self.editor: LetterEditor | None = None
        self.new_dialog: NewLetterDialog | None = None
        self.preview: PreviewDialog | None = None
        self.busy = False
        self._interrupted = ""  # said after the unlock: a lock came during an export or send
        self._chosen_id: int | None = None  # the letter the notice line speaks of
        layout = QVBoxLayout(self)
        title = QLabel(_("Outbox"))
        title.setObjectName("pageTitle")
        heading = self._actions_bar()  # the title shares its row with the actions, so the page stays narrow
        heading.insertWidget(0, title)
        layout.addLayout(heading)
        layout.addLayout(self._filter_bar())
        self.model = LettersModel(self)
        self.table = table_view(self.model, _("Letters"))
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(LettersModel.SUBJECT_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        layout.addWidget(self.stack, 1)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bars = self._letter_bar()
        layout.addLayout(bars[0])  # the chosen letter, and what is done with it as it is (print, save, its case)
        self.problem = FieldMessage()
        layout.addWidget(self.problem)
        layout.addLayout(bars[1])  # and what changes it: in one row the page was wider than a 1366 screen
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        # Enter or a double click on a letter opens the letter (its preview), not its case (that is Open case)
        self.table.activated.connect(lambda _index: self.show_preview())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self._selection_changed()

    # ---- layout -------------------------------------------------------------------------------------------------

    def _filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.show_all = QCheckBox(_("Also show exported and sent letters"))
        self.show_all.toggled.connect(lambda _on: self.refresh())
        self.counts = QLabel()
        for widget in (self.show_all, self.counts):
            bar.addWidget(widget)
        bar.addStretch()
        return bar

    def _actions_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.new_button = _button(_("New letter…"), "file-plus", self.new_letter,
                                  _("Make a feedback letter for a case from its template"))
        self.export_button = _button(_("Export ready…"), "export", self.export_ready,
                                     _("Write every ready letter as an e-mail draft with its PDF into a folder"))
        self.send_button = _button(_("Send ready"), "paper-plane-tilt", self.send_ready,
                                   _("Send every ready letter through the mail server"))
        bar.addStretch()
        bar.addWidget(self.new_button)
        bar.addWidget(self.export_button)
        bar.addWidget(self.send_button)
        return bar

    def _letter_bar(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        bar, about = QHBoxLayout(), QHBoxLayout()
        self.preview_button = _button(_("Preview"), "eye", self.show_preview)
        self.edit_button = _button(_("Edit…"), "pencil-simple", self.edit)
        self.ready_button = _button(_("Mark ready"), "check-circle", self.mark_ready)
        self.retry_button = _button(_("Try again"), "arrow-clockwise", self.retry,
                                    _("Put a failed letter back to ready; the next send tries it again"))
        self.print_button = _button(_("Print…"), "printer", self.print_letter)
        self.save_button = _button(_("Save as PDF…"), "file-pdf", self.save_as)
        self.case_button = _button(_("Open case"), "folder-open", lambda: self._open_case())
        self.delete_button = _button(_("Delete…"), "trash", self.delete,
                                     _("Delete a letter that has not gone out (a draft or a ready one)"))
        for button in (self.preview_button, self.edit_button, self.ready_button, self.retry_button,
                       self.delete_button):
            bar.addWidget(button)
        bar.addStretch()
        about.addWidget(self.details, 1)
        for button in (self.print_button, self.save_button, self.case_button):
            about.addWidget(button)
        return about, bar

    # ---- the list -----------------------------------------------------------------------------------------------

    def show_section(self, key: str) -> None:
        """"letter/<id>": that letter chosen in the list (made from a case file's letters tab)."""
        kind, _sep, tail = key.partition("/")
        if kind == "letter" and tail.isdigit():
            if not any(row.id == int(tail) for row in self.model.rows()):
                self.show_all.setChecked(True)  # exported or sent meanwhile: shown among all letters
            select_id(self.table, int(tail))

    def refresh(self) -> None:
        chosen = self.current()
        rows = outbox_letters.list_letters(self.workspace, None if self.show_all.isChecked() else WAITING_STATES)
        self.model.set_rows(rows)
        fit_columns(self.table, widest=320)
        self.stack.setCurrentWidget(self.table if rows else self.empty)
        self.empty.setText(_("No letters waiting. Make one with New letter…: it is filled from the case and its "
                             "template, and waits here to be checked and sent.")
                           if not self.show_all.isChecked() else _("No letters yet."))
        self._show_counts(rows)
        if chosen is not None:
            select_id(self.table, chosen.id)
        elif rows:
            self.table.selectRow(0)
        self._selection_changed()
        if self._interrupted:  # the first refresh after the unlock
            self.notice.setText(self._interrupted)
            self._interrupted = ""

    def _show_counts(self, rows: list[LetterRow]) -> None:
        counts = {state: sum(1 for r in rows if r.state == state) for state in WAITING_STATES}
        self.counts.setText(" · ".join(f"{state_label(s)}: {n}" for s, n in counts.items()))
        ours = sum(1 for r in rows if r.state == "ready" and r.goes_from_here)  # a colleague's laptop sends its own
        self.send_button.setText(_("Send ready ({n})").format(n=ours))
        self._update_all_buttons(ours)

    def _update_all_buttons(self, ready: int) -> None:
        for button in (self.send_button, self.export_button):
            button.setEnabled(bool(ready) and not self.busy)

    def clear(self) -> None:
        dialogs = (self.editor, self.preview, self.new_dialog)
        self.editor = self.preview = self.new_dialog = None
        for dialog in dialogs:
            if dialog is not None:
                dialog.blockSignals(True)  # closing on lock: the editor's typing is kept as a draft, not dropped
                close_for_lock(dialog)  # and the editor asks nothing
        self.model.clear()
        self.details.clear()
        self.notice.clear()
        self.problem.show_message("")
        self._selection_changed()

    def current(self) -> LetterRow | None:
        return selected_row(self.table)

    def _selection_changed(self) -> None:
        row = self.current()
        chosen_id = row.id if row else None
        if chosen_id != self._chosen_id and not self.busy:  # what was said belonged to the letter chosen before
            self.notice.clear()
        self._chosen_id = chosen_id
        editable = row is not None and row.editable
        self.preview_button.setEnabled(row is not None)
        self.print_button.setEnabled(row is not None)
        self.save_button.setEnabled(row is not None)
        self.case_button.setEnabled(row is not None)
        self.edit_button.setEnabled(editable)
        self.ready_button.setEnabled(row is not None and row.state == "draft")
        self.retry_button.setEnabled(row is not None and row.state == "failed")
        self.delete_button.setEnabled(row is not None and row.state in outbox_letters.DELETABLE_STATES
                                      and row.goes_from_here)
        self.details.setText(self._describe(row) if row else "")
        self.problem.show_message(self._problem_of(row), warning=bool(row and row.state in ("draft", "ready")))

    def _problem_of(self, row: LetterRow | None) -> str:
        """Why the letter did not go, or (ready, with nothing said yet) why it would not go now: a schedule whose
        visits changed since looked fine here until the export left it behind. A draft says why it went back to
        draft (its case was closed) and what stands in the way of Mark ready, as its refusal would say it."""
        if row is None or row.state not in ("draft", "ready", "failed"):
            return ""
        if row.state == "draft":
            return "\n".join(filter(None, (row.error, self._in_the_way(row))))
        if row.error or row.state != "ready":
            return row.error
        try:
            return outbox_letters.problems(self.workspace, row.id)
        except BorError as exc:
            return str(exc)

    def _in_the_way(self, row: LetterRow) -> str:
        try:
            reason = outbox_letters.ready_problems(self.workspace, row.id)
        except BorError as exc:
            return str(exc)
        return reason or _("Nothing stands in the way: check it with Preview, then choose Mark ready.")

    def _letter_names(self) -> dict[int, str]:
        """Each listed letter by its kind and case ("Omgangsschema — BOR-2026-032"), as its preview is titled."""
        rows = (self.model.row_at(i) for i in range(self.model.rowCount()))
        return {row.id: self._title(row) for row in rows}

    @staticmethod
    def _describe(row: LetterRow) -> str:
        to = f"{row.recipient_name} <{row.recipient_email}>" if row.recipient_name and row.recipient_email \
            else row.recipient or _("no recipient yet")
        text = _("{subject} — to {recipient}").format(subject=row.subject or kind_label(row.kind), recipient=to)
        if row.attempts:
            text += " · " + ngettext("{n} attempt", "{n} attempts", row.attempts).format(n=row.attempts)
        if not row.goes_from_here:
            text += " · " + _("made on {device}'s laptop, which sends it").format(device=row.received_from)
        return text

    def _open_case(self) -> None:
        row = self.current()
        if row is not None:
            self.open_case.emit(row.case_id)

    def _after_change(self, message: str = "") -> None:
        self.refresh()
        self.notice.setText(message)
        self.changed.emit()

    def _fail(self, title: str, exc: BaseException) -> None:
        QMessageBox.warning(self, title, failure_text(exc))

    # ---- one letter ---------------------------------------------------------------------------------------------

    def _title(self, row: LetterRow) -> str:
        return _("{kind} — {case}").format(kind=kind_label(row.kind), case=row.case_ref)

    def _pdf(self, row: LetterRow) -> bytes | None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return outbox_letters.letter_pdf(self.workspace, row.id)
        except Exception as exc:  # a clear message, never a traceback
            problem = exc
        finally:
            QApplication.restoreOverrideCursor()
        self._fail(_("Letter"), problem)
        return None

    def show_preview(self) -> None:
        row = self.current()
        data = self._pdf(row) if row else None
        if data is None:
            return
        if self.preview is not None:
            self.preview.close()
        try:
            self.preview = PreviewDialog(data, self._title(row), self, on_print=lambda: self._print(row, data),
                                         on_save=lambda: self._save(row))
        except BorError as exc:
            self._fail(_("Preview"), exc)
            return
        self.preview.destroyed.connect(lambda *_a: setattr(self, "preview", None))
        self.preview.open()

    def edit(self, values: dict | None = None) -> None:
        row = self.current()
        letter = outbox_letters.get_letter_text(self.workspace, row.id) if row else None
        if letter is None or not letter.editable:
            return
        if self.editor is not None and not self.editor.close():
            return  # its typing is not thrown away unasked
        self.editor = LetterEditor(self.workspace, letter, self)
        if values:
            self.editor.set_values(values)
        self.editor.saved.connect(lambda _id: self._after_change(_("The letter was saved.")))
        self.editor.finished.connect(lambda _r, key=DRAFT_KEY + str(letter.id): self._editor_closed(key))
        self.editor.open()

    def _editor_closed(self, key: str) -> None:
        self.editor = None
        if not self.workspace.is_locked:
            draft_store.delete_draft(self.workspace, draft_store.UI_PREFIX + key)

    def new_letter(self) -> None:
        row = self.current()
        self.new_dialog = NewLetterDialog(self.workspace, self, row.case_ref if row else "")
        self.new_dialog.made.connect(self._made)
        self.new_dialog.finished.connect(lambda _r: setattr(self, "new_dialog", None))
        self.new_dialog.open()

    def _made(self, letter_id: int, missing: list, problems: str = "") -> None:
        self.show_all.setChecked(False)
        self.refresh()
        select_id(self.table, letter_id)
        if problems:
            self.notice.setText(_("The letter is a draft. Edit it, then mark it ready.") + "\n" + problems)
        else:
            self.notice.setText(_("The letter is a draft: not filled in: {what}. Edit it, then mark it ready.")
                                .format(what="; ".join(missing)) if missing
                                else _("The letter is ready to send. Check it with Preview."))
        self.changed.emit()

    def mark_ready(self) -> None:
        self._letter_action(outbox_letters.mark_ready, _("The letter is ready to send."))

    def delete(self) -> None:
        row = self.current()
        if row is None or not confirm(self, _("Delete letter"), _(
                "Delete the letter \u201c{subject}\u201d? It has not gone out; it cannot be brought back.").format(
                subject=row.subject or kind_label(row.kind))):
            return
        self._letter_action(outbox_letters.delete_letter, _("The letter is deleted."))

    def retry(self) -> None:
        self._letter_action(outbox_letters.retry, _("The letter is ready and goes with the next send."))

    def _letter_action(self, action, message: str) -> None:
        row = self.current()
        if row is None:
            return
        pressed = QApplication.focusWidget()
        try:
            self._act_on_letter(action, row, message)
        finally:
            self._focus_off_disabled(pressed)

    def _focus_off_disabled(self, pressed: QWidget | None) -> None:
        """A button pressed by keyboard that the letter's new state disables (Mark ready, Try again) passed the focus
        on to the next button, "Delete…", where the next Space asked to delete: the focus goes back to the list,
        on the same letter."""
        if pressed is not None and self.isAncestorOf(pressed) and not pressed.isEnabled():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _act_on_letter(self, action, row: LetterRow, message: str) -> None:
        try:
            action(self.workspace, row.id)
        except Exception as exc:  # a clear message, never a traceback
            self.notice.clear()
            self._selection_changed()  # the line under the letter says why, after the message is closed
            self._fail(_("Letter"), exc)
            return
        self._after_change(message)

    def print_letter(self) -> None:
        row = self.current()
        data = self._pdf(row) if row else None
        if data is not None:
            self._print(row, data)

    def _print(self, row: LetterRow, data: bytes) -> None:
        parent = self.preview or self
        try:
            printed = pdf_pages.ask_and_print(parent, data, self._title(row), outbox_letters.write_pdf_copy)
            if printed:
                outbox_letters.note_printed(self.workspace, row.id)
        except Exception as exc:
            self._fail(_("Print"), exc)
            return
        if printed:
            self.notice.setText(_("The letter went to the printer."))

    def save_as(self) -> None:
        row = self.current()
        if row is not None:
            self._save(row)

    def _save(self, row: LetterRow) -> None:
        path, _filter = QFileDialog.getSaveFileName(self.preview or self, _("Save as PDF"),
                                                    outbox_letters.pdf_file_name(row), _("PDF documents (*.pdf)"))
        if not path:
            return
        target = Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")
        try:
            outbox_letters.save_pdf(self.workspace, row.id, target)
        except Exception as exc:
            self._fail(_("Save as PDF"), exc)
            return
        self.notice.setText(_("Saved as {path}. This copy is not encrypted: delete it when you no longer need it.")
                            .format(path=target))

    # ---- all ready letters --------------------------------------------------------------------------------------

    def export_ready(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Export ready letters to a folder"))
        if not folder:
            return
        workspace = self.workspace
        self._start(_("Exporting…"))
        run_task(lambda _p: outbox_export.export_ready(workspace, Path(folder)), workspace).always(
            lambda: self._settled(workspace, INTERRUPTED_EXPORT)).success(
            lambda result: self._finished(_("Export"), export_summary(result, self._letter_names()),
                                          result.ok)).failure(
            lambda exc: self._finished(_("Export"), failure_text(exc), False)).start()

    def send_ready(self) -> None:
        workspace = self.workspace
        try:
            plan = sending.send_plan(workspace)
            sending.server_settings(workspace)
        except BorError as exc:
            self._fail(_("Send"), exc)
            return
        if not plan.ready:
            QMessageBox.information(self, _("Send"), _("No letters are ready to send."))
            return
        password = None
        if plan.needs_password:
            user = settings.read_setting(workspace, "smtp.user")
            password, ok = QInputDialog.getText(self, _("Mail server password"),
                                                _("Password for {user}:").format(user=user),
                                                QLineEdit.EchoMode.Password)
            if not ok or not password:
                return
        self._start(_("Sending…"))
        run_task(lambda progress: sending.send_ready(workspace, lambda: password, progress=progress),
                 workspace).always(lambda: self._settled(workspace, INTERRUPTED_SEND)).progress(
            lambda done, total: self.notice.setText(_("Sending: {done} of {total}…").format(done=done, total=total))
        ).success(lambda result: self._finished(_("Send"), send_summary(result), result.ok)).failure(
            lambda exc: self._finished(_("Send"), failure_text(exc), False)).start()

    def _start(self, text: str) -> None:
        self.busy = True
        self.notice.setText(text)
        self._update_all_buttons(0)

    def _settled(self, workspace, interrupted: str) -> None:
        """The export or send is over; when a lock came first its outcome is in the vault, and nothing is said
        over the lock (run_task): after the unlock the notice says the lock interrupted it."""
        self.busy = False
        if workspace.is_locked:
            self._interrupted = _(interrupted)

    def _finished(self, title: str, text: str, ok: bool) -> None:
        self._after_change("")
        (QMessageBox.information if ok else QMessageBox.warning)(self, title, text)
        self.task_done.emit()

    # ---- unsaved typing across a lock ---------------------------------------------------------------------------

    def drafts(self) -> dict[str, dict]:
        if self.editor is None:
            return {}
        return {DRAFT_KEY + str(self.editor.letter_id): self.editor.values()}

    def restore_drafts(self, drafts: dict[str, dict]) -> None:
        for key, values in drafts.items():
            if key.startswith(DRAFT_KEY) and key[len(DRAFT_KEY):].isdigit():
                self.refresh()
                select_id(self.table, int(key[len(DRAFT_KEY):]))
                if self.current() is not None and self.current().id == int(key[len(DRAFT_KEY):]):
                    self.edit(values)
                return
