"""Plan a series of visits: the first date, how many, how many days apart, the times and the place. Cancel and
Escape ask before what was typed is thrown away."""

from __future__ import annotations

import datetime as dt

from babel.lists import format_list
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from borapp.formatting import long_date
from borapp.i18n import _, babel_locale, ngettext
from borapp.services.errors import BorError, ValidationError
from borapp.services.vault.workspace import Workspace
from borapp.services.visits import records, vog_check
from borapp.services.matching.ranking import slot_labels
from borapp.services.visits.availability import outside_availability
from borapp.services.visits.public_holidays import holidays_on
from borapp.ui.kept_typing import keep_as
from borapp.ui.pages.cases.tabs.editor_panel import inline
from borapp.ui.pages.cases.tabs.time_field import TimeField
from borapp.ui.widgets.date_field import DateField, refuse_unreadable
from borapp.ui.widgets.discard_question import AsksBeforeDiscarding
from borapp.ui.widgets.forms import FieldMessage, add_field, grow_with_messages, required_note


class PlanSeriesDialog(AsksBeforeDiscarding, QDialog):
    def __init__(self, workspace: Workspace, case_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace, self.case_id = workspace, case_id
        self.planned_ids: list[int] = []
        self.setWindowTitle(_("Plan a series of visits"))
        keep_as(self, f"case/{case_id}/plan-series")
        self.setAccessibleName(self.windowTitle())
        defaults = records.planning_defaults(workspace, case_id)
        self.agreed, self.scheduled = defaults.agreed, defaults.scheduled
        self.volunteer_name, self.volunteer_slots = defaults.volunteer_name, defaults.volunteer_slots
        self.volunteer_vogs = vog_check.case_volunteer_vogs(workspace, case_id)
        layout = QVBoxLayout(self)
        intro = QLabel(_("A trajectory is usually 6 to 12 visits. You can change or delete each planned visit "
                         "later.") if not defaults.agreed else
                       ngettext("The contract agrees {agreed} visits; {scheduled} is held or planned. You can "
                                "change or delete each planned visit later.",
                                "The contract agrees {agreed} visits; {scheduled} are held or planned. You can "
                                "change or delete each planned visit later.", defaults.scheduled).format(
                           agreed=defaults.agreed, scheduled=defaults.scheduled))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)
        self._build(form, defaults)
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        self.holidays = FieldMessage()  # a warning: visits that fall on a public holiday
        self.holidays.setAccessibleName(_("Visits on a public holiday"))
        layout.addWidget(self.holidays)
        self.unavailable = FieldMessage()  # a warning: visits when the volunteer said she is not available
        self.unavailable.setAccessibleName(_("Visits when the volunteer is not available"))
        layout.addWidget(self.unavailable)
        self.vog = FieldMessage()  # a warning: visits after the volunteer's VOG is due for renewal
        self.vog.setAccessibleName(_("Visits after the VOG is due for renewal"))
        layout.addWidget(self.vog)
        self.past = FieldMessage()  # a warning: dates already gone by (a slip of the year, or recorded late)
        self.past.setAccessibleName(_("Visits on days gone by"))
        layout.addWidget(self.past)
        self.too_many = FieldMessage()  # a warning: more visits in all than a trajectory has
        self.too_many.setAccessibleName(_("More visits than a trajectory has"))
        layout.addWidget(self.too_many)
        self.problem = FieldMessage()
        layout.addWidget(self.problem)
        layout.addWidget(required_note())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.plan_button = buttons.addButton(_("Plan"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.plan_button.setDefault(True)
        buttons.accepted.connect(self.plan)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # while typing too: a date that cannot be read clears the preview instead of leaving the last one standing
        for signal in (self.first_on.changed, self.first_on.edit.textEdited, self.count.valueChanged,
                       self.every_days.valueChanged, self.start.changed):
            signal.connect(self._update_preview)
        self._update_preview()
        grow_with_messages(self, 520)  # a refused date reads whole, not drawn over the row below
        self.remember_typing()  # the defaults offered: anything else is typing that Escape would lose

    def _build(self, form: QFormLayout, defaults: records.SeriesDefaults) -> None:
        self.first_on = DateField(optional=False)
        self.first_on.set_value(defaults.first_on)
        self.count = QSpinBox()
        self.count.setRange(1, records.MAX_SERIES)
        self.count.setValue(defaults.count)
        self.every_days = QSpinBox()
        self.every_days.setRange(1, records.MAX_INTERVAL_DAYS)
        self.every_days.setValue(defaults.every_days)
        self.every_days.setSuffix(" " + _("days"))
        self.start, self.end = TimeField(), TimeField()
        self.start.set_value(defaults.start)
        self.end.set_value(defaults.end)
        self.start.setAccessibleName(_("Start time"))
        self.end.setAccessibleName(_("End time"))
        self.place = QLineEdit(defaults.place)
        self.messages = {
            "first_on": add_field(form, _("First visit"), self.first_on, required=True),
            "count": add_field(form, _("Number of visits"), self.count, required=True),
            "every_days": add_field(form, _("Every"), self.every_days, required=True),
            "start_time": add_field(form, _("Time"), inline(self.start, QLabel(_("to")), self.end), required=True),
            "place": add_field(form, _("Place"), self.place),
        }
        self.messages["end_time"] = self.messages["start_time"]
        self.focus = {"first_on": self.first_on, "count": self.count, "every_days": self.every_days,
                      "start_time": self.start, "end_time": self.end, "place": self.place}
        if defaults.volunteer_name:
            form.addRow(_("Supervised by"), QLabel(defaults.volunteer_name))
        else:
            form.addRow(_("Supervised by"), QLabel(_("No volunteer matched yet; name one per visit later.")))

    def _update_preview(self) -> None:
        first, count = self.first_on.value_or_none(), self.count.value()
        self._say_holidays(first, count)
        self._say_unavailable(first, count)
        self._say_past(first, count)
        self._say_vog(first, count)
        self._say_too_many(count)
        if first is None:
            self.preview.clear()
            return
        if count == 1:
            text = _("One visit, on {date}.").format(date=long_date(first))
        else:
            last = first + dt.timedelta(days=(count - 1) * self.every_days.value())
            text = _("{n} visits, from {first} to {last}.").format(n=count, first=long_date(first),
                                                                   last=long_date(last))
        self.preview.setText(text + self._beyond_agreed(count))

    def _beyond_agreed(self, count: int) -> str:
        """Said, not refused: a court decision often fixes the number, but a trajectory may be extended."""
        extra = self.scheduled + count - self.agreed
        if not self.agreed or extra <= 0:
            return ""
        return " " + ngettext("That is {n} more than the {agreed} agreed in the contract.",
                              "That is {n} more than the {agreed} agreed in the contract.", extra).format(
            n=extra, agreed=self.agreed)

    def _say_past(self, first: dt.date | None, count: int) -> None:
        """Said, not refused: a series may be entered late, but each past visit then still needs recording."""
        days = records.series_dates(first, count, self.every_days.value()) if first else []
        past = sum(1 for day in days if day < dt.date.today())
        self.past.show_message(ngettext(
            "{n} of these dates has already gone by: record that visit as held or cancelled afterwards, or choose a "
            "later first date.", "{n} of these dates have already gone by: record those visits as held or cancelled "
            "afterwards, or choose a later first date.", past).format(n=past) if past else "", warning=True)

    def _say_vog(self, first: dt.date | None, count: int) -> None:
        """Said, not refused: the VOG has no legal expiry; the organisation's renewal age is its own rule."""
        days = records.series_dates(first, count, self.every_days.value()) if first else []
        self.vog.show_message(vog_check.vog_warning(self.volunteer_vogs, days), warning=True)

    def _say_too_many(self, count: int) -> None:
        """Said, not refused: DOMAIN's 6 to 12 visits; a court decision or an extension may ask for more."""
        total = self.scheduled + count
        self.too_many.show_message(_("That makes {total} visits in all, while a trajectory is {low} to {high} "
                                     "visits.").format(total=total, low=records.TRAJECTORY_VISITS[0],
                                                       high=records.TRAJECTORY_VISITS[1])
                                   if total > records.TRAJECTORY_VISITS[1] else "", warning=True)

    def _say_holidays(self, first: dt.date | None, count: int) -> None:
        found = holidays_on(records.series_dates(first, count, self.every_days.value())) if first else []
        days = "; ".join(_("{date} ({holiday})").format(date=long_date(day), holiday=name) for day, name in found)
        self.holidays.show_message(ngettext(
            "On a public holiday: {days}. Plan the series and move that visit afterwards, or choose another first "
            "date.", "On public holidays: {days}. Plan the series and move those visits afterwards, or choose "
            "another first date.", len(found)).format(days=days) if found else "", warning=True)

    def _say_unavailable(self, first: dt.date | None, count: int) -> None:
        days = records.series_dates(first, count, self.every_days.value()) if first else []
        outside = outside_availability(self.volunteer_slots, days, self.start.value_or_none())
        slots = format_list(slot_labels(outside), locale=babel_locale()) if outside else ""
        self.unavailable.show_message(_(
            "According to the profile, {name} is not available on {slots}. Agree it with the volunteer, or choose "
            "another day or time.").format(name=self.volunteer_name, slots=slots) if outside else "", warning=True)

    def plan(self) -> None:
        for message in self.messages.values():
            message.show_message("")
        self.problem.show_message("")
        if refuse_unreadable(self):
            return
        try:
            self.planned_ids = records.plan_series(
                self.workspace, self.case_id, self.first_on.value(), self.count.value(), self.every_days.value(),
                self.start.value(), self.end.value(), self.place.text())
        except ValidationError as exc:
            self._show_problem(exc.field, str(exc))
            return
        except BorError as exc:
            self.problem.show_message(str(exc))
            return
        self.accept()

    def _show_problem(self, field: str, message: str) -> None:
        if field in self.messages:
            self.messages[field].show_message(message)
            self.focus[field].setFocus()
        else:
            self.problem.show_message(message)
