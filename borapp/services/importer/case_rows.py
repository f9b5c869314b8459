"""Reading one case row: every cell checked, the row's facts gathered in a CaseRow, problems and gaps reported.

Nothing here touches the vault; whether the named volunteer exists is checked when the rows are written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from borapp.i18n import _
from borapp.models.cases import ROUTES
from borapp.models.organisations import FUNDING_TYPES, ORGANISATION_KINDS
from borapp.services.cases.status import OUTCOMES, REASONS, STATUSES, outcome_label, status_label
from borapp.services.importer import values, vocab
from borapp.services.importer.children import ChildValue, parse_children
from borapp.services.importer.reasons import match_reason
from borapp.services.importer.rows import RowReader
from borapp.services.reports.periods import FIRST_YEAR

AFTER_MATCHING = ("visits", "evaluation", "closing")
TARGET_AGE = 12


@dataclass
class ParentRow:
    role: str
    name: str
    address: str = ""
    postcode: str = ""
    city: str = ""
    from_cell: tuple[str, ...] = ()  # "postcode", "city": read from the address cell, not their own column
    confidential: bool | None = None
    email: str = ""
    phone: str = ""


@dataclass
class CaseRow:
    row: int
    ref: str
    registered_on: dt.date
    status: str
    municipality: str
    route: str | None = None
    funding: str | None = None
    referrer_name: str = ""
    referrer_kind: str | None = None
    referrer_email: str = ""
    parents: list[ParentRow] = field(default_factory=list)
    children: list[ChildValue] = field(default_factory=list)
    coordinator: str = ""
    outcome: str = ""
    reason: str = ""
    outcome_note: str = ""
    closed_on: dt.date | None = None
    volunteer: str = ""
    notes: str = ""


def _choice(table: dict[str, str], codes: tuple[str, ...]):
    return lambda raw: values.parse_choice(raw, table, codes)


def read_case(r: RowReader, today: dt.date) -> CaseRow:
    """The row's facts; a bad cell is reported (and the row then left out of the import by the caller)."""
    ref = r.text("case_ref", required=True, limit=40)
    registered_on = r.value("registered_on", values.parse_date, required=True)
    if registered_on and registered_on > today:
        r.error("registered_on", _("The registration date cannot be in the future."))
    elif registered_on and registered_on.year < FIRST_YEAR:  # the annual report counts from then on
        r.error("registered_on", _("A registration before {year} is not a date BOR Desk can report on: check the "
                                   "year.").format(year=FIRST_YEAR))
    status = r.value("status", _choice(vocab.STATUSES, STATUSES), required=True)
    row = CaseRow(
        row=r.number, ref=ref, registered_on=registered_on, status=status or "",
        municipality=r.text("municipality", required=True, limit=120),
        route=r.value("route", _choice(vocab.ROUTES, ROUTES)),
        funding=r.value("funding", _choice(vocab.FUNDING, FUNDING_TYPES)),
        referrer_name=r.text("referrer_name", limit=200),
        referrer_kind=r.value("referrer_kind", _choice(vocab.REFERRER_KINDS, ORGANISATION_KINDS)),
        referrer_email=r.value("referrer_email", values.parse_email) or "",
        parents=[_parent(r, "resident"), _parent(r, "other")],
        children=_children(r, registered_on, today),
        coordinator=r.text("coordinator", limit=200),
        volunteer=r.text("volunteer", limit=200),
        notes=r.text("notes"),
    )
    _closing(r, row, today)
    if not r.bad:
        _gaps(r, row)
    return row


def _parent(r: RowReader, role: str) -> ParentRow:
    prefix = f"{role}_parent_"
    parent = ParentRow(
        role=role, name=r.text(prefix + "name", required=True, limit=200),
        confidential=r.value(prefix + "address_confidential", values.parse_yes_no),
        email=r.value(prefix + "email", values.parse_email) or "",
        phone=r.value(prefix + "phone", values.parse_phone) or "",
    )
    _address(r, prefix, parent)
    return parent


def _address(r: RowReader, prefix: str, parent: ParentRow) -> None:
    """Street and number, postcode and city: an address in one cell split where its postcode shows how; a postcode
    or city column, when filled, wins. The cell is never quoted in a message: the address may be confidential."""
    cell = r.text(prefix + "address", limit=300)
    postcode = r.value(prefix + "postcode", values.parse_postcode) or ""
    city = r.text(prefix + "city", limit=120)
    parts = values.split_address(cell) if cell else None
    if parts is None:
        parent.address, parent.postcode, parent.city = _without_city(cell, city), postcode, city
        if values.more_than_a_street(parent.address):
            r.warn(prefix + "address", _("This address could not be split into street and number, postcode and "
                                         "city: it is kept whole as the street and number. Correct it in the case "
                                         "file."))
        return
    parent.address, parent.postcode, parent.city = parts[0], postcode or parts[1], city or parts[2]
    parent.from_cell = tuple(name for name, given in (("postcode", postcode), ("city", city)) if not given)
    if postcode and postcode != parts[1]:
        r.warn(prefix + "postcode", _("The address cell gives another postcode; this column's is taken."))


