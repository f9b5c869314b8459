"""The access log (NEN 7513-style): when, who, which record, what action, from which device; never the content.

It is the audit trail (`borapp.services.audit`), append-only and hash-chained. `verify` walks the chain and names
every line that was changed, removed or added out of turn, and a cut-off tail (against the `audit.head` setting).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.i18n import N_, _
from borapp.models import AuditEvent, Case, Erasure, Setting
from borapp.models.audit import GENESIS, event_hash
from borapp.services.audit import HEAD_SETTING
from borapp.services.vault.workspace import Workspace, actor_words
from borapp.services.vault.attached import rows_of

ACTION_LABELS = {
    "create": N_("created"), "update": N_("changed"), "delete": N_("deleted"), "open": N_("opened"),
    "reveal_address": N_("showed the confidential address"), "status": N_("changed the status"),
    "import": N_("imported"), "export": N_("exported"), "send": N_("sent"), "print": N_("printed"),
    "erase": N_("erased"), "access_export": N_("exported for a request for access"),
    "access_checked": N_("looked at and given for a request for access"),
    "received_update": N_("changed on a colleague's laptop"), "received_delete": N_("deleted on a colleague's laptop"),
    "received_restore": N_("brought back after a conflict was settled"),
    "restore": N_("restored from a backup"),
}


RECORD_TYPE_LABELS = {  # what a line is about, in words: "case", "letter" stood raw in the Dutch log
    "organisation": N_("organisation"), "municipality": N_("municipality"),
    "municipality_funding": N_("municipality's funding"), "coordinator": N_("coordinator"),
    "volunteer": N_("volunteer"), "training": N_("training"), "vog_issue": N_("VOG"),
    "volunteer_pause": N_("pause"), "meeting": N_("volunteer meeting"),
    "meeting_attendance": N_("attendance at a meeting"), "case": N_("case"), "case_exclusion": N_("exclusion"),
    "parent": N_("parent"), "child": N_("child"), "status_change": N_("step"), "visit": N_("visit"),
    "visit_addendum": N_("addendum to a visit report"), "visit_expense": N_("visit expenses"),
    "evaluation": N_("evaluation"), "case_hours": N_("hours"), "attachment": N_("attachment"),
    "contract": N_("contract"), "contract_signature": N_("signature"), "letter": N_("letter"),
    "expenses": N_("expenses"), "vault": N_("vault"),
}


def action_label(action: str) -> str:
    return _(ACTION_LABELS[action]) if action in ACTION_LABELS else action


def record_label(record_type: str) -> str:
    return _(RECORD_TYPE_LABELS[record_type]) if record_type in RECORD_TYPE_LABELS else record_type


@dataclass(frozen=True)
class LogLine:
    id: int
    at: dt.datetime
    actor: str
    action: str
    record_type: str
    record_id: int | None
    case_id: int | None
    device: str
    case_ref: str = ""  # the case's number (the log keeps only its id), "" when not known
    case_erased: bool = False


@dataclass(frozen=True)
class Problem:
    line_id: int | None
    text: str


@dataclass(frozen=True)
class Verification:
    lines: int
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def log_lines(workspace: Workspace, case_id: int | None = None, limit: int | None = None) -> list[LogLine]:
    """The log, newest first; only the lines about one case when `case_id` is given."""
    with workspace.session() as session:
        return with_case_refs(session, lines_in(session, case_id, limit))


def with_case_refs(session: Session, lines: list[LogLine]) -> list[LogLine]:
    """`lines` with the number of the case each is about: a case in the vault by its id (from its creation on, as
    `lines_in` tells it), an erased one through its tombstone; the internal id means nothing to a reader."""
    refs: dict[int, tuple[str, bool]] = {}
    for erasure in session.execute(select(Erasure.case_ref, Erasure.erased_at)):
        refs.update((line.id, (erasure.case_ref, True)) for line in _erased_case_lines(session, erasure.erased_at))
    living = {row.id: row for row in session.execute(select(Case.id, Case.ref, Case.created_at))}
    found = []
    for line in lines:
        case = living.get(line.case_id)
        ref, erased = (case.ref, False) if case is not None and line.at >= case.created_at else refs.get(line.id,
                                                                                                          ("", False))
        found.append(replace(line, case_ref=ref, case_erased=erased))
    return found


def lines_in(session: Session, case_id: int | None = None, limit: int | None = None) -> list[LogLine]:
    """`log_lines` within an open session."""
    query = select(AuditEvent).order_by(AuditEvent.id.desc())
    if limit:
        query = query.limit(limit)
    if case_id is not None:
        query = query.where(AuditEvent.case_id == case_id)
        born = session.scalar(select(Case.created_at).where(Case.id == case_id))
        if born is not None:  # an erased case's lines may carry the same id: they are older
            query = query.where(AuditEvent.at >= born)
    return [LogLine(e.id, e.at, actor_words(e.actor), e.action, e.record_type, e.record_id, e.case_id, e.device)
            for e in session.scalars(query)]


def case_id_for(workspace: Workspace, ref: str) -> int | None:
    with workspace.session() as session:
        return session.scalar(select(Case.id).where(Case.ref == ref))


def case_lines(workspace: Workspace, ref: str) -> list[LogLine] | None:
    """The lines about case `ref`, also after it was erased (then found through its tombstone); None when this vault
    never knew the number."""
    with workspace.session() as session:
        case_id = session.scalar(select(Case.id).where(Case.ref == ref))
        if case_id is not None:
            return [replace(line, case_ref=ref) for line in lines_in(session, case_id)]
        erased_at = session.scalar(select(Erasure.erased_at).where(Erasure.case_ref == ref))
        if erased_at is None:
            return None
        return [replace(line, case_ref=ref, case_erased=True) for line in _erased_case_lines(session, erased_at)]


def _erased_case_lines(session: Session, erased_at: dt.datetime) -> list[LogLine]:
    """The log keeps a case's id, not its number: the tombstone's time finds the erasure's line, and so the id; the
    lines with that id from the case's creation (or an earlier erasure of the same id) until a new case took the id."""
    erase = session.scalars(select(AuditEvent).where(AuditEvent.action == "erase", AuditEvent.record_type == "case")
                            .order_by(AuditEvent.id)).all()
    if not erase:
        return []
    line = min(erase, key=lambda e: abs((e.at - erased_at).total_seconds()))
    if abs((line.at - erased_at).total_seconds()) > 60:  # erased on a colleague's laptop: its lines are there
        return []
    case_id = line.case_id
    before = [e.id for e in erase if e.case_id == case_id and e.id < line.id]
    creations = select(AuditEvent.id).where(AuditEvent.action == "create", AuditEvent.record_type == "case",
                                            AuditEvent.record_id == case_id)
    born = session.scalar(creations.where(AuditEvent.id < line.id).order_by(AuditEvent.id.desc()).limit(1))
    reborn = session.scalar(creations.where(AuditEvent.id > line.id).order_by(AuditEvent.id).limit(1))
    query = select(AuditEvent).where(AuditEvent.case_id == case_id).order_by(AuditEvent.id.desc())
    query = query.where(AuditEvent.id >= max([born or 0, *(b + 1 for b in before)]))
    if reborn is not None:
        query = query.where(AuditEvent.id < reborn)
    taken = session.scalar(select(Case.created_at).where(Case.id == case_id))
    if taken is not None:  # a case made since holds the id (as `lines_in` tells it)
        query = query.where(AuditEvent.at < taken)
    return [LogLine(e.id, e.at, actor_words(e.actor), e.action, e.record_type, e.record_id, e.case_id, e.device)
            for e in session.scalars(query)]


