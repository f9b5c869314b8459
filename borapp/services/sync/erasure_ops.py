"""An erasure travels as its own operations (docs/sync-protocol.md): one per record, its uuid and nothing else, for
the case and every record hanging from it, so the server erases each of them. Before they go, this laptop's own
operations about the case and everything hanging from it (parents, children, visits, ...) are removed from the
queue, since they hold the very names and notes being erased. An erasure pulled from the team does the same here:
the queue forgets the case (operations waiting or long sent), and what was typed here and never reached the team
is counted, so the coordinator hears that it went with the case. The first of an erased case's records to arrive
leaves the case's anonymous count for the annual report (`privacy.erased_counts`) and its tombstone, which also
marks it counted: its records may come over several pages, the case itself last, by when the rest is gone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from borapp.models import (
    Attachment, Case, CaseExclusion, CaseHours, Child, Contract, ContractSignature, Evaluation, Letter, Parent,
    RetentionHold, StatusChange, SyncIdentity, SyncOp, Visit, VisitAddendum, VisitExpense,
)
from borapp.services.privacy.erased_counts import count_case
from borapp.services.privacy.tombstones import has_tombstone, keep_team_tombstone
from borapp.services.sync.capture import APPLYING, device_of, write_op

TEAM_ERASED = "sync_team_erased"  # session.info while a page is applied: case number → TeamErasure
_HANGING = (("parent", Parent), ("child", Child), ("status_change", StatusChange), ("visit", Visit),
            ("evaluation", Evaluation), ("case_hours", CaseHours), ("case_exclusion", CaseExclusion),
            ("attachment", Attachment), ("contract", Contract), ("letter", Letter), ("retention_hold", RetentionHold))


@dataclass(frozen=True)
class TeamErasure:
    """A case a colleague erased, as this laptop tells it: no name, no reason (that stays where it was made)."""
    ref: str
    device: str        # the laptop that erased it
    at: str            # when the server logged it (ISO, with its offset), "" when an older server did not say
    unsent: int = 0    # this laptop's changes to it that never reached the team, gone with it


def erase_operation(session: Session, case: Case) -> None:
    """Call before the case is deleted, in the same transaction."""
    if session.info.get(APPLYING) or not device_of(session):
        return
    found = case_records(session, case)
    uuids = {uuid for _type, uuid in found}
    if uuids:
        session.execute(delete(SyncOp).where(SyncOp.uuid.in_(uuids)))
    for type_name, uuid in reversed(found):  # what hangs from the case first, the case last
        write_op(session, type_name, uuid, "erase", {})
    session.info["sync_erasing"] = uuids  # the deletes that follow are part of the erasure, not operations


def case_records(session: Session, case: Case) -> list[tuple[str, str]]:
    """(type, uuid) of the case and of every record hanging from it that has an identity, the case first."""
    found = [("case", _uuid(session, "case", case.id))]
    for type_name, model in _HANGING:
        found += [(type_name, _uuid(session, type_name, i))
                  for i in session.scalars(select(model.id).where(model.case_id == case.id))]
    visit_ids = list(session.scalars(select(Visit.id).where(Visit.case_id == case.id)))
    for type_name, model in (("visit_expense", VisitExpense), ("visit_addendum", VisitAddendum)):
        found += [(type_name, _uuid(session, type_name, i))
                  for i in session.scalars(select(model.id).where(model.visit_id.in_(visit_ids)))]
    contract_ids = list(session.scalars(select(Contract.id).where(Contract.case_id == case.id)))
    found += [("contract_signature", _uuid(session, "contract_signature", i)) for i in session.scalars(
        select(ContractSignature.id).where(ContractSignature.contract_id.in_(contract_ids)))]
    return [(type_name, uuid) for type_name, uuid in found if uuid]


def erased_by_team(session: Session, type_name: str, uuid: str, record, change: dict) -> None:
    """A pulled `erase` of a record (None when this vault no longer has it), before it is removed: the queue forgets
    it and, from the first of a case's records to arrive, the whole case (an erasure is always a case's). The case
    is noted in session.info[TEAM_ERASED] for the sync's news; the caller removes the records."""
    case = case_of(session, type_name, record)
    uuids = {uuid} | {u for _type, u in (case_records(session, case) if case is not None else ())}
    unsent = len(session.scalars(select(SyncOp.op_id).where(
        SyncOp.uuid.in_(uuids), SyncOp.outcome.is_(None) | (SyncOp.outcome == "erased"))).all())
    session.execute(delete(SyncOp).where(SyncOp.uuid.in_(uuids)))
    if case is None:
        return
    noted = session.info.setdefault(TEAM_ERASED, {})
    before = noted.get(case.ref) or TeamErasure(case.ref, str(change.get("device") or ""), str(change.get("at") or ""))
    noted[case.ref] = replace(before, unsent=before.unsent + unsent)
    if not has_tombstone(session, case.ref):  # the first of its records to arrive, in this page or any before
        count_case(session, case)  # from this laptop's copy, before any of it goes: what its reports counted
        keep_team_tombstone(session, case.ref, before.device, erased_at(before))


def taken_from(session: Session) -> list[TeamErasure]:
    """The cases the team erased in this session's pulled pages (once each)."""
    return list(session.info.pop(TEAM_ERASED, {}).values())


def erased_at(erasure: TeamErasure) -> dt.datetime | None:
    """When, in UTC without a zone (as the vault keeps moments); None when the server did not say."""
    try:
        moment = dt.datetime.fromisoformat(erasure.at)
    except ValueError:
        return None
    return moment.astimezone(dt.timezone.utc).replace(tzinfo=None) if moment.tzinfo else moment


def case_of(session: Session, type_name: str, record) -> Case | None:
    """The case `record` (of `type_name`) is or hangs from; None for a record of no case (a volunteer)."""
    if record is None:
        return None
    if type_name == "case":
        return record
    if type_name in ("visit_expense", "visit_addendum"):
        record = session.get(Visit, record.visit_id)
    elif type_name == "contract_signature":
        record = session.get(Contract, record.contract_id)
    case_id = getattr(record, "case_id", None) if record is not None else None
    return session.get(Case, case_id) if case_id is not None else None


def _uuid(session: Session, type_name: str, local_id: int) -> str | None:
    return session.scalar(select(SyncIdentity.uuid).where(SyncIdentity.type == type_name,
                                                          SyncIdentity.local_id == local_id,
                                                          SyncIdentity.alias.is_(False)))
