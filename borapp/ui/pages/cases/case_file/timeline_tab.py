"""Tijdlijn: the case's steps and events, newest first; a step's date can be corrected. Beside it the case's own
notes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox, QHBoxLayout, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from borapp.formatting import short_date
from borapp.i18n import N_, _
from borapp.services.cases import editing
from borapp.services.cases.case_file import CaseFile
from borapp.services.cases.timeline import TimelineEntry
from borapp.ui.icons import icon
from borapp.ui.pages.cases.case_file.form_tab import FormTab, text_box
from borapp.ui.pages.cases.case_file.step_date_dialog import StepDateDialog
from borapp.ui.pages.cases.privacy.privacy_box import PrivacyBox

KIND_ICONS = {"status": "flag", "handover": "user-switch", "contract": "file-text", "visit": "calendar-check",
              "evaluation": "chats", "letter": "envelope-simple", "attachment": "paperclip",
              "colleague": "arrows-clockwise", "clash": "warning-circle"}
KIND_LABELS = {"status": N_("Step"), "handover": N_("Hand-over"), "contract": N_("Contract"), "visit": N_("Visit"),
               "evaluation": N_("Evaluation"), "letter": N_("Letter"), "attachment": N_("Attachment"),
               "colleague": N_("From a colleague"), "clash": N_("Clashed with a colleague's change")}


TITLE_WIDTH, MAX_TITLE_WIDTH = 340, 460


class TimelineTab(FormTab):
    key = "timeline"

    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(workspace, parent)
        row = QHBoxLayout(self.body)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(_("Timeline"))
        self.tree.setHeaderLabels([_("Date"), _("What"), _("Details")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setColumnWidth(0, 96)
        self.tree.setColumnWidth(1, TITLE_WIDTH)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.currentItemChanged.connect(lambda *_a: self._enable_correction())
        self.correct_button = QPushButton(icon("pencil-simple"), _("Correct the date…"))
        self.correct_button.setAccessibleName(_("Correct the date of the chosen step"))
        self.correct_button.setToolTip(_("A step recorded with the wrong date: the history, the closing date and "
                                         "the annual report follow the corrected date."))
        self.correct_button.clicked.connect(self.correct_date)
        self.date_dialog: StepDateDialog | None = None
        events = QVBoxLayout()
        events.addWidget(self.tree, 1)
        tools = QHBoxLayout()
        tools.addWidget(self.correct_button)
        tools.addStretch()
        events.addLayout(tools)
        row.addLayout(events, 5)
        box = QGroupBox(_("Case notes"))
        column = QVBoxLayout(box)
        notes = text_box(_("Case notes"), 220)
        notes.setMinimumHeight(160)
        notes.setMaximumHeight(16777215)
        notes.setPlaceholderText(_("Notes for yourself and other coordinators; they are searched too."))
        column.addWidget(notes, 1)
        self.bind("notes", notes)
        side = QVBoxLayout()
        side.addWidget(box, 1)
        self.privacy = PrivacyBox()
        side.addWidget(self.privacy)
        row.addLayout(side, 2)

    def fill(self, facts: CaseFile) -> None:
        chosen = self._chosen()
        self.tree.clear()
        for entry in facts.timeline:
            item = QTreeWidgetItem([short_date(entry.on), entry.title, entry.detail.replace("\n", " · ")])
            item.setData(0, Qt.ItemDataRole.UserRole, entry)
            item.setIcon(1, icon(KIND_ICONS.get(entry.kind, "dot")))
            item.setToolTip(1, entry.title)
            item.setToolTip(2, entry.detail)
            item.setData(1, Qt.ItemDataRole.AccessibleDescriptionRole, _(KIND_LABELS.get(entry.kind, entry.kind)))
            self.tree.addTopLevelItem(item)
            if chosen is not None and entry.step_id == chosen.step_id and entry.step_id is not None:
                self.tree.setCurrentItem(item)
        self._fit_titles()
        self._enable_correction()
        self.set_values({"notes": facts.notes})
        self.privacy.show_case(self.workspace, facts.id, facts.ref)

    def _fit_titles(self) -> None:
        """"What" as wide as its longest title ("Omgangsmoment afgezegd door de uitwonende ouder" was cut off; a
        tree row does not wrap), within bounds that leave the details room."""
        self.tree.setColumnWidth(1, max(TITLE_WIDTH, min(self.tree.sizeHintForColumn(1) + 12, MAX_TITLE_WIDTH)))

    def save_values(self, values: dict) -> None:
        editing.save_notes(self.workspace, self.case_id, values["notes"])

    def clear(self) -> None:
        if self.date_dialog is not None:
            self.date_dialog.reject()
            self.date_dialog = None
        super().clear()
        self.tree.clear()
        self._enable_correction()

    # ---- correcting a step's date -------------------------------------------------------------------------------

    def _chosen(self) -> TimelineEntry | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _enable_correction(self) -> None:
        entry = self._chosen()
        self.correct_button.setEnabled(entry is not None and entry.step_id is not None and self.facts is not None
                                       and entry.step_id in self.facts.step_spans)

    def correct_date(self) -> None:
        entry = self._chosen()
        if entry is None or entry.step_id is None or self.facts is None:
            return
        span = self.facts.step_spans.get(entry.step_id)
        if span is None:
            return
        self.date_dialog = StepDateDialog(self.workspace, self.facts.id, self.facts.ref, entry, span, self)
        self.date_dialog.accepted.connect(self.changed)  # the header, the history and this list read it again
        self.date_dialog.finished.connect(self._dialog_closed)
        self.date_dialog.open()

    def _dialog_closed(self, _result: int) -> None:
        self.date_dialog = None
