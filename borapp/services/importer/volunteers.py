"""Volunteer rows: read and checked, then found by name and updated, or created (with their initial training).

A row for a volunteer already in the vault updates her, and says what it changes: one warning per volunteer lists
every field, old → new, in words. The volunteer as the row would leave her is checked with the profile's own rules
(`check_volunteer`): what the profile refuses, such as active with a leaving date, is an error of that row, and nothing
of it is saved. A training day already known is not moved, and an older VOG date not taken (both said). A row that
changes nothing leaves the volunteer alone.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from babel import Locale
from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.formatting import short_date
from borapp.i18n import _, babel_locale, language
from borapp.models import Training, Volunteer
from borapp.models.volunteers import DAY_PARTS, GENDERS, WEEKDAYS
from borapp.services import audit
from borapp.services.importer import values, vocab
from borapp.services.importer.columns import HeaderMap, heading
from borapp.services.importer.report import ImportReport
from borapp.services.importer.rows import RowReader
from borapp.services.importer.text import name_key
from borapp.services.matching.ranking import language_list, slot_label
from borapp.services.volunteers.field_words import field_label
from borapp.services.volunteers.history import set_active, set_vog
from borapp.services.volunteers.profiles import (
    GENDER_LABELS,
    MAX_CASES,
    MIN_CASES,
    TrainingItem,
    VolunteerInput,
    case_loads,
    check_volunteer,
    format_availability,
    parse_availability,
    parse_languages,
)

# What a row may change of a volunteer, in the order of the columns; an empty cell keeps what the vault has.
FIELDS = ("email", "phone", "region", "vog_date", "max_cases", "active", "joined_on", "left_on", "gender",
          "languages", "availability", "address", "notes")
NOTHING = "—"


@dataclass
class VolunteerRow:
    row: int
    name: str
    email: str = ""
    phone: str = ""
    region: str = ""
    vog_date: dt.date | None = None
    trained_on: dt.date | None = None
    max_cases: int | None = None
    active: bool | None = None
    joined_on: dt.date | None = None
    left_on: dt.date | None = None
    gender: str | None = None
    languages: list[str] | None = None
    availability: list[str] | None = None
    address: str = ""
    notes: str = ""


def read_volunteer(r: RowReader, today: dt.date) -> VolunteerRow:
    row = VolunteerRow(
        row=r.number, name=r.text("name", required=True, limit=200),
        email=r.value("email", values.parse_email) or "", phone=r.value("phone", values.parse_phone) or "",
        region=r.text("region", limit=120), vog_date=r.value("vog_date", values.parse_date),
        trained_on=r.value("trained_on", values.parse_date),
        max_cases=r.value("max_cases", values.parse_positive_int),
        active=r.value("active", values.parse_yes_no), joined_on=r.value("joined_on", values.parse_date),
        left_on=r.value("left_on", values.parse_date),
        gender=r.value("gender", lambda raw: values.parse_choice(raw, vocab.GENDERS, GENDERS)),
        languages=r.value("languages", values.parse_languages),
        availability=r.value("availability", values.parse_availability),
        address=r.text("address", limit=300), notes=r.text("notes"),
    )
    if row.max_cases is not None and not MIN_CASES <= row.max_cases <= MAX_CASES:  # as the profile takes it
        r.error("max_cases", _("Between {low} and {high} cases.").format(low=MIN_CASES, high=MAX_CASES))
    if row.vog_date and row.vog_date > today:
        r.error("vog_date", _("The VOG date cannot be in the future."))
    if row.trained_on and row.trained_on > today:
        r.error("trained_on", _("The training date cannot be in the future."))
    if row.joined_on and row.left_on and row.left_on < row.joined_on:
        r.error("left_on", _("The leaving date is before the joining date."))
    if row.active is None and row.left_on and row.left_on <= today:  # an empty 'active' beside a past leaving date
        row.active = False
    return row


def check_volunteers(session: Session, rows: list[VolunteerRow], header: HeaderMap, report: ImportReport,
                     today: dt.date | None = None) -> None:
    """Each good row against the vault: what the profile would refuse is an error of the row; for a volunteer
    already there, what the row changes is said (and an older VOG or another first training day is not taken)."""
    today = today or dt.date.today()
    known = {name_key(v.name): v for v in session.scalars(select(Volunteer))}
    loads = case_loads(session)
    bad = set(report.bad_rows)
    for row in rows:
        if row.row in bad:
            continue
        volunteer = known.get(name_key(row.name))
        kept = [*_keep_newer_vog(volunteer, row), *_keep_training_day(volunteer, row)] if volunteer else []
        before = _before(volunteer, row)
        after = _after(before, row)
        if _refuse(session, row, before, after, header, report, today, known=volunteer is not None):
            continue
        if volunteer is None:
            continue
        changes = _changes(before, after)
        said = [("name", _("{name} is already in the vault; this row changes {changes}.").format(
            name=volunteer.name, changes="; ".join(changes)))] if changes else []
        load = loads.get(volunteer.id, 0)
        if after.max_cases != before.max_cases and load > after.max_cases:
            said.append(("max_cases", _(  # more than at least 1: always plural
                "{name} has {load} open cases now, more than the new maximum of {max}: they stay, but no new case "
                "is matched until fewer are open.").format(name=volunteer.name, load=load, max=after.max_cases)))
        for column, message in said + kept:  # what changes first, then what is not taken
            report.warn(row.row, column, message, _heading(header, column))
        if not changes:
            report.unchanged.append(volunteer.name)


def _heading(header: HeaderMap, column: str) -> str:
    return header.headings.get(column) or heading("volunteers", column)


def _keep_newer_vog(volunteer: Volunteer, row: VolunteerRow) -> list[tuple[str, str]]:
    """A VOG date older than the vault's is not taken: it would make a screened volunteer look unscreened."""
    if not (row.vog_date and volunteer.vog_date and row.vog_date < volunteer.vog_date):
        return []
    said = _("{name} has a newer VOG in the vault ({kept}); the older date {old} is not taken.").format(
        name=volunteer.name, kept=short_date(volunteer.vog_date), old=short_date(row.vog_date))
    row.vog_date = None  # an empty cell keeps what the vault has
    return [("vog_date", said)]


