"""The audit trail, also the access log: who did what to which record, when, from which device. Never names,
addresses or notes.

Every line is chained to the one before it when the session flushes (`before_flush`): it carries the previous
line's hash and its own over all its fields (`borapp.models.audit.event_hash`); the newest line's id and hash are
kept as the setting `audit.head`, so removing the last lines shows too. `borapp.services.privacy.access_log`
reads and verifies it.
"""

from __future__ import annotations

import itertools
import platform

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from borapp.models import AuditEvent, Setting
from borapp.models.audit import GENESIS, event_hash  # noqa: F401 - event_hash is part of this API
from borapp.models.base import utcnow

ACTIONS = ("create", "update", "delete", "open", "reveal_address", "status", "import", "export", "send", "print",
           "erase", "access_export", "access_checked", "received_update", "received_delete",
           "received_restore", "restore")  # received_*: a colleague's change,
# applied by team sync (the actor is that colleague's laptop); restore: the vault restored from a backup
HEAD_SETTING = "audit.head"
_order = itertools.count()


def device_name() -> str:
    """This computer's name as the operating system gives it (the log's "from which device")."""
    return platform.node()[:120]


def record(session: Session, action: str, record_type: str, record_id: int | None, actor: str = "",
           *, case_id: int | None = None) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    line = AuditEvent(at=utcnow(), action=action, record_type=record_type, record_id=record_id, actor=actor,
                      case_id=case_id if case_id is not None else case_of(session, record_type, record_id),
                      device=device_name())
    line.order = next(_order)
    session.add(line)


def case_of(session: Session, record_type: str, record_id: int | None) -> int | None:
    """The case a record belongs to, when it belongs to one."""
    if record_id is None:
        return None
    if record_type == "case":
        return record_id
    from borapp import models

    model = {"letter": models.Letter, "visit": models.Visit, "evaluation": models.Evaluation,
             "attachment": models.Attachment, "contract": models.Contract, "parent": models.Parent,
             "child": models.Child}.get(record_type)
    if model is None:
        return None
    with session.no_autoflush:
        found = session.get(model, record_id)
    return getattr(found, "case_id", None)


def chain(session: Session, lines: list[AuditEvent]) -> None:
    """Give `lines` (new, in the order they happened) their place in the chain after the newest stored line."""
    if not lines:
        return
    with session.no_autoflush:
        head = session.scalar(select(AuditEvent.hash).where(AuditEvent.hash.is_not(None))
                              .order_by(AuditEvent.id.desc()).limit(1)) or GENESIS
    for line in lines:
        line.at = line.at or utcnow()
        line.prev_hash = head
        line.hash = head = event_hash(head, line.at, line.actor, line.action, line.record_type, line.record_id,
                                      line.case_id, line.device or "")


def seal_bulk_lines(session: Session) -> None:
    """Chain lines written in bulk without the ORM (the demo's fast insert), in id order; then flush the head."""
    lines = list(session.scalars(select(AuditEvent).where(AuditEvent.hash.is_(None)).order_by(AuditEvent.id)))
    if lines:
        chain(session, lines)
        session.info["audit_chained"] = True
        session.flush()


@event.listens_for(Session, "before_flush")
def _chain_new_lines(session: Session, _context, _instances) -> None:
    lines = sorted((o for o in session.new if isinstance(o, AuditEvent) and o.hash is None),
                   key=lambda o: getattr(o, "order", -1))
    if lines:
        chain(session, lines)
        session.info["audit_chained"] = True


@event.listens_for(Session, "after_flush")
def _keep_head(session: Session, _context) -> None:
    """After the new lines have their ids: the newest id and hash as a setting, so cutting the tail shows."""
    if not session.info.pop("audit_chained", False):
        return
    newest = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    if newest is None:
        return
    value = f"{newest.id}:{newest.hash}"
    conn = session.connection()
    updated = conn.execute(Setting.__table__.update().where(Setting.key == HEAD_SETTING).values(value=value))
    if updated.rowcount == 0:
        conn.execute(Setting.__table__.insert().values(key=HEAD_SETTING, value=value))
