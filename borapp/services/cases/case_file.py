"""One case file as the screen shows it: plain frozen facts, never live records. Opening it is written to the log.

A confidential address never leaves here in the facts: `ParentFacts` carries only the flag, and the address comes
out through `editing.reveal_address`, which logs that it did.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from borapp.formatting import long_date
from borapp.i18n import _
from borapp.models import Contract, Visit
from borapp.services import audit
from borapp.services.cases.contract_terms import in_line, parse_parties, signer_roles
from borapp.services.cases.evaluations import midway_held
from borapp.services.cases.flow import get_case, last_held_visit_on
from borapp.services.cases.labels import funding_label, role_label, route_label
from borapp.services.cases.midway import SCHEDULED, midway_rule
from borapp.services.cases.status import NO_VISITS_AHEAD, outcome_label, status_label
from borapp.services.cases.steps import StepOption, next_step, step_options
from borapp.services.cases.step_dates import Span, first_record_on, spans
from borapp.services.cases.timeline import TimelineEntry, timeline
from borapp.services.cases.wishes import Wishes, wishes_of
from borapp.services.validation import age_label, age_on, child_age_warning
from borapp.services.vault.workspace import Workspace


@dataclass(frozen=True)
class ChildFacts:
    id: int
    name: str
    birth_date: dt.date | None
    age: int | None
    warning: str  # e.g. older than 12: a warning, never a block
    age_label: str = ""  # "7", or "9 mnd" for a baby


@dataclass(frozen=True)
class ParentFacts:
    id: int
    role: str
    role_label: str
    name: str
    address: str  # empty when confidential: reveal it on purpose
    postcode: str
    city: str
    address_confidential: bool
    email: str
    phone: str
    notes: str


@dataclass(frozen=True)
class ReferralFacts:
    route: str
    route_label: str
    referrer_id: int | None
    referrer_name: str
    referrer_contact: str
    referrer_email: str
    commissioner_id: int | None
    commissioner_name: str
    municipality_id: int | None
    municipality_name: str
    funding: str
    funding_label: str
    court_decision_on: dt.date | None
    court_frequency: str
    court_duration: str
    court_buildup: str


@dataclass(frozen=True)
class AgreementFacts:
    visit_place: str = ""
    visit_frequency: str = ""
    agreed_visits: str = ""  # how many visits the trajectory has, as typed ("8"); "" while not agreed
    buildup: str = ""
    handover: str = ""
    staggered_arrival: bool = False
    cancellation_rules: str = ""
    house_rules: str = ""
    referrer_information: str = ""


@dataclass(frozen=True)
class SignatureFacts:
    role: str
    role_label: str
    name: str
    signed_on: dt.date


@dataclass(frozen=True)
class ContractFacts:
    version: int
    drawn_up_on: dt.date
    signatures: tuple[SignatureFacts, ...]
    unsigned_roles: tuple[str, ...]  # translated role labels of the parties the version names, still to sign
    outdated: bool = False  # the case's agreements or parties changed since (said of the newest version only)


@dataclass(frozen=True)
class CaseFile:
    id: int
    ref: str
    status: str
    status_label: str
    outcome: str
    outcome_label: str
    registered_on: dt.date
    days_since_registration: int  # to the closing, for a closed case: how long it ran
    closed_on: dt.date | None
    coordinator_id: int | None
    coordinator: str
    volunteer_id: int | None
    volunteer: str
    next_visit: dt.date | None
    children: tuple[ChildFacts, ...]
    parents: tuple[ParentFacts, ...]
    referral: ReferralFacts
    agreements: AgreementFacts
    contracts: tuple[ContractFacts, ...]
    notes: str
    timeline: tuple[TimelineEntry, ...]
    steps: tuple[StepOption, ...]
    next_step: StepOption | None
    step_spans: dict[int, Span]  # each step taken (by its history id): the dates it may be corrected to
    wishes: Wishes = Wishes()  # the family's wishes for the match (intake asks them; they change later too)
    midway_rule: str = ""  # in visits before the midway evaluation: when it is due, and how far the case is

    def parent(self, role: str) -> ParentFacts | None:
        return next((p for p in self.parents if p.role == role), None)

    @property
    def children_summary(self) -> str:
        return ", ".join(f"{c.name.split()[0] if c.name.split() else c.name} ({c.age_label})" if c.age is not None
                         else c.name for c in self.children)


def load_case(workspace: Workspace, case_id: int, *, record_open: bool = True) -> CaseFile:
    """The whole case file; `record_open` writes the access log's "open" (not on a reload after saving)."""
    today = dt.date.today()
    with workspace.session() as session:
        case = get_case(session, case_id)
        matched = case.volunteer_id is not None
        next_visit = None if case.status in NO_VISITS_AHEAD else _next_visit(session, case.id, today)
        evaluated = midway_held(session, case.id)
        facts = CaseFile(
            id=case.id, ref=case.ref, status=case.status, status_label=status_label(case.status),
            outcome=case.outcome, outcome_label=outcome_label(case.outcome), registered_on=case.registered_on,
            days_since_registration=((case.closed_on or today) - case.registered_on).days, closed_on=case.closed_on,
            coordinator_id=case.coordinator_id, coordinator=case.coordinator.name if case.coordinator else "",
            volunteer_id=case.volunteer_id, volunteer=volunteer_words(case.volunteer, today),
            next_visit=next_visit,
            children=tuple(_child(c, today) for c in case.children),
            parents=tuple(_parent(p) for p in case.parents),
            referral=_referral(case), agreements=_agreements(case), contracts=_contracts(session, case),
            notes=case.notes, timeline=tuple(timeline(session, case)),
            steps=tuple(step_options(case.status, matched, next_visit is not None, evaluated)),
            next_step=next_step(case.status, matched, next_visit is not None, evaluated),
            step_spans=spans(case, today, last_held_visit_on(session, case.id), first_record_on(session, case.id)),
            wishes=wishes_of(case),
            midway_rule=_midway_progress(session, case) if case.status == "visits" and not evaluated else "",
        )
        if record_open:
            audit.record(session, "open", "case", case.id, workspace.actor)
    return facts


