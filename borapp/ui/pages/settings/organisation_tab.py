"""The organisation's details, letterhead and the language of its letters (used on contracts and letters)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
)

from borapp.i18n import N_, _
from borapp.services import settings
from borapp.services.documents.letterhead import logo_bytes, logo_from_file
from borapp.services.errors import ValidationError
from borapp.services.validation import email_problem, phone_problem
from borapp.ui.pages.settings.section import SettingsSection, button_row
from borapp.ui.widgets.forms import add_field

LOGO_PREVIEW = QSize(240, 60)
LETTER_LANGUAGES = (("nl", "Nederlands"), ("en", "English"))
FIELDS = (("organisation.name", "Name"), ("organisation.address", "Address"), ("organisation.phone", "Phone"),
          ("organisation.email", "E-mail"), ("organisation.website", "Website"))


class OrganisationTab(SettingsSection):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.title_msgid = N_("Organisation")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 240, 0)  # a readable line length on a wide screen
        self.edits: dict[str, QLineEdit] = {}
        self.messages = {}
        for key, label in FIELDS:
            edit = QLineEdit()
            self.edits[key] = edit
            self.messages[key] = add_field(form, _(label), edit)
        self.logo_preview = QLabel()
        self.logo_preview.setFixedHeight(64)
        self.logo_preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        logo_row = QHBoxLayout()
        choose = QPushButton(_("Choose logo…"))
        remove = QPushButton(_("Remove logo"))
        logo_row.addWidget(self.logo_preview)
        logo_row.addWidget(choose)
        logo_row.addWidget(remove)
        logo_row.addStretch()
        form.addRow(_("Logo"), logo_row)
        self.letters_language = QComboBox()
        for code, name in LETTER_LANGUAGES:
            self.letters_language.addItem(name, code)
        self.letters_language.setAccessibleName(_("Letters' language"))
        self.letters_language.setToolTip(_("New letters and contracts are made in this language, whatever the "
                                           "language of the screen."))
        form.addRow(_("Letters' language"), self.letters_language)
        layout.addLayout(form)
        save = QPushButton(_("Save"))
        layout.addLayout(button_row(save))
        layout.addWidget(self.status)
        layout.addStretch()
        self._logo = ""
        save.clicked.connect(self._save)
        self.save_on_keys(save, *self.edits.values())
        choose.clicked.connect(self._choose_logo)
        remove.clicked.connect(lambda: self._set_logo(""))

    def fill(self) -> None:
        values = settings.read_all(self.workspace)
        for key, edit in self.edits.items():
            edit.setText(values[key])
        self._set_logo(values["organisation.logo"])
        self.letters_language.setCurrentIndex(max(self.letters_language.findData(values["language"]), 0))

    def clear(self) -> None:
        super().clear()
        for edit in self.edits.values():
            edit.clear()
        self._set_logo("")

    def extra_values(self) -> dict[str, object]:
        return {"logo": self._logo}

    def put_back_extra(self, values: dict[str, object]) -> None:
        if isinstance(values.get("logo"), str):
            self._set_logo(values["logo"])

    def _set_logo(self, encoded: str) -> None:
        self._logo = encoded
        pixmap = QPixmap()
        if encoded:
            pixmap.loadFromData(logo_bytes(encoded))
        # within a box: scaled to its height alone, a very wide logo pushed the form off the screen
        self.logo_preview.setPixmap(pixmap.scaled(LOGO_PREVIEW, Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation)
                                    if not pixmap.isNull() else QPixmap())

    def _choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Choose logo"), "", _("Images (*.png *.jpg *.jpeg)"))
        if not path:
            return
        encoded = []
        if self.attempt(lambda: encoded.append(logo_from_file(Path(path))), _("Logo chosen; press Save to keep it.")):
            self._set_logo(encoded[0])

    def _save(self) -> None:
        problems = {"organisation.email": email_problem(self.edits["organisation.email"].text()),
                    "organisation.phone": phone_problem(self.edits["organisation.phone"].text())}
        for key, message in self.messages.items():
            message.show_message(problems.get(key, ""))
        if any(problems.values()):  # the green "Opgeslagen." of an earlier save stayed beside the refusal
            self.status.show_problem(_("Not saved: check the marked fields."))
            return
        values = {key: edit.text() for key, edit in self.edits.items()}
        values["organisation.logo"] = self._logo
        values["language"] = self.letters_language.currentData()

        def store():
            if not values["organisation.name"].strip():
                raise ValidationError(_("Enter the organisation's name; it heads every letter."))
            settings.write_settings(self.workspace, values)

        self.attempt(store, _("Saved."), saves=True)
