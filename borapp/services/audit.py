"""The audit trail: who did what to which record, when. Never names, addresses or notes."""

from __future__ import annotations

from sqlalchemy.orm import Session

from borapp.models import AuditEvent

ACTIONS = ("create", "update", "delete", "open", "reveal_address", "status", "import", "export", "send", "print")


def record(session: Session, action: str, record_type: str, record_id: int | None, actor: str = "") -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    session.add(AuditEvent(action=action, record_type=record_type, record_id=record_id, actor=actor))
