"""Tijdlijn: the case's steps and events, newest first, read-only; beside it the case's own notes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from borapp.formatting import short_date
from borapp.i18n import N_, _
from borapp.services.cases import editing
from borapp.services.cases.case_file import CaseFile
from borapp.ui.icons import icon
from borapp.ui.pages.cases.case_file.form_tab import FormTab, text_box
from borapp.ui.pages.cases.privacy.privacy_box import PrivacyBox

KIND_ICONS = {"status": "flag", "handover": "user-switch", "contract": "file-text", "visit": "calendar-check",
              "evaluation": "chats", "letter": "envelope-simple", "attachment": "paperclip",
              "colleague": "arrows-clockwise"}
KIND_LABELS = {"status": N_("Step"), "handover": N_("Hand-over"), "contract": N_("Contract"), "visit": N_("Visit"),
               "evaluation": N_("Evaluation"), "letter": N_("Letter"), "attachment": N_("Attachment"),
               "colleague": N_("From a colleague")}


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
        self.tree.setColumnWidth(1, 340)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row.addWidget(self.tree, 5)
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
        self.tree.clear()
        for entry in facts.timeline:
            item = QTreeWidgetItem([short_date(entry.on), entry.title, entry.detail.replace("\n", " · ")])
            item.setIcon(1, icon(KIND_ICONS.get(entry.kind, "dot")))
            item.setToolTip(1, entry.title)
            item.setToolTip(2, entry.detail)
            item.setData(1, Qt.ItemDataRole.AccessibleDescriptionRole, _(KIND_LABELS.get(entry.kind, entry.kind)))
            self.tree.addTopLevelItem(item)
        self.set_values({"notes": facts.notes})
        self.privacy.show_case(self.workspace, facts.id, facts.ref)

    def save_values(self, values: dict) -> None:
        editing.save_notes(self.workspace, self.case_id, values["notes"])

    def clear(self) -> None:
        super().clear()
        self.tree.clear()
