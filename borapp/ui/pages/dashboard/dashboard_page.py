"""Vandaag: what needs the coordinator today, in cards with counts; every item opens its case or volunteer."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from borapp.formatting import long_date
from borapp.i18n import _
from borapp.services import dashboard, first_day
from borapp.services.dashboard import Dashboard, DashboardItem
from borapp.services.vault.workspace import Workspace
from borapp.ui.pages.base import Page
from borapp.ui.pages.dashboard.card_columns import COLUMNS, CardColumns
from borapp.ui.pages.dashboard.first_day_card import FirstDayCard
from borapp.ui.pages.dashboard.section_card import MAX_ROWS, SectionCard
from borapp.ui.widgets.scrolling import vertical_scroll

# The case file's tab an item opens on: where the thing it names is done.
CASE_TABS = {"evaluations_due": "evaluations", "contracts_unsigned": "agreements", "visits_this_week": "visits",
             "long_trajectories": "visits"}
MINE_ONLY_KEY = "dashboard/mine_only"
WARNING, NEWS = ("#FDE7C2", "#5C3B00"), ("#E3EEF9", "#163B5C")  # (background, text) of the notices over the cards


def _notice(widget: QLabel | QPushButton, name: str, colours: tuple[str, str]) -> QLabel | QPushButton:
    """A banner over the cards, hidden until it has something to say; a button one reads as text too."""
    background, text = colours
    button = " text-align: left; border: none;" if isinstance(widget, QPushButton) else ""
    widget.setObjectName(name)
    widget.setStyleSheet(f"{type(widget).__name__} {{ background: {background}; color: {text}; border-radius: 6px; "
                         f"padding: 8px 12px;{button} }}")
    if isinstance(widget, QLabel):
        widget.setWordWrap(True)
    widget.hide()
    return widget


class DashboardPage(Page):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None, *, on: dt.date | None = None):
        super().__init__(workspace, parent)
        self.on = on  # a fixed day for tests and screenshots; None is today
        self.board: Dashboard | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 0)
        layout.addLayout(self._header())
        self.backup_warning = _notice(QLabel(), "backupWarning", WARNING)
        layout.addWidget(self.backup_warning)
        self.privacy_reminder = _notice(QLabel(), "privacyReminder", WARNING)
        layout.addWidget(self.privacy_reminder)
        # a click opens Settings → Team, where the conflicts are settled
        self.conflicts_notice = _notice(QPushButton(), "conflictsNotice", WARNING)
        self.conflicts_notice.clicked.connect(lambda: self.go_to.emit("settings/team"))
        layout.addWidget(self.conflicts_notice)
        # case numbers made final, typing kept: what the last week's syncs changed
        self.sync_news = _notice(QLabel(), "syncNews", NEWS)
        self.sync_news.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.sync_news)
        self.cards: dict[str, SectionCard] = {}
        layout.addWidget(self._scroll_area(), 1)

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        title = QLabel(_("Today"))
        title.setObjectName("pageTitle")
        row.addWidget(title)
        self.date_label = QLabel()
        self.date_label.setStyleSheet("color: palette(placeholder-text); padding-top: 4px;")
        row.addWidget(self.date_label)
        row.addStretch()
        self.mine_only = QCheckBox(_("Only my cases"))
        self.mine_only.setAccessibleName(_("Only my cases"))
        self.mine_only.setToolTip(_("Show only cases where you are the coordinator. Volunteers stay visible."))
        self.mine_only.setChecked(QSettings().value(MINE_ONLY_KEY, False, type=bool))
        self.mine_only.toggled.connect(self._mine_only_toggled)
        row.addWidget(self.mine_only)
        return row

    def _scroll_area(self) -> QScrollArea:
        content = QWidget()
        rows = QVBoxLayout(content)
        rows.setContentsMargins(0, 4, 0, 12)
        rows.setSpacing(12)
        self.first_day = FirstDayCard()
        self.first_day.go_to.connect(self.go_to)
        self.first_day.put_away.connect(self._put_away_first_day)
        self.first_day.hide()
        rows.addWidget(self.first_day)
        for key in (key for keys in COLUMNS for key in keys):
            card = SectionCard(key)
            card.item_activated.connect(self._activate)
            card.go_to.connect(self.go_to)
            card.show_whole.connect(self._show_whole)
            self.cards[key] = card
        self.card_columns = CardColumns(self.cards)
        rows.addWidget(self.card_columns, 1)
        return vertical_scroll(content)

    # ---- Page -------------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.mine_only.setEnabled(self.workspace.coordinator_id is not None)
        mine = self.mine_only.isChecked() and self.mine_only.isEnabled()
        whole = frozenset(key for key, card in self.cards.items() if card.whole)
        self.board = dashboard.today(self.workspace, self.on, mine_only=mine, limit=MAX_ROWS, whole=whole)
        self.date_label.setText(long_date(self.board.on))
        for section in self.board.sections:
            if section.key in self.cards:
                self.cards[section.key].set_section(section)
        self.card_columns.empty_last()
        self.privacy_reminder.setText(self.board.privacy_reminder)
        self.privacy_reminder.setVisible(bool(self.board.privacy_reminder))
        self.conflicts_notice.setText(self.board.conflicts_notice)
        self.conflicts_notice.setVisible(bool(self.board.conflicts_notice))
        self.sync_news.setText(self.board.sync_news)
        self.sync_news.setVisible(bool(self.board.sync_news))
        steps = first_day.checklist(self.workspace)
        self.first_day.set_steps(steps)
        self.first_day.setVisible(bool(steps))
        # the checklist's open backup step says it already, with its button: the same thing twice was one too many
        said = any(step.key == "backups" and not step.done for step in steps)
        warning = "" if said else self.board.backup_warning
        self.backup_warning.setText(warning)
        self.backup_warning.setVisible(bool(warning))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.card_columns.arrange(event.size().width())

    def clear(self) -> None:
        self.board = None
        self.date_label.clear()
        self.backup_warning.clear()
        self.backup_warning.hide()
        self.privacy_reminder.clear()
        self.privacy_reminder.hide()
        self.conflicts_notice.setText("")
        self.conflicts_notice.hide()
        self.sync_news.clear()
        self.sync_news.hide()
        for card in self.cards.values():
            card.clear()
        self.first_day.clear()
        self.first_day.hide()

    # ---- actions ----------------------------------------------------------------------------------------------------

    def _mine_only_toggled(self, checked: bool) -> None:
        QSettings().setValue(MINE_ONLY_KEY, checked)
        if not self.workspace.is_locked:
            self.refresh()

    def _show_whole(self, _key: str, _whole: bool) -> None:
        if not self.workspace.is_locked:
            self.refresh()

    def _put_away_first_day(self) -> None:
        first_day.put_away(self.workspace)
        self.refresh()  # without the list, the backup warning it stood for shows

    def _activate(self, item: DashboardItem) -> None:
        if item.draft_key:
            self.resume_draft.emit(item.draft_key)
        elif item.letter_kind and item.case_id is not None:  # the case's letters, that letter ready to be made
            self.go_to.emit(f"cases/letter/{item.case_id}/{item.letter_kind}")
        elif item.letter_id is not None:  # the letter itself, chosen in the outbox, to check and send
            self.go_to.emit(f"outbox/letter/{item.letter_id}")
        elif item.case_id is not None and item.kind in CASE_TABS:  # the case, on the tab where the work is
            self.go_to.emit(f"cases/case/{item.case_id}/{CASE_TABS[item.kind]}")
        elif item.case_id is not None:
            self.open_case.emit(item.case_id)
        elif item.volunteer_id is not None:
            self.open_volunteer.emit(item.volunteer_id)
