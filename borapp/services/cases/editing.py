"""Editing a case file from plain input: family, referral, agreements, notes; and revealing a confidential address.

Every save checks all its fields first and raises `ValidationError(message, field)` for the first bad one, so
nothing is saved then (`family_problems` names them all, for a form to mark at once). Saves are logged ("update")
and keep the search index current. Status changes and hand-overs live in `actions` and are re-exported here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borapp.formatting import long_date
from borapp.i18n import _
from borapp.models import Case, Child, Municipality, Organisation, Parent
from borapp.models.cases import PARENT_ROLES, ROUTES
from borapp.models.organisations import FUNDING_TYPES
from borapp.services import audit
from borapp.services.cases.case_file import AgreementFacts
from borapp.services.cases.actions import Item, change_status, hand_over, list_coordinators  # noqa: F401 (API)
from borapp.services.cases.flow import get_case
from borapp.services.cases.step_dates import FIRST_REGISTRATION
from borapp.services.errors import NotFound, ValidationError
from borapp.services.cases.search_index import reindex_case
from borapp.services.validation import email_problem, normal_postcode, phone_problem, postcode_problem
from borapp.services.vault.workspace import Workspace


@dataclass(frozen=True)
class ParentInput:
    role: str
    name: str = ""
    address: str | None = None  # None keeps what is stored (a confidential address that was not revealed)
    postcode: str | None = None
    city: str | None = None
    address_confidential: bool = False
    email: str = ""
    phone: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ChildInput:
    id: int | None = None  # None for a new child
    name: str = ""
    birth_date: dt.date | None = None


@dataclass(frozen=True)
class FamilyInput:
    parents: tuple[ParentInput, ...] = ()
    children: tuple[ChildInput, ...] = ()  # children left out are removed from the case; blank rows are ignored


@dataclass(frozen=True)
class ReferralInput:
    route: str = "self"
    referrer_name: str = ""  # an organisation; a new name makes a new organisation
    referrer_contact: str = ""
    referrer_email: str = ""
    commissioner_name: str = ""
    municipality_id: int | None = None
    funding: str = ""
    court_decision_on: dt.date | None = None
    court_frequency: str = ""
    court_duration: str = ""
    court_buildup: str = ""


AgreementsInput = AgreementFacts  # what is agreed is written back in the same shape it is read


@dataclass(frozen=True)
class AddressParts:
    address: str
    postcode: str
    city: str

    def one_line(self) -> str:
        place = " ".join(p for p in (self.postcode, self.city) if p)
        return ", ".join(p for p in (self.address, place) if p)


def _check(problem: str, field: str) -> None:
    if problem:
        raise ValidationError(problem, field)


def _too_long(value: str | None, limit: int) -> str:
    return _("At most {n} characters.").format(n=limit) if value and len(value) > limit else ""


def _length(value: str | None, limit: int, field: str) -> None:
    _check(_too_long(value, limit), field)


# ---- family ---------------------------------------------------------------------------------------------------------

def check_family(inp: FamilyInput, existing_roles: set[str] = frozenset(), today: dt.date | None = None) -> None:
    problems = family_problems(inp, existing_roles, today)
    if problems:
        field, text = next(iter(problems.items()))
        raise ValidationError(text, field)


def family_problems(inp: FamilyInput, existing_roles: set[str] = frozenset(),
                    today: dt.date | None = None) -> dict[str, str]:
    """Every problem of the family form at once, {field: message} in the form's order (the first per field)."""
    today = today or dt.date.today()
    problems: dict[str, str] = {}

    def note(problem: str, field: str) -> None:
        if problem:
            problems.setdefault(field, problem)

    for p in inp.parents:
        if p.role not in PARENT_ROLES:
            note(_("Unknown parent role '{role}'.").format(role=p.role), f"{p.role}.name")
            continue
        filled = any((p.address, p.postcode, p.city, p.email, p.phone, p.notes))
        if not p.name.strip() and (p.role == "resident" or p.role in existing_roles or filled):
            note(_("Required."), f"{p.role}.name")
        for value, limit, field in ((p.name, 200, "name"), (p.address, 300, "address"), (p.city, 120, "city"),
                                    (p.email, 200, "email"), (p.phone, 50, "phone")):
            note(_too_long(value, limit), f"{p.role}.{field}")
        note(postcode_problem(p.postcode or ""), f"{p.role}.postcode")
        note(email_problem(p.email), f"{p.role}.email")
        note(phone_problem(p.phone), f"{p.role}.phone")
    for i, child in enumerate(inp.children):
        if not child.name.strip() and child.birth_date is None:
            continue
        note("" if child.name.strip() else _("Required."), f"children.{i}.name")
        note(_too_long(child.name, 200), f"children.{i}.name")
        if child.birth_date and child.birth_date > today:
            note(_("The birth date is after {date}.").format(date=long_date(today)), f"children.{i}.birth_date")
    return problems