def _keep_training_day(volunteer: Volunteer, row: VolunteerRow) -> list[tuple[str, str]]:
    """A training day already known is not moved: the row's other date is said, not taken (it may be a refresher
    day, or a slip; the coordinator knows which, and adds a refresher in the profile)."""
    known = sorted(t.on for t in volunteer.trainings if t.kind == "initial")
    given, row.trained_on = row.trained_on, (None if known else row.trained_on)  # only a first one is taken
    if not (given and known and given not in known):
        return []
    return [("trained_on", _("{name} has a training day on {kept} in the vault; the row's date {given} is not taken. "
                             "If it was a refresher day, add it in the profile under Trainings.").format(
        name=volunteer.name, kept=short_date(known[0]), given=short_date(given)))]


def _before(volunteer: Volunteer | None, row: VolunteerRow) -> VolunteerInput:
    """The volunteer as the vault has her, or as a new one starts (the profile's defaults)."""
    if volunteer is None:
        return VolunteerInput(name=row.name, active=row.left_on is None)
    v = volunteer
    return VolunteerInput(
        name=v.name, id=v.id, email=v.email or "", phone=v.phone or "", address=v.address or "",
        region=v.region or "", gender=v.gender or "", languages=parse_languages(v.languages),
        availability=parse_availability(v.availability), vog_date=v.vog_date, max_cases=v.max_cases,
        active=v.active, joined_on=v.joined_on, left_on=v.left_on, notes=v.notes or "", trainings=None)


def _after(before: VolunteerInput, row: VolunteerRow) -> VolunteerInput:
    """The volunteer as the row would leave her: each filled cell taken, the rest kept."""
    given = {attr: getattr(row, attr) for attr in FIELDS if getattr(row, attr) not in (None, "", [])}
    if "languages" in given:  # the same languages in another order are no change
        given["languages"] = before.languages if set(row.languages) == set(before.languages) else tuple(row.languages)
    if "availability" in given:
        given["availability"] = parse_availability(";".join(row.availability))
    if row.trained_on:  # only when there is none yet (see _keep_training_day)
        given["trainings"] = (TrainingItem("initial", row.trained_on),)
    return dataclasses.replace(before, **given)