def carry_lines(engine, session: Session, replaced) -> int:
    """At a restore: the lines of the vault being replaced (`replaced`, same data key) that the restored one lacks,
    appended in their order, so an older backup does not cut the log short. A line is known by its hash, which
    covers the line before it: the restored log's lines are the replaced one's first lines, the rest chain on after
    them with the same hashes. Returns how many were carried."""
    have = set(session.scalars(select(AuditEvent.hash).where(AuditEvent.hash.is_not(None))))
    fields = ("at", "actor", "action", "record_type", "record_id", "case_id", "device")
    rows = [r for r in _lines_of(engine, replaced, fields) if r[-1] not in have]
    for order, row in enumerate(rows):
        line = AuditEvent(**dict(zip(fields, row[:-1])))
        line.at = line.at if isinstance(line.at, dt.datetime) else dt.datetime.fromisoformat(line.at)
        line.order = -len(rows) + order  # before any line written in the same flush
        session.add(line)
    session.flush()
    return len(rows)


def _lines_of(engine, replaced, fields: tuple[str, ...]) -> list[tuple]:
    """Every line of the log of `replaced` (attached with this engine's key), oldest first, its hash last."""
    return rows_of(engine, replaced, "audit_event", (*fields, "hash"), "WHERE hash IS NOT NULL")


def verify(workspace: Workspace) -> Verification:
    """Recompute the chain from the first line: each line's hash over its fields and the line before."""
    problems: list[Problem] = []
    prev, count, last_id = GENESIS, 0, None
    with workspace.session() as session:
        for e in session.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars():
            count += 1
            if e.prev_hash != prev:
                problems.append(Problem(e.id, _("Line {id}: the line before it was changed or removed.")
                                        .format(id=e.id)))
            expected = event_hash(e.prev_hash, e.at, e.actor, e.action, e.record_type, e.record_id, e.case_id,
                                  e.device)
            if e.hash != expected:
                problems.append(Problem(e.id, _("Line {id} was changed.").format(id=e.id)))
            prev, last_id = e.hash or "", e.id
        head = session.get(Setting, HEAD_SETTING)
    if head is not None and head.value:
        head_id, _sep, head_hash = head.value.partition(":")
        if last_id is None or int(head_id) != last_id or head_hash != prev:
            problems.append(Problem(None, _("The newest lines of the log were removed or replaced.")))
    return Verification(count, tuple(problems))
