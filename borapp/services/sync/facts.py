"""An operation the server dropped as `final` (it would have changed a finished report or a sent letter a colleague
finished meanwhile: server/facts.py). This laptop puts the record back as the server keeps it, and keeps what was
typed here: a visit's as an addendum to the finished report, a letter's as a new draft letter (a correction to send
from here), each then travelling like any new record."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from borapp.models import Letter, SyncOp
from borapp.services.sync.apply import local_id
from borapp.services.sync.capture import APPLYING, device_of, value_of
from borapp.services.sync.dates import DATES
from borapp.services.sync.records import TYPES, decode, fields_of


def keep_refused(session: Session, op: SyncOp) -> str:
    """Put the record back as the server keeps it; what the typing here was kept as: ADDENDUM (a visit's report),
    DRAFT (a letter's text) or "" (nothing typed to keep: a date sent once, a field with no report words)."""
    record_id = local_id(session, op.type, op.uuid)
    record = session.get(TYPES[op.type], record_id) if record_id is not None else None
    if record is None or op.kind != "upsert":
        return ""
    changes = json.loads(op.fields)
    typed = {}
    session.info[APPLYING] = True  # putting back is not a change of this laptop's own
    try:
        for field in fields_of(op.type):
            change = changes.get(field.name)
            if change is None or value_of(session, field, getattr(record, field.attribute)) != change["new"]:
                continue  # not in this operation, or changed again since (a later operation carries that)
            if change["old"] is None and DATES.get(op.type) == field.name:
                continue  # its date sent once after the upgrade (sync/dates.py): the date stays, it is not typing
            typed[field.name] = change["new"]
            old = change["old"]
            if field.refers_to:
                setattr(record, field.attribute, local_id(session, field.refers_to, old) if old else None)
            else:
                setattr(record, field.attribute, decode(old, field.column))
        session.flush()
    finally:
        session.info[APPLYING] = False
    if op.type == "visit" and typed:
        from borapp.services.visits.addenda import keep_late_edit

        return ADDENDUM if keep_late_edit(session, record, typed, device_of(session)) is not None else ""
    if op.type == "letter" and any(name in LETTER_TEXT for name in typed):
        keep_as_draft(session, record, typed)
        return DRAFT
    return ""


ADDENDUM, DRAFT = "addendum", "draft"  # what keep_refused kept typing as


LETTER_TEXT = ("recipient_name", "recipient_email", "recipient_address", "subject", "body")


def keep_as_draft(session: Session, letter, typed: dict) -> None:
    """A letter sent or exported by a colleague while it was edited here: the letter as sent stays, and a new draft
    of the same kind holds it with what was typed here, for the coordinator to send as a correction or delete."""
    copied = {name: getattr(letter, name) for name in ("case_id", "kind", "parent_role", "addressee", "language",
                                                         *LETTER_TEXT)}
    copied.update({name: value for name, value in typed.items() if name in LETTER_TEXT and isinstance(value, str)})
    session.add(Letter(**copied, state="draft"))
    session.flush()
