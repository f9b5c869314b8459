"""The server's changes applied to this vault (docs/sync-protocol.md, "Changes"): in one transaction per page,
without writing them back as operations, with the search index kept up to date."""

from __future__ import annotations

import json

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from borapp.models import Case, SyncIdentity, SyncOp
from borapp.models.visits import STATE_FIELDS
from borapp.services import audit, settings
from borapp.services.cases import search_index
from borapp.services.sync.capture import APPLYING, PENDING_IDENTITIES, RETIRE_IDENTITIES, give_identity
from borapp.services.sync.erasure_ops import erased_by_team
from borapp.services.sync.records import BLOB, TYPES, Field, blob_name, decode, fields_of, is_blob

CASE_TYPES = ("case", "parent", "child", "visit", "evaluation", "status_change")  # what the search index reads
# A colleague's change to one of these, or its removal, is named in the case's timeline (an audit line
# "received_update" / "received_delete" with the colleague's laptop as actor); new records show there by themselves
NAMED_IN_TIMELINE = ("case", "parent", "child", "visit", "evaluation")


def apply_changes(session: Session, changes: list[dict], reindex: bool = True,
                  files: dict[str, bytes] | None = None) -> set[int]:
    """Apply a page of changes; returns the local ids of the cases they touched. `reindex=False` leaves their
    search entries to `reindex_marked` at the end of the pull, marked in this same transaction (a first sync
    brings a case's records over many pages: each page made its entry again, 5,288 times for 1,000 cases).

    A change this laptop made itself (its operation is still in this vault's queue) is skipped: the vault holds
    it already, or a newer edit waiting to go, which the old value must not overwrite. A first sync pulled every
    record it had just pushed and applied it again (67 of its 105 s at 1,000 demo cases). A vault restored from a
    backup older than the change no longer has the operation, so it does apply it.

    `files`: the bytes of the files the changes name, by hash (fetched before: sync/blobs.py)."""
    session.info[APPLYING] = True
    session.info[_FILES] = files or {}
    session.info[PENDING_IDENTITIES] = []
    touched: set[int] = set()
    own = own_operations(session, changes)
    session.info[_IDS] = _identities(session, [c for c in changes if c.get("op_id") not in own])
    try:
        for change in changes:
            if change.get("type") not in TYPES or change.get("op_id") in own:
                continue  # a kind of record this version does not know (the schema check keeps it rare), or ours
            case_id = _apply(session, change)
            if case_id is not None:
                touched.add(case_id)
        session.flush()
        identities = session.info.pop(PENDING_IDENTITIES)
        retire = [{"r_type": row["type"], "r_local_id": row["local_id"]} for row in identities if not row["alias"]]
        for start in range(0, len(identities), 1000):
            if retire[start:start + 1000]:
                session.connection().execute(RETIRE_IDENTITIES, retire[start:start + 1000])
        for start in range(0, len(identities), 1000):
            session.connection().execute(insert(SyncIdentity), identities[start:start + 1000])
        if not reindex:
            _mark_for_reindex(session, touched)
        for case_id in touched if reindex else ():
            if session.get(Case, case_id) is not None:
                search_index.reindex_case_id(session, case_id)
    finally:
        session.info[APPLYING] = False
        session.info.pop(_IDS, None)
        session.info.pop(_GONE, None)
        session.info.pop(_FILES, None)
        session.info.pop(PENDING_IDENTITIES, None)
        session.info.pop(_NEXT_IDS, None)
    return touched


REINDEX = "sync.reindex"


def _mark_for_reindex(session: Session, case_ids: set[int]) -> None:
    if case_ids:
        marked = set(json.loads(settings.get(session, REINDEX) or "[]"))
        settings.put(session, REINDEX, json.dumps(sorted(marked | case_ids)))


def reindex_marked(session: Session) -> int:
    """The search entries of the cases pulled changes touched (also those a pull killed halfway left marked)."""
    marked = json.loads(settings.get(session, REINDEX) or "[]")
    search_index.reindex_many(session, marked)  # a case gone meanwhile is left out (its entry went with it)
    settings.put(session, REINDEX, "")
    return len(marked)


def own_operations(session: Session, changes: list[dict]) -> set[str]:
    """The op ids among `changes` that are this laptop's own (still in its queue)."""
    ids = [c["op_id"] for c in changes if c.get("op_id")]
    found: set[str] = set()
    for start in range(0, len(ids), 500):  # SQLite's limit on bound values, with room to spare
        found.update(session.scalars(select(SyncOp.op_id).where(SyncOp.op_id.in_(ids[start:start + 500]))))
    return found


_IDS = "sync_apply_ids"  # while a page is applied: (type, uuid) → local id, read for the whole page at once