def _without_city(cell: str, city: str) -> str:
    """'Spoorstraat 1, Den Helder' beside a city column 'Den Helder': the street alone."""
    street, _comma, last = cell.rpartition(",")
    return street.strip() if city and street and last.strip().casefold() == city.casefold() else cell


def _children(r: RowReader, registered_on: dt.date | None, today: dt.date) -> list[ChildValue]:
    children = r.value("children", parse_children, required=True)
    if children is None:  # empty, or unreadable: said once
        return []
    if not children:
        r.error("children", _("Name at least one child."))
    if any(child.shared_surname for child in children):  # read, not guessed: the coordinator sees how
        r.warn("children", _("'{cell}' is read as: {names}.").format(
            cell=" ".join(str(r.raw("children")).split()), names=", ".join(child.name for child in children)))
    for child in children:
        if child.birth_date is None:
            r.warn("children", _("{name} has no birth date.").format(name=child.name))
        elif child.birth_date > today:
            r.error("children", _("{name}'s birth date cannot be in the future.").format(name=child.name))
        elif registered_on and _age(child.birth_date, registered_on) > TARGET_AGE:
            r.warn("children", _("{name} was {age} at registration, older than the target group (up to 12).")
                   .format(name=child.name, age=_age(child.birth_date, registered_on)))
    return children


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _closing(r: RowReader, row: CaseRow, today: dt.date) -> None:
    """Outcome, reason and closing date: only a closed case has them."""
    outcome = r.value("outcome", _choice(vocab.OUTCOMES, OUTCOMES)) or ""
    reason_text = r.text("outcome_reason")
    closed_on = r.value("closed_on", values.parse_date)
    closed = row.status == "closed"
    if outcome and row.status and not closed:
        r.error("outcome", _("An outcome was given but the status is '{status}'; only a closed case has an outcome.")
                .format(status=status_label(row.status)))
    if reason_text and row.status and not closed:
        r.error("outcome_reason", _("A reason was given but the status is '{status}'; only a closed case has one.")
                .format(status=status_label(row.status)))
    if closed_on and row.status and not closed:
        r.error("closed_on", _("A closing date was given but the status is '{status}'.")
                .format(status=status_label(row.status)))
    if closed_on and closed_on > today:
        r.error("closed_on", _("The closing date cannot be in the future."))
    if closed_on and row.registered_on and closed_on < row.registered_on:
        r.error("closed_on", _("The closing date is before the registration date."))
    row.outcome, row.closed_on = outcome, closed_on
    row.reason, row.outcome_note = _reason(outcome, reason_text)


def _reason(outcome: str, text: str) -> tuple[str, str]:
    """(reason code, note): a known reason when the text matches one, else 'other' with the text as the note."""
    if not text:
        return "", ""
    if not outcome or not REASONS.get(outcome):
        return "", text
    code = match_reason(outcome, text)
    if code is None:
        return "other", text
    return code, (text if code == "other" else "")


def _gaps(r: RowReader, row: CaseRow) -> None:
    """What an old record lacks that new work would need: accepted, and said."""
    ref, status = row.ref, row.status
    if status in AFTER_MATCHING and not row.volunteer:
        r.warn("volunteer", _("case {ref}: in {status} without a volunteer")
               .format(ref=ref, status=status_label(status).lower()))
    if status == "closed" and row.outcome in ("successful", "stagnated") and not row.volunteer:
        r.warn("volunteer", _("case {ref}: closed as {outcome} without a volunteer")
               .format(ref=ref, outcome=outcome_label(row.outcome).lower()))
    if status not in ("registered", "waiting") and not row.coordinator:
        r.warn("coordinator", _("case {ref}: in {status} without a coordinator")
               .format(ref=ref, status=status_label(status).lower()))
    if status != "closed":
        return
    if not row.outcome:
        r.warn("outcome", _("case {ref}: closed without outcome").format(ref=ref))
    elif REASONS.get(row.outcome) and not row.reason:
        r.warn("outcome_reason", _("case {ref}: closed as {outcome} without a reason")
               .format(ref=ref, outcome=outcome_label(row.outcome).lower()))
    if row.closed_on is None:
        r.warn("closed_on", _("case {ref}: closed without a closing date; the closing is dated on the registration "
                              "date").format(ref=ref))
