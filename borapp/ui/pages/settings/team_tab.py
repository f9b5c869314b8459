"""Settings → Team: join the office server with an enrolment code, see this laptop's name and the server, sync now,
settle conflicts, leave the team (docs/sync-protocol.md)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox, QPushButton, QSizePolicy, QStackedWidget,
    QVBoxLayout, QWidget,
)

from borapp.formatting import long_date
from borapp.i18n import N_, _
from borapp.services.errors import describe
from borapp.services.sync import join as sync_join
from borapp.services.sync import run as sync_run
from borapp.services.sync import team
from borapp.services.sync.transport import Offline
from borapp.ui.pages.settings.section import SettingsSection, button_row, compact_form
from borapp.ui.sync_activity import sync_activity
from borapp.ui.sync_indicator import last_good, noted_failure, state_text
from borapp.ui.tasks import run_task


class TeamTab(SettingsSection):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.title_msgid = N_("Team")
        self._waiting = False  # for the office server's answer to a request of this tab
        layout = QVBoxLayout(self)
        intro = QLabel(_("Coordinators who share one case load each keep their own encrypted vault and sync it through "
                         "the office server. Changes to the same field by two people are never overwritten: they "
                         "wait for a person to choose."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._join_page())
        self.pages.addWidget(self._joined_page())
        self.pages.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.pages.currentChanged.connect(self._fit_page)
        self._fit_page(self.pages.currentIndex())
        layout.addWidget(self.pages)
        layout.addWidget(self.status)
        layout.addStretch()
        sync_activity().changed.connect(self._activity_changed)  # the status bar's sync shows here too

    def _join_page(self) -> QWidget:
        page = QWidget()
        form = compact_form()
        self.url, self.code = QLineEdit(), QLineEdit()
        self.url.setPlaceholderText("https://bor.example.org")
        self.url.setMinimumWidth(320)
        for field, label in ((self.url, _("Server address")), (self.code, _("Enrolment code"))):
            field.setAccessibleName(label)
            form.addRow(label, field)
        self.join_button = QPushButton(_("Join the team"))
        self.join_button.clicked.connect(self._join)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form)
        column.addLayout(button_row(self.join_button))
        return page

    def _joined_page(self) -> QWidget:
        page = QWidget()
        form = compact_form()
        self.server_label, self.device_label, self.state_label = QLabel(), QLabel(), QLabel()
        self.state_label.setWordWrap(True)  # a failed sync says why on lines of its own
        form.addRow(_("Server address"), self.server_label)
        form.addRow(_("Name of this laptop"), self.device_label)
        form.addRow(_("State"), self.state_label)
        self.sync_button = QPushButton(_("Sync now"))
        self.conflicts_button = QPushButton(_("Conflicts…"))
        self.leave_button = QPushButton(_("Leave the team…"))
        self.sync_button.clicked.connect(self._sync)
        self.conflicts_button.clicked.connect(self._conflicts)
        self.leave_button.clicked.connect(self._leave)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(form)
        column.addLayout(button_row(self.sync_button, self.conflicts_button, self.leave_button))
        column.addSpacing(12)
        column.addWidget(QLabel(_("Laptops in the team")))
        self.laptops = QListWidget()
        self.laptops.setAccessibleName(_("Laptops in the team"))
        self.laptops.setMaximumHeight(160)
        self.laptops.currentItemChanged.connect(lambda *_a: self._enable_revoke())
        column.addWidget(self.laptops)
        self.revoke_button = QPushButton(_("Revoke laptop…"))
        self.revoke_button.setToolTip(_("A lost or stolen laptop: it can no longer sync, and removes its vault when "
                                        "it next connects."))
        self.revoke_button.clicked.connect(self._revoke)
        self.revoke_button.setEnabled(False)
        column.addLayout(button_row(self.revoke_button))
        return page

    def _fit_page(self, index: int) -> None:
        """The pages take the height of the one shown: the short join form took the joined page's, its button far
        below the fields."""
        for i in range(self.pages.count()):
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            self.pages.widget(i).setSizePolicy(policy, policy)
        self.pages.updateGeometry()

    def fill(self) -> None:
        state = sync_run.status(self.workspace)
        self.pages.setCurrentIndex(1 if state.joined else 0)
        if state.joined:
            self.server_label.setText(state.url)
            self.device_label.setText(state.device)
            self._show_state()
            self._show_syncing()
            self._load_laptops()

    def _show_state(self, offline: bool = False) -> None:
        """`offline`: the office server did not answer the last request from this tab. A failed last sync (here or
        by the status bar's button) says when and why, and when the last one went well."""
        if self.workspace is None:
            return
        state = sync_run.status(self.workspace)
        failed_at, problem = (None, "") if offline else noted_failure(state)
        lines = [state_text(state, offline, False, failed_at)]
        if failed_at is not None:
            lines += [problem, last_good(state)]
        self.state_label.setText("\n".join(line for line in lines if line))

    def _load_laptops(self) -> None:
        """The list comes from the office server, in the background; offline it says so and stays empty."""
        workspace = self.workspace
        run_task(lambda _p: team.laptops(workspace), workspace).success(self._show_laptops).failure(
            self._laptops_failed).start()

    def _show_laptops(self, laptops: list) -> None:
        self.laptops.clear()
        for laptop in laptops:
            if laptop.is_this_laptop:
                text = _("{name} (this laptop)").format(name=laptop.name)
            elif laptop.revoked:
                text = _("{name}: revoked").format(name=laptop.name)
            elif laptop.enrolled is None:
                text = _("{name}: enrolment code not used yet").format(name=laptop.name)
            else:
                text = _("{name}: joined on {date}").format(name=laptop.name, date=long_date(laptop.enrolled.date()))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, None if laptop.is_this_laptop or laptop.revoked else laptop.name)
            self.laptops.addItem(item)
        self._enable_revoke()

    def _laptops_failed(self, exc: BaseException) -> None:
        self.laptops.clear()
        if isinstance(exc, Offline):
            self._show_state(offline=True)
            text = _("The office server {url} cannot be reached, so the list of laptops cannot be shown now.").format(
                url=self.server_label.text())
        else:
            text = _("The list of laptops comes from the office server: {problem}").format(problem=describe(exc))
        self.laptops.addItem(QListWidgetItem(text))
        self._enable_revoke()

    def _enable_revoke(self) -> None:
        item = self.laptops.currentItem()
        self.revoke_button.setEnabled(item is not None and item.data(Qt.ItemDataRole.UserRole) is not None)

    def _revoke(self) -> None:
        item = self.laptops.currentItem()
        name = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not name:
            return
        answer = QMessageBox.question(self, _("Revoke laptop"), _(
            "Revoke '{name}'? It can no longer sync, and it removes its vault when it next connects to the office "
            "server. Do this for a lost or stolen laptop. This cannot be undone: the laptop needs a new enrolment "
            "code under another name.").format(name=name))
        if answer != QMessageBox.StandardButton.Yes:
            return
        workspace = self.workspace
        self._busy(True)
        run_task(lambda _p: team.revoke(workspace, name), workspace).always(self._idle).success(
            lambda _r: self._revoked(name)).failure(self._failed).start()

    def _revoked(self, name: str) -> None:
        self.status.show_done(_("'{name}' was revoked: it can no longer sync.").format(name=name))
        self._load_laptops()

    def form_state(self) -> dict[str, object]:
        """The enrolment code is used once and is a key to the team: typed again, never kept in a draft."""
        state = super().form_state()
        state.pop(self.code.accessibleName(), None)
        return state

    def clear(self) -> None:
        super().clear()
        for field in (self.url, self.code):
            field.clear()
        self.laptops.clear()

    def _busy(self, busy: bool) -> None:
        self._waiting = busy
        self.join_button.setEnabled(not busy)
        self._show_syncing()
        if busy:
            self.revoke_button.setEnabled(False)
        else:
            self._enable_revoke()
        if busy:
            self.status.show_done(_("Talking to the office server…"))

    def _show_syncing(self) -> None:
        """Sync and Leave wait while a sync runs, this tab's or the status bar's, and while a request of this tab
        does."""
        syncing = sync_activity().running
        self.sync_button.setText(_("Syncing…") if syncing else _("Sync now"))
        for button in (self.sync_button, self.leave_button):
            button.setEnabled(not self._waiting and not syncing)

    def _activity_changed(self, running: bool) -> None:
        """A sync began or ended; one that ended may have changed the state (the status bar's says nothing here)."""
        self._show_syncing()
        if not running and self.workspace is not None and not self.workspace.is_locked \
                and self.pages.currentIndex() == 1:
            self._show_state()

    def _idle(self) -> None:
        """A request to the office server is over (also when a lock dropped its answer)."""
        self._busy(False)

    def _join(self) -> None:
        workspace, url, code = self.workspace, self.url.text(), self.code.text()
        self._busy(True)
        run_task(lambda _p: sync_join.join(workspace, url, code), workspace).always(self._idle).success(
            self._joined).failure(self._failed).start()

    def _joined(self, device: str) -> None:
        self.code.clear()
        self.status.show_done(_("This laptop joined the team as '{device}'.").format(device=device))
        self.fill()
        self.mark_clean()
        self.saved.emit()
        self._sync()

    def _sync(self) -> None:
        """Not beside the status bar's sync: the service would refuse it (the button says it is busy meanwhile)."""
        if sync_activity().running:
            return
        workspace = self.workspace
        task = run_task(lambda _p: sync_run.sync_now(workspace), workspace)
        sync_activity().watch(task)
        self._busy(True)
        task.always(self._idle).success(self._synced).failure(self._failed).start()

    def _synced(self, result) -> None:
        from borapp.services.sync import news

        self.status.show_done(" ".join([news.summary(result), *news.lines(result)]))
        self.fill()
        self.saved.emit()

    def _failed(self, exc: BaseException) -> None:
        self.status.show_problem(describe(exc))
        if self.pages.currentIndex() == 1:  # a failed sync is noted in the vault: the state says it
            self._show_state(offline=isinstance(exc, Offline))

    def _conflicts(self) -> None:
        from borapp.ui.dialogs.conflicts_dialog import ConflictsDialog

        self.conflicts_dialog = ConflictsDialog(self.workspace, self)
        self.conflicts_dialog.finished.connect(lambda _r: self.fill() if self.workspace else None)
        self.conflicts_dialog.open()

    def _leave(self) -> None:
        answer = QMessageBox.question(self, _("Leave the team"), _(
            "This laptop stops syncing. Its records stay here; changes not yet sent stay behind on this laptop. "
            "Leave the team?"))
        if answer == QMessageBox.StandardButton.Yes and self.attempt(
                lambda: sync_join.leave(self.workspace), _("This laptop left the team. Its records stay here.")):
            self.fill()
