"""One demo case from its plan: the family, the referral, a status history walked through `cases.flow.change_status`,
agreements, the volunteer, visits with notes, the midway evaluation, contract versions with signatures and the
letters in the outbox. Rows are collected for a bulk insert (see `rows`)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from borapp.models import AuditEvent, Case, Child, Letter, Parent
from borapp.models.volunteers import WEEKDAYS
from borapp.services.demo import texts as tx
from borapp.services.demo.costs import write_hours
from borapp.services.cases.flow import change_status, start_history
from borapp.services.documents.addressee import COMMISSIONER, has_own_commissioner
from borapp.services.demo.people import (
    KOP, MUNICIPALITIES, WEST_FRIESLAND, Place, People, funding_for, wijkteam_name,
)
from borapp.services.demo.plan import Fate, Timeline
from borapp.services.demo.rows import Rows, stamp
from borapp.services.demo.staff import Helper, Reference
from borapp.services.demo.visits import VisitLog, VisitWriter

CONTACTS_PER_ORGANISATION = 4


@dataclass
class CasePlan:
    id: int
    ref: str
    fate: Fate
    timeline: Timeline
    registered_on: dt.date
    place: Place
    referrer_kind: str


class _Recorder:
    """Stands in for the session while `change_status` walks a case that is not stored yet: it keeps what the step
    adds (its audit event) and defers the flush; the demo then writes all rows in bulk. Every step is still checked
    by the state machine and dated as `change_status` requires."""

    def __init__(self) -> None:
        self.added: list[AuditEvent] = []

    def add(self, obj: AuditEvent) -> None:
        self.added.append(obj)

    def flush(self) -> None:
        return None

    def scalars(self, *_args, **_kwargs) -> list:
        """A case not stored yet has no visits to settle when it closes (the demo writes them after)."""
        return []

    def scalar(self, *_args, **_kwargs) -> None:
        """Nor a visit held that a closing must come after (the demo's visits all lie before it)."""
        return None


class CaseWriter:
    def __init__(self, ref: Reference, people: People, rng: random.Random, today: dt.date, rows: Rows,
                 first_contract_id: int = 1, first_visit_id: int = 1):
        self.ref, self.people, self.rng, self.today, self.rows = ref, people, rng, today, rows
        self.contacts: dict[str, list[str]] = {}
        self.open_load: dict[int, int] = {}
        self.visits = VisitWriter(rng, today, rows, first_contract_id, first_visit_id)

    def write(self, plan: CasePlan) -> Case:
        t, reg = plan.timeline, plan.registered_on
        case = self._case(plan)
        family = self._family(case, plan)
        coordinator = self._coordinator(plan)
        case.coordinator_id = coordinator.id
        start_history(case, coordinator.id, note=f"Aangemeld door {case.referrer.name}.")
        slot = self._slot(reg, t)
        if t.done(t.intake):
            self._intake(case, family, slot)
        if t.done(t.contract):
            self._agreements(case, family, slot, t.gap)
            case.agreed_visits = t.agreed or None
        volunteer = self._volunteer(plan) if t.done(t.matching) else None
        case.volunteer_id = volunteer.id if volunteer else None
        recorder = _Recorder()
        for to, day in t.steps:
            if not t.done(day):
                break
            closing = to == "closed"
            change_status(recorder, case, to, on=reg + dt.timedelta(days=day),
                          outcome=plan.fate.outcome if closing else "", reason=plan.fate.reason if closing else "",
                          note=self._step_note(plan.fate, to), coordinator_id=coordinator.id, actor=coordinator.name)
        self.rows.case(case, recorder.added)
        log = self.visits.write(case, plan, family, volunteer, coordinator)
        write_hours(self.rows, case, plan, coordinator.id)
        self._letters(case, plan, coordinator, log)
        return case

    # ---- the referral and the family ----------------------------------------------------------------------------

    def _case(self, plan: CasePlan) -> Case:
        rng, reg = self.rng, plan.registered_on
        kind = plan.referrer_kind
        route = {"court": "court", "youth_protection": "ots"}.get(kind, "self")
        if kind == "child_protection_board" and rng.random() < 0.67:
            route = "court"
        referrer = self._organisation(kind, plan.place)
        commissioner = self.ref.organisations["Jeugdbescherming Noord" if route == "ots"
                                              else wijkteam_name(plan.place.name)]
        contact = self._contact(referrer.name)
        case = Case(id=plan.id, ref=plan.ref, registered_on=reg, route=route,
                    municipality_id=self.ref.municipalities[plan.place.name].id,
                    funding=funding_for(plan.place, reg.year), referrer=referrer, referrer_id=referrer.id,
                    referrer_contact=contact, referrer_email=self.people.work_email(contact, referrer.name),
                    commissioner=commissioner, commissioner_id=commissioner.id)
        if route == "court":
            case.court_decision_on = reg - dt.timedelta(days=rng.randint(10, 60))
            case.court_frequency = tx.COURT_FREQUENCY[plan.timeline.gap]
            case.court_duration = rng.choice(tx.COURT_DURATION)
            case.court_buildup = rng.choice(tx.COURT_BUILDUP)
        return case

    def _organisation(self, kind: str, place: Place):
        if kind == "municipal_team":
            return self.ref.organisations[wijkteam_name(place.name)]
        return self.rng.choice(self.ref.of_kind(kind))

    def _contact(self, organisation: str) -> str:
        pool = self.contacts.setdefault(organisation, [])
        if len(pool) < CONTACTS_PER_ORGANISATION and (not pool or self.rng.random() < 0.3):
            pool.append(self.people.name(self.rng.choice("fm")))
        return self.rng.choice(pool)

    def _family(self, case: Case, plan: CasePlan) -> dict:
        rng, people, reg = self.rng, self.people, plan.registered_on
        resident_gender = "f" if rng.random() < 0.8 else "m"
        other_gender = "m" if resident_gender == "f" else "f"
        resident = people.name(resident_gender)
        other = people.name(other_gender)
        father = other if other_gender == "m" else resident
        surname = (father if rng.random() < 0.85 else (resident if father == other else other)).split(" ", 1)[1]
        secret = rng.random() < 0.1
        secret_role = "resident" if rng.random() < 0.85 else "other"
        for role, name in (("resident", resident), ("other", other)):
            place = plan.place if role == "resident" or rng.random() < 0.65 else rng.choice(MUNICIPALITIES)
            street, postcode, town = people.address(place)
            case.parents.append(Parent(role=role, name=name, address=street, postcode=postcode, city=town,
                                       address_confidential=secret and role == secret_role,
                                       email=people.email(name), phone=people.mobile()))
        for _ in range(rng.choices((1, 2, 3), weights=(55, 33, 12))[0]):
            born = reg - dt.timedelta(days=rng.randint(60, 12 * 365 + 300))
            case.children.append(Child(name=people.name(rng.choice("fm"), surname), birth_date=born))
        case.children.sort(key=lambda c: c.birth_date)
        eldest = case.children[-1]
        words = tx.family_words(eldest.name.split()[0], resident_gender, other_gender)
        age = (reg - eldest.birth_date).days // 365
        case.notes = tx.case_notes(rng, len(case.children), age)
        return {"words": words, "age": age, "secret": secret, "secret_role": secret_role, "town": case.parents[0].city,
                "resident": resident, "other": other}

    def _coordinator(self, plan: CasePlan):
        first, second = self.ref.coordinators
        region = plan.place.region
        if region == KOP:
            return first
        if region == WEST_FRIESLAND:
            return second
        return first if plan.id % 2 else second

    # ---- intake and agreements ----------------------------------------------------------------------------------

    def _slot(self, reg: dt.date, t: Timeline) -> str:
        """The family's preferred moment: the weekday its visits fall on, else a likely one."""
        day = WEEKDAYS[(reg + dt.timedelta(days=t.visits[0])).weekday()] if t.visits else \
            self.rng.choice(("wed", "sat", "sat", "fri"))
        part = self.rng.choice(("morning", "afternoon")) if day in ("sat", "sun") else \
            self.rng.choice(("afternoon", "afternoon", "evening"))
        return f"{day}-{part}"

    def _intake(self, case: Case, family: dict, slot: str) -> None:
        rng, words = self.rng, family["words"]
        case.motivation = tx.fill(rng, tx.MOTIVATIONS, **words)
        who = words["verzorger"] if family["secret_role"] == "resident" else words["ander"]
        case.safety = tx.SAFETY_CONFIDENTIAL.format(wie=who) if family["secret"] else rng.choice(tx.SAFETY)
        extra = rng.choice(("", "", "wed-afternoon", "sat-morning", "fri-evening"))
        case.preferred_slots = ";".join(dict.fromkeys(s for s in (slot, extra) if s))
        case.volunteer_wishes = rng.choice(tx.VOLUNTEER_WISHES)

    def _agreements(self, case: Case, family: dict, slot: str, gap: int) -> None:
        rng = self.rng
        case.staggered_arrival = family["secret"] or "Contactverbod" in case.safety or rng.random() < 0.35
        case.visit_place = tx.visit_place(rng, family["town"])
        case.visit_frequency = tx.frequency(rng, slot, gap)
        case.buildup = case.court_buildup or rng.choice(tx.BUILDUPS)
        case.handover = tx.HANDOVERS[1 if case.staggered_arrival else 0]
        case.cancellation_rules = tx.CANCELLATION
        case.house_rules = tx.HOUSE_RULES
        case.referrer_information = tx.REFERRER_INFO

    def _volunteer(self, plan: CasePlan) -> Helper | None:
        fate, t = plan.fate, plan.timeline
        if fate.reason == "no_volunteer_match" or (fate.status == "matching" and plan.id % 3 == 0):
            return None  # none found (yet)
        start = plan.registered_on + dt.timedelta(days=t.matching)
        end = plan.registered_on + dt.timedelta(days=t.visits[-1] if t.visits else t.matching)
        still_open = fate.status != "closed"
        region = self.ref.by_region[plan.place.region]
        for pool in (region, self.ref.volunteers):
            for _ in range(30):
                helper = self.rng.choice(pool) if pool else None
                if helper and self._fits(helper, start, end, still_open):
                    return self._assign(helper, still_open)
        pool = [v for v in self.ref.volunteers if v.active and v.has_vog] or self.ref.volunteers
        return self._assign(self.rng.choice(pool), still_open) if pool else None

    def _fits(self, helper: Helper, start: dt.date, end: dt.date, still_open: bool) -> bool:
        if still_open:
            return helper.active and helper.available(start, start) and \
                self.open_load.get(helper.id, 0) < helper.max_cases
        return helper.available(start, end)

    def _assign(self, helper: Helper, still_open: bool) -> Helper:
        if still_open:
            self.open_load[helper.id] = self.open_load.get(helper.id, 0) + 1
        return helper

    def _step_note(self, fate: Fate, to: str) -> str:
        if to == "waiting":
            return "Nog geen coördinator beschikbaar; op de wachtlijst geplaatst."
        if to == "closed" and fate.outcome == "successful":
            return self.rng.choice(tx.SUCCESS_NOTES)
        if to == "closed":
            return tx.REASON_WORDS[fate.reason]
        return ""

    # ---- letters ------------------------------------------------------------------------------------------------

    def _letters(self, case: Case, plan: CasePlan, coordinator, log: VisitLog) -> None:
        t, rng, reg = plan.timeline, self.rng, plan.registered_on
        on = lambda day: reg + dt.timedelta(days=day)  # noqa: E731
        facts = {"ref": case.ref, "sender": coordinator.name, "registered": tx.nl_date(reg),
                 "frequency": (case.visit_frequency or "").lower(), "place": case.visit_place}
        referrer = (case.referrer_contact, case.referrer_email, "")
        own_commissioner = has_own_commissioner(case.referrer_id, case.commissioner_id)
        wanted: list[tuple[str, int, tuple[str, str, str], dict]] = []
        if plan.fate.reason == "no_response":
            wanted.append(("no_response", max(t.intake, t.steps[-1][1] - rng.randint(3, 10)), referrer, {}))
        elif t.intake is not None:
            wanted.append(("intake", t.intake + rng.randint(0, 5), referrer, {"intake": tx.nl_date(on(t.intake))}))
        if t.visits and t.done(t.visits[0]):
            first = t.visits[0]
            dates = ", ".join(tx.nl_date(on(d)) for d in t.visits[:4])
            for parent in case.parents:
                wanted.append(("schedule", max(t.matching, first - rng.randint(2, 6)),
                               (parent.name, parent.email, parent.role), {"dates": dates}))
            wanted.append(("start", first + rng.randint(0, 7), referrer, {"first_visit": tx.nl_date(on(first))}))
        later = [d for d in t.visits if t.evaluation is not None and d > t.evaluation][:4]
        if later:  # after the midway evaluation both parents get the dates of the second half
            for parent in case.parents:
                wanted.append(("schedule", t.evaluation + rng.randint(1, 4), (parent.name, parent.email, parent.role),
                               {"dates": ", ".join(tx.nl_date(on(d)) for d in later)}))
        if t.evaluation is not None:
            wanted.append(("evaluation", t.evaluation + rng.randint(1, 7), referrer, log.tally(t.evaluation) | {
                "evaluation": tx.nl_date(on(t.evaluation)), "agreements": log.agreements}))
        if plan.fate.status == "closed":
            closed = t.steps[-1][1]
            commissioner = case.commissioner  # the closing report is the commissioning party's
            wanted.append(("closing", closed + rng.randint(0, 3), (commissioner.contact_person, commissioner.email, ""),
                           log.tally(closed) | {"closed": tx.nl_date(on(closed)),
                                                "outcome": tx.OUTCOME_WORDS[plan.fate.outcome],
                                                "reason": tx.REASON_WORDS.get(plan.fate.reason, "")}))
        for kind, day, (name, email, role), extra in wanted:
            if t.done(day) and on(day) <= self.today:
                subject, body = tx.letter(kind, facts | extra | {"to": name})
                state = _letter_state((self.today - on(day)).days, rng)
                made = stamp(on(day), 14)
                self.rows.add(Letter, case_id=case.id, kind=kind, parent_role=role, recipient_name=name,
                              addressee=COMMISSIONER if kind == "closing" and own_commissioner else "",
                              recipient_email=email, subject=subject, body=body, state=state,
                              attempts=1 if state in ("sent", "failed") else 0,
                              error="Verbinding met de mailserver mislukt (time-out)." if state == "failed" else "",
                              created_at=made, updated_at=made, state_changed_at=made, made_at=made)


def _letter_state(age: int, rng: random.Random) -> str:
    """Recent letters wait in the outbox (draft, ready); older ones went out by e-mail or as an exported PDF."""
    if age <= 2:
        return "draft"
    if age <= 7:
        return "ready" if rng.random() < 0.9 else "failed"
    return "sent" if rng.random() < 0.85 else "exported"
