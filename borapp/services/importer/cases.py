"""Writing case rows into the vault: found by case number and updated, or created; parents updated in place,
children replaced; the status history derived from the dates the row gives."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.i18n import N_, _
from borapp.models import Case, Child, Parent, StatusChange
from borapp.services import audit
from borapp.services.cases.flow import start_history
from borapp.services.cases.search_index import reindex_case
from borapp.services.cases.status import status_label
from borapp.services.importer.case_rows import CaseRow, ParentRow
from borapp.services.importer.columns import HeaderMap
from borapp.services.importer.duplicates import list_possible_duplicates
from borapp.services.importer.references import References, funding_in
from borapp.services.importer.report import ImportReport
from borapp.services.importer.text import name_key
from borapp.services.importer.values import ChildValue

IMPORT_NOTE = N_("Imported; earlier steps not recorded.")


def check_cases(session: Session, rows: list[CaseRow], header: HeaderMap, report: ImportReport) -> None:
    """What only the vault can tell: is the volunteer a row names there?"""
    refs = References(session, report)
    for row in rows:
        if row.volunteer and refs.volunteer(row.volunteer) is None:
            report.error(row.row, "volunteer",
                         _("Volunteer '{name}' is not in the vault. Import the volunteers first "
                           "('borapp import volunteers FILE'), then this file again.").format(name=row.volunteer),
                         header.headings.get("volunteer", "volunteer"))


def write_cases(session: Session, rows: list[CaseRow], report: ImportReport, actor: str = "") -> None:
    refs = References(session, report, actor)
    existing = {c.ref: c for c in session.scalars(select(Case).where(Case.ref.in_([r.ref for r in rows])))}
    for row in rows:
        case = existing.get(row.ref)
        if case is None:
            case = _create(session, refs, row)
            existing[row.ref] = case
            report.created += 1
        else:
            if case.status != row.status:
                report.warn(row.row, "status", _("case {ref}: status changed from {old} to {new} by the import")
                            .format(ref=row.ref, old=status_label(case.status).lower(),
                                    new=status_label(row.status).lower()))
            _fill(refs, case, row)
            _restate(case, row)
            report.updated += 1
        session.flush()
        reindex_case(session, case)
        audit.record(session, "import", "case", case.id, actor)
    list_possible_duplicates(session, set(existing), report)


def _create(session: Session, refs: References, row: CaseRow) -> Case:
    case = Case(ref=row.ref, registered_on=row.registered_on)
    session.add(case)
    _fill(refs, case, row)
    start_history(case, case.coordinator.id if case.coordinator else None)
    if row.status != "registered":
        on = (row.closed_on or row.registered_on) if row.status == "closed" else row.registered_on
        _step(case, row, on)
    return case


def _fill(refs: References, case: Case, row: CaseRow) -> None:
    """The row's facts onto the case; an empty cell keeps what the vault has."""
    case.registered_on = row.registered_on
    if row.route:
        case.route = row.route
    year = row.registered_on.year
    case.municipality = refs.municipality(row.row, row.municipality, year, row.funding)
    case.funding = row.funding or case.funding or funding_in(case.municipality, year) or ""
    if row.referrer_name:
        case.referrer = refs.organisation(row.row, row.referrer_name, row.referrer_kind, row.referrer_email)
    if row.referrer_email:
        case.referrer_email = row.referrer_email
    if row.coordinator:
        case.coordinator = refs.coordinator(row.coordinator)
    if row.volunteer:
        case.volunteer = refs.volunteer(row.volunteer)
    for parent in row.parents:
        _parent(case, parent)
    _children(case, row.children)


def _parent(case: Case, given: ParentRow) -> None:
    parent = case.parent(given.role)
    if parent is None:
        parent = Parent(role=given.role, name=given.name)
        case.parents.append(parent)
    parent.name = given.name
    if given.address:
        parent.address = given.address
    if given.confidential is not None:
        parent.address_confidential = given.confidential
    if given.email:
        parent.email = given.email
    if given.phone:
        parent.phone = given.phone


def _children(case: Case, children: list[ChildValue]) -> None:
    """The row's children replace the case's: a child already there (same name and birth date) is kept."""
    left = list(case.children)
    for given in children:
        same = next((c for c in left if name_key(c.name) == name_key(given.name)
                     and (given.birth_date is None or c.birth_date in (None, given.birth_date))), None)
        if same is None:
            case.children.append(Child(name=given.name, birth_date=given.birth_date))
            continue
        left.remove(same)
        same.name = given.name
        if given.birth_date:
            same.birth_date = given.birth_date
    for gone in left:
        case.children.remove(gone)


def _restate(case: Case, row: CaseRow) -> None:
    """An updated case: move the first step to the registration date, take the row's status as one more step."""
    first = case.history[0] if case.history else None
    if first is not None and first.from_status == "" and first.to_status == "registered":
        first.on = row.registered_on
    last = max((h.on for h in case.history), default=row.registered_on)
    if row.status != case.status:
        wanted = (row.closed_on or row.registered_on) if row.status == "closed" else row.registered_on
        _step(case, row, max(wanted, last))
    elif row.status == "closed":
        _outcome(case, row, case.closed_on or last)
        closing = next((h for h in reversed(case.history) if h.to_status == "closed"), None)
        if closing is not None:
            closing.outcome, closing.reason = row.outcome, row.reason
            if row.closed_on:
                closing.on = case.closed_on = row.closed_on


def _step(case: Case, row: CaseRow, on) -> None:
    closed = row.status == "closed"
    case.history.append(StatusChange(
        on=on, from_status=case.status, to_status=row.status, outcome=row.outcome if closed else "",
        reason=row.reason if closed else "", note=_(IMPORT_NOTE),
        coordinator_id=case.coordinator.id if case.coordinator else None,
    ))
    case.status = row.status
    _outcome(case, row, on)


def _outcome(case: Case, row: CaseRow, on) -> None:
    if row.status == "closed":
        case.outcome, case.outcome_reason, case.outcome_note, case.closed_on = (
            row.outcome, row.reason, row.outcome_note, row.closed_on or on)
    else:
        case.outcome, case.outcome_reason, case.outcome_note, case.closed_on = "", "", "", None