def _identities(session: Session, changes: list[dict]) -> dict[tuple[str, str], int | None]:
    """The local ids of every record a page names (its own uuid and those its references point at), in a few
    queries instead of one per reference (53,000 look-ups for a first sync of 1,000 demo cases)."""
    wanted: dict[str, set[str]] = {}
    for change in changes:
        type_name = change.get("type")
        if type_name not in TYPES:
            continue
        wanted.setdefault(type_name, set()).add(change["uuid"])
        values = change.get("fields") or {}
        for field in fields_of(type_name):
            if field.refers_to and isinstance(values.get(field.name), str):
                wanted.setdefault(field.refers_to, set()).add(values[field.name])
    found: dict[tuple[str, str], int | None] = {}
    for type_name, uuids in wanted.items():
        listed = sorted(uuids)
        for start in range(0, len(listed), 500):
            part = listed[start:start + 500]
            found.update({(type_name, u): None for u in part})
            found.update({(type_name, u): i for u, i in session.execute(
                select(SyncIdentity.uuid, SyncIdentity.local_id).where(SyncIdentity.type == type_name,
                                                                       SyncIdentity.uuid.in_(part)))})
    session.info[_GONE] = _gone(session, found)
    return found


_FILES = "sync_apply_files"  # while a page is applied: hash → bytes of the files it names
_GONE = "sync_apply_gone"  # (type, uuid) of records this vault had and deleted: their identity is a tombstone


def _gone(session: Session, found: dict[tuple[str, str], int | None]) -> set[tuple[str, str]]:
    by_type: dict[str, dict[int, str]] = {}
    for (type_name, uuid), local in found.items():
        if local is not None:
            by_type.setdefault(type_name, {})[local] = uuid
    gone = set()
    for type_name, locals_ in by_type.items():
        model, listed = TYPES[type_name], sorted(locals_)
        present: set[int] = set()
        for start in range(0, len(listed), 500):
            present.update(session.scalars(select(model.id).where(model.id.in_(listed[start:start + 500]))))
        gone.update((type_name, locals_[i]) for i in listed if i not in present)
    return gone


class UnknownRecord(Exception):
    """A change refers to a record this vault never had (a server restored from a backup without moving its change
    numbers, or a vault restored from an older backup): applying it would break the vault's references."""

    def __init__(self, type_name: str):
        super().__init__(type_name)
        self.type_name = type_name


class _OwnerGone(Exception):
    """A new record hangs from one deleted or erased here (a visit typed offline to a case erased meanwhile), or
    its file is gone from the server (erased meanwhile)."""


def local_id(session: Session, type_name: str, uuid: str) -> int | None:
    known = session.info.get(_IDS)
    if known is not None and (type_name, uuid) in known:
        return known[(type_name, uuid)]
    return session.scalar(select(SyncIdentity.local_id).where(SyncIdentity.type == type_name,
                                                              SyncIdentity.uuid == uuid))


def _known(session: Session, type_name: str, uuid: str, local: int) -> None:
    """A record this page made (or found under another name) is known from now on."""
    known = session.info.get(_IDS)
    if known is not None:
        known[(type_name, uuid)] = local


def _apply(session: Session, change: dict) -> int | None:
    type_name, uuid, kind = change["type"], change["uuid"], change.get("kind", "upsert")
    model = TYPES[type_name]
    found = local_id(session, type_name, uuid)
    record = session.get(model, found) if found is not None else None
    if kind in ("delete", "erase"):
        if kind == "erase":  # the queue forgets the case, this laptop's unsent work in it is counted for the news
            erased_by_team(session, type_name, uuid, record, change)
        if record is None:
            return None
        case_id = _case_of(type_name, record)
        if type_name != "case":
            _name_in_timeline(session, "received_delete", type_name, record.id, case_id, change)
        if type_name == "case":
            from borapp.services.privacy.erasure import remove_case

            remove_case(session, record, count=False)  # the record, what hangs from it, its search entry (its
            # anonymous count was made when its first record arrived: erasure_ops.erased_by_team)
        else:
            session.delete(record)
        session.flush()
        return case_id if type_name != "case" else None
    if record is None and found is not None:
        if (change.get("fields") or {}).get(RESTORED) is not False:
            return None  # deleted here: the server learns of it as a conflict when this laptop's delete arrives
        _forget_removal(session, type_name, uuid)  # a person kept it after all: made anew here, as it is there
    if record is None:
        same = _same_name(session, type_name, change.get("fields", {}))
        if same is not None:  # made separately on two laptops: one record here, known by both uuids
            give_identity(session, type_name, same.id, uuid, alias=True)
            _known(session, type_name, uuid, same.id)
            return None
        record = model()
        if type_name == "letter":  # sent from the laptop that made it, never from here (models/documents.py)
            record.received_from = str(change.get("device") or "")[:40] or "?"
        try:
            _set_fields(session, type_name, record, change.get("fields", {}))
        except _OwnerGone:
            return None  # what it hangs from is gone here, and so is it (the server erases it with its case)
        record.id = _next_id(session, model)  # known now, so the page's new records are inserted together
        session.add(record)
        give_identity(session, type_name, record.id, uuid)
        _known(session, type_name, uuid, record.id)
        if found is not None:
            _name_in_timeline(session, "received_restore", type_name, record.id, _case_of(type_name, record), change)
    else:
        try:
            changed = _set_fields(session, type_name, record, change.get("fields", {}))
        except _OwnerGone:
            return None
        if changed:
            _name_in_timeline(session, "received_update", type_name, record.id, _case_of(type_name, record), change)
    return _case_of(type_name, record)


