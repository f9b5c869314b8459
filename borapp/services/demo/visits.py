"""A demo case's trajectory: visits (held with notes, cancelled by someone, not shown up for by a parent, or
planned), the midway evaluation, and the contract versions with who signed when."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from dataclasses import dataclass, field

from borapp.models import Case, Contract, ContractSignature, Evaluation, Visit
from borapp.services.cases.contract_terms import PARTIES
from borapp.services.demo import texts as tx
from borapp.services.demo.costs import ExpenseWriter
from borapp.services.demo.rows import Rows, stamp

CANCELLERS = {"resident": 30, "other": 30, "child": 15, "volunteer": 12, "coordinator": 5, "external": 8}
NO_SHOW_CHANCE = (0.03, 0.08)  # a parent stays away without calling off: a few in a hundred visits, more as it stalls
NO_SHOWERS = {"other": 65, "resident": 35}  # more often the parent whose contact is being rebuilt
EVALUATION_AGREEMENTS = (
    "De omgang gaat door volgens schema; de begeleider neemt meer afstand.",
    "Vanaf nu brengt {verzorger} {kind} en haalt {ander} {kind} op; de begeleider is alleen bij de overdracht.",
    "De duur gaat naar 2 uur; de laatste twee keer zonder begeleider erbij, met telefonisch contact achteraf.",
)
BUILDUP_V2 = "Na de tussenevaluatie: overdracht zonder begeleider; de laatste omgangsmomenten buiten de locatie."
INCIDENT = "{ander} begon over de scheiding waar {kind} bij was; de begeleider heeft dit benoemd en omgebogen."


@dataclass
class VisitLog:
    """What happened when, for the letters' facts."""

    entries: list[tuple[int, str, str]] = field(default_factory=list)  # (day, state, the parent who did not come)
    agreements: str = ""

    def tally(self, until: int) -> dict:
        """Held and cancelled by `until`, and the no-shows in the letters' words ("" when every parent came)."""
        past = [(state, absent) for day, state, absent in self.entries if day < until]
        states = [state for state, _absent in past]
        return {"held": states.count("held"), "cancelled": states.count("cancelled"),
                "no_shows": tx.no_show_words([absent for state, absent in past if state == "no_show"])}