def _check_children_kept(case: Case, children: tuple[ChildInput, ...]) -> None:
    """What the intake asks stays: a child, and a child's birth date (a case imported without them may still be
    saved as it is, but none is taken away and a new child comes with its birth date)."""
    filled = [(i, c) for i, c in enumerate(children) if c.name.strip() or c.birth_date is not None]
    if case.children and not filled:
        raise ValidationError(_("Add at least one child."), "children")
    born = {c.id: c.birth_date for c in case.children}
    for i, child in filled:
        if child.birth_date is None and (child.id not in born or born[child.id] is not None):
            raise ValidationError(_("Enter the birth date; the age decides whether BOR fits."),
                                  f"children.{i}.birth_date")


def save_family(workspace: Workspace, case_id: int, inp: FamilyInput) -> None:
    with workspace.session() as session:
        case = get_case(session, case_id)
        check_family(inp, {p.role for p in case.parents})
        _check_children_kept(case, inp.children)
        for p in inp.parents:
            _save_parent(case, p)
        _save_children(case, inp.children)
        session.flush()
        reindex_case(session, case)
        audit.record(session, "update", "case", case.id, workspace.actor)


def _save_parent(case: Case, p: ParentInput) -> None:
    parent = case.parent(p.role)
    if parent is None:
        if not p.name.strip():
            return
        parent = Parent(role=p.role, name="")
        case.parents.append(parent)
    parent.name = " ".join(p.name.split())
    if p.address is not None:
        parent.address = p.address.strip()
    if p.postcode is not None:
        parent.postcode = normal_postcode(p.postcode) if p.postcode.strip() else ""
    if p.city is not None:
        parent.city = p.city.strip()
    parent.address_confidential = p.address_confidential
    parent.email, parent.phone, parent.notes = p.email.strip(), p.phone.strip(), p.notes.strip()


def _save_children(case: Case, children: tuple[ChildInput, ...]) -> None:
    by_id = {c.id: c for c in case.children}
    keep = []
    for inp in children:
        if not inp.name.strip() and inp.birth_date is None:
            continue
        child = by_id.get(inp.id) if inp.id is not None else None
        if child is None:
            child = Child(name="")
            case.children.append(child)
        child.name, child.birth_date = " ".join(inp.name.split()), inp.birth_date
        keep.append(child)
    for child in list(case.children):
        if child not in keep:
            case.children.remove(child)


# ---- referral, agreements, notes ------------------------------------------------------------------------------------

def check_referral(session: Session, inp: ReferralInput, today: dt.date | None = None) -> None:
    today = today or dt.date.today()
    _check("" if inp.route in ROUTES else _("Choose a route."), "route")
    for value, limit, field in ((inp.referrer_name, 200, "referrer_name"), (inp.referrer_contact, 200,
                                "referrer_contact"), (inp.referrer_email, 200, "referrer_email"),
                                (inp.commissioner_name, 200, "commissioner_name"),
                                (inp.court_frequency, 200, "court_frequency"), (inp.court_duration, 200,
                                "court_duration")):
        _length(value, limit, field)
    _check(email_problem(inp.referrer_email), "referrer_email")
    if inp.municipality_id is not None and session.get(Municipality, inp.municipality_id) is None:
        raise ValidationError(_("Choose a municipality from the list."), "municipality_id")
    _check("" if inp.funding in ("", *FUNDING_TYPES) else _("Choose a funding type."), "funding")
    if inp.court_decision_on and inp.court_decision_on > today:
        raise ValidationError(_("This date is in the future."), "court_decision_on")
    if inp.court_decision_on and inp.court_decision_on < FIRST_REGISTRATION:  # 1-1-1900 was taken: a slip
        raise ValidationError(_("A court's decision for a BOR is not from before {date}; check the year.").format(
            date=long_date(FIRST_REGISTRATION)), "court_decision_on")


