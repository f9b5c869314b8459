"""Every change to a synced record writes its operation in the same transaction (docs/sync-protocol.md), from the
ORM's own bookkeeping: nothing to remember at each place that edits. Only once this laptop has joined a team (a
device name is set); changes applied from the server are not written back as operations."""

from __future__ import annotations

import json
import uuid as uuids

from sqlalchemy import bindparam, event, insert, inspect, select, update
from sqlalchemy.orm import Session, object_session

from borapp.models import Setting, SyncIdentity, SyncOp
from borapp.services.sync.records import TYPE_OF, TYPES, Field, encode, fields_of

APPLYING = "sync_applying"  # session.info flag: these changes come from the server
DEVICE_SETTING = "sync.device"
_OLD = "sync_old_values"
_DELETED = "sync_deleted_in_flush"  # (type, id) of the records this flush deleted: no update of theirs to send


REFERENCE_ORDER = {name: i for i, name in enumerate(TYPES)}  # records.TYPES lists what is referred to first


def device_of(session: Session) -> str:
    """This laptop's device name, or "" when it is not in a team (then nothing is captured)."""
    if "sync_device" not in session.info:
        with session.no_autoflush:
            row = session.get(Setting, DEVICE_SETTING)
        session.info["sync_device"] = row.value if row is not None else ""
    return session.info["sync_device"]


def uuid_of(session: Session, type_name: str, local_id: int | None) -> str | None:
    if local_id is None:
        return None
    known = session.info.setdefault("sync_uuids", {})
    key = (type_name, local_id)
    if key not in known:
        known[key] = session.connection().execute(select(SyncIdentity.uuid).where(
            SyncIdentity.type == type_name, SyncIdentity.local_id == local_id, SyncIdentity.alias.is_(False))).scalar()
    return known[key]


def give_identity(session: Session, type_name: str, local_id: int, uuid: str | None = None,
                  alias: bool = False) -> str:
    """Record `uuid` (a new one when None) as the record's own identity, or as another name it answers to."""
    uuid = uuid or str(uuids.uuid4())
    row = {"type": type_name, "local_id": local_id, "uuid": uuid, "alias": alias}
    pending = session.info.get(PENDING_IDENTITIES)
    if pending is not None:  # a pulled page: written at its end, all at once (sync/apply.py)
        pending.append(row)
    else:
        if not alias:
            session.connection().execute(RETIRE_IDENTITIES, {"r_type": type_name, "r_local_id": local_id})
        session.connection().execute(_INSERT_IDENTITY, row)
    if not alias:
        session.info.setdefault("sync_uuids", {})[(type_name, local_id)] = uuid
    return uuid


def value_of(session: Session, field: Field, raw) -> object:
    return uuid_of(session, field.refers_to, raw) if field.refers_to else encode(raw, field.column)


BASE = "_base"  # kept with a delete in the queue; sent as the operation's "base"


def _last_seq(session: Session) -> int:
    value = session.connection().execute(select(Setting.value).where(Setting.key == "sync.last_seq")).scalar()
    return int(value) if value is not None and value.isdigit() else 0


def op_row(type_name: str, uuid: str, kind: str, fields: dict) -> dict:
    """A queued operation as the sync_op table holds it (a new op_id each)."""
    return {"op_id": str(uuids.uuid4()), "type": type_name, "uuid": uuid, "kind": kind,
            "fields": json.dumps(fields, sort_keys=True)}


def write_op(session: Session, type_name: str, uuid: str, kind: str, fields: dict) -> None:
    session.connection().execute(_INSERT_OP, op_row(type_name, uuid, kind, fields))


# One statement each, its values bound (a statement with .values() compiled anew for every record: a first sync
# spent 11 of its 29 s applying 28,800 pulled records there)
_INSERT_IDENTITY = insert(SyncIdentity)
# A new record may get the id of a deleted one (SQLite: the largest id plus one). The deleted record's identities
# stay, as tombstones, under the negative id: its uuid still says "deleted here", and no longer names the new record
RETIRE_IDENTITIES = (update(SyncIdentity)
                     .where(SyncIdentity.type == bindparam("r_type"),
                            SyncIdentity.local_id == bindparam("r_local_id"), SyncIdentity.local_id > 0)
                     .values(local_id=-SyncIdentity.local_id))
_INSERT_OP = insert(SyncOp)
PENDING_IDENTITIES = "sync_pending_identities"


