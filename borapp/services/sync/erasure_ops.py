"""An erasure travels as its own operations (docs/sync-protocol.md): one per record, its uuid and nothing else, for
the case and every record hanging from it, so the server erases each of them. Before they
goes, this laptop's own operations about the case and everything hanging from it (parents, children, visits, ...)
are removed from the queue, since they hold the very names and notes being erased."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from borapp.models import (
    Attachment, Case, CaseExclusion, CaseHours, Child, Contract, ContractSignature, Evaluation, Letter, Parent,
    StatusChange, SyncIdentity, SyncOp, Visit, VisitAddendum, VisitExpense,
)
from borapp.services.sync.capture import APPLYING, device_of, write_op



def erase_operation(session: Session, case: Case) -> None:
    """Call before the case is deleted, in the same transaction."""
    if session.info.get(APPLYING) or not device_of(session):
        return
    found = [("case", _uuid(session, "case", case.id))]
    for type_name, model in (("parent", Parent), ("child", Child), ("status_change", StatusChange),
                             ("visit", Visit), ("evaluation", Evaluation), ("case_hours", CaseHours),
                             ("case_exclusion", CaseExclusion), ("attachment", Attachment),
                             ("contract", Contract), ("letter", Letter)):
        found += [(type_name, _uuid(session, type_name, i))
                  for i in session.scalars(select(model.id).where(model.case_id == case.id))]
    visit_ids = list(session.scalars(select(Visit.id).where(Visit.case_id == case.id)))
    for type_name, model in (("visit_expense", VisitExpense), ("visit_addendum", VisitAddendum)):
        found += [(type_name, _uuid(session, type_name, i))
                  for i in session.scalars(select(model.id).where(model.visit_id.in_(visit_ids)))]
    contract_ids = list(session.scalars(select(Contract.id).where(Contract.case_id == case.id)))
    found += [("contract_signature", _uuid(session, "contract_signature", i)) for i in session.scalars(
        select(ContractSignature.id).where(ContractSignature.contract_id.in_(contract_ids)))]
    found = [(type_name, uuid) for type_name, uuid in found if uuid]
    uuids = {uuid for _type, uuid in found}
    if uuids:
        session.execute(delete(SyncOp).where(SyncOp.uuid.in_(uuids)))
    for type_name, uuid in reversed(found):  # what hangs from the case first, the case last
        write_op(session, type_name, uuid, "erase", {})
    session.info["sync_erasing"] = uuids  # the deletes that follow are part of the erasure, not operations


def _uuid(session: Session, type_name: str, local_id: int) -> str | None:
    return session.scalar(select(SyncIdentity.uuid).where(SyncIdentity.type == type_name,
                                                          SyncIdentity.local_id == local_id,
                                                          SyncIdentity.alias.is_(False)))
