"""Acting on a match: assigning the chosen volunteer, closing a case no volunteer fits, and exclusions per case.

A volunteer is matched to a case in "contract" or "matching"; a case in contract moves on to "matching" (its status
follows from the match). The assignment is a history row that keeps the status (reason MATCHED, the volunteer's
name and the note in its note), like a hand-over, so the timeline shows it and the next step's date is not held to
it. The contract follows: a version nobody signed now names the volunteer, a signed one stays as it was signed and a
new version names them, for everyone to sign. So do the planned visits that name nobody or the volunteer before
(`records.give_planned_visits`). Then the coordinator starts the visits (the case header's next step).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from borapp.formatting import long_date
from borapp.i18n import _
from borapp.models import Case, CaseExclusion, StatusChange, Volunteer
from borapp.services.cases.flow import case_id_by_ref as find_case  # noqa: F401 - part of this API
from borapp.services import audit
from borapp.services.cases import flow
from borapp.services.cases.contract_terms import follow_case, latest_contract
from borapp.services.cases.flow import get_case
from borapp.services.cases.status import TransitionRefused, status_label
from borapp.services.cases.timeline import MATCHED_NOTE
from borapp.services.errors import NotFound, ValidationError
from borapp.services.matching.ranking import Candidate, family_needs, language_list, rank_in_session, slot_labels
from borapp.services.vault.workspace import Workspace
from borapp.services.visits import records

MATCHED = "volunteer_matched"  # the reason code of an assignment in the status history (status unchanged)
NO_MATCH = "no_volunteer_match"
MATCHABLE = ("contract", "matching")  # the statuses a volunteer is matched in
NOTE_LIMIT = 2000
EXCLUSION_REASON_LIMIT = 300


@dataclass(frozen=True)
class MatchingCase:
    """What the wizard shows about the case: where it stands and what the family asks of a volunteer."""

    id: int
    ref: str
    status: str
    status_label: str
    volunteer_id: int | None
    volunteer: str
    municipality: str
    region: str
    preferred_slots: tuple[str, ...]  # in words, e.g. "zaterdagochtend"
    wish_gender: str  # "f", "m" or ""
    wish_languages: str  # in words, e.g. "Turks, Arabisch"
    volunteer_wishes: str  # the parents' wishes in their own words
    entered_matching_on: dt.date | None
    contract_signed: bool = False  # the newest contract version has signatures: a match makes a new version
    contract_version: int | None = None  # the newest version, which a match changes when nobody signed it yet

    @property
    def can_match(self) -> bool:
        return self.status in MATCHABLE


@dataclass(frozen=True)
class ExclusionItem:
    volunteer_id: int
    name: str
    reason: str


# ---- reading -----------------------------------------------------------------------------------------------------

def matching_case(workspace, case_id: int) -> MatchingCase:
    with workspace.session() as session:
        case = get_case(session, case_id)
        needs = family_needs(case)
        contract = latest_contract(session, case.id)
        entered = max((h.on for h in case.history if h.to_status == "matching" and h.from_status != "matching"),
                      default=None)
        return MatchingCase(
            case.id, case.ref, case.status, status_label(case.status), case.volunteer_id,
            case.volunteer.name if case.volunteer else "", case.municipality.name if case.municipality else "",
            needs.region, tuple(slot_labels(needs.slots)), needs.wish_gender, language_list(needs.wish_languages),
            case.volunteer_wishes, entered, bool(contract is not None and contract.signatures),
            contract.version if contract is not None else None)


def list_exclusions(workspace, case_id: int) -> list[ExclusionItem]:
    with workspace.session() as session:
        get_case(session, case_id)
        rows = session.execute(select(CaseExclusion.volunteer_id, Volunteer.name, CaseExclusion.reason)
                               .join(Volunteer, Volunteer.id == CaseExclusion.volunteer_id)
                               .where(CaseExclusion.case_id == case_id).order_by(Volunteer.name.collate("name")))
        return [ExclusionItem(i, n, r) for i, n, r in rows]


# ---- assigning -----------------------------------------------------------------------------------------------------

def assign_volunteer(workspace: Workspace, case_id: int, volunteer_id: int, on: dt.date | None = None,
                     note: str = "") -> Candidate:
    """Match the volunteer to the case (still in matching); refuses an ineligible one and says why."""
    on = on or dt.date.today()
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        raise ValidationError(_("At most {n} characters.").format(n=NOTE_LIMIT), "note")
    with workspace.session() as session:
        case = get_case(session, case_id)
        volunteer = _volunteer(session, volunteer_id)
        _check_matching(case, on)
        if case.volunteer_id == volunteer.id:
            raise ValidationError(_("{name} is already matched to this case.").format(name=volunteer.name),
                                  "volunteer")
        candidate = next(c for c in rank_in_session(session, case, on) if c.volunteer_id == volunteer.id)
        if not candidate.eligible:
            raise ValidationError(_("{name} cannot be matched: {why}.").format(
                name=volunteer.name, why="; ".join(candidate.blocks)), "volunteer")
        if case.status == "contract":
            flow.change_status(session, case, "matching", on=on, coordinator_id=workspace.coordinator_id,
                               actor=workspace.actor)
        text = "\n".join(t for t in (_(MATCHED_NOTE).format(name=volunteer.name), note) if t)
        case.history.append(StatusChange(on=on, from_status=case.status, to_status=case.status, reason=MATCHED,
                                         note=text, coordinator_id=workspace.coordinator_id))
        previous_id = case.volunteer_id
        case.volunteer = volunteer
        session.flush()
        audit.record(session, "update", "case", case.id, workspace.actor)
        records.give_planned_visits(session, case, previous_id, workspace.actor)
        follow_case(session, case, workspace.actor)
        return candidate


def record_no_match(workspace: Workspace, case_id: int, on: dt.date | None = None, note: str = "") -> None:
    """Close the case as stopped at intake because no volunteer fits the parents' demands; a note is required.

    A volunteer still set on the case is taken off it: nobody supervised this family. All or nothing."""
    note = note.strip()
    if not note:
        raise ValidationError(_("Say why no volunteer could be matched."), "note")
    if len(note) > NOTE_LIMIT:
        raise ValidationError(_("At most {n} characters.").format(n=NOTE_LIMIT), "note")
    try:
        with workspace.session() as session:
            case = get_case(session, case_id)
            if case.status not in MATCHABLE:
                raise ValidationError(_("A case closes for lack of a volunteer while it waits for one, in "
                                        "'{contract}' or '{matching}'; this one is in '{status}'.").format(
                    contract=status_label("contract"), matching=status_label("matching"),
                    status=status_label(case.status)), "step")
            case.volunteer_id = None
            flow.change_status(session, case, "closed", on=on, outcome="stopped_at_intake", reason=NO_MATCH,
                                    note=note, coordinator_id=workspace.coordinator_id, actor=workspace.actor)
    except TransitionRefused as exc:
        raise ValidationError(str(exc), "on") from exc


def _volunteer(session, volunteer_id: int) -> Volunteer:
    volunteer = session.get(Volunteer, volunteer_id)
    if volunteer is None:
        raise NotFound(_("No volunteer with number {id}.").format(id=volunteer_id))
    return volunteer


def _check_matching(case: Case, on: dt.date) -> None:
    if case.status not in MATCHABLE:
        raise ValidationError(_("A volunteer is matched once the contract is drawn up; this case is in "
                                "'{status}'.").format(status=status_label(case.status)), "step")
    if on > dt.date.today():
        raise ValidationError(_("This date is in the future."), "on")
    entered = flow.last_step_on(case)
    if on < entered:
        raise ValidationError(_("The date must be on or after {date}, the case's last step.").format(
            date=long_date(entered)), "on")


# ---- exclusions --------------------------------------------------------------------------------------------------

def add_exclusion(workspace: Workspace, case_id: int, volunteer_id: int, reason: str) -> None:
    """Never match this volunteer to this case (known to the family, a conflict), for the reason given; a second call
    updates the reason."""
    reason = " ".join(reason.split())
    if not reason:  # without one the wizard made one up ("known to the family")
        raise ValidationError(_("Say why this volunteer must not be matched to this family."), "reason")
    if len(reason) > EXCLUSION_REASON_LIMIT:
        raise ValidationError(_("At most {n} characters.").format(n=EXCLUSION_REASON_LIMIT), "reason")
    with workspace.session() as session:
        case = get_case(session, case_id)
        volunteer = _volunteer(session, volunteer_id)
        if case.volunteer_id == volunteer.id and case.status != "closed":
            raise ValidationError(_("{name} is matched to this case; match someone else first.").format(
                name=volunteer.name), "volunteer")
        row = _exclusion(session, case.id, volunteer.id)
        if row is None:
            session.add(CaseExclusion(case_id=case.id, volunteer_id=volunteer.id, reason=reason))
        else:
            row.reason = reason
        session.flush()
        audit.record(session, "update", "case", case.id, workspace.actor)


def _exclusion(session, case_id: int, volunteer_id: int) -> CaseExclusion | None:
    return session.scalar(select(CaseExclusion).where(CaseExclusion.case_id == case_id,
                                                      CaseExclusion.volunteer_id == volunteer_id))


def remove_exclusion(workspace: Workspace, case_id: int, volunteer_id: int) -> bool:
    """Allow the volunteer for this case again; False when there was no exclusion."""
    with workspace.session() as session:
        case = get_case(session, case_id)
        row = _exclusion(session, case.id, volunteer_id)
        if row is None:
            return False
        session.delete(row)
        session.flush()
        audit.record(session, "update", "case", case.id, workspace.actor)
        return True


__all__ = ["MATCHED", "NO_MATCH", "MATCHABLE", "MatchingCase", "ExclusionItem", "find_case", "matching_case",
           "list_exclusions", "assign_volunteer", "record_no_match", "add_exclusion", "remove_exclusion"]
