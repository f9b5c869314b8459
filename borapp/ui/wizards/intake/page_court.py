"""Step 7: the court decision (beschikking): date, frequency, duration, build-up. Required on the court route,
optional during a supervision order, skipped on the own-initiative route."""

from __future__ import annotations


from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from borapp.i18n import _
from borapp.ui.widgets.date_field import DateField
from borapp.ui.wizards.intake.base_page import IntakePage, hint

NOTE_STYLE = "QLabel { background: palette(alternate-base); border-radius: 6px; padding: 8px 12px; }"


class CourtPage(IntakePage):
    NUMBER, NAME, STEP = 7, "court", "court"

    def __init__(self, context, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.setTitle(_("Court decision"))
        note = QLabel(_("Deviate from the court decision as little as possible: the frequency, duration and "
                        "build-up it sets are the starting point of the contract."))
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        self.body.addWidget(note)
        form = self.form = self.new_form()
        self.decided_on = DateField()
        self.decided_on.setMaximumWidth(160)
        self.field(form, "court_decision_on", _("Date of the decision"), self.decided_on)
        self.frequency = QLineEdit()
        self.frequency.setPlaceholderText(_("e.g. every two weeks, two hours"))
        self.field(form, "court_frequency", _("Frequency"), self.frequency)
        self.duration = QLineEdit()
        self.duration.setPlaceholderText(_("e.g. six months, then an evaluation"))
        self.field(form, "court_duration", _("Duration"), self.duration)
        self.buildup = QPlainTextEdit()
        self.buildup.setTabChangesFocus(True)
        self.buildup.setFixedHeight(96)
        self.buildup.setPlaceholderText(_("e.g. first three visits supervised throughout, then only the handover"))
        self.field(form, "court_buildup", _("Build-up"), self.buildup)
        self.optional_note = hint(_("Optional during a supervision order: fill it in when a court decision "
                                    "sets the contact."))
        self.body.addWidget(self.optional_note)
        self.body.addStretch()

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        required = self.wizard().route() == "court"
        self.setSubTitle(_("What the court decided about the contact.") if required else
                         _("Optional: only when a court decision sets the contact."))
        self.optional_note.setVisible(not required)
        label = self.form.labelForField(self.decided_on.parentWidget())  # the row's box: field and message
        if label is not None:
            label.setText(_("Date of the decision") + (" *" if required else ""))

    def read(self, data: dict) -> None:
        data["court_decision_on"] = self.decided_on.typed() or None
        data["court_frequency"], data["court_duration"] = self.frequency.text(), self.duration.text()
        data["court_buildup"] = self.buildup.toPlainText()

    def write(self, data: dict) -> None:
        when = data.get("court_decision_on")
        self.decided_on.set_typed(when or "")
        self.frequency.setText(data.get("court_frequency", ""))
        self.duration.setText(data.get("court_duration", ""))
        self.buildup.setPlainText(data.get("court_buildup", ""))

    def blank(self) -> None:
        self.decided_on.set_value(None)
        for edit in (self.frequency, self.duration, self.buildup):
            edit.clear()