def write_update(session: Session, type_name: str, local_id: int, changes: dict[str, tuple]) -> None:
    """The operation for an UPDATE made without the ORM (a conditional claim): {field: (old, new)}, plain values."""
    if session.info.get(APPLYING) or not device_of(session):
        return
    uuid = uuid_of(session, type_name, local_id) or give_identity(session, type_name, local_id)
    write_op(session, type_name, uuid, "upsert",
             {name: {"old": old, "new": new} for name, (old, new) in changes.items()})


@event.listens_for(Session, "before_flush")
def _remember_old_values(session: Session, _context, _instances) -> None:
    """Every synced field of each changed record as it was, read before the flush overwrites it. All of them, not
    only those marked changed: a reference set through its relationship (`case.municipality = …`) reaches its
    `municipality_id` column only during the flush."""
    if session.info.get(APPLYING) or not device_of(session):
        return
    old = session.info.setdefault(_OLD, {})
    with session.no_autoflush:
        for obj in session.dirty:
            type_name = TYPE_OF.get(type(obj))
            if type_name is None or not session.is_modified(obj):
                continue
            state = inspect(obj)
            values = old.setdefault(id(obj), {})
            for field in fields_of(type_name):
                history = state.attrs[field.attribute].history
                if history.deleted:
                    raw = history.deleted[0]
                elif history.added:  # changed without having been read: its stored value is the old one
                    raw = session.connection().execute(select(field.column).where(type(obj).id == obj.id)).scalar()
                else:
                    raw = getattr(obj, field.attribute)
                values.setdefault(field.name, value_of(session, field, raw))


@event.listens_for(Session, "after_flush")
def _write_operations(session: Session, _context) -> None:
    if session.info.get(APPLYING) or not device_of(session):
        return
    old = session.info.pop(_OLD, {})
    deleted = session.info.pop(_DELETED, set())
    # In reference order (a coordinator before the case that names it), not session.new's: a laptop applies
    # the operations in the order they were written, and a case arriving before its new coordinator lost the
    # reference there (its coordinator stayed empty)
    created = sorted(((TYPE_OF[type(obj)], obj) for obj in session.new if type(obj) in TYPE_OF),
                     key=lambda pair: (REFERENCE_ORDER[pair[0]], pair[1].id))
    for type_name, obj in created:  # identities first: new records may refer to each other
        give_identity(session, type_name, obj.id)
    for type_name, obj in created:
        fields = {f.name: {"old": None, "new": value_of(session, f, getattr(obj, f.attribute))}
                  for f in fields_of(type_name)}
        write_op(session, type_name, uuid_of(session, type_name, obj.id), "upsert", fields)
    for obj in session.dirty:
        type_name = TYPE_OF.get(type(obj))
        before = old.get(id(obj))
        if type_name is None or not before or (type_name, obj.id) in deleted:
            continue  # a row changed and then deleted in one flush (a sign-up taken off) travels as its delete
        fields = {}
        for field in fields_of(type_name):
            if field.name in before:
                new = value_of(session, field, getattr(obj, field.attribute))
                if new != before[field.name]:
                    fields[field.name] = {"old": before[field.name], "new": new}
        uuid = uuid_of(session, type_name, obj.id) or give_identity(session, type_name, obj.id)
        if fields:
            write_op(session, type_name, uuid, "upsert", fields)


def _write_delete(_mapper, _connection, obj) -> None:
    """A row deleted by this flush, also one the flush found orphaned (a child taken out of `case.children`, a
    volunteer's trainings replaced), which `session.deleted` never lists: those deletes did not travel, and each
    save of a volunteer's trainings added them again on the other laptops."""
    session = object_session(obj)
    if session is None or session.info.get(APPLYING) or not device_of(session):
        return
    type_name = TYPE_OF[type(obj)]
    # its delete is written now, in the flush, and the updates after it: an update sent after the delete was a
    # change to a record gone, a conflict with this laptop itself (and "keep mine" brought the record back)
    session.info.setdefault(_DELETED, set()).add((type_name, obj.id))
    uuid = uuid_of(session, type_name, obj.id)
    if uuid and uuid not in session.info.get("sync_erasing", set()):  # an erasure travels as "erase" operations
        # the last server change this laptop had seen: an edit it never saw makes the delete a conflict
        write_op(session, type_name, uuid, "delete", {BASE: _last_seq(session)})


for _model in TYPES.values():
    event.listen(_model, "after_delete", _write_delete)
