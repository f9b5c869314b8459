"""What was typed on this laptop and clashed with a colleague's change (team sync), for the case's timeline.

The server keeps its own value when two laptops change one field (docs/sync-protocol.md, "Conflicts"), and the pull
that follows writes it over what was typed here. The operation that carried the typing stays in this vault's queue
with the outcome "conflict": its values, set beside what the record holds now, are the trace of what did not (or
not yet) go through. The vault is encrypted, so this keeps nothing in the open that the record did not hold."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from borapp.formatting import long_date
from borapp.i18n import N_, _
from borapp.models import Parent, SyncIdentity, SyncOp
from borapp.services.cases.labels import VISIT_STATE_LABELS, label
from borapp.services.cases.status import outcome_label, status_label
from borapp.services.sync.field_words import CONFIDENTIAL_FIELDS, field_label
from borapp.services.sync.records import TYPES, Field, encode, fields_of, is_blob

CLASHED = N_("{what}: clashed with a colleague's change")
DIFFERS = N_("{field}: typed here \u201c{typed}\u201d, now \u201c{now}\u201d")
STANDS = N_("What was typed here stands.")


def own_clashes(session: Session, case_id: int, named: tuple[str, ...]) -> list[tuple[dt.date, str, int, str]]:
    """(date, record type, record id, detail) for each change typed here to one of the case's records of the types
    `named` that came back from the server as a conflict. A delete that clashed, or a change to a record a colleague
    deleted, left nothing here to read beside it (the record is gone here): the timeline names the removal."""
    query = (select(SyncOp.type, SyncOp.fields, SyncOp.created_at, SyncIdentity.local_id)
             .join(SyncIdentity, (SyncIdentity.type == SyncOp.type) & (SyncIdentity.uuid == SyncOp.uuid))
             .where(SyncOp.outcome == "conflict", SyncOp.type.in_(named), SyncOp.kind == "upsert")
             .order_by(SyncOp.seq))
    found = []
    for type_name, fields, at, local in session.execute(query):
        record = session.get(TYPES[type_name], local)
        if record is None or (record.id if type_name == "case" else record.case_id) != case_id:
            continue
        lines = [_(DIFFERS).format(field=field_label(field.name), typed=_words(session, record, field, typed),
                                   now=_words(session, record, field, _now(session, record, field)))
                 for field, typed in _typed(type_name, fields) if _now(session, record, field) != typed]
        found.append((at.date(), type_name, local, "\n".join(lines) or _(STANDS)))
    return found


def _typed(type_name: str, fields: str) -> list[tuple[Field, object]]:
    """The fields an operation set, with the values typed (as the protocol carries them); files left out."""
    changes = json.loads(fields or "{}")
    return [(f, changes[f.name].get("new")) for f in fields_of(type_name)
            if f.name in changes and isinstance(changes[f.name], dict) and not is_blob(f)]


def _now(session: Session, record, field: Field) -> object:
    """The record's value of `field` now, as the protocol would carry it (a reference as its uuid)."""
    value = getattr(record, field.attribute)
    if not field.refers_to:
        return encode(value, field.column)
    if value is None:
        return None
    return session.scalar(select(SyncIdentity.uuid).where(SyncIdentity.type == field.refers_to,
                                                          SyncIdentity.local_id == value).limit(1))


def _words(session: Session, record, field: Field, value) -> str:
    if isinstance(record, Parent) and record.address_confidential and field.name in CONFIDENTIAL_FIELDS:
        return _("(confidential address)")
    if value is None or value == "":
        return _("(empty)")
    if field.refers_to:
        local = session.scalar(select(SyncIdentity.local_id).where(SyncIdentity.type == field.refers_to,
                                                                   SyncIdentity.uuid == value).limit(1))
        other = session.get(TYPES[field.refers_to], local) if local is not None else None
        return getattr(other, "name", None) or getattr(other, "ref", None) or _("(deleted here)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field.name == "status":
        return status_label(value)
    if field.name == "outcome":
        return outcome_label(value)
    if field.name == "state" and value in VISIT_STATE_LABELS:
        return label(VISIT_STATE_LABELS, value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return long_date(dt.date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)