def _midway_progress(session, case) -> str:
    """The midway rule for this case, with the visits held so far (Today counts the same)."""
    held, scheduled = session.execute(select(
        func.count().filter(Visit.state == "held"), func.count().filter(Visit.state.in_(SCHEDULED)))
        .where(Visit.case_id == case.id)).one()
    total = case.agreed_visits or scheduled
    return midway_rule(total, held) if total else ""


def _next_visit(session, case_id: int, today: dt.date) -> dt.date | None:
    return session.scalar(select(func.min(Visit.on)).where(
        Visit.case_id == case_id, Visit.state == "planned", Visit.on >= today))


def _child(child, today: dt.date) -> ChildFacts:
    age = age_on(child.birth_date, today) if child.birth_date else None
    label = age_label(child.birth_date, today) if child.birth_date else ""
    return ChildFacts(child.id, child.name, child.birth_date, age, child_age_warning(child.birth_date, today), label)


def _parent(p) -> ParentFacts:
    hidden = p.address_confidential
    return ParentFacts(
        id=p.id, role=p.role, role_label=role_label(p.role), name=p.name,
        address="" if hidden else p.address, postcode="" if hidden else p.postcode, city="" if hidden else p.city,
        address_confidential=hidden, email=p.email, phone=p.phone, notes=p.notes,
    )


def _referral(case) -> ReferralFacts:
    return ReferralFacts(
        route=case.route, route_label=route_label(case.route),
        referrer_id=case.referrer_id, referrer_name=case.referrer.name if case.referrer else "",
        referrer_contact=case.referrer_contact, referrer_email=case.referrer_email,
        commissioner_id=case.commissioner_id, commissioner_name=case.commissioner.name if case.commissioner else "",
        municipality_id=case.municipality_id, municipality_name=case.municipality.name if case.municipality else "",
        funding=case.funding, funding_label=funding_label(case.funding),
        court_decision_on=case.court_decision_on, court_frequency=case.court_frequency,
        court_duration=case.court_duration, court_buildup=case.court_buildup,
    )


def _agreements(case) -> AgreementFacts:
    return AgreementFacts(
        visit_place=case.visit_place, visit_frequency=case.visit_frequency,
        agreed_visits=str(case.agreed_visits) if case.agreed_visits else "", buildup=case.buildup,
        handover=case.handover, staggered_arrival=bool(case.staggered_arrival),
        cancellation_rules=case.cancellation_rules, house_rules=case.house_rules,
        referrer_information=case.referrer_information,
    )


def volunteer_words(volunteer, today: dt.date) -> str:
    """The case's volunteer by name, saying so when she has left or is not active: she stayed on her cases with no
    word anywhere, and the case waits for another volunteer to be matched."""
    if volunteer is None:
        return ""
    if volunteer.left_on is not None and volunteer.left_on <= today:
        return _("{name} (left on {date})").format(name=volunteer.name, date=long_date(volunteer.left_on))
    return volunteer.name if volunteer.active else _("{name} (not active)").format(name=volunteer.name)


def _contracts(session, case) -> tuple[ContractFacts, ...]:
    """Every version, newest first; who signed when and which of the parties it names have still to sign."""
    found = []
    for contract in session.scalars(select(Contract).where(Contract.case_id == case.id)
                                    .order_by(Contract.version.desc(), Contract.id.desc())):
        signed = tuple(SignatureFacts(s.role, role_label(s.role), s.name, s.signed_on)
                       for s in sorted(contract.signatures, key=lambda s: (s.signed_on, s.id)))
        done = {s.role for s in signed}
        roles = signer_roles(parse_parties(contract.agreements))
        missing = tuple(role_label(r) for r in roles if r not in done)
        outdated = not found and not in_line(contract, case)
        found.append(ContractFacts(contract.version, contract.drawn_up_on, signed, missing, outdated))
    return tuple(found)