class VisitWriter:
    def __init__(self, rng: random.Random, today: dt.date, rows: Rows, first_contract_id: int, first_visit_id: int):
        self.rng, self.today, self.rows = rng, today, rows
        self.contract_ids = itertools.count(first_contract_id)
        self.visit_ids = itertools.count(first_visit_id)  # numbered here: a volunteer's claim names its visit

    def write(self, case: Case, plan, family: dict, volunteer, coordinator) -> VisitLog:
        log = VisitLog()
        t = plan.timeline
        if t.visits and t.done(t.visits[0]):
            self._visits(case, plan, family, volunteer, log)
        if t.evaluation is not None and t.done(t.evaluation):
            log.agreements = tx.fill(self.rng, EVALUATION_AGREEMENTS, **family["words"])
            on = plan.registered_on + dt.timedelta(days=t.evaluation)
            self.rows.add(Evaluation, case_id=case.id, held_on=on, kind="midway",
                          participants=self._participants(family, volunteer, coordinator),
                          agreements=log.agreements, notes=self._midway_notes(log.tally(t.evaluation), family),
                          created_at=stamp(on, 15), updated_at=stamp(on, 15))
        closing = next((day for to, day in t.steps if to == "closing"), None)
        if t.visits and t.done(closing):
            self._final_evaluation(case, plan, family, volunteer, coordinator, closing, log)
        if t.done(t.contract):
            self._contracts(case, plan, family, volunteer, coordinator)
        return log

    def _final_evaluation(self, case: Case, plan, family, volunteer, coordinator, day: int, log: VisitLog) -> None:
        on = plan.registered_on + dt.timedelta(days=day)
        agreements = (self.rng.choice(tx.SUCCESS_NOTES) if plan.fate.outcome != "stagnated"
                      else "Geen vervolg met de BOR; " + tx.REASON_WORDS[plan.fate.reason][0].lower()
                      + tx.REASON_WORDS[plan.fate.reason][1:])
        tally = log.tally(day)
        self.rows.add(Evaluation, case_id=case.id, held_on=on, kind="final", agreements=agreements,
                      participants=self._participants(family, volunteer, coordinator),
                      notes=f"Gehouden: {tally['held']}, afgezegd: {tally['cancelled']}"
                      f"{'; ' + tally['no_shows'] if tally['no_shows'] else ''}. Verslag naar opdrachtgever.",
                      created_at=stamp(on, 15), updated_at=stamp(on, 15))

    def _midway_notes(self, tally: dict, family: dict) -> str:
        absent = f" {tally['no_shows'][:1].upper()}{tally['no_shows'][1:]}." if tally["no_shows"] else ""
        return (f"Tot nu toe {tally['held']} keer omgang gehouden.{absent} "
                f"{tx.fill(self.rng, tx.EVALUATION_NOTES, **family['words'])}")

    @staticmethod
    def _participants(family: dict, volunteer, coordinator) -> str:
        words = family["words"]
        return (f"{family['resident']} ({words['verzorger']}), {family['other']} ({words['ander']}), "
                f"{volunteer.name} (BOR-medewerker), {coordinator.name} (coördinator)")

    def _visits(self, case: Case, plan, family: dict, volunteer, log: VisitLog) -> None:
        rng, t, reg = self.rng, plan.timeline, plan.registered_on
        part = case.preferred_slots.split(";")[0].split("-")[1]
        start = rng.choice(tx.PART_TIMES[part])
        stagnating = plan.fate.outcome == "stagnated"
        days = list(t.visits)
        expenses = ExpenseWriter(self.rows, case)
        absences = random.Random(f"demo no-shows {case.ref}")  # its own draws: the rest stays as it was
        for index, day in enumerate(days):
            on = reg + dt.timedelta(days=day)
            minutes = 60 if index < 3 else rng.choice((90, 120))
            end = (dt.datetime.combine(on, start) + dt.timedelta(minutes=minutes)).time()
            row = {"id": next(self.visit_ids), "case_id": case.id, "on": on, "start_time": start, "end_time": end,
                   "place": case.visit_place,
                   "volunteer_id": volunteer.id if volunteer else None,
                   "created_at": stamp(min(on, self.today), 8), "updated_at": stamp(min(on, self.today), 8)}
            tense = stagnating and index >= len(t.visits) - 2
            if day >= t.now:
                row["state"] = "planned"
            elif index and rng.random() < (0.3 if tense else 0.12):
                row.update(self._cancelled(family, tense and plan.fate.reason == "resident_resistance"))
                row["cancelled_on"] = on - dt.timedelta(days=row["notice_hours"] // 24)  # called off ahead
                self._make_up(days, index, tense, rng)
            elif index and absences.random() < NO_SHOW_CHANCE[tense]:
                row.update(_no_show(absences, tense and plan.fate.reason == "resident_resistance"))
            else:
                row.update(self._held(family, index, tense, start, case.staggered_arrival, on))
            log.entries.append((day, row["state"], row.get("no_show_by", "")))
            self.rows.add(Visit, **row)
            if row["state"] in ("held", "no_show"):  # the volunteer came, and waited in vain for a no-show
                expenses.held(row["id"], on)

    @staticmethod
    def _make_up(days: list[int], index: int, tense: bool, rng: random.Random) -> None:
        """A cancelled visit is made up a few days later when that fits before the next one (not when it stalls)."""
        if tense or index + 1 >= len(days):  # the last one is not made up: the trajectory closes after it
            return
        later = days[index] + rng.randint(2, 5)
        if later < days[index + 1] and rng.random() < 0.7:
            days.insert(index + 1, later)

    def _cancelled(self, family: dict, resisting: bool) -> dict:
        rng = self.rng
        by = "resident" if resisting else rng.choices(list(CANCELLERS), weights=list(CANCELLERS.values()))[0]
        reason = "Kind wil niet, volgens de verzorgende ouder." if resisting else \
            tx.fill(rng, tx.CANCEL_REASONS[by], **family["words"])
        return {"state": "cancelled", "cancelled_by": by, "cancel_reason": reason, "notice_hours": rng.randint(2, 72)}

    def _held(self, family: dict, index: int, tense: bool, start: dt.time, staggered: bool, on: dt.date) -> dict:
        rng, words = self.rng, family["words"]
        notes = tx.visit_notes(rng, words, index=index, age=family["age"], staggered=staggered, tense=tense,
                               start=start, on=on)
        brought = family["resident"] if rng.random() < 0.85 else f"oma (moeder van {words['verzorger']})"
        row = {"state": "held", "brought_by": brought, "collected_by": family["resident"], **notes,
               "others_present": rng.choice(("", "", "", "", "halfbroer (8)", "oma van vaderskant"))}
        if tense and rng.random() < 0.5:
            row["incidents"] = tx.fill(rng, (INCIDENT,), **words)
        if tense and rng.random() < 0.3:
            row["ended_early_reason"] = f"{words['kind']} was erg verdrietig; na overleg een half uur eerder gestopt."
        return row

    def _contracts(self, case: Case, plan, family: dict, volunteer, coordinator) -> None:
        rng, t = self.rng, plan.timeline
        agreements = {key: getattr(case, key) for key in (
            "visit_place", "visit_frequency", "buildup", "handover", "staggered_arrival", "cancellation_rules",
            "house_rules", "referrer_information")}
        agreements["agreed_visits"] = str(case.agreed_visits or "")  # as contract_terms.case_agreements has it
        limit = t.matching - 1 if t.matching is not None else t.contract + 30
        refuser = rng.choice(("other", "other", "resident")) if plan.fate.stop_from == "contract" else ""
        late = plan.fate.status in ("visits", "evaluation", "closing") and rng.random() < 0.12
        signers = [("coordinator", coordinator.name, t.contract)]
        for role in ("resident", "other"):
            if role != refuser and not (late and role == "other"):
                signers.append((role, family[role], min(t.contract + rng.randint(1, 10), max(t.contract, limit))))
        if volunteer is not None and t.visits:
            signers.append(("volunteer", volunteer.name, max(t.matching, t.visits[0] - rng.randint(1, 6))))
        # The version names the parties the case has (the volunteer too once matched), as a drawn-up one does.
        agreements[PARTIES] = {"resident": family["resident"], "other": family["other"],
                               "coordinator": coordinator.name, "volunteer": volunteer.name if volunteer else ""}
        self._contract(case, plan, 1, agreements, t.contract, signers)
        if t.evaluation is not None and t.done(t.evaluation + 1) and rng.random() < 0.2:
            agreements = agreements | {"buildup": BUILDUP_V2}
            day = t.evaluation + 1
            signers = [(role, name, day + rng.randint(0, 10)) for role, name, _ in signers]
            self._contract(case, plan, 2, agreements, day, signers)

    def _contract(self, case: Case, plan, version: int, agreements: dict, day: int, signers: list) -> None:
        t, reg = plan.timeline, plan.registered_on
        contract_id = next(self.contract_ids)
        made = stamp(reg + dt.timedelta(days=day), 11)
        self.rows.add(Contract, id=contract_id, case_id=case.id, version=version, created_at=made, updated_at=made,
                      drawn_up_on=made.date(),
                      agreements=json.dumps(agreements, ensure_ascii=False, sort_keys=True))
        for role, name, on in signers:
            if t.done(on) and reg + dt.timedelta(days=on) <= self.today:
                self.rows.add(ContractSignature, contract_id=contract_id, role=role, name=name,
                              signed_on=reg + dt.timedelta(days=on))


def _no_show(rng: random.Random, resisting: bool) -> dict:
    """A parent who did not come and had not called off, as the visit editor records it: which parent, nothing of
    how it went (the editor keeps no report for a visit that did not take place)."""
    by = "resident" if resisting else rng.choices(list(NO_SHOWERS), weights=list(NO_SHOWERS.values()))[0]
    return {"state": "no_show", "no_show_by": by}
