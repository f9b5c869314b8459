"""Which records travel between laptops, and how their columns become protocol fields (docs/sync-protocol.md):
plain JSON values, references to other synced records by uuid under the name without `_id`, files as "sha256:<hex>"
(their bytes go as blobs: sync/blobs.py), no local ids, no timestamps of this laptop (an `updated_at` would make
every two edits of one record collide)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from sqlalchemy import Date, DateTime, LargeBinary, Time, inspect

from borapp.models import (
    Attachment, Case, CaseExclusion, CaseHours, Child, Contract, ContractSignature, Coordinator, Evaluation, Letter,
    Meeting, MeetingAttendance, Municipality, MunicipalityFunding, Organisation, Parent, RetentionHold, StatusChange,
    Training, Visit, VisitAddendum, VisitExpense, VogIssue, Volunteer, VolunteerPause,
)

# In reference order: a record comes after those it refers to (the snapshot at joining sends them in this order).
TYPES = {
    "organisation": Organisation, "municipality": Municipality, "municipality_funding": MunicipalityFunding,
    "coordinator": Coordinator, "volunteer": Volunteer, "training": Training, "vog_issue": VogIssue,
    "volunteer_pause": VolunteerPause, "meeting": Meeting,
    "meeting_attendance": MeetingAttendance, "case": Case, "case_exclusion": CaseExclusion, "parent": Parent,
    "child": Child, "status_change": StatusChange, "visit": Visit, "visit_addendum": VisitAddendum,
    "visit_expense": VisitExpense, "evaluation": Evaluation, "case_hours": CaseHours, "attachment": Attachment,
    "contract": Contract, "contract_signature": ContractSignature, "letter": Letter, "retention_hold": RetentionHold,
}
TYPE_OF = {model: name for name, model in TYPES.items()}
TYPE_OF_TABLE = {model.__tablename__: name for name, model in TYPES.items()}
LOCAL_ONLY = {"id", "created_at", "updated_at", "received_from"}
BLOB = "sha256:"  # a file (attachment, signed contract, sent letter) travels as its hash; its bytes as a blob


@dataclass(frozen=True)
class Field:
    name: str        # the protocol's name
    attribute: str   # the model's attribute
    refers_to: str   # the synced type a reference points at, "" for a plain value
    column: object   # the SQLAlchemy column (its type decides the encoding)


def fields_of(type_name: str) -> list[Field]:
    return _FIELDS[type_name]


def _fields(model) -> list[Field]:
    found = []
    for attribute in inspect(model).column_attrs:
        column = attribute.columns[0]
        if attribute.key in LOCAL_ONLY or column.primary_key:
            continue
        targets = [fk.column.table.name for fk in column.foreign_keys]
        if targets:
            refers_to = TYPE_OF_TABLE.get(targets[0], "")
            if not refers_to:
                continue  # a reference to something that does not travel
            name = attribute.key[:-3] if attribute.key.endswith("_id") else attribute.key
            found.append(Field(name, attribute.key, refers_to, column))
        else:
            found.append(Field(attribute.key, attribute.key, "", column))
    return found


_FIELDS = {name: _fields(model) for name, model in TYPES.items()}


def encode(value, column) -> object:
    """A column value as a protocol value."""
    if value is None:
        return None
    if isinstance(column.type, LargeBinary):
        return blob_name(value)
    if isinstance(column.type, DateTime) or isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(column.type, Time) or isinstance(value, dt.time):
        return value.strftime("%H:%M") if not value.second and not value.microsecond else value.isoformat()
    if isinstance(column.type, Date) or isinstance(value, dt.date):
        return value.isoformat()
    return value


def blob_name(content: bytes) -> str:
    return BLOB + hashlib.sha256(content).hexdigest()


def is_blob(field: Field) -> bool:
    return isinstance(field.column.type, LargeBinary)


def decode(value, column) -> object:
    """A protocol value as a column value."""
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        return dt.datetime.fromisoformat(value)
    if isinstance(column.type, Time):
        return dt.time.fromisoformat(value)
    if isinstance(column.type, Date):
        return dt.date.fromisoformat(value)
    return value