def save_referral(workspace: Workspace, case_id: int, inp: ReferralInput) -> None:
    with workspace.session() as session:
        case = get_case(session, case_id)
        check_referral(session, inp)
        case.route, case.municipality_id, case.funding = inp.route, inp.municipality_id, inp.funding
        case.referrer = _organisation(session, inp.referrer_name, workspace.actor)
        case.commissioner = _organisation(session, inp.commissioner_name, workspace.actor)
        case.referrer_contact, case.referrer_email = inp.referrer_contact.strip(), inp.referrer_email.strip()
        case.court_decision_on = inp.court_decision_on
        case.court_frequency, case.court_duration = inp.court_frequency.strip(), inp.court_duration.strip()
        case.court_buildup = inp.court_buildup.strip()
        session.flush()
        reindex_case(session, case)
        audit.record(session, "update", "case", case.id, workspace.actor)


def _organisation(session: Session, name: str, actor: str) -> Organisation | None:
    """The organisation called `name` (case-insensitive), made when new; None for an empty name."""
    name = " ".join(name.split())
    if not name:
        return None
    found = session.scalar(select(Organisation).where(func.casefold(Organisation.name) == name.casefold()))
    if found is None:
        found = Organisation(name=name)
        session.add(found)
        session.flush()
        audit.record(session, "create", "organisation", found.id, actor)
    return found


AGREED_VISITS = (1, 30)  # a trajectory is 6 to 12 visits; a first proposal of three, or a longer one, happens


def agreed_visits(typed: str) -> int | None:
    """The number of visits agreed, from what was typed ("8", " 10 "); None for nothing typed."""
    text = (typed or "").strip()
    if not text:
        return None
    low, high = AGREED_VISITS
    if not text.isdigit() or not low <= int(text) <= high:
        raise ValidationError(_("Type a number of visits from {low} to {high}.").format(low=low, high=high),
                              "agreed_visits")
    return int(text)


def save_agreements(workspace: Workspace, case_id: int, inp: AgreementsInput) -> None:
    _length(inp.visit_place, 300, "visit_place")
    _length(inp.visit_frequency, 200, "visit_frequency")
    number = agreed_visits(inp.agreed_visits)
    with workspace.session() as session:
        case = get_case(session, case_id)
        case.agreed_visits = number
        for field in ("visit_place", "visit_frequency", "buildup", "handover", "cancellation_rules", "house_rules",
                      "referrer_information"):
            setattr(case, field, getattr(inp, field).strip())
        case.staggered_arrival = inp.staggered_arrival
        audit.record(session, "update", "case", case.id, workspace.actor)


def save_notes(workspace: Workspace, case_id: int, notes: str) -> None:
    with workspace.session() as session:
        case = get_case(session, case_id)
        case.notes = notes.strip()
        session.flush()
        reindex_case(session, case)
        audit.record(session, "update", "case", case.id, workspace.actor)


# ---- the confidential address ---------------------------------------------------------------------------------------

def reveal_address_parts(workspace: Workspace, case_id: int, role: str) -> AddressParts:
    """A parent's address; revealing a confidential one is written to the access log."""
    with workspace.session() as session:
        case = get_case(session, case_id)
        parent = case.parent(role)
        if parent is None:
            raise NotFound(_("This case has no such parent."))
        if parent.address_confidential:
            audit.record(session, "reveal_address", "parent", parent.id, workspace.actor)
        return AddressParts(parent.address, parent.postcode, parent.city)


def reveal_address(workspace: Workspace, case_id: int, role: str) -> str:
    return reveal_address_parts(workspace, case_id, role).one_line()


# ---- small lists for combos -----------------------------------------------------------------------------------------

def list_organisations(workspace: Workspace) -> list[Item]:
    with workspace.session() as session:
        return [Item(i, n) for i, n in session.execute(
            select(Organisation.id, Organisation.name).order_by(Organisation.name.collate("name")))]


def list_municipalities(workspace: Workspace) -> list[Item]:
    with workspace.session() as session:
        return [Item(i, n) for i, n in session.execute(
            select(Municipality.id, Municipality.name).order_by(Municipality.name.collate("name")))]
