"""Volunteer rows: read and checked, then found by name and updated, or created (with their initial training)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.formatting import short_date
from borapp.i18n import _
from borapp.models import Training, Volunteer
from borapp.models.volunteers import GENDERS
from borapp.services import audit
from borapp.services.importer import values, vocab
from borapp.services.importer.report import ImportReport
from borapp.services.importer.rows import RowReader
from borapp.services.importer.text import name_key
from borapp.services.volunteers.profiles import MAX_CASES, MIN_CASES


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
    )
    if row.max_cases is not None and not MIN_CASES <= row.max_cases <= MAX_CASES:  # as the profile takes it
        r.error("max_cases", _("Between {low} and {high} cases.").format(low=MIN_CASES, high=MAX_CASES))
    if row.vog_date and row.vog_date > today:
        r.error("vog_date", _("The VOG date cannot be in the future."))
    if row.trained_on and row.trained_on > today:
        r.error("trained_on", _("The training date cannot be in the future."))
    if row.joined_on and row.left_on and row.left_on < row.joined_on:
        r.error("left_on", _("The leaving date is before the joining date."))
    if not r.bad and row.active and row.left_on and row.left_on <= today:
        r.warn("active", _("{name} is marked active but left on {date}.").format(name=row.name, date=short_date(row.left_on)))
    return row


def check_volunteers(session: Session, rows: list[VolunteerRow], header, report: ImportReport) -> None:
    """A row for a volunteer already in the vault (same name) updates her: what it changes of her e-mail address or
    phone number is said, not done unseen; a VOG date older than the vault's is not taken (it would make a screened
    volunteer look unscreened)."""
    known = {name_key(v.name): v for v in session.scalars(select(Volunteer))}
    for row in rows:
        volunteer = known.get(name_key(row.name))
        if volunteer is None:
            continue
        for attr, label in (("email", _("e-mail address")), ("phone", _("phone number"))):
            old, new = getattr(volunteer, attr) or "", getattr(row, attr) or ""
            if old and new and old != new:
                report.warn(row.row, attr, _("{name} is already in the vault: the {what} changes from {old} to "
                                             "{new}.").format(name=volunteer.name, what=label, old=old, new=new),
                            header.headings.get(attr, attr))
        if row.vog_date and volunteer.vog_date and row.vog_date < volunteer.vog_date:
            report.warn(row.row, "vog_date", _("{name} has a newer VOG in the vault ({kept}); the older date {old} is "
                                               "not taken.").format(name=volunteer.name,
                                                                     kept=short_date(volunteer.vog_date),
                                                                     old=short_date(row.vog_date)),
                        header.headings.get("vog_date", "vog_date"))
            row.vog_date = None  # an empty cell keeps what the vault has


def write_volunteers(session: Session, rows: list[VolunteerRow], report: ImportReport, actor: str = "") -> None:
    known = {name_key(v.name): v for v in session.scalars(select(Volunteer))}
    for row in rows:
        volunteer = known.get(name_key(row.name))
        if volunteer is None:
            volunteer = Volunteer(name=row.name, active=row.active if row.active is not None else row.left_on is None)
            session.add(volunteer)
            known[name_key(row.name)] = volunteer
            report.created += 1
        else:
            report.updated += 1
        _fill(volunteer, row)
        session.flush()
        audit.record(session, "import", "volunteer", volunteer.id, actor)


def _fill(volunteer: Volunteer, row: VolunteerRow) -> None:
    """The row's facts onto the record; an empty cell keeps what the vault has (and the name keeps its spelling)."""
    for attr in ("email", "phone", "region", "gender", "vog_date", "max_cases", "active", "joined_on", "left_on"):
        value = getattr(row, attr)
        if value not in (None, ""):
            setattr(volunteer, attr, value)
    if row.languages:
        volunteer.languages = ";".join(row.languages)
    if row.availability:
        volunteer.availability = ";".join(row.availability)
    if row.trained_on:
        _initial_training(volunteer, row.trained_on)


def _initial_training(volunteer: Volunteer, on: dt.date) -> None:
    initial = sorted((t for t in volunteer.trainings if t.kind == "initial"), key=lambda t: t.on)
    if not initial:
        volunteer.trainings.append(Training(kind="initial", on=on))
    elif initial[0].on != on:
        initial[0].on = on
