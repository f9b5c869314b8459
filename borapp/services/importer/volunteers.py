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
    """Nothing in a volunteer row depends on other records."""


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
