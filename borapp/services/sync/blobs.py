"""Files travel as content-addressed blobs (docs/sync-protocol.md, Blobs): a record's field holds "sha256:<hex>",
and the bytes go once, before the operations that name them (push) and before the changes that name them are
applied (pull). The bytes stay in the vault's own columns (attachment.content, contract.pdf, letter.pdf); nothing
is written to disk on the way."""

from __future__ import annotations

from sqlalchemy import select

from borapp.models import SyncIdentity
from borapp.services.sync.apply import own_operations
from borapp.services.sync.records import BLOB, TYPES, blob_name, fields_of, is_blob

QUESTION = 1000  # hashes per "which are missing" question (the server's limit)


def names_in(items: list[dict]) -> list[str]:
    """The hashes (hex) that operations or changes name, each once, in order."""
    found: dict[str, None] = {}
    for item in items:
        for value in (item.get("fields") or {}).values():
            value = value.get("new") if isinstance(value, dict) else value
            if isinstance(value, str) and value.startswith(BLOB):
                found[value[len(BLOB):]] = None
    return list(found)


def upload_for(workspace, client, ops: list[dict]) -> int:
    """Send the server the files these operations name and it does not hold yet; returns how many were sent. A file
    replaced here since its operation was written (its bytes no longer hash to the name) is not sent: the later
    operation names the new one."""
    wanted = names_in(ops)
    missing: set[str] = set()
    for start in range(0, len(wanted), QUESTION):
        missing.update(client.missing_blobs(wanted[start:start + QUESTION]))
    sent = 0
    for op in ops:
        names = {n for n in names_in([op]) if n in missing}
        if not names:
            continue
        for name, content in _held(workspace, op["type"], op["uuid"]).items():
            if name in names:
                client.put_blob(name, content)
                missing.discard(name)
                sent += 1
    return sent


def _held(workspace, type_name: str, uuid: str) -> dict[str, bytes]:
    """The files the record holds now, by hash."""
    model = TYPES[type_name]
    with workspace.session() as session:
        local = session.scalar(select(SyncIdentity.local_id).where(SyncIdentity.type == type_name,
                                                                   SyncIdentity.uuid == uuid))
        record = session.get(model, local) if local is not None else None
        if record is None:
            return {}
        files = [getattr(record, f.attribute) for f in fields_of(type_name) if is_blob(f)]
        return {blob_name(c)[len(BLOB):]: c for c in files if c is not None}


def fetch_for(workspace, client, changes: list[dict]) -> dict[str, bytes]:
    """The files a page of changes names, from the server, except for changes this laptop made itself (it holds
    those, and apply skips them). A file the server no longer has (erased meanwhile) is left out."""
    with workspace.session() as session:
        own = own_operations(session, changes)
    found = {}
    for name in names_in([c for c in changes if c.get("op_id") not in own]):
        content = client.get_blob(name)
        if content is not None:
            found[name] = content
    return found

