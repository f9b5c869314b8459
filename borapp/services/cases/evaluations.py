"""Evaluations (tussenevaluatie, eindevaluatie) with parents, volunteer and coordinator: who came, what was agreed.

Recording the first midway evaluation moves a case in visits on to "midway evaluation", dated the day it was held, which
lies on or after the day the visits started: the status follows from the evaluation, never the other way round. The
visits go on after it: the first visit held after its day takes the case back to visits (`records.record_visit`, or
here when that visit was recorded first). A closed case takes no new evaluation until it is reopened (as with visits); one already there may still be corrected.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borapp.formatting import long_date
from borapp.i18n import N_, _
from borapp.models import Evaluation, Visit
from borapp.services import audit
from borapp.services.cases import flow
from borapp.services.cases.flow import get_case
from borapp.services.cases.search_index import reindex_case_id
from borapp.services.errors import NotFound, ValidationError
from borapp.services.vault.workspace import Workspace

EVALUATION_KINDS = ("midway", "final")
KIND_LABELS = {"midway": N_("Midway evaluation"), "final": N_("Final evaluation")}
MAX_PARTICIPANTS = 400


def kind_label(kind: str) -> str:
    return _(KIND_LABELS.get(kind, kind))


@dataclass(frozen=True)
class EvaluationItem:
    id: int
    case_id: int
    held_on: dt.date
    kind: str
    participants: str
    agreements: str
    notes: str

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


@dataclass(frozen=True)
class CaseEvaluations:
    """A case's evaluations by date, and the day of its midway evaluation as `midway_held_on` says (None: none)."""

    items: tuple[EvaluationItem, ...]
    midway_held_on: dt.date | None


@dataclass(frozen=True)
class EvaluationInput:
    """What the editor sends; `evaluation_id` None adds a new one."""

    case_id: int
    held_on: dt.date | None
    kind: str = "midway"
    participants: str = ""
    agreements: str = ""
    notes: str = ""
    evaluation_id: int | None = None


@dataclass(frozen=True)
class EvaluationDefaults:
    held_on: dt.date
    kind: str
    participants: str


def list_evaluations(workspace: Workspace, case_id: int) -> list[EvaluationItem]:
    return list(case_evaluations(workspace, case_id).items)


def case_evaluations(workspace: Workspace, case_id: int) -> CaseEvaluations:
    """What the Evaluations tab shows: the rows, and whether (and when) the midway evaluation was held, as
    `midway_held_on` says for Today and the case's next step (the tab read it off its rows, and sorted newest first
    it named the second midway evaluation)."""
    with workspace.session() as session:
        get_case(session, case_id)
        rows = session.scalars(select(Evaluation).where(Evaluation.case_id == case_id)
                               .order_by(Evaluation.held_on, Evaluation.id))
        return CaseEvaluations(tuple(_item(e) for e in rows), midway_held_on(session, case_id))


def get_evaluation(workspace: Workspace, evaluation_id: int) -> EvaluationItem:
    with workspace.session() as session:
        return _item(_evaluation(session, evaluation_id))


def new_evaluation_defaults(workspace: Workspace, case_id: int) -> EvaluationDefaults:
    """Today; midway for the first one, final after that; the usual people named, to correct where needed."""
    with workspace.session() as session:
        case = get_case(session, case_id)
        return EvaluationDefaults(dt.date.today(), "final" if midway_held(session, case_id) else "midway",
                                  _usual_people(case))


def midway_held(session: Session, case_id: int) -> bool:
    """Whether the case's midway evaluation was recorded."""
    return midway_held_on(session, case_id) is not None


def midway_held_on(session: Session, case_id: int) -> dt.date | None:
    """The day the case's midway evaluation was held: the first, where a longer trajectory had a second (as the
    letters owed to the referrer count it); None while none was recorded."""
    return session.scalar(select(func.min(Evaluation.held_on)).where(
        Evaluation.case_id == case_id, Evaluation.kind == "midway"))


def _usual_people(case) -> str:
    names = [p.name for p in case.parents]
    if case.volunteer is not None:
        names.append(case.volunteer.name)
    if case.coordinator is not None:
        names.append(case.coordinator.name)
    return ", ".join(names)


def final_agreements(workspace: Workspace, case_id: int) -> str:
    """What the latest final evaluation says was agreed: the closing report's "Agreements made"."""
    with workspace.session() as session:
        final = _latest_final(session, get_case(session, case_id).id)
        return final.agreements if final is not None else ""


def _latest_final(session: Session, case_id: int) -> Evaluation | None:
    return session.scalars(select(Evaluation).where(Evaluation.case_id == case_id, Evaluation.kind == "final")
                           .order_by(Evaluation.held_on.desc(), Evaluation.id.desc()).limit(1)).first()


