"""The intake: a new case from what the coordinator gathered, checked, numbered and put in status "intake".

`create_case` checks every step again (a `ValidationError` naming the field of the first problem; nothing is
saved then), numbers the case ("BOR-2026-014": the next free number in the registration year), makes new
organisations, writes the case with its family, a dated history (registered on the registration date, then
intake on the day of the intake talk), the search row and the audit events (ids only), and proposes the intake
letter to the referrer in the outbox, worded by the organisation's saved template, as a draft in the vault's
language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borapp.i18n import _, in_language
from borapp.models import Case, Child, Letter, Municipality, Organisation, Parent
from borapp.services import audit, settings
from borapp.services.cases.editing import ParentInput
from borapp.services.cases.flow import change_status, start_history
from borapp.services.cases.search_index import reindex_case
from borapp.services.cases.status import TransitionRefused
from borapp.services.errors import ValidationError
from borapp.services.intake.answers import (  # noqa: F401 (API)
    ORGANISATION_KIND_LABELS,
    ROUTE_REFERRER_KIND,
    IntakeInput,
    draft_payload,
    draft_values,
    from_dict,
    read_draft,
    to_dict,
)
from borapp.services.intake.checks import STEPS, first_problem, validate_step  # noqa: F401 (API)
from borapp.services.intake.duplicates import Duplicate, find_duplicates  # noqa: F401 (API)
from borapp.services.organisations.addresses import normal_address
from borapp.services.organisations.referrers import OrganisationInput
from borapp.services.organisations.referrers import apply as apply_organisation
from borapp.services.validation import normal_postcode
from borapp.services.vault.workspace import Workspace
from borapp.services.volunteers.profiles import format_availability, parse_availability

REF_PREFIX = "BOR"


@dataclass(frozen=True)
class OrganisationChoice:
    id: int
    name: str
    kind: str
    contact_person: str
    email: str
    address: str = ""  # one line each; "" when not known


@dataclass(frozen=True)
class MunicipalityChoice:
    id: int
    name: str
    funding: str  # how it pays in the year asked for; "" when not recorded


@dataclass(frozen=True)
class Created:
    case_id: int
    ref: str
    letter_id: int


# ---- choices for the wizard -----------------------------------------------------------------------------------------

def organisation_choices(workspace: Workspace) -> list[OrganisationChoice]:
    with workspace.session() as session:
        rows = session.scalars(select(Organisation).order_by(Organisation.name.collate("name")))
        return [OrganisationChoice(o.id, o.name, o.kind, o.contact_person, o.email, normal_address(o.address))
                for o in rows]


def municipality_choices(workspace: Workspace, year: int) -> list[MunicipalityChoice]:
    """Every municipality with how it pays in `year` (else its latest earlier year), to suggest the funding."""
    with workspace.session() as session:
        found = []
        for m in session.scalars(select(Municipality).order_by(Municipality.name.collate("name"))):
            earlier = [f for f in m.fundings if f.year <= year]
            latest = max(earlier, key=lambda f: f.year, default=None)
            found.append(MunicipalityChoice(m.id, m.name, latest.funding if latest else ""))
        return found


# ---- the case number ------------------------------------------------------------------------------------------------

def next_case_ref(session: Session, year: int) -> str:
    """The next free number in `year`: one past the highest used, also by an erased case (the erasure register), so
    a number is never handed out twice; in a team, from this laptop's own block (services/sync/numbers.py)."""
    from borapp.services.sync.numbers import erased_refs, team_ref

    ref = team_ref(session, REF_PREFIX, year)
    if ref is not None:
        return ref
    prefix = f"{REF_PREFIX}-{year}-"
    used = list(session.scalars(select(Case.ref).where(Case.ref.like(prefix + "%")))) + erased_refs(session, prefix)
    numbers = [int(ref[len(prefix):]) for ref in used if ref[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


# ---- making the case ------------------------------------------------------------------------------------------------

def create_case(workspace: Workspace, data: IntakeInput | dict, on: dt.date | None = None) -> int:
    return create_intake(workspace, data, on).case_id


def create_intake(workspace: Workspace, data: IntakeInput | dict, on: dt.date | None = None) -> Created:
    """`create_case` telling also the case number and the proposed letter."""
    inp, on = from_dict(data), on or dt.date.today()
    problem = first_problem(inp, on)
    if problem is not None:
        raise ValidationError(problem[1], problem[0])
    with workspace.session() as session:
        if session.get(Municipality, inp.municipality_id) is None:
            raise ValidationError(_("Choose a municipality from the list."), "municipality_id")
        referrer = _organisation(session, inp.referrer_id, "referrer_id", workspace.actor, OrganisationInput(
            inp.referrer_name, inp.referrer_kind, inp.referrer_contact, inp.referrer_address, inp.referrer_email))
        commissioner = referrer if inp.commissioner_same else _organisation(
            session, inp.commissioner_id, "commissioner_id", workspace.actor, OrganisationInput(
                inp.commissioner_name, inp.commissioner_kind, inp.commissioner_contact, inp.commissioner_address,
                inp.commissioner_email))
        language = settings.get(session, "language")
        case = _new_case(session, inp, language)
        case.referrer, case.commissioner, case.coordinator_id = referrer, commissioner, workspace.coordinator_id
        session.add(case)
        start_history(case, workspace.coordinator_id)
        session.flush()
        audit.record(session, "create", "case", case.id, workspace.actor)
        try:  # the intake began with the talk, which may have been days before the case was typed in
            change_status(session, case, "intake", on=inp.intake_on, coordinator_id=workspace.coordinator_id,
                          actor=workspace.actor)
        except TransitionRefused as exc:
            raise ValidationError(str(exc), "intake_on") from exc
        reindex_case(session, case)
        letter = _propose_letter(session, case, language)
        audit.record(session, "create", "letter", letter.id, workspace.actor)
        return Created(case.id, case.ref, letter.id)


def _new_case(session: Session, inp: IntakeInput, language: str) -> Case:
    """The case as the intake describes it. The frequency and build-up a court decision sets are the starting point
    of the contract (the court page says so): they go into the agreements as well."""
    court = inp.route != "self"
    case = Case(
        ref=next_case_ref(session, inp.registered_on.year), registered_on=inp.registered_on, route=inp.route,
        municipality_id=inp.municipality_id, funding=inp.funding,
        referrer_contact=_clean(inp.referrer_contact), referrer_email=inp.referrer_email.strip(),
        court_decision_on=inp.court_decision_on if court else None,
        court_frequency=_clean(inp.court_frequency) if court else "",
        court_duration=_clean(inp.court_duration) if court else "",
        court_buildup=inp.court_buildup.strip() if court else "",
        staggered_arrival=inp.staggered_arrival,
        preferred_slots=format_availability(parse_availability(";".join(inp.preferred_slots))),
        visit_place=_clean(inp.visit_place), volunteer_wishes=inp.other_wishes.strip(),
        visit_frequency=_clean(inp.court_frequency) if court else "",
        buildup=inp.court_buildup.strip() if court else "",
        wish_gender=inp.wish_gender, wish_languages=";".join(dict.fromkeys(inp.wish_languages)),
    )
    with in_language(language):
        case.motivation = _labelled(((_("Resident parent"), inp.motivation_resident),
                                     (_("Non-resident parent"), inp.motivation_other)))
        case.safety = _labelled(((_("No-contact order"), inp.no_contact_details if inp.no_contact_order else ""),
                                 (_("Must not meet"), inp.must_not_meet)))
    case.parents.extend(_parent(p) for p in (inp.resident, inp.other))
    case.children.extend(Child(name=_clean(c.name), birth_date=c.birth_date) for c in inp.filled_children())
    return case


def _parent(p: ParentInput) -> Parent:
    postcode = (p.postcode or "").strip()
    return Parent(role=p.role, name=_clean(p.name), address=(p.address or "").strip(),
                  postcode=normal_postcode(postcode) if postcode else "", city=(p.city or "").strip(),
                  address_confidential=p.address_confidential, email=p.email.strip(), phone=p.phone.strip(),
                  notes=p.notes.strip())


def _organisation(session: Session, org_id: int | None, field: str, actor: str,
                  new: OrganisationInput) -> Organisation | None:
    """The chosen organisation, or the one with this name (any case), made when new (with its kind, contact person,
    postal address and e-mail); None when none is given."""
    if org_id is not None:
        found = session.get(Organisation, org_id)
        if found is None:
            raise ValidationError(_("This organisation no longer exists; choose another."), field)
        return found
    name = _clean(new.name)
    if not name:
        return None
    found = session.scalar(select(Organisation).where(func.casefold(Organisation.name) == name.casefold()))
    if found is None:
        found = Organisation()
        apply_organisation(found, new)
        session.add(found)
        session.flush()
        audit.record(session, "create", "organisation", found.id, actor)
    elif not found.address and normal_address(new.address):  # known already: the address typed fills its gap
        found.address = normal_address(new.address)
        audit.record(session, "update", "organisation", found.id, actor)
    return found


# ---- the letter to the referrer -------------------------------------------------------------------------------------

def _propose_letter(session: Session, case: Case, language: str) -> Letter:
    """"Referral received": the intake letter as the organisation's saved template words it, in the vault's
    language, waiting in the outbox as a draft (what the case does not tell yet stays a line to fill in). The PDF
    adds the closing and the signature."""
    from borapp.services.documents.letters import compose_letter  # reportlab loads when a case is made, not before

    composed = compose_letter(session, case.id, "intake", language)
    letter = Letter(case_id=case.id, kind="intake", state="draft", language=language,
                    recipient_name=composed.recipient_name, recipient_email=composed.recipient_email,
                    subject=composed.subject, body=composed.body)
    session.add(letter)
    session.flush()
    return letter


def _labelled(parts) -> str:
    """"Label: text" paragraphs for the parts that say something."""
    return "\n\n".join(f"{label}: {text.strip()}" for label, text in parts if text.strip())


def _clean(text: str) -> str:
    return " ".join((text or "").split())
