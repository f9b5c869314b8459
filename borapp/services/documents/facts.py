"""The facts a document may show, read from the vault in one go: plain frozen values, never live records.

THE PRIVACY RULE lives here. A parent whose address is confidential comes out with no address at all (only the
flag), so no renderer can print it. And because people type addresses into free text too ("bring him to Kerkstraat
5"), every free text a document takes from the case has a confidential street-and-number or postcode replaced by
"(geheim adres)" before it leaves this module.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borapp.i18n import LANGUAGES, _, in_language
from borapp.models import Case, Contract, ContractSignature, Evaluation, Visit
from borapp.services import settings
from borapp.services.cases.flow import get_case, lapsed_at_closing
from borapp.services.cases.contract_terms import case_agreements, latest_contract, parse_snapshot
from borapp.services.documents.addressee import has_own_commissioner
from borapp.services.documents.letterhead import logo_bytes
from borapp.services.importer.cases import IMPORT_NOTE
from borapp.services.privacy.redaction import Redactor, case_redactor


@dataclass(frozen=True)
class Organisation:
    name: str
    address: str
    phone: str
    email: str
    website: str
    logo: bytes


@dataclass(frozen=True)
class ParentFacts:
    role: str
    name: str
    address_lines: tuple[str, ...]  # empty when the address is confidential (unless the letter is to this parent)
    confidential: bool
    email: str


@dataclass(frozen=True)
class ChildFacts:
    name: str
    birth_date: dt.date | None


@dataclass(frozen=True)
class VisitFacts:
    on: dt.date
    start: dt.time | None
    end: dt.time | None
    place: str
    state: str
    cancelled_by: str
    lapsed: bool = False  # cancelled because the case was closed while it was still planned
    cancelled_on: dt.date | None = None  # the day it was called off; None: not recorded (read as its own date)
    no_show_by: str = ""  # state "no_show": the parent who did not come, without calling it off
    ended_early: bool = False  # held, but ended early (the report says why; the letter only counts it)


@dataclass(frozen=True)
class EvaluationFacts:
    held_on: dt.date
    kind: str
    participants: str
    agreements: str


@dataclass(frozen=True)
class CaseFacts:
    id: int
    ref: str
    status: str
    route: str
    registered_on: dt.date
    closed_on: dt.date | None
    outcome: str
    outcome_reason: str
    outcome_note: str
    parents: dict[str, ParentFacts]
    children: tuple[ChildFacts, ...]
    coordinator: str
    coordinator_email: str
    coordinator_phone: str
    volunteer: str
    referrer_name: str
    referrer_address: str
    referrer_contact: str
    referrer_email: str  # the case's contact address, else the organisation's
    commissioner_name: str
    court_decision_on: dt.date | None
    court_frequency: str
    court_duration: str
    court_buildup: str
    agreements: dict
    visits: tuple[VisitFacts, ...]
    evaluations: tuple[EvaluationFacts, ...]
    entered: dict[str, dt.date]  # status → the first day the case stood in it
    organisation: Organisation
    intake_talk_on: dt.date | None = None  # the day of the intake talk, when the app recorded it (`_intake_talk_on`)
    contract_version: int | None = None
    contract_on: dt.date | None = None
    start_agreements: dict = field(default_factory=dict)  # the contract's the visits started under (`contract_on`)
    # The commissioning party as its organisation record has it (the closing report may go there).
    commissioner_contact: str = ""
    commissioner_email: str = ""
    commissioner_address: str = ""
    own_commissioner: bool = False  # the case has a commissioning party that is not its referrer
    # For text typed by hand later (an edited letter): takes out a confidential street or postcode.
    redact: Redactor = field(default_factory=lambda: Redactor([], ""), repr=False, compare=False)
    addressee: str = ""  # the parent whose own confidential address these facts keep (`keep_role`), else ""

    def parent(self, role: str) -> ParentFacts | None:
        return self.parents.get(role)

    def evaluation(self, kind: str) -> EvaluationFacts | None:
        found = [e for e in self.evaluations if e.kind == kind]
        return found[-1] if found else None


def organisation(session: Session) -> Organisation:
    values = settings.all_settings(session)
    try:
        logo = logo_bytes(values["organisation.logo"])
    except ValueError:
        logo = b""
    return Organisation(values["organisation.name"], values["organisation.address"], values["organisation.phone"],
                        values["organisation.email"], values["organisation.website"], logo)


def load_facts(session: Session, case_id: int, agreements: dict | None = None,
               parties: dict[str, str] | None = None, *, keep_role: str = "") -> CaseFacts:
    """Everything documents show about a case; a contract version's snapshot (`agreements`, and the names of its
    `parties` by role) replaces the case's own. `keep_role`: the parent a letter is addressed to, who may read her
    own confidential address (it is her letter's address block); never for what the other parent can see."""
    case = get_case(session, case_id)
    clean = case_redactor(case, _("(confidential address)"), keep_role=keep_role)
    agreed = case_agreements(case) if agreements is None else dict(agreements)
    contract = latest_contract(session, case.id)
    names = _names(case) if parties is None else dict(parties)
    start = _start_contract(session, case.id)
    return CaseFacts(
        id=case.id, ref=clean(case.ref), status=case.status, route=case.route, registered_on=case.registered_on,
        closed_on=case.closed_on, outcome=case.outcome, outcome_reason=case.outcome_reason,
        outcome_note=clean(case.outcome_note),
        parents={p.role: _parent(p, clean, names.get(p.role, p.name), p.role == keep_role) for p in case.parents},
        children=tuple(ChildFacts(clean(c.name), c.birth_date) for c in case.children),
        coordinator=names.get("coordinator", ""),
        coordinator_email=case.coordinator.email if case.coordinator else "",
        coordinator_phone=case.coordinator.phone if case.coordinator else "",
        volunteer=names.get("volunteer", ""),
        referrer_name=clean(case.referrer.name) if case.referrer else "",
        referrer_address=clean(case.referrer.address) if case.referrer else "",
        referrer_contact=clean(case.referrer_contact),
        referrer_email=case.referrer_email or (case.referrer.email if case.referrer else ""),
        commissioner_name=clean(case.commissioner.name) if case.commissioner else "",
        commissioner_contact=clean(case.commissioner.contact_person) if case.commissioner else "",
        commissioner_email=case.commissioner.email if case.commissioner else "",
        commissioner_address=clean(case.commissioner.address) if case.commissioner else "",
        own_commissioner=has_own_commissioner(case.referrer_id, case.commissioner_id),
        court_decision_on=case.court_decision_on, court_frequency=clean(case.court_frequency),
        court_duration=clean(case.court_duration), court_buildup=clean(case.court_buildup),
        agreements=_clean_agreements(agreed, clean),
        visits=_visits(session, case.id, clean), evaluations=_evaluations(session, case.id, clean),
        entered=_entered(case), organisation=organisation(session), intake_talk_on=_intake_talk_on(case),
        contract_version=contract.version if contract is not None else None,
        contract_on=start.on if start else None,
        start_agreements=_clean_agreements(start.agreements, clean) if start else {},
        redact=clean, addressee=keep_role,
    )


@dataclass(frozen=True)
class _StartContract:
    on: dt.date | None
    agreements: dict


def _start_contract(session: Session, case_id: int) -> _StartContract | None:
    """The contract the visits started under and its date: the newest version drawn up by the first visit held that
    someone had signed by then (matching draws up a version naming the volunteer, unsigned on the day the visits
    start; one drawn up after the midway evaluation is not the one the start letter speaks of), dated by its last
    signature; with none signed by then, the newest one signed at all, else the newest drawn up, dated by that."""
    versions = session.execute(select(Contract.id, Contract.drawn_up_on).where(Contract.case_id == case_id)
                               .order_by(Contract.version)).all()  # not the versions' signed PDFs
    if not versions:
        return None
    first_held = session.scalar(select(func.min(Visit.on)).where(Visit.case_id == case_id, Visit.state == "held"))
    drawn = [v for v in versions if v.drawn_up_on and (first_held is None or v.drawn_up_on <= first_held)]
    signed = dict(session.execute(select(ContractSignature.contract_id, func.min(ContractSignature.signed_on))
                                  .where(ContractSignature.contract_id.in_([v.id for v in versions]))
                                  .group_by(ContractSignature.contract_id)).all())
    by_start = [v for v in drawn if v.id in signed and (first_held is None or signed[v.id] <= first_held)]
    chosen = (by_start or [v for v in drawn if v.id in signed] or drawn or versions[:1])[-1]
    last = session.scalar(select(func.max(ContractSignature.signed_on)).where(ContractSignature.contract_id ==
                                                                                chosen.id))
    terms = parse_snapshot(session.scalar(select(Contract.agreements).where(Contract.id == chosen.id)))
    return _StartContract(last or chosen.drawn_up_on, terms)


def _clean_agreements(agreed: dict, clean: Redactor) -> dict:
    return {k: v if isinstance(v, bool) else clean(v) for k, v in agreed.items()}


def _names(case: Case) -> dict[str, str]:
    return {"coordinator": case.coordinator.name if case.coordinator else "",
            "volunteer": case.volunteer.name if case.volunteer else ""}


def _parent(parent, clean: Redactor, name: str, own: bool) -> ParentFacts:
    if parent.address_confidential and not own:
        lines: tuple[str, ...] = ()
    else:
        place = " ".join(p for p in (parent.postcode.strip(), parent.city.strip()) if p)
        lines = tuple(clean(line) for line in (parent.address.strip(), place) if line)
    return ParentFacts(parent.role, clean(name or ""), lines, bool(parent.address_confidential), parent.email)


def _visits(session: Session, case_id: int, clean: Redactor) -> tuple[VisitFacts, ...]:
    rows = session.scalars(select(Visit).where(Visit.case_id == case_id)
                           .order_by(Visit.on, Visit.start_time, Visit.id))
    return tuple(VisitFacts(v.on, v.start_time, v.end_time, clean(v.place), v.state, v.cancelled_by,
                            v.state == "cancelled" and lapsed_at_closing(v.cancelled_by, v.cancel_reason),
                            v.cancelled_on if v.state == "cancelled" else None, v.no_show_by,
                            v.state == "held" and bool(v.ended_early_reason.strip()))
                 for v in rows)


def _evaluations(session: Session, case_id: int, clean: Redactor) -> tuple[EvaluationFacts, ...]:
    rows = session.scalars(select(Evaluation).where(Evaluation.case_id == case_id)
                           .order_by(Evaluation.held_on, Evaluation.id))
    return tuple(EvaluationFacts(e.held_on, e.kind, clean(e.participants), clean(e.agreements)) for e in rows)


def _entered(case: Case) -> dict[str, dt.date]:
    entered: dict[str, dt.date] = {}
    for change in case.history:
        if change.from_status != change.to_status:
            entered.setdefault(change.to_status, change.on)
    return entered


def _intake_talk_on(case: Case) -> dt.date | None:
    """The day of the intake talk: the intake step's date (the intake wizard asks the talk's date, the case file's
    "Start intake" the step's). An import records no talk: its step is dated the registration date and only says
    the case stood in intake then (the intake letter said the talk "took place" on that day); once its date is
    corrected in the case file, that date is the talk's."""
    step = next((change for change in case.history
                 if change.to_status == "intake" and change.from_status != change.to_status), None)
    if step is None or (step.on == case.registered_on and _imported(step)):
        return None
    return step.on


def _imported(change) -> bool:
    """Whether the importer took this step (its note, written in the language of the import)."""
    notes = set()
    for lang in LANGUAGES:
        with in_language(lang):
            notes.add(_(IMPORT_NOTE))
    return change.note.strip() in notes
