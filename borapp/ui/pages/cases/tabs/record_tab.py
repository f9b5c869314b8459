"""A case file tab with a list of records beside an inline editor, whose unsaved typing survives a lock.

The editor is a panel inside the tab, not a modal dialog, so a lock (or the 20-second draft timer) can collect what
is being typed: `drafts()` returns it under `case/<case id>/<tab>/<record id or 'new'>`, and `restore_drafts()`
reopens the editor with it, marked "not saved". Drafts for another case or record than the one open are kept
(`_pending`) and handed back by `drafts()` until their record is opened. Once typing is saved or thrown away, the
stored draft is deleted (as the case file's form tabs do) and `draft_discarded(key)` says so.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QSizePolicy, QSplitter, QStackedWidget, QVBoxLayout, QWidget,
)

from borapp.i18n import _
from borapp.services import drafts as draft_store
from borapp.services.errors import BorError, ValidationError
from borapp.services.vault.workspace import Workspace
from borapp.ui.pages.cases.case_file.form_tab import DRAFT_PREFIX
from borapp.ui.pages.cases.tabs.base import CaseTab
from borapp.ui.pages.cases.tabs.editor_panel import EditorPanel
from borapp.ui.pages.cases.tabs.rows_model import RowsModel, fit_columns, select_id, selected_id, table_view
from borapp.ui.widgets.changed_meanwhile import save_over
from borapp.ui.widgets.date_field import refuse_unreadable
from borapp.ui.widgets.forms import FieldMessage, form_label
from borapp.ui.widgets.discard_question import ask_to_discard


LOADED = "_loaded"  # in a draft: the stored values the typing started from


class RecordsTab(CaseTab):
    draft_name = ""  # the <tab> part of the draft keys
    compact_hidden: tuple[int, ...] = ()  # columns hidden while the editor takes half the width
    draft_discarded = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        self._pending: dict[str, dict] = {}
        self._editing_key: str | None = None
        self._loaded: dict | None = None  # the editor's fields as the stored record filled them (None: a new one)
        self._key = re.compile(rf"^case/(\d+)/{re.escape(self.draft_name)}/(\d+|new)$")
        self.model = self.make_model()
        self.table = table_view(self.model, self.list_name())
        self.editor = self.make_editor()
        self.editor.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        self.toolbar = QHBoxLayout()
        layout.addLayout(self.toolbar)
        self.build_toolbar()  # before the list and the editor: the tab order follows reading order
        self.notice = FieldMessage()
        layout.addWidget(self.notice)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._list_area())
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout.addWidget(self.splitter, 1)
        self.table.activated.connect(lambda _index: self.open_record(selected_id(self.table)))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.selection_changed())
        self.editor.save_requested.connect(self.save)
        self.editor.close_requested.connect(self.close_editor)

    def end_toolbar_with(self, summary: QLabel, buttons: tuple[QWidget, ...]) -> None:
        """The buttons, then `summary` in the rest of the row, wrapped when it is long (the visits a case's
        cancellers all named): on one line it widened the window past a 1366-pixel screen."""
        for button in buttons:
            self.toolbar.addWidget(button)
        summary.setWordWrap(True)
        summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(summary, 1)

    def _list_area(self) -> QWidget:
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.empty)
        self.list_stack.addWidget(self.table)
        return self.list_stack

    # ---- what a subclass provides ------------------------------------------------------------------------------

    def build_toolbar(self) -> None:
        """Add the tab's buttons to `self.toolbar`."""
        raise NotImplementedError

    def make_model(self) -> RowsModel:
        raise NotImplementedError

    def make_editor(self) -> EditorPanel:
        raise NotImplementedError

    def list_name(self) -> str:
        raise NotImplementedError

    def empty_text(self) -> str:
        raise NotImplementedError

    def list_rows(self, case_id: int) -> list[Any]:
        raise NotImplementedError

    def record_state(self, record_id: int) -> dict:
        raise NotImplementedError

    def new_state(self) -> dict:
        raise NotImplementedError

    def save_state(self, state: dict) -> int:
        """Save through the service; raises ValidationError with the field it is about."""
        raise NotImplementedError

    def discard_question(self) -> str:
        return _("What you typed has not been saved. Throw it away?")

    def after_reload(self) -> None:
        """Update what depends on the rows (counts, buttons)."""

    def selection_changed(self) -> None:
        """Enable what depends on the selected row."""

    # ---- CaseTab -----------------------------------------------------------------------------------------------

    def load(self, case_id: int) -> None:
        if case_id != self.case_id:
            self._park_editor()
        self.case_id = case_id
        self.reload()
        if self._editing_key is None:
            self._open_pending()

    def reload(self, select: int | None = None) -> None:
        if self.case_id is None:
            return
        keep = select if select is not None else selected_id(self.table)
        self.notice.show_message("")
        try:
            rows = self.list_rows(self.case_id)
        except BorError as exc:
            rows = []
            self.notice.show_message(str(exc))
        self.model.set_rows(rows)
        self.empty.setText(self.empty_text())
        self.list_stack.setCurrentWidget(self.table if rows else self.empty)
        fit_columns(self.table)
        select_id(self.table, keep)
        self.after_reload()
        self.selection_changed()

    def clear(self) -> None:
        self._pending.clear()
        self._hide_editor()
        self.model.clear()
        self.notice.show_message("")
        self.case_id = None
        self.after_reload()
        self.selection_changed()

    def drafts(self) -> dict[str, dict]:
        found = dict(self._pending)
        if self._editing_key is not None and self.editor.dirty:
            found[self._editing_key] = self._typing()
        return found

    def _typing(self) -> dict:
        """The editor's state, with the stored values it started from (so a draft brought back after a lock still
        sees what a colleague changed meanwhile)."""
        return self.editor.state() | ({LOADED: self._loaded} if self._loaded is not None else {})

    def restore_drafts(self, drafts: dict[str, dict]) -> None:
        mine = {key: dict(payload) for key, payload in drafts.items() if self._key.match(key)}
        if not mine:
            return
        self._pending.update(mine)
        if self.case_id is None:
            self.load(int(self._key.match(next(iter(mine))).group(1)))
        elif self._editing_key is None or not self.editor.dirty:
            self._open_pending()

    # ---- the editor --------------------------------------------------------------------------------------------

    def draft_key(self, record_id: int | None) -> str:
        return f"case/{self.case_id}/{self.draft_name}/{record_id if record_id is not None else 'new'}"

    @property
    def editing_key(self) -> str | None:
        return self._editing_key

    def open_record(self, record_id: int | None) -> None:
        """Open a record (None: a new one) in the editor; typing kept from before a lock comes back."""
        if self.case_id is None:
            return
        key = self.draft_key(record_id)
        if key == self._editing_key or not self._may_leave_editor():
            self.editor.setFocus()
            return
        if key in self._pending:
            self._show_editor(key, self._pending.pop(key), restored=True)
            return
        try:
            state = self.record_state(record_id) if record_id is not None else self.new_state()
        except BorError as exc:
            self.notice.show_message(str(exc))
            return
        self._show_editor(key, state, restored=False)
        self._loaded = self.editor.state() if record_id is not None else None

    def save(self) -> None:
        record_id = self.store_typing()
        if record_id is None:
            return
        self._hide_editor()
        self.reload(select=record_id)
        self.table.setFocus()
        self.changed.emit()

    def store_typing(self) -> int | None:
        """Save what the editor holds and keep it open; the record's id, or None when nothing was saved (the editor
        then says why, and the typing stays)."""
        if self._editing_key is None:
            return None
        if refuse_unreadable(self.editor):  # a date or time that cannot be read says so under its field
            return None
        state = self._merged_with_stored(self.editor.state())
        if state is None or not self.may_save(state):
            return None
        try:
            record_id = self.save_state(state)
        except ValidationError as exc:
            self.save_refused(exc, state)
            return None
        except BorError as exc:
            self.editor.show_problem("", str(exc))
            return None
        self._forget(self._editing_key)
        self.editor.set_dirty(False)
        return record_id

    def may_save(self, state: dict) -> bool:
        """A tab may ask before saving what would not keep all of the typing; False keeps it unsaved, on screen."""
        return True

    def save_refused(self, exc: ValidationError, state: dict) -> None:
        """The service refused to save `state`: its message under the field it is about (a tab may offer more)."""
        self.editor.show_problem(exc.field, str(exc))

    def reopen_record(self, record_id: int) -> None:
        """Show the record as now stored in the open editor (after it was saved or changed without closing)."""
        try:
            state = self.record_state(record_id)
        except BorError as exc:
            self.editor.show_problem("", str(exc))
            return
        self._show_editor(self.draft_key(record_id), state, restored=False)
        self._loaded = self.editor.state()

    def discard_typing(self) -> None:
        """The editor's typing was kept another way (as an addendum): it is no longer unsaved, and no draft may bring
        it back."""
        if self._editing_key is not None:
            self._forget(self._editing_key)
            self.editor.set_dirty(False)

    @property
    def loaded_state(self) -> dict | None:
        """The editor's fields as the stored record filled them (None for a new record)."""
        return self._loaded

    def _merged_with_stored(self, typed: dict) -> dict | None:
        """What to save when the record changed since the editor was filled (a colleague's change arrived by team
        sync, or another window saved it): fields changed only there keep their new value; a field changed both
        there and here is put to the coordinator. None: she chose to look first (her typing stays on screen)."""
        record_id = typed.get("record_id")
        if record_id is None or self._loaded is None:
            return typed
        try:
            fresh = self.record_state(record_id)
        except BorError:
            return typed  # gone meanwhile: saving says so
        with self.editor.loading():
            self.editor.fill(fresh)
            stored = self.editor.state()
            self.editor.fill(typed)
        values, save = save_over(self, self._loaded, stored, typed, self._label_of, self.workspace)
        if values is None:  # locked while asked: the editor stays as the lock left it
            return None
        if not save:
            self._loaded = stored  # the new starting point: only her typing is unsaved, Save asks no more
            with self.editor.loading():
                self.editor.fill(values)
            self.editor.set_dirty(True)
            return None
        return values

    def _label_of(self, name: str) -> str:
        return form_label(self.editor.field(name), name.replace("_", " "))

    def close_editor(self) -> None:
        """Close, asking first when something typed would be lost."""
        if self._editing_key is not None and self._may_leave_editor():
            self._hide_editor()
            self.table.setFocus()

    def _may_leave_editor(self) -> bool:
        if self._editing_key is None:
            return True
        if self.editor.dirty:
            if not ask_to_discard(self, _("Not saved"), self.discard_question()):
                return False
            if self._editing_key is None:  # locked while the question was open: nothing left to discard
                return True
        self._forget(self._editing_key)
        self._hide_editor()
        return True

    def _forget(self, key: str) -> None:
        """The typing under `key` was saved or thrown away: a stored draft must not bring it back after a lock."""
        if self.workspace is not None and not self.workspace.is_locked:
            draft_store.delete_draft(self.workspace, DRAFT_PREFIX + key)
        self.draft_discarded.emit(key)

    def before_editor(self) -> None:
        """What the editor needs before a record is shown in it (a tab fills its choices here)."""

    def _show_editor(self, key: str, state: dict, *, restored: bool) -> None:
        self.before_editor()
        self._editing_key = key
        state = dict(state)
        loaded = state.pop(LOADED, None)
        self.editor.set_state(state, restored=restored)
        self._loaded = loaded if restored and isinstance(loaded, dict) else None
        if self.editor.isHidden():
            self._compact(True)
            self.editor.show()
            total = max(self.splitter.width(), 900)
            self.splitter.setSizes([total * 9 // 20, total * 11 // 20])
        self.editor.focus_first()

    def _hide_editor(self) -> None:
        self._editing_key = None
        self._loaded = None
        self.editor.hide()
        self._compact(False)
        self.editor.set_state({})  # drop the text from the widgets too

    def _compact(self, compact: bool) -> None:
        for column in self.compact_hidden:
            self.table.setColumnHidden(column, compact)

    def _park_editor(self) -> None:
        """Another case is loaded: keep unsaved typing as a pending draft instead of losing it."""
        if self._editing_key is not None and self.editor.dirty:
            self._pending[self._editing_key] = self._typing()
        self._hide_editor()

    def _open_pending(self) -> None:
        key = next((k for k in self._pending if self._key.match(k).group(1) == str(self.case_id)), None)
        if key is not None:
            self._show_editor(key, self._pending.pop(key), restored=True)
