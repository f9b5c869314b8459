"""The visit record: planned, held (how it went, the child's voice), cancelled (by whom, why, how late) or not
shown up for (which parent did not come, without calling it off: no cancellation). A held visit's report can be
finished; from then on the editor shows it read-only, with its addenda, apart from the volunteer's expenses (claims
mostly come later, and are not part of the report)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from borapp.formatting import long_date
from borapp.i18n import N_, _
from borapp.services import typed_dates
from borapp.services.cases.labels import role_label
from borapp.services.visits import records
from borapp.services.visits.records import VisitDetail, VisitInput, VolunteerChoice
from borapp.ui.colours import WARNING, text_style
from borapp.ui.icons import icon
from borapp.ui.pages.cases.tabs.editor_panel import EditorPanel, inline, text_box
from borapp.ui.pages.cases.tabs.time_field import TimeField, time_text
from borapp.ui.pages.cases.tabs.visit_expenses import ExpensesSection
from borapp.ui.pages.cases.tabs.visit_report import ReportSection, report_state
from borapp.ui.widgets.date_field import DateField

HELD_LINES = ("brought_by", "collected_by", "others_present")
HELD_TEXTS = ("handover", "what_happened", "child_wellbeing", "child_voice", "incidents", "ended_early_reason")
STATE_ORDER = ("held", "cancelled", "no_show", "planned")
PLANNED_HINT = N_("Once the day has come, choose Held or Cancelled and record how it went.")
PAST_HINT = N_("This day has passed. Choose Held, Cancelled or Did not show up as it went; if it is "
               "still to come, check the year.")


class VisitEditor(EditorPanel):
    finish_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._report: dict = {}  # the stored state, the day the report was finished and its addenda (report_state)
        self._build_common()
        self._build_held()
        self.report = ReportSection(self)  # under the report, before the cancellation and the expenses
        self._build_cancelled()
        self._build_no_show()
        self.expenses = ExpensesSection(self)
        for button in self.state_buttons.values():
            button.toggled.connect(self._show_sections)
        self.on.edit.textChanged.connect(self._show_sections)  # the hint follows the date as it is typed
        self.ended_early.toggled.connect(self.ended_early_reason.setEnabled)
        self._build_finish_button()
        self.finish()

    def _build_finish_button(self) -> None:
        """"Finish report" beside Cancel and Save; made a child now, before them, so the tab order reads it first."""
        self.finish_button = QPushButton(icon("lock-simple"), _("Finish report"), self)
        self.finish_button.setAccessibleName(_("Finish the report of this visit"))
        self.finish_button.setToolTip(_("Once finished, the report can no longer be changed, only added to with "
                                        "addenda."))
        self.finish_button.clicked.connect(self.finish_requested)

    def finish(self) -> None:
        super().finish()
        self.footer_row.insertWidget(self.footer_row.indexOf(self.close_button), self.finish_button)

    # ---- the form ----------------------------------------------------------------------------------------------

    def _build_common(self) -> None:
        form = self.add_form()
        self.state_group = QButtonGroup(self)
        self.state_buttons: dict[str, QRadioButton] = {}
        for code in STATE_ORDER:
            button = QRadioButton(records.state_label(code))
            button.setAccessibleName(records.state_label(code))
            self.state_group.addButton(button)
            self.state_buttons[code] = button
        self.add_row(form, _("Status"), inline(*self.state_buttons.values()), "state", focus=self.state_buttons["held"])
        self.on = DateField(optional=False)
        self.add_row(form, _("Date"), self.on, "on", required=True)
        self.start, self.end = TimeField(), TimeField()
        self.start.setAccessibleName(_("Start time"))
        self.end.setAccessibleName(_("End time"))
        self.add_row(form, _("Time"), inline(self.start, QLabel(_("to")), self.end), "start_time", focus=self.start,
                     required=True)
        self.share_row("end_time", "start_time", self.end)
        self.place = QLineEdit()
        self.add_row(form, _("Place"), self.place, "place")
        self.volunteer = QComboBox()
        self.add_row(form, _("Supervised by"), self.volunteer, "volunteer_id")
        self.planned_hint = QLabel(_(PLANNED_HINT))
        self.planned_hint.setWordWrap(True)
        self.body_layout.addWidget(self.planned_hint)

    def _build_held(self) -> None:
        form = self.add_form(_("How the visit went"))
        self.held_box = form.parentWidget()
        roles = [records.canceller_label(code) for code in ("resident", "other", "volunteer")]
        labels = {"brought_by": _("Brought by"), "collected_by": _("Collected by"),
                  "others_present": _("Also present")}
        for name, label in labels.items():
            edit = QLineEdit()
            edit.setCompleter(QCompleter(roles, edit))
            setattr(self, name, edit)
            self.add_row(form, label, edit, name)
        self.others_present.setPlaceholderText(_("e.g. a grandparent, a sibling"))
        texts = {"handover": (_("Handover"), 2), "what_happened": (_("What happened"), 4),
                 "child_wellbeing": (_("How the child was"), 3), "child_voice": (_("What the child says"), 3),
                 "incidents": (_("Incidents"), 2)}
        for name, (label, lines) in texts.items():
            box = text_box(label, lines)
            setattr(self, name, box)
            self.add_row(form, label, box, name)
        self.handover.setPlaceholderText(_("Arrival and departure, how the parents handed over"))
        self.child_voice.setPlaceholderText(_("What the child said it needs, in its own words"))
        self.ended_early = QCheckBox(_("The visit ended early"))
        self.add_row(form, "", self.ended_early, "ended_early")
        self.ended_early.setAccessibleName(_("The visit ended early"))
        self.ended_early_reason = text_box(_("Why it ended early"), 2)
        self.add_row(form, _("Why it ended early"), self.ended_early_reason, "ended_early_reason")

    def _build_cancelled(self) -> None:
        form = self.add_form(_("Cancellation"))
        self.cancel_box = form.parentWidget()
        self.cancelled_by = QComboBox()
        self.cancelled_by.addItem(_("Choose…"), "")
        for code in records.CANCELLED_BY:
            self.cancelled_by.addItem(records.canceller_label(code), code)
        self.add_row(form, _("Cancelled by"), self.cancelled_by, "cancelled_by", required=True)
        self.cancel_reason = text_box(_("Reason"), 3)
        self.add_row(form, _("Reason"), self.cancel_reason, "cancel_reason", required=True)
        self.notice_hours = QSpinBox()
        self.notice_hours.setRange(-1, records.MAX_NOTICE_HOURS)
        self.notice_hours.setSpecialValueText(_("Not known"))
        self.notice_hours.setSuffix(" " + _("hours before"))
        self.add_row(form, _("Cancelled how late"), self.notice_hours, "notice_hours")
        self.cancelled_on = DateField()
        self.cancelled_on.setAccessibleName(_("Cancelled on"))
        self.cancelled_on.setToolTip(_("The day the visit was called off; the midway letter counts it as cancelled "
                                       "from that day."))
        self.add_row(form, _("Cancelled on"), self.cancelled_on, "cancelled_on")
        self.state_buttons["cancelled"].toggled.connect(self._called_off_now)

    def _build_no_show(self) -> None:
        form = self.add_form(_("Did not show up"))
        self.no_show_box = form.parentWidget()
        self.no_show_by = QComboBox()
        self.no_show_by.addItem(_("Choose…"), "")
        for code in records.NO_SHOW_BY:
            self.no_show_by.addItem(role_label(code), code)
        self.no_show_by.setToolTip(_("The parent who did not come and had not called the visit off. A visit called "
                                     "off, however late, is recorded as Cancelled."))
        self.add_row(form, _("Who did not show up"), self.no_show_by, "no_show_by", required=True)

    def _called_off_now(self, chosen: bool) -> None:
        """Choosing Cancelled dates the cancellation today (the visit's own day when that has passed), unless a day
        is already there; the coordinator types over it when it was called off earlier."""
        if not chosen or self._loading or self.cancelled_on.text().strip():
            return
        day = self.on.value_or_none()
        if day is not None:
            self.cancelled_on.set_value(records.called_off_today(day))

    def set_volunteers(self, choices: list[VolunteerChoice]) -> None:
        """Who can be named as supervising; keeps the one chosen in an open record."""
        chosen, name = self.volunteer.currentData(), self.volunteer.currentText()
        with self.loading():
            self.volunteer.clear()
            self.volunteer.addItem(_("Nobody named"), None)
            for choice in choices:
                self.volunteer.addItem(choice.name, choice.id)
            self._choose_volunteer(chosen, name)

    def _show_sections(self) -> None:
        state = self.current_state()
        self.held_box.setVisible(state == "held")
        self.cancel_box.setVisible(state == "cancelled")
        self.no_show_box.setVisible(state == "no_show")
        self.planned_hint.setVisible(state == "planned")
        day = self.on.value_or_none()
        past = state == "planned" and day is not None and day < dt.date.today()
        self.planned_hint.setText(_(PAST_HINT if past else PLANNED_HINT))  # a slip of the year, or not recorded yet
        self.planned_hint.setStyleSheet(text_style(WARNING) if past else "")
        self.expenses.box.setVisible(state != "planned" or self.expenses.has_claim())  # seen, and asked about
        self.finish_button.setVisible(self.record_id is not None and self._report.get("stored_state") == "held"
                                      and not self.finished and state == "held")

    @property
    def finished(self) -> bool:
        """The report was finished: the editor shows it read-only."""
        return bool(self._report.get("report_final_on"))

    def current_state(self) -> str:
        return next((code for code, button in self.state_buttons.items() if button.isChecked()), "held")

    # ---- state -------------------------------------------------------------------------------------------------

    def state(self) -> dict:
        state = {"record_id": self.record_id, "state": self.current_state(), "on": self.on.typed(),
                 "start_time": self.start.typed(), "end_time": self.end.typed(),
                 "place": self.place.text(), "volunteer_id": self.volunteer.currentData(),
                 "volunteer_name": self.volunteer.currentText() if self.volunteer.currentData() else "",
                 "ended_early": self.ended_early.isChecked(), "cancelled_by": self.cancelled_by.currentData() or "",
                 "cancel_reason": self.cancel_reason.toPlainText(),
                 "notice_hours": self.notice_hours.value() if self.notice_hours.value() >= 0 else None,
                 "cancelled_on": self.cancelled_on.typed(), "no_show_by": self.no_show_by.currentData() or ""}
        state.update({name: getattr(self, name).text() for name in HELD_LINES})
        state.update({name: getattr(self, name).toPlainText() for name in HELD_TEXTS})
        state.update(self.expenses.state())
        state.update(self._report)
        return state

    def fill(self, state: dict) -> None:
        self.on.set_typed(state.get("on") or dt.date.today().isoformat())
        on = self.on.value_or_none()
        self.title.setText(_("Visit of {date}").format(date=long_date(on)) if self.record_id and on else
                           _("New visit"))
        self.state_buttons.get(state.get("state", "held"), self.state_buttons["held"]).setChecked(True)
        self.start.set_typed(state.get("start_time"))
        self.end.set_typed(state.get("end_time"))
        self.place.setText(state.get("place", ""))
        self._choose_volunteer(state.get("volunteer_id"), state.get("volunteer_name", ""))
        for name in HELD_LINES:
            getattr(self, name).setText(state.get(name, ""))
        for name in HELD_TEXTS:
            getattr(self, name).setPlainText(state.get(name, ""))
        self.ended_early.setChecked(bool(state.get("ended_early")))
        self.ended_early_reason.setEnabled(self.ended_early.isChecked())
        self.cancelled_by.setCurrentIndex(max(0, self.cancelled_by.findData(state.get("cancelled_by", ""))))
        self.cancel_reason.setPlainText(state.get("cancel_reason", ""))
        notice = state.get("notice_hours")
        self.notice_hours.setValue(notice if isinstance(notice, int) else -1)
        self.cancelled_on.set_typed(state.get("cancelled_on") or "")
        self.no_show_by.setCurrentIndex(max(0, self.no_show_by.findData(state.get("no_show_by", ""))))
        self.expenses.fill(state)
        self._report = {name: state.get(name) for name in ("stored_state", "report_final_on", "addenda")}
        final_on = self._report["report_final_on"]
        self.report.fill(dt.date.fromisoformat(final_on) if final_on else None, self._report["addenda"] or [])
        self.set_read_only(self.finished, keep=(self.report.box, self.expenses.box))
        if self.finished:  # the claim mostly comes after the report was finished, and is not part of it
            self.save_button.setHidden(False)
            self._name_close_button(False)
        if not self.finished:
            self.ended_early_reason.setEnabled(self.ended_early.isChecked())
        self._show_sections()

    def _choose_volunteer(self, volunteer_id: int | None, name: str) -> None:
        index = self.volunteer.findData(volunteer_id)
        if index < 0 and volunteer_id is not None:
            self.volunteer.addItem(name or "?", volunteer_id)
            index = self.volunteer.count() - 1
        self.volunteer.setCurrentIndex(max(0, index))

    def focus_first(self) -> None:
        self.state_buttons[self.current_state()].setFocus()


def detail_state(detail: VisitDetail) -> dict:
    """A saved visit as the editor's state; a planned visit opens as "held", the usual next step once its day came."""
    state = "held" if detail.state == "planned" and detail.on <= dt.date.today() else detail.state
    return {"record_id": detail.id, "state": state, "on": detail.on.isoformat(),
            "start_time": time_text(detail.start_time), "end_time": time_text(detail.end_time),
            "place": detail.place, "volunteer_id": detail.volunteer_id, "volunteer_name": detail.volunteer_name,
            "ended_early": detail.ended_early, "cancelled_by": detail.cancelled_by,
            "cancel_reason": detail.cancel_reason, "notice_hours": detail.notice_hours,
            "cancelled_on": detail.cancelled_on.isoformat() if detail.cancelled_on else "",
            "no_show_by": detail.no_show_by,
            **{name: getattr(detail, name) for name in (*HELD_LINES, *HELD_TEXTS)}, **report_state(detail)}


def visit_input(case_id: int, state: dict) -> VisitInput:
    return VisitInput(
        case_id=case_id, visit_id=state.get("record_id"), state=state.get("state", "held"),
        on=typed_dates.parse_date(state.get("on") or "", what=_("Date")),
        start_time=typed_dates.parse_time(state.get("start_time") or "", what=_("Start time")),
        end_time=typed_dates.parse_time(state.get("end_time") or "", what=_("End time")),
        place=state.get("place", ""), volunteer_id=state.get("volunteer_id"),
        ended_early=bool(state.get("ended_early")), cancelled_by=state.get("cancelled_by", ""),
        cancel_reason=state.get("cancel_reason", ""), notice_hours=state.get("notice_hours"),
        cancelled_on=typed_dates.parse_date(state.get("cancelled_on") or "", what=_("Cancelled on"))
        if state.get("state") == "cancelled" else None,
        no_show_by=state.get("no_show_by", ""),
        **{name: state.get(name, "") for name in (*HELD_LINES, *HELD_TEXTS)},
    )
