"""The intake: a new case from what the coordinator gathered, checked, numbered and put in status "intake".

`create_case` checks every step again (a `ValidationError` naming the field of the first problem; nothing is
saved then), numbers the case ("BOR-2026-014": the next free number in the registration year), makes new
organisations, writes the case with its family, a dated history (registered on the registration date, then
intake), the search row and the audit events (ids only), and proposes a factual letter to the referrer in the
outbox, as a draft in the vault's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borapp.formatting import long_date
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
    from_dict,
    read_draft,
    to_dict,
)
from borapp.services.intake.checks import STEPS, first_problem, validate_step  # noqa: F401 (API)
from borapp.services.intake.duplicates import Duplicate, find_duplicates  # noqa: F401 (API)
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
        rows = session.scalars(select(Organisation).order_by(func.lower(Organisation.name)))
        return [OrganisationChoice(o.id, o.name, o.kind, o.contact_person, o.email) for o in rows]


def municipality_choices(workspace: Workspace, year: int) -> list[MunicipalityChoice]:
    """Every municipality with how it pays in `year` (else its latest earlier year), to suggest the funding."""
    with workspace.session() as session:
        found = []
        for m in session.scalars(select(Municipality).order_by(func.lower(Municipality.name))):
            earlier = [f for f in m.fundings if f.year <= year]
            latest = max(earlier, key=lambda f: f.year, default=None)
            found.append(MunicipalityChoice(m.id, m.name, latest.funding if latest else ""))
        return found


# ---- the case number ------------------------------------------------------------------------------------------------

def next_case_ref(session: Session, year: int) -> str:
    """The next free number in `year`: one past the highest used, so a number is never handed out twice."""
    prefix = f"{REF_PREFIX}-{year}-"
    used = session.scalars(select(Case.ref).where(Case.ref.like(prefix + "%")))
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
        referrer = _organisation(session, inp.referrer_id, inp.referrer_name, inp.referrer_kind, "referrer_id",
                                 workspace.actor, inp.referrer_contact, inp.referrer_email)
        commissioner = referrer if inp.commissioner_same else _organisation(
            session, inp.commissioner_id, inp.commissioner_name, inp.commissioner_kind, "commissioner_id", workspace.actor)
        language = settings.get(session, "language")
        case = _new_case(session, inp, language)
        case.referrer, case.commissioner, case.coordinator_id = referrer, commissioner, workspace.coordinator_id
        session.add(case)
        start_history(case, workspace.coordinator_id)
        session.flush()
        audit.record(session, "create", "case", case.id, workspace.actor)
        try:
            change_status(session, case, "intake", on=on, coordinator_id=workspace.coordinator_id, actor=workspace.actor)
        except TransitionRefused as exc:
            raise ValidationError(str(exc), "registered_on") from exc
        reindex_case(session, case)
        letter = _propose_letter(session, case, language, workspace.actor)
        audit.record(session, "create", "letter", letter.id, workspace.actor)
        return Created(case.id, case.ref, letter.id)


def _new_case(session: Session, inp: IntakeInput, language: str) -> Case:
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


def _organisation(session: Session, org_id: int | None, name: str, kind: str, field: str, actor: str,
                  contact: str = "", email: str = "") -> Organisation | None:
    """The chosen organisation, or the one with this name (any case), made when new; None when none is given."""
    if org_id is not None:
        found = session.get(Organisation, org_id)
        if found is None:
            raise ValidationError(_("This organisation no longer exists; choose another."), field)
        return found
    name = _clean(name)
    if not name:
        return None
    found = session.scalar(select(Organisation).where(func.lower(Organisation.name) == name.lower()))
    if found is None:
        found = Organisation(name=name, kind=kind, contact_person=_clean(contact), email=email.strip())
        session.add(found)
        session.flush()
        audit.record(session, "create", "organisation", found.id, actor)
    return found


# ---- the letter to the referrer -------------------------------------------------------------------------------------

def _propose_letter(session: Session, case: Case, language: str, coordinator: str) -> Letter:
    """"Referral received, intake planned": factual, in the vault's language, waiting in the outbox as a draft."""
    sender = settings.get(session, "organisation.name") or coordinator
    with in_language(language):
        contact = case.referrer_contact or (case.referrer.name if case.referrer else "")
        resident, other = (case.parent(role) for role in ("resident", "other"))
        parents = _("{first} and {second}").format(first=resident.name, second=other.name)
        body = _("Dear {contact},\n\n"
                 "On {date} we received the referral for a supervised visitation arrangement (BOR) for the "
                 "children of {parents}. Our case number is {ref}.\n\n"
                 "The coordinator will contact both parents to plan the intake. We will let you know how it goes."
                 ).format(contact=contact, date=long_date(case.registered_on), parents=parents, ref=case.ref)
        if sender:
            body += "\n\n" + _("Kind regards,") + "\n" + sender
        subject = _("Referral received, intake planned") + f" ({case.ref})"
    letter = Letter(case_id=case.id, kind="intake", state="draft", language=language, recipient_name=contact,
                    recipient_email=case.referrer_email or (case.referrer.email if case.referrer else ""),
                    subject=subject, body=body)
    session.add(letter)
    session.flush()
    return letter


def _labelled(parts) -> str:
    """"Label: text" paragraphs for the parts that say something."""
    return "\n\n".join(f"{label}: {text.strip()}" for label, text in parts if text.strip())


def _clean(text: str) -> str:
    return " ".join((text or "").split())
