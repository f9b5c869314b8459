"""Writing case rows into the vault: found by case number and updated, or created; parents updated in place,
children replaced; the status history derived from the dates the row gives.

A case already in the vault is never changed by an import unless asked (`update`): without it a row that would change
one is an error naming every field it would change; with it those fields are listed as warnings (a dry run lists them
before anything is written). A row that changes nothing is left alone.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.formatting import long_date
from borapp.i18n import N_, _
from borapp.models import Case, Child, Parent, StatusChange
from borapp.services import audit
from borapp.services.cases.flow import start_history
from borapp.services.cases.labels import route_label
from borapp.services.cases.status import status_label
from borapp.services.cases.step_dates import is_step
from borapp.services.cases.search_index import reindex_case
from borapp.services.importer.advice import COMMAND_LINE, Advice
from borapp.services.importer.case_rows import CaseRow, ParentRow
from borapp.services.importer.children import ChildValue
from borapp.services.importer.columns import HeaderMap, heading
from borapp.services.importer.duplicates import list_possible_duplicates
from borapp.services.importer.references import References, funding_in
from borapp.services.importer.report import ImportReport
from borapp.services.importer.text import name_key
from borapp.services.intake.answers import ROUTE_REFERRER_KIND

ROUTE_OF_REFERRER = {kind: route for route, kind in ROUTE_REFERRER_KIND.items()}  # a court → the court route, …

IMPORT_NOTE = N_("Imported; earlier steps not recorded.")


def check_cases(session: Session, rows: list[CaseRow], header: HeaderMap, report: ImportReport,
                update: bool = False, advice: Advice = COMMAND_LINE) -> None:
    """What only the vault can tell: is the volunteer a row names there, and what would a row change of a case
    that is already there? `advice` words where the user acts on it (an option, or a tick in the dialog)."""
    refs = References(session, report)
    existing = {c.ref: c for c in session.scalars(select(Case).where(Case.ref.in_([r.ref for r in rows])))}
    kinds = _file_kinds(rows)
    for row in rows:
        if row.volunteer and refs.volunteer(row.volunteer) is None:
            report.error(row.row, "volunteer", _(advice.volunteer_missing).format(name=row.volunteer),
                         header.headings.get("volunteer", "volunteer"))
        case = existing.get(row.ref)
        if case is None:
            _tell_route(refs, row, kinds, header, report)
            continue
        later = _step_before(case, row.registered_on)
        if later is not None:
            report.error(row.row, "registered_on", _(
                "The registration date {date} would come after the step '{step}' of {step_on} in case {ref}. "
                "Correct that step's date in the case file (Tijdlijn), or keep the registration date.").format(
                    date=long_date(row.registered_on), step=status_label(later.to_status),
                    step_on=long_date(later.on), ref=row.ref), header.headings.get("registered_on", "registered_on"))
            continue
        changed = ", ".join(header.headings.get(key, key) for key in case_changes(case, row))
        if not changed:
            report.unchanged.append(row.ref)
        elif update:
            report.warn(row.row, "case_ref", _("case {ref} already exists; the import changes: {fields}")
                        .format(ref=row.ref, fields=changed), header.headings.get("case_ref", "case_ref"))
        else:
            report.would_change.append(row.row)
            report.error(row.row, "case_ref", _(advice.would_change).format(ref=row.ref, fields=changed),
                         header.headings.get("case_ref", "case_ref"))


def _file_kinds(rows: list[CaseRow]) -> dict[str, str]:
    """Each referrer's kind as the file first gives it, by name: another row of the same referrer may lack it."""
    kinds: dict[str, str] = {}
    for row in rows:
        if row.referrer_name and row.referrer_kind:
            kinds.setdefault(name_key(row.referrer_name), row.referrer_kind)
    return kinds