def _refuse(session: Session, row: VolunteerRow, before: VolunteerInput, after: VolunteerInput, header: HeaderMap,
            report: ImportReport, today: dt.date, *, known: bool) -> bool:
    """Report what the profile would refuse of `after` that the vault's record did not already break; True if any."""
    problems = check_volunteer(session, after, today)
    if known:
        had = check_volunteer(session, before, today)
        problems = {key: message for key, message in problems.items() if had.get(key) != message}
    for key, message in problems.items():
        column = "trained_on" if key == "trainings" else key
        if key == "active":
            message = _active_refused(row, after)
        else:
            message = _("{name}: {problem}").format(name=after.name, problem=message)
        report.error(row.row, column, message, _heading(header, column))
    return bool(problems)


def _active_refused(row: VolunteerRow, after: VolunteerInput) -> str:
    no = vocab.YES_NO.word("no", language() == "nl")
    if row.left_on:
        return _("The row gives {name} a leaving date, {date}: someone who has left is no longer active. Write "
                 "'{no}' here, or leave the leaving date empty.").format(
            name=after.name, date=short_date(after.left_on), no=no)
    return _("{name} left on {date}, as the vault has it: an import cannot make someone who has left active again. "
             "Leave this cell empty or write '{no}'; to take {name} back, clear the leaving date in the profile "
             "first.").format(name=after.name, date=short_date(after.left_on), no=no)


def _changes(before: VolunteerInput, after: VolunteerInput) -> list[str]:
    """Each changed field as 'label (old → new)': the field in the profile's words (an English file's heading is
    'max_cases'), values in words; the report's column still names the file's heading."""
    changes = []
    for attr in FIELDS:
        old, new = getattr(before, attr), getattr(after, attr)
        if old != new:
            changes.append(_change(field_label(attr), _words(attr, old), _words(attr, new)))
    if after.trainings:
        changes.append(_change(field_label("trained_on"), NOTHING, short_date(after.trainings[0].on)))
    return changes


def _change(field: str, old: str, new: str) -> str:
    return _("{field} ({old} → {new})").format(field=field, old=old, new=new)


def _words(attr: str, value) -> str:
    """A field's value as the coordinator reads it: dates as 5-3-2026, yes/no, languages and day parts by name."""
    if attr == "gender":
        return _(GENDER_LABELS.get(value, value))
    if attr == "active":
        return vocab.YES_NO.word("yes" if value else "no", language() == "nl")
    if not value:  # no date, text, language or day part (a count is at least 1)
        return NOTHING
    if isinstance(value, dt.date):
        return short_date(value)
    if attr == "languages":
        return language_list(value)
    if attr == "availability":
        return _availability_words(value)
    return str(value)


def _availability_words(slots) -> str:
    """'maandagochtend, woensdag de hele dag': a whole day said once."""
    days = Locale.parse(babel_locale()).days["format"]["wide"]
    words = []
    for index, day in enumerate(WEEKDAYS):
        parts = [part for part in DAY_PARTS if (day, part) in slots]
        if len(parts) == len(DAY_PARTS):
            words.append(_("{day} all day").format(day=days[index]))
        else:
            words += [slot_label((day, part)) for part in parts]
    return ", ".join(words)


def write_volunteers(session: Session, rows: list[VolunteerRow], report: ImportReport, actor: str = "") -> None:
    known = {name_key(v.name): v for v in session.scalars(select(Volunteer))}
    for row in rows:
        volunteer = known.get(name_key(row.name))
        if volunteer is not None and volunteer.name in report.unchanged:
            continue
        after = _after(_before(volunteer, row), row)
        if volunteer is None:
            volunteer = Volunteer(name=row.name)
            session.add(volunteer)
            known[name_key(row.name)] = volunteer
            report.created += 1
        else:  # its changes listed by check_volunteers
            report.updated += 1
        _fill(volunteer, after)
        session.flush()
        audit.record(session, "import", "volunteer", volunteer.id, actor)


def _fill(volunteer: Volunteer, after: VolunteerInput) -> None:
    """The row's facts onto the record (the name keeps its stored spelling); a first training day when none is known."""
    for attr in FIELDS:
        value = getattr(after, attr)
        if attr == "vog_date":  # kept in the VOG history too, as the active tick's pauses (volunteers/history.py)
            set_vog(volunteer, value)
            continue
        if attr == "active":
            set_active(volunteer, value, dt.date.today(), new=volunteer.id is None)
            continue
        if attr == "languages":
            value = ";".join(value)
        elif attr == "availability":
            value = format_availability(value)
        setattr(volunteer, attr, value)
    for training in after.trainings or ():
        volunteer.trainings.append(Training(kind=training.kind, on=training.on))
