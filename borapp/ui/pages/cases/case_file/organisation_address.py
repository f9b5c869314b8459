"""Under the Verwijzing tab's referrer and commissioning party: the organisation's postal address as its letters
print it, and "Edit organisation…" to change it (name, kind, contact person, address, e-mail, phone) in a dialog.
What is changed there is the organisation's, for every case that names it (Settings → Referrers lists them all).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from borapp.i18n import _
from borapp.services.errors import BorError, ValidationError
from borapp.services.organisations import referrers
from borapp.services.organisations.addresses import one_line
from borapp.ui.kept_typing import keep_as
from borapp.ui.widgets.discard_question import AsksBeforeDiscarding
from borapp.ui.widgets.forms import FieldMessage
from borapp.ui.widgets.organisation_form import OrganisationForm


class OrganisationAddress(QWidget):
    """The address line and the edit button; `edit_requested(id)` asks the tab to open the dialog."""

    edit_requested = Signal(int)

    def __init__(self, whose: str, parent: QWidget | None = None):
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAccessibleName(_("Postal address of the {whose}").format(whose=whose))
        self.button = QPushButton(_("Edit organisation…"))
        self.button.setAccessibleName(_("Edit the organisation of the {whose}").format(whose=whose))
        row.addWidget(self.label, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignTop)
        self._id: int | None = None
        self.button.clicked.connect(lambda: self._id is not None and self.edit_requested.emit(self._id))

    def show_for(self, name: str, found: referrers.OrganisationRow | None) -> None:
        self._id = found.id if found is not None else None
        self.button.setEnabled(found is not None)
        if found is not None and found.address:
            text = _("Postal address: {address}").format(address=one_line(found.address))
        elif found is not None:
            text = _("No postal address yet: letters get a line to fill in.")
        elif name.strip():
            text = _("A new organisation: save, then add its postal address with “Edit organisation…”.")
        else:
            text = ""
        self.label.setText(text)


class OrganisationDialog(AsksBeforeDiscarding, QDialog):
    """One organisation's details; Save writes through the service, `saved(id)` tells the tab to show them."""

    saved = Signal(int)

    def __init__(self, workspace, row: referrers.OrganisationRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.workspace, self.organisation_id = workspace, row.id
        self.setWindowTitle(_("Organisation: {name}").format(name=row.name))
        keep_as(self, f"organisation/{row.id}/edit")
        layout = QVBoxLayout(self)
        note = QLabel(_("These details are the organisation's, for every case that names it."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.form = OrganisationForm()
        self.form.set_row(row)
        layout.addWidget(self.form)
        self.general = FieldMessage()
        layout.addWidget(self.general)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 460)
        self.remember_typing()

    def save(self) -> None:
        self.general.show_message("")
        if not self.form.check():
            return
        try:
            referrers.save_organisation(self.workspace, self.form.values(), self.organisation_id)
        except ValidationError as exc:
            if exc.field in self.form.messages:
                self.form.show_problems({exc.field: str(exc)})
            else:
                self.general.show_message(str(exc))
            return
        except BorError as exc:
            self.general.show_message(str(exc))
            return
        self.saved.emit(self.organisation_id)
        self.accept()