def _tell_route(refs: References, row: CaseRow, kinds: dict[str, str], header: HeaderMap,
                report: ImportReport) -> None:
    """A new case without a route: the referrer's kind tells it, as the intake pairs them (the row's kind, else the
    one the vault records, else one another row gives); when it cannot, the case gets the own-initiative route and
    the row says so."""
    if row.route:
        return
    kind = (row.referrer_kind or refs.organisation_kind(row.referrer_name)
            or kinds.get(name_key(row.referrer_name)) or "")
    row.route = ROUTE_OF_REFERRER.get(kind)
    if row.route is None:
        report.warn(row.row, "route", _("case {ref}: the route cannot be told from the referrer; it is set to "
                                        "'{route}'. Check it in the case file.").format(
            ref=row.ref, route=route_label("self")), header.headings.get("route") or heading("cases", "route"))


def _step_before(case: Case, registered_on) -> StatusChange | None:
    """The first step after the registration that a new registration date would come after (the history's order
    broke: a case in visits counted on the waiting list)."""
    return next((h for h in case.history if is_step(h) and h.from_status and h.on < registered_on), None)


def case_changes(case: Case, row: CaseRow) -> list[str]:
    """The columns whose value in `row` differs from `case` (an empty cell changes nothing, as in `_fill`)."""
    def differs(given, current) -> bool:
        return bool(given) and _same(given) != _same(current)

    checks = [
        ("registered_on", row.registered_on != case.registered_on),
        ("route", differs(row.route, case.route)),
        ("municipality", differs(row.municipality, case.municipality.name if case.municipality else "")),
        ("funding", differs(row.funding, case.funding)),
        ("referrer_name", differs(row.referrer_name, case.referrer.name if case.referrer else "")),
        ("referrer_email", differs(row.referrer_email, case.referrer_email)),
        ("coordinator", differs(row.coordinator, case.coordinator.name if case.coordinator else "")),
        ("volunteer", differs(row.volunteer, case.volunteer.name if case.volunteer else "")),
        ("status", row.status != case.status),
        ("notes", differs(row.notes, case.notes)),
    ]
    for given in row.parents:
        parent = case.parent(given.role)
        prefix = f"{given.role}_parent_"
        checks += [
            (prefix + "name", parent is None or differs(given.name, parent.name)),
            (prefix + "address", parent is not None and differs(given.address, parent.address)),
            (_part(given, "postcode"), parent is not None and differs(given.postcode, parent.postcode)),
            (_part(given, "city"), parent is not None and differs(given.city, parent.city)),
            (prefix + "address_confidential", parent is not None and given.confidential is not None
             and given.confidential != bool(parent.address_confidential)),
            (prefix + "email", parent is not None and differs(given.email, parent.email)),
            (prefix + "phone", parent is not None and differs(given.phone, parent.phone)),
        ]
    children = {(name_key(c.name), c.birth_date) for c in case.children}
    checks.append(("children", {(name_key(c.name), c.birth_date) for c in row.children} != children))
    if row.status == "closed" and case.status == "closed":
        checks += [("outcome", differs(row.outcome, case.outcome)), ("outcome_reason", differs(row.reason,
                                                                                             case.outcome_reason)),
                   ("closed_on", row.closed_on is not None and row.closed_on != case.closed_on)]
    return list(dict.fromkeys(key for key, changed in checks if changed))  # a split address's parts: its cell once


def _part(given: ParentRow, part: str) -> str:
    """The column a postcode or city came from: its own, or the address cell it was split from."""
    return f"{given.role}_parent_" + ("address" if part in given.from_cell else part)


def _same(value) -> str:
    return " ".join(str(value or "").split()).casefold()


def write_cases(session: Session, rows: list[CaseRow], report: ImportReport, actor: str = "") -> None:
    refs = References(session, report, actor)
    existing = {c.ref: c for c in session.scalars(select(Case).where(Case.ref.in_([r.ref for r in rows])))}
    for row in rows:
        case = existing.get(row.ref)
        if case is not None and row.ref in report.unchanged:
            continue
        if case is None:
            case = _create(session, refs, row)
            existing[row.ref] = case
            report.created += 1
        else:  # only with `update` (check_cases refused it otherwise), its changes listed there
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
    if row.notes:  # searchable: write_cases reindexes the case
        case.notes = row.notes
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
    if given.postcode:
        parent.postcode = given.postcode
    if given.city:
        parent.city = given.city
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