def keep_final_agreements(session: Session, case, on: dt.date, agreements: str, actor: str) -> None:
    """The agreements made at the end, typed when closing (the closing report reads them from the final
    evaluation): into the latest final evaluation, or a new one on the closing day that names nobody, for nobody
    said who took part, nor that a meeting was held (the timeline calls it agreements recorded at closing). Nothing
    typed and no final evaluation: nothing to keep."""
    text = agreements.strip()
    final = _latest_final(session, case.id)
    is_new = final is None
    if is_new and not text:
        return
    if is_new:
        final = Evaluation(case_id=case.id, held_on=on, kind="final", participants="", notes="")
        session.add(final)
    elif final.agreements == text:
        return
    final.agreements = text
    session.flush()
    audit.record(session, "create" if is_new else "update", "evaluation", final.id, actor)
    reindex_case_id(session, case.id)


def save_evaluation(workspace: Workspace, data: EvaluationInput) -> int:
    """Add or change an evaluation; returns its id. Nothing is saved on an error."""
    with workspace.session() as session:
        case = get_case(session, data.case_id)
        evaluation = _evaluation(session, data.evaluation_id) if data.evaluation_id is not None else None
        if evaluation is not None and evaluation.case_id != case.id:
            raise NotFound(_("No evaluation with number {id}.").format(id=data.evaluation_id))
        _check(case.registered_on, data)
        moves_on = (data.evaluation_id is None and data.kind == "midway" and case.status == "visits"
                    and not midway_held(session, case.id))  # a second one (a longer trajectory) moves nothing back
        if data.evaluation_id is None and case.status == "closed":
            raise ValidationError(_("This case is closed; reopen it before adding an evaluation."), "held_on")
        if moves_on and data.held_on < flow.last_step_on(case):
            raise ValidationError(_("The midway evaluation cannot be before {date}, when the visits started.").format(
                date=long_date(flow.last_step_on(case))), "held_on")
        if evaluation is None:
            evaluation = Evaluation(case_id=case.id)
            session.add(evaluation)
        evaluation.held_on, evaluation.kind = data.held_on, data.kind
        evaluation.participants = " ".join(data.participants.split())
        evaluation.agreements, evaluation.notes = data.agreements.strip(), data.notes.strip()
        session.flush()
        audit.record(session, "create" if data.evaluation_id is None else "update", "evaluation", evaluation.id,
                     workspace.actor)
        if moves_on:
            flow.change_status(session, case, "evaluation", on=data.held_on,
                               coordinator_id=workspace.coordinator_id, actor=workspace.actor)
            resumed_on = _first_held_after(session, case.id, data.held_on)
            if resumed_on is not None:
                flow.change_status(session, case, "visits", on=resumed_on,
                                   coordinator_id=workspace.coordinator_id, actor=workspace.actor)
        reindex_case_id(session, case.id)  # its notes are found by the search box
        return evaluation.id


def _first_held_after(session: Session, case_id: int, day: dt.date) -> dt.date | None:
    """The day of the first visit held after `day`: the visits went on after an evaluation recorded late."""
    return session.scalar(select(func.min(Visit.on)).where(
        Visit.case_id == case_id, Visit.state == "held", Visit.on > day))


def _check(registered_on: dt.date, data: EvaluationInput) -> None:
    if data.held_on is None:
        raise ValidationError(_("Enter the date of the evaluation."), "held_on")
    if data.held_on < registered_on:
        raise ValidationError(_("The evaluation cannot be before the registration date ({date}).").format(
            date=long_date(registered_on)), "held_on")
    if data.held_on > dt.date.today():
        raise ValidationError(_("Record an evaluation once it has been held; this date is in the future."),
                              "held_on")
    if data.kind not in EVALUATION_KINDS:
        raise ValidationError(_("Choose midway or final."), "kind")
    if not data.participants.strip():
        raise ValidationError(_("Name who took part."), "participants")
    if len(data.participants.strip()) > MAX_PARTICIPANTS:
        raise ValidationError(_("At most {n} characters.").format(n=MAX_PARTICIPANTS), "participants")


def _evaluation(session: Session, evaluation_id: int | None) -> Evaluation:
    evaluation = session.get(Evaluation, evaluation_id) if evaluation_id is not None else None
    if evaluation is None:
        raise NotFound(_("No evaluation with number {id}.").format(id=evaluation_id))
    return evaluation


def _item(e: Evaluation) -> EvaluationItem:
    return EvaluationItem(e.id, e.case_id, e.held_on, e.kind, e.participants, e.agreements, e.notes)