RESTORED = "_deleted"  # in an upsert change, false: a record deleted here comes back (a conflict settled so)


def _forget_removal(session: Session, type_name: str, uuid: str) -> None:
    """The uuid no longer says "deleted here": the record it named is made anew under it."""
    session.execute(delete(SyncIdentity).where(SyncIdentity.uuid == uuid))
    session.info.get(_GONE, set()).discard((type_name, uuid))


_NEXT_IDS = "sync_apply_next_ids"


def _next_id(session: Session, model) -> int:
    """The id SQLite would give the record (the largest plus one), without a flush per record: a first sync spent
    half of its time applying 28,800 records in one flush each. The vault's write transaction is held meanwhile."""
    next_ids = session.info.setdefault(_NEXT_IDS, {})
    if model not in next_ids:
        next_ids[model] = (session.scalar(select(func.max(model.id))) or 0) + 1
    next_ids[model] += 1
    return next_ids[model] - 1


def _name_in_timeline(session: Session, action: str, type_name: str, record_id: int, case_id: int | None,
                      change: dict) -> None:
    if type_name in NAMED_IN_TIMELINE and case_id is not None:
        audit.record(session, action, type_name, record_id, str(change.get("device") or ""), case_id=case_id)


# What is unique in a vault besides the id: a second record with the same is the same record, made on two laptops
NATURAL_KEYS = {"organisation": ("name",), "municipality": ("name",), "coordinator": ("name",),
                "municipality_funding": ("municipality", "year"), "visit_expense": ("visit",),
                "case_exclusion": ("case", "volunteer"), "meeting_attendance": ("meeting", "volunteer"),
                "volunteer": ("name",), "retention_hold": ("case",),
                "vog_issue": ("volunteer", "issued_on")}


def _same_name(session: Session, type_name: str, values: dict):
    if type_name not in NATURAL_KEYS:
        return None
    session.flush()  # one made earlier in this page counts too
    model, conditions = TYPES[type_name], []
    for name in NATURAL_KEYS[type_name]:
        field = next(f for f in fields_of(type_name) if f.name == name)
        value = values.get(name)
        if value is None:
            return None
        if field.refers_to:
            value = local_id(session, field.refers_to, value)
            if value is None:
                return None
        conditions.append(getattr(model, field.attribute) == value)
    return session.scalar(select(model).where(*conditions))


def _set_fields(session: Session, type_name: str, record, values: dict) -> bool:
    """Set the fields the change carries; True when one of them held another value."""
    changed = _set_values(session, type_name, record, values)
    if type_name == "visit" and "state" in values:  # a colleague's state comes without this laptop's fields of
        for state, tied in STATE_FIELDS.items():  # another (they wait with the state's conflict on the server)
            for name, empty in tied.items() if state != record.state else ():
                changed = changed or getattr(record, name) != empty
                setattr(record, name, empty)
    return changed


def _set_values(session: Session, type_name: str, record, values: dict) -> bool:
    changed = False
    for field in fields_of(type_name):
        if field.name not in values:
            continue
        value = values[field.name]
        if field.refers_to:
            value = _reference(session, field, value) if value is not None else None
        elif is_blob(field):
            if value is not None:
                held = getattr(record, field.attribute)
                if held is not None and blob_name(held) == value:
                    continue  # the same file
                value = session.info.get(_FILES, {}).get(value[len(BLOB):])
                if value is None:  # the server no longer has it: its record was erased meanwhile
                    if not field.column.nullable:
                        raise _OwnerGone()
                    continue
        else:
            value = decode(value, field.column)
        changed = changed or getattr(record, field.attribute) != value
        setattr(record, field.attribute, value)
    return changed


def _reference(session: Session, field: Field, uuid: str) -> int | None:
    """The local id a reference points at; None for a record deleted here, when the reference may be empty (a
    visit's volunteer removed meanwhile)."""
    found = local_id(session, field.refers_to, uuid)
    if found is None:
        raise UnknownRecord(field.refers_to)
    if (field.refers_to, uuid) in session.info.get(_GONE, ()):
        if not field.column.nullable:
            raise _OwnerGone()
        return None
    return found


def _case_of(type_name: str, record) -> int | None:
    if type_name == "case":
        return record.id
    return getattr(record, "case_id", None) if type_name in CASE_TYPES else None
