"""One parent's details in a form; a confidential address is masked (•••• and a lock) until "Show" is pressed, and
"Hide" masks it again (the other parent may come to sit beside her)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from borapp.i18n import _
from borapp.services.validation import email_problem, phone_problem, postcode_problem
from borapp.ui.icons import icon
from borapp.ui.widgets.forms import add_field

MASK = "••••"
ADDRESS_FIELDS = ("address", "postcode", "city")


class ParentForm(QGroupBox):
    reveal_requested = Signal(str)  # the parent's role
    hide_requested = Signal(str)  # the parent's role: a shown confidential address goes behind •••• again

    def __init__(self, role: str, title: str, bind: Callable, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.role = role
        self.masked = False
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow window: a label above its field
        self.name = self._line(bind, "name", _("Name"), required=True)
        self.masked_row = self._masked_row()
        self.address = self._line(bind, "address", _("Street and number"))
        self.postcode = self._line(bind, "postcode", _("Postcode"), check=postcode_problem)
        self.postcode.setMaxLength(7)
        self.city = self._line(bind, "city", _("City"))
        self.confidential = QCheckBox(_("Confidential address (never shown to the other parent)"))
        self.confidential.setAccessibleName(_("Confidential address"))
        self.hide_button = QPushButton(icon("eye-slash"), _("Hide"))
        self.hide_button.setAccessibleName(_("Hide the confidential address of the {who}").format(
            who=self.title().lower()))
        self.hide_button.clicked.connect(lambda: self.hide_requested.emit(self.role))
        self.hide_button.setVisible(False)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.confidential)
        line.addStretch()
        line.addWidget(self.hide_button)
        self.form.addRow("", row)
        bind(f"{role}.address_confidential", self.confidential)
        self.email = self._line(bind, "email", _("E-mail"), check=email_problem)
        self.phone = self._line(bind, "phone", _("Phone"), check=phone_problem)

    def _line(self, bind: Callable, field: str, label: str, *, required: bool = False,
              check: Callable[[str], str] | None = None) -> QLineEdit:
        edit = QLineEdit()
        message = add_field(self.form, label, edit, required=required)
        edit.setAccessibleName(f"{label} ({self.title()})")
        bind(f"{self.role}.{field}", edit, message)
        if check is not None:  # checked when the field is left, not at every keystroke
            edit.editingFinished.connect(lambda: message.show_message(check(edit.text())))
        return edit

    def _masked_row(self) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        lock = QLabel()
        lock.setPixmap(icon("lock-simple").pixmap(QSize(16, 16)))
        lock.setAccessibleName(_("Locked"))
        hidden = QLabel(MASK)
        hidden.setAccessibleName(_("Confidential address, hidden"))
        self.show_button = QPushButton(icon("eye"), _("Show"))
        self.show_button.setAccessibleName(_("Show the confidential address of the {who}").format(
            who=self.title().lower()))
        self.show_button.setToolTip(_("Showing the address is written to the access log."))
        self.show_button.clicked.connect(lambda: self.reveal_requested.emit(self.role))
        line.addWidget(lock)
        line.addWidget(hidden)
        line.addWidget(self.show_button)
        line.addStretch()
        self.form.addRow(_("Address"), row)
        return row

    def set_masked(self, masked: bool, shown: bool = False) -> None:
        """Hide the address fields behind •••• (a confidential address not shown yet), or show them; `shown`: a
        confidential address shown on request, which "Hide" can mask again."""
        self.form.setRowVisible(self.masked_row, masked)
        for edit in (self.address, self.postcode, self.city):
            self.form.setRowVisible(edit.parentWidget(), not masked)
        self.confidential.setEnabled(not masked)
        self.confidential.setToolTip(_("Show the address first to change this.") if masked else "")
        self.masked = masked
        self.hide_button.setVisible(shown and not masked)
