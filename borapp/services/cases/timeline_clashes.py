"""What was typed on this laptop and clashed with a colleague's change (team sync), for the case's timeline.

The server keeps its own value when two laptops change one field (docs/sync-protocol.md, "Conflicts"), and the pull
that follows writes it over what was typed here. The operation that carried the typing stays in this vault's queue
with the outcome "conflict": its values, set beside what the record holds now, are the trace of what did not (or
not yet) go through. The vault is encrypted, so this keeps nothing in the open that the record did not hold."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import Date, select
from sqlalchemy.orm import Session

from borapp.formatting import long_date
from borapp.i18n import N_, _
from borapp.models import Parent, SyncIdentity, SyncOp
from borapp.services.sync.code_words import coded, value_shown
from borapp.services.sync.field_words import CONFIDENTIAL_FIELDS, field_label
from borapp.services.sync.records import TYPES, Field, decode, encode, fields_of, is_blob

CLASHED = N_("{what}: clashed with a colleague's change")
DIFFERS = N_("{field}: typed here \u201c{typed}\u201d, now \u201c{now}\u201d")
STANDS = N_("What was typed here stands.")
TYPED_GONE = N_("{field}: typed here \u201c{typed}\u201d, which did not go through")


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
        lines = [_(DIFFERS).format(field=field_label(field.name),
                                   typed=_words(session, type_name, record, field, typed),
                                   now=_words(session, type_name, record, field, now))
                 for field, typed in _typed(type_name, fields)
                 if (now := _now(session, record, field)) != typed]
        found.append((at.date(), type_name, local, "\n".join(lines) or _(STANDS)))
    return found


def typed_into_removed(session: Session, type_name: str, record_id: int | None) -> list[str]:
    """What was typed here into a record that a colleague removed meanwhile (the change came back a conflict, and
    the removal then took the record, and the typing, away here): one line per field, for the removal's entry."""
    uuid = session.scalar(select(SyncIdentity.uuid).where(SyncIdentity.type == type_name,
                                                          SyncIdentity.local_id == record_id).limit(1))
    if uuid is None:
        return []
    lines = []
    for fields in session.scalars(select(SyncOp.fields).where(
            SyncOp.outcome == "conflict", SyncOp.type == type_name, SyncOp.uuid == uuid, SyncOp.kind == "upsert")
            .order_by(SyncOp.seq)):
        lines += [_(TYPED_GONE).format(field=field_label(field.name),
                                       typed=_words(session, type_name, None, field, typed))
                  for field, typed in _typed(type_name, fields)]
    return lines


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


def _words(session: Session, type_name: str, record, field: Field, value) -> str:
    """A value in words; a parent's address masked when it is confidential, or when the parent is gone here and
    nobody can tell any more whether it was."""
    hidden = (record.address_confidential if isinstance(record, Parent) else record is None and type_name == "parent")
    if hidden and field.name in CONFIDENTIAL_FIELDS:
        return _("(confidential address)")
    return value_words(session, type_name, field, value)


def value_words(session: Session, type_name: str, field: Field, value) -> str:
    """A field of a record of `type_name`, its value as the protocol carries it, in the words of the screens: a code
    as the conflicts window names it (sync.code_words: a visit's state, a parent's role), a date as "3 juni 2026",
    a reference by the name of what it names, nothing as "(empty)". Masks nothing."""
    if coded(type_name, field.name) or is_blob(field):
        return value_shown(type_name, field.name, value)
    if value is None or value == "":
        return _("(empty)")
    if field.refers_to:
        local = session.scalar(select(SyncIdentity.local_id).where(SyncIdentity.type == field.refers_to,
                                                                   SyncIdentity.uuid == value).limit(1))
        other = session.get(TYPES[field.refers_to], local) if local is not None else None
        return getattr(other, "name", None) or getattr(other, "ref", None) or _("(deleted here)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(field.column.type, Date):  # by the column, as the protocol decodes it (records.decode)
        return long_date(decode(value, field.column))
    return str(value)
