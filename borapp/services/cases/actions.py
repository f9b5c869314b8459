"""Moving a case on (through `flow`, the only way a status changes) and handing it to another coordinator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from borapp.i18n import N_, _
from borapp.models import Coordinator, StatusChange
from borapp.services import audit
from borapp.services.cases import evaluations, flow
from borapp.services.cases.status import TransitionRefused, status_label
from borapp.services.cases.timeline import HANDOVER
from borapp.services.errors import ValidationError
from borapp.services.vault.workspace import Workspace


@dataclass(frozen=True)
class Item:
    id: int
    name: str


# The steps whose status follows from the work itself, and where that work is done.
WORK_DONE_BY = {
    "contract": N_("The case moves to '{status}' once the contract is drawn up (Agreements, Draw up contract)."),
    "matching": N_("The case moves to '{status}' once a volunteer is matched (Match a volunteer)."),
    "evaluation": N_("The case moves to '{status}' once the midway evaluation is recorded (Evaluations)."),
}


def change_status(workspace: Workspace, case_id: int, to: str, on: dt.date | None = None, outcome: str = "",
                  reason: str = "", note: str = "", planned_visits: str = "cancel",
                  final_agreements: str | None = None) -> None:
    """Take one step; a refusal is a ValidationError (field "step") with the reason, and nothing is saved.
    Closing cancels the visits still planned (or deletes them: `planned_visits="delete"`), and keeps
    `final_agreements` (None: leave them) in the final evaluation, where the closing report reads them. The steps of
    `WORK_DONE_BY` are refused: their status follows from the work (a contract, a match, an evaluation)."""
    if to in WORK_DONE_BY:
        raise ValidationError(_(WORK_DONE_BY[to]).format(status=status_label(to)), "step")
    try:
        with workspace.session() as session:
            case = flow.get_case(session, case_id)
            if to == "closed" and final_agreements is not None:
                evaluations.keep_final_agreements(session, case, on or dt.date.today(), final_agreements,
                                                  workspace.actor)
            flow.change_status(session, case, to, on=on, outcome=outcome, reason=reason, note=note.strip(),
                               coordinator_id=workspace.coordinator_id, actor=workspace.actor,
                               planned_visits=planned_visits)
    except TransitionRefused as exc:
        raise ValidationError(str(exc), "step") from exc


def hand_over(workspace: Workspace, case_id: int, coordinator_id: int | None, note: str = "") -> None:
    """Give the case to another coordinator; kept in the case's history (status unchanged) and the log."""
    with workspace.session() as session:
        case = flow.get_case(session, case_id)
        target = session.get(Coordinator, coordinator_id) if coordinator_id is not None else None
        if target is None or not target.active:
            raise ValidationError(_("Choose a coordinator."), "coordinator")
        if case.coordinator_id == target.id:
            raise ValidationError(_("This case is already with {name}.").format(name=target.name), "coordinator")
        if case.status == "closed":
            raise ValidationError(_("A closed case cannot be handed over; reopen it first."), "coordinator")
        case.history.append(StatusChange(on=dt.date.today(), from_status=case.status, to_status=case.status,
                                         reason=HANDOVER, note=note.strip(), coordinator_id=target.id))
        case.coordinator_id = target.id
        session.flush()
        audit.record(session, "update", "case", case.id, workspace.actor)


def list_coordinators(workspace: Workspace, active_only: bool = True) -> list[Item]:
    with workspace.session() as session:
        query = select(Coordinator.id, Coordinator.name).order_by(Coordinator.name.collate("name"))
        if active_only:
            query = query.where(Coordinator.active.is_(True))
        return [Item(i, n) for i, n in session.execute(query)]
