"""A volunteer's profile: the editable form, with their current cases and meetings below.

Validation messages appear under the fields and nothing typed is lost; `state()`/`set_state()` carry the unsaved
form as a JSON-able dict (the page keeps it as a draft).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from borapp.formatting import long_date
from borapp.i18n import _, ngettext
from borapp.services.cases.status import status_label
from borapp.services.errors import ValidationError
from borapp.services.matching.advice import requirements, volunteer_blocks, volunteer_leaving
from borapp.services.volunteers import meetings
from borapp.services.volunteers.field_words import field_label
from borapp.services.volunteers.profiles import (
    GENDER_LABELS,
    MAX_CASES,
    MIN_CASES,
    TrainingItem,
    VolunteerInput,
    VolunteerProfile,
    format_availability,
    load_volunteer,
    parse_availability,
    renewal_years,
    save_volunteer,
    training_problem,
    vog_renew_on,
    vog_state,
    volunteer_problems,
)
from borapp.ui.colours import ERROR, WARNING, text_style
from borapp.ui.pages.volunteers.availability_grid import AvailabilityGrid
from borapp.ui.pages.volunteers.leaving_question import LEAVING, PAUSING, ask_leaving_or_pausing
from borapp.ui.pages.volunteers.small_editors import LanguagePicker, TrainingList
from borapp.ui.widgets.activation_list import ActivationList
from borapp.ui.widgets.changed_meanwhile import save_over
from borapp.ui.widgets.chip import status_chip
from borapp.ui.widgets.date_field import DateField, refuse_unreadable
from borapp.ui.widgets.forms import FieldMessage, add_field, form_label, required_note, show_from_start
from borapp.ui.widgets.number_box import NumberBox
from borapp.ui.widgets.scrolling import vertical_scroll

NOTE_STYLE = "QLabel { background: palette(alternate-base); border-radius: 6px; padding: 6px 10px; }"
FIELD_ORDER = ("name", "email", "phone", "address", "region", "gender", "languages", "availability", "vog_date",
               "trainings", "max_cases", "active", "joined_on", "left_on", "notes")


class VolunteerProfileEditor(QWidget):
    open_case = Signal(int)
    saved = Signal(int)
    edited = Signal()  # the form changed (it may now differ from what is stored)

    def __init__(self, workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.volunteer_id: int | None = None
        self._baseline: dict = {}
        self._loading = False
        self._years = 3
        self._load = 0  # open cases: matching needs room under the maximum
        self._case_refs: list[str] = []  # the cases shown as current, named when she stops while on them
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._header())
        self.scroll = vertical_scroll()
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 12, 12)
        column.addLayout(self._form())
        column.addWidget(required_note())
        column.addWidget(self._related())
        column.addStretch()
        self.scroll.setWidget(body)
        # It scrolls only up and down: as narrow as its content allows, never narrower (the splitter would clip it)
        self.scroll.setMinimumWidth(body.minimumSizeHint().width() + self.scroll.verticalScrollBar().sizeHint().width())
        layout.addWidget(self.scroll, 1)

    # ---- building -----------------------------------------------------------------------------------------------

    def _header(self) -> QVBoxLayout:
        box = QVBoxLayout()
        row = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        row.addWidget(self.title, 1)
        self.discard_button = QPushButton(_("Discard changes"))
        self.discard_button.setAccessibleName(_("Discard changes"))
        self.discard_button.clicked.connect(self.discard)
        self.save_button = QPushButton(_("Save"))
        self.save_button.setAccessibleName(_("Save volunteer"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.discard_button)
        row.addWidget(self.save_button)
        box.addLayout(row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        box.addWidget(self.status)
        self.matching = QLabel()
        self.matching.setWordWrap(True)
        self.matching.setObjectName("matchingNeeds")
        self.matching.setStyleSheet(NOTE_STYLE)
        self.matching.setAccessibleName(_("What matching needs"))
        box.addWidget(self.matching)
        return box

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # narrow window: a label above its field
        self.name, self.email, self.phone, self.address = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        self.email.setPlaceholderText(_("name@example.nl"))
        self.region = QComboBox()
        self.region.setEditable(True)
        self.gender = QComboBox()
        for code, label in GENDER_LABELS.items():
            self.gender.addItem(_(label), code)
        self.languages, self.availability = LanguagePicker(others=True), AvailabilityGrid()
        self.vog_date, self.joined_on, self.left_on = DateField(), DateField(), DateField()
        self.trainings = TrainingList()
        self.max_cases = NumberBox(MIN_CASES, MAX_CASES)  # "12" stays 12 and is refused, not cut to 1
        self.max_cases.setMaximumWidth(90)
        self.active = QCheckBox(_("Can be matched to new cases"))
        self.notes = QPlainTextEdit()
        self.notes.setFixedHeight(72)
        self.notes.setTabChangesFocus(True)
        widgets = (("name", self.name), ("email", self.email), ("phone", self.phone), ("address", self.address),
                   ("region", self.region), ("gender", self.gender), ("languages", self.languages),
                   ("availability", self.availability), ("vog_date", self.vog_date), ("trainings", self.trainings),
                   ("max_cases", self.max_cases), ("active", self.active), ("joined_on", self.joined_on),
                   ("left_on", self.left_on), ("notes", self.notes))
        rows = [(key, field_label(key), widget, key == "name") for key, widget in widgets]
        self.messages: dict[str, FieldMessage] = {}
        self.fields: dict[str, QWidget] = {key: widget for key, _label, widget, _req in rows}
        for key, label, widget, required in rows:
            self.messages[key] = add_field(form, label, widget, required=required)
        self.earlier_vogs = QLabel()  # the VOGs before the latest, which a past year's report reads
        self.earlier_vogs.setObjectName("hint")
        self.earlier_vogs.setWordWrap(True)
        self.messages["vog_date"].parentWidget().layout().addWidget(self.earlier_vogs)
        for signal in (self.name.textChanged, self.email.textChanged, self.phone.textChanged,
                       self.address.textChanged, self.region.currentTextChanged, self.gender.currentIndexChanged,
                       self.languages.changed, self.availability.changed, self.vog_date.changed,
                       self.trainings.changed, self.max_cases.valueChanged, self.active.toggled,
                       self.joined_on.changed, self.left_on.changed, self.notes.textChanged):
            signal.connect(self._on_edit)
        for date in (self.vog_date, self.joined_on, self.left_on, self.trainings.date):  # a date typed, not yet
            date.edit.textEdited.connect(self._on_edit)  # read: Save must be there to click (it reads it first)
        self.vog_date.changed.connect(self._show_vog_warning)
        self.vog_date.edit.editingFinished.connect(self._show_vog_warning)  # after the field read it: unreadable too
        self.vog_date.edit.editingFinished.connect(self._show_matching)
        for signal in (self.vog_date.changed, self.trainings.changed, self.active.toggled, self.left_on.changed,
                       self.max_cases.valueChanged):
            signal.connect(self._show_matching)
        self.active.clicked.connect(self._ask_leaving_or_pausing)  # clicked: by her hand, not by showing a profile
        for signal in (self.active.toggled, self.left_on.changed):
            signal.connect(self._show_active_note)
        return form

    def _related(self) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 8, 0, 0)
        self.cases_heading = QLabel()
        self.cases_heading.setObjectName("sectionTitle")
        column.addWidget(self.cases_heading)
        self.cases = ActivationList()
        self.cases.item_activated.connect(lambda case_id: self.open_case.emit(int(case_id)))
        column.addWidget(self.cases)
        self.no_cases = QLabel(_("No current cases."))
        column.addWidget(self.no_cases)
        self.meetings_heading = QLabel()
        self.meetings_heading.setObjectName("sectionTitle")
        column.addWidget(self.meetings_heading)
        self.meetings = QLabel()
        self.meetings.setWordWrap(True)
        self.meetings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                              | Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.meetings)
        return box

    # ---- showing ------------------------------------------------------------------------------------------------

    @property
    def key(self) -> str:
        return f"volunteer/{self.volunteer_id if self.volunteer_id is not None else 'new'}"

    def show_profile(self, profile: VolunteerProfile, regions: list[str]) -> None:
        self._begin(profile.id, regions)
        self.title.setText(profile.name)
        self.name.setText(profile.name)
        self.email.setText(profile.email)
        self.phone.setText(profile.phone)
        self.address.setText(profile.address)
        self.region.setCurrentText(profile.region)
        self.gender.setCurrentIndex(max(self.gender.findData(profile.gender), 0))
        self.languages.set_value(profile.languages)
        self.availability.set_value(profile.availability)
        self.vog_date.set_value(profile.vog_date)
        earlier = [d for d in profile.vogs if d != profile.vog_date]
        self.earlier_vogs.setText(ngettext("Earlier VOG: {dates}", "Earlier VOGs: {dates}", len(earlier)).format(
            dates=", ".join(long_date(d).replace(" ", "\u00a0") for d in earlier)) if earlier else "")  # a date unbroken
        self.earlier_vogs.setVisible(bool(earlier))
        self.trainings.set_value(profile.trainings)
        self.max_cases.setValue(profile.max_cases)
        self.active.setChecked(profile.active)
        self.joined_on.set_value(profile.joined_on)
        self.left_on.set_value(profile.left_on)
        self.notes.setPlainText(profile.notes)
        show_from_start(self)
        self._show_related(profile)
        self._end()

    def show_new(self, regions: list[str]) -> None:
        self._begin(None, regions)
        self.title.setText(_("New volunteer"))
        for edit in (self.name, self.email, self.phone, self.address):
            edit.clear()
        self.region.setCurrentText("")
        self.gender.setCurrentIndex(0)
        self.languages.set_value(("nl",))
        self.availability.set_value(())
        self.vog_date.set_value(None)
        self.earlier_vogs.clear()
        self.earlier_vogs.hide()
        self.trainings.set_value(())
        self.max_cases.setValue(2)
        self.active.setChecked(True)
        self.joined_on.set_value(dt.date.today())
        self.left_on.set_value(None)
        self.notes.clear()
        self._show_related(None)
        self._end()

    def _begin(self, volunteer_id: int | None, regions: list[str]) -> None:
        self._loading = True
        self.volunteer_id = volunteer_id
        self._years = renewal_years(self.workspace)
        self.region.clear()
        self.region.addItems(regions)
        self._show_problems({})
        self.status.clear()

    def _end(self) -> None:
        self._loading = False
        self._baseline = self.state()
        self.discard_button.setEnabled(False)
        self.save_button.setEnabled(self.volunteer_id is None)  # a stored profile: once something changed
        self._show_vog_warning()
        self._show_matching()
        self._show_active_note()
        self.scroll.verticalScrollBar().setValue(0)

    def current_case_refs(self) -> list[str]:
        return list(self._case_refs)

    def _show_related(self, profile: VolunteerProfile | None) -> None:
        cases = profile.cases if profile else ()
        self._load = len(cases)
        self._case_refs = [case.ref for case in cases]
        self.cases_heading.setText(_("Current cases ({n})").format(n=len(cases)))
        self.cases.clear_rows()
        for case in cases:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(8, 4, 8, 4)
            ref = QLabel(case.ref)
            ref.setStyleSheet("font-weight: 600;")
            line.addWidget(ref)
            line.addWidget(status_chip(case.status))
            line.addStretch()
            self.cases.add_row(row, case.id, f"{case.ref}, {status_label(case.status)}")
        self.cases.setVisible(bool(cases))
        self.no_cases.setVisible(not cases)
        attended = profile.meetings if profile else ()
        self.meetings_heading.setText(_("Meetings attended ({n})").format(n=len(attended)))
        self.meetings.setText("\n".join(
            " · ".join(p for p in (long_date(m.held_on), meetings.kind_label(m.kind), m.theme, m.region) if p)
            for m in attended) or _("No meetings attended yet."))

    def clear(self) -> None:
        self._loading = True
        for edit in (self.name, self.email, self.phone, self.address):
            edit.clear()
        self.notes.clear()
        self.region.clear()
        self.trainings.set_value(())
        self.availability.set_value(())
        self.cases.clear_rows()
        self.meetings.clear()
        self.title.clear()
        self.status.clear()
        self.volunteer_id = None
        self._baseline = {}
        self._loading = False

    # ---- state, for drafts --------------------------------------------------------------------------------------

    def state(self) -> dict:
        return {
            "id": self.volunteer_id, "name": self.name.text(), "email": self.email.text(), "phone": self.phone.text(),
            "address": self.address.text(), "region": self.region.currentText(), "gender": self.gender.currentData(),
            "languages": list(self.languages.value()), "availability": format_availability(self.availability.value()),
            "vog_date": self.vog_date.typed(), "max_cases": self.max_cases.value(),
            "active": self.active.isChecked(), "joined_on": self.joined_on.typed(),
            "left_on": self.left_on.typed(), "notes": self.notes.toPlainText(),
            "trainings": [[t.kind, t.on.isoformat()] for t in self.trainings.value()],
            "training_date": self.trainings.date.typed(),  # typed, not yet added: kept over a lock
        }

    def set_state(self, state: dict) -> None:
        """Put typed values back (over a profile shown with show_profile/show_new)."""
        self.name.setText(state.get("name", ""))
        self.email.setText(state.get("email", ""))
        self.phone.setText(state.get("phone", ""))
        self.address.setText(state.get("address", ""))
        self.region.setCurrentText(state.get("region", ""))
        self.gender.setCurrentIndex(max(self.gender.findData(state.get("gender", "")), 0))
        self.languages.set_value(tuple(state.get("languages", ())))
        self.availability.set_value(parse_availability(state.get("availability", "")))
        self.vog_date.set_typed(state.get("vog_date", ""))
        self.max_cases.setValue(int(state.get("max_cases", 2)))
        self.active.setChecked(bool(state.get("active", True)))
        self.joined_on.set_typed(state.get("joined_on", ""))
        self.left_on.set_typed(state.get("left_on", ""))
        self.notes.setPlainText(state.get("notes", ""))
        self.trainings.set_value([TrainingItem(k, dt.date.fromisoformat(d)) for k, d in state.get("trainings", [])])
        if state.get("training_date"):
            self.trainings.date.set_typed(state["training_date"])

    def is_dirty(self) -> bool:
        return bool(self._baseline) and self.state() != self._baseline

    def _on_edit(self, *_args) -> None:
        if self._loading:
            return
        dirty = self.is_dirty()
        self.status.setText(_("Unsaved changes") if dirty else "")
        self.status.setStyleSheet(text_style(WARNING))
        self.discard_button.setEnabled(dirty)
        self.save_button.setEnabled(dirty or self.volunteer_id is None)
        self.edited.emit()

    # ---- saving -------------------------------------------------------------------------------------------------

    def input(self, lenient: bool = False) -> VolunteerInput:
        """What the form holds; `lenient`: a date that cannot be read as none (its field says why already)."""
        s = self.state()
        date = (lambda f: f.value_or_none()) if lenient else (lambda f: f.value())
        return VolunteerInput(
            name=s["name"], id=self.volunteer_id, email=s["email"], phone=s["phone"], address=s["address"],
            region=s["region"], gender=s["gender"], languages=tuple(s["languages"]),
            availability=self.availability.value(), vog_date=date(self.vog_date), max_cases=s["max_cases"],
            active=s["active"], joined_on=date(self.joined_on), left_on=date(self.left_on), notes=s["notes"],
            trainings=self.trainings.value())

    def save(self) -> int | None:
        """Check, show every problem under its field, save when there is none; the volunteer's id or None."""
        self.languages.add_typed()  # a language typed and not yet added is meant to be saved with the rest
        unreadable = refuse_unreadable(self)  # a date that cannot be read says so under its field
        pending = self.trainings.pending()
        if pending:  # saved without it, "Opgeslagen." said nothing of the training left out
            self.trainings.date.refuse(_("This training has not been added yet: press Add training, or empty the "
                                         "date."))
        if unreadable or pending:  # and the form's other problems at once, not one round of Save each
            self._show_problems({key: text for key, text in volunteer_problems(
                self.workspace, self.input(lenient=True)).items() if key not in self._unreadable_dates()})
            self.status.setText(_("Not saved: check the marked fields."))
            self.status.setStyleSheet(text_style(ERROR))
            return None
        if self.volunteer_id is not None and not self._take_changes_made_meanwhile():
            return None
        data = self.input()
        problems = volunteer_problems(self.workspace, data)
        if not problems:
            try:
                volunteer_id = save_volunteer(self.workspace, data)
            except ValidationError as error:
                problems = {error.field or "name": str(error)}
        self._show_problems(problems)
        if problems:
            self.status.setText(_("Not saved: check the marked fields."))
            self.status.setStyleSheet(text_style(ERROR))
            first = next(k for k in FIELD_ORDER if k in problems)
            self.fields[first].setFocus()
            return None
        self.saved.emit(volunteer_id)
        return volunteer_id

    def _take_changes_made_meanwhile(self) -> bool:
        """A colleague's change that arrived while this profile was being edited is kept, not saved over; a field
        changed both ways is put to the coordinator (False: she wants to look first)."""
        loaded, typed = self._baseline, self.state()
        regions = [self.region.itemText(i) for i in range(self.region.count())]
        self.show_profile(load_volunteer(self.workspace, self.volunteer_id), regions)
        stored = self.state()
        self.set_state(typed)  # her typing on screen while she is asked
        values, save = save_over(self, loaded, stored, typed,
                                 lambda n: form_label(self.fields.get(n), n.replace("_", " ")), self.workspace)
        if values is None:  # locked while asked: the profile stays as the lock left it
            return False
        self.set_state(values)
        if stored == loaded:
            self._baseline = loaded
        if stored == loaded or not save:
            self._on_edit()
        return save

    def _unreadable_dates(self) -> set[str]:
        return {key for key in ("vog_date", "joined_on", "left_on") if getattr(self, key).problem()}

    def discard(self) -> None:
        if self._baseline:
            self.set_state(self._baseline)
            self._show_problems({})
            self._on_edit()

    def _show_problems(self, problems: dict[str, str]) -> None:
        for key, message in self.messages.items():
            message.show_message(problems.get(key, ""))
        if "vog_date" not in problems:
            self._show_vog_warning()
        if "trainings" not in problems:
            self._show_matching()
        if "active" not in problems:
            self._show_active_note()

    def _ask_leaving_or_pausing(self, checked: bool) -> None:
        """Unticked without a leaving date: leaving fills in today as the date, pausing leaves it empty, Cancel ticks
        Active again."""
        if checked or self.left_on.text().strip():
            return
        answer = ask_leaving_or_pausing(self)
        if answer == LEAVING:
            self.left_on.set_value(dt.date.today())
            self.left_on.setFocus()
        elif answer != PAUSING:
            self.active.setChecked(True)

    def _show_active_note(self, *_args) -> None:
        """What "not active" means for the annual report, under the tick while it is off."""
        if self._loading:
            return
        if self.active.isChecked():
            text = ""
        elif self.left_on.value_or_none() is None:
            text = _("Paused: not matched to new cases. The annual report counts this volunteer in the pool, but not "
                     "as deployable. If they have left, fill in the leaving date.")
        else:
            text = _("From the leaving date the annual report no longer counts this volunteer in the pool.")
        self.messages["active"].show_message(text, warning=True)

    def _show_matching(self, *_args) -> None:
        """What matching needs, and what (in the form as it stands) keeps this volunteer from it."""
        if self._loading:
            return
        trained = any(t.kind == "initial" for t in self.trainings.value())
        blocks = volunteer_blocks(vog_date=self.vog_date.value_or_none(), trained=trained,
                                  active=self.active.isChecked(), left_on=self.left_on.value_or_none(),
                                  load=self._load, max_cases=self.max_cases.value(), vog_years=self._years,
                                  vog_unreadable=bool(self.vog_date.problem()))
        blocks += [p for p in (training_problem(self.trainings.value()),) if p]  # as Save would refuse it
        leaving = volunteer_leaving(active=self.active.isChecked(), left_on=self.left_on.value_or_none())
        if blocks:
            state = "\n".join([_("Cannot be matched yet:")] + [f"\u2022 {b}" for b in blocks])
        elif leaving:  # "nothing stands in the way" said nothing of her leaving in two weeks
            state = _("Can be matched, but:") + f"\n\u2022 {leaving}"
        else:
            state = _("Nothing in this profile stands in the way of matching.")
        self.matching.setText(state + "\n" + requirements(self._years))
        self.messages["trainings"].show_message(
            "" if trained else _("No training day recorded yet: a volunteer is matched only after the training "
                                 "day. Add it here once it has been followed."), warning=True)

    def _show_vog_warning(self) -> None:
        value = self.vog_date.value_or_none()
        state = vog_state(value, self._years)
        if self.vog_date.problem():  # its own message says it cannot be read; "no VOG date yet" beside it was untrue
            text = ""
        elif state == "missing":
            text = _("No VOG date yet: a VOG is needed before this volunteer is matched.")
        elif state == "overdue":
            text = ngettext("This VOG is older than {n} year: ask for a new one.",
                            "This VOG is older than {n} years: ask for a new one.", self._years).format(n=self._years)
        elif state == "soon":
            text = _("Ask for a new VOG before {date}.").format(date=long_date(vog_renew_on(value, self._years)))
        else:
            text = ""
        self.messages["vog_date"].show_message(text, warning=True)

