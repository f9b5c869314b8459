"""Joining a team: enrol this laptop with a one-time code, keep the token in the vault, and hand every record this
vault already holds to the next push (a snapshot), so the team gets what was typed before joining."""

from __future__ import annotations

import re
from uuid import uuid4

from sqlalchemy import insert, select

from borapp.i18n import _
from borapp.models import Setting, SyncIdentity, SyncOp
from borapp.models.schema import head
from borapp.services import settings
from borapp.services.errors import UsageError
from borapp.services.sync.capture import DEVICE_SETTING, op_row, value_of
from borapp.services.sync.records import TYPES, fields_of
from borapp.services.sync.transport import SyncClient, SyncError

DEVICE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$")


def join(workspace, url: str, code: str, device: str = "", http=None) -> str:
    """Enrol with a one-time code; returns this laptop's name in the team, which the code carries (whoever runs
    the server named it with `borapp server device add NAME`). `device` is only a hint the server may ignore."""
    url = url.strip()
    if not re.match(r"^https?://[^\s/]+", url):
        raise UsageError(_("The server address starts with https:// (for example https://bor.example.org)."))
    if device.strip() and not DEVICE_NAME.match(device.strip()):
        raise UsageError(_("A device name has letters, digits, spaces, dots, dashes or underscores (at most 40)."))
    if settings.read_setting(workspace, DEVICE_SETTING):
        raise UsageError(_("This laptop is already in a team. Leave it first to join another."))
    answer = SyncClient(url, http=http).enrol(code, device.strip())
    with workspace.session() as session:
        for key, value in (("sync.url", url), ("sync.token", answer["token"]), ("sync.last_seq", "0")):
            settings.put(session, key, value)
        settings.put(session, DEVICE_SETTING, answer.get("device", device.strip()))
        session.flush()
        session.info["sync_device"] = answer.get("device", device.strip())
        snapshot(session)
        settings.put(session, CAUGHT_UP, head())
    from borapp.services.sync.run import client_for, settle_case_numbers

    try:
        settle_case_numbers(workspace, client_for(workspace, http))  # a block of case numbers to start with
    except SyncError:
        pass  # joined all the same: the next sync asks again
    return answer.get("device", device.strip())


def snapshot(session, only_new: bool = False) -> int:
    """An operation for every synced record, in reference order (municipalities before cases, cases before
    visits): how the records of this vault first reach the server. Returns how many. `only_new`: only for the
    records without an identity yet (kinds of record that began to travel with a newer version, see catch_up).

    Identities first, for every record (a reference may point at a type listed later), then the operations; both
    written in bulk (a statement per record made joining a 1,000-case vault take 15 s)."""
    known = session.info.setdefault("sync_uuids", {})
    for type_name, local, uuid in session.execute(select(SyncIdentity.type, SyncIdentity.local_id, SyncIdentity.uuid)
                                                  .where(SyncIdentity.alias.is_(False))):
        known.setdefault((type_name, local), uuid)
    records = {type_name: session.scalars(select(model).order_by(model.id)).all() for type_name, model in TYPES.items()}
    if only_new:
        records = {t: [r for r in rows if (t, r.id) not in known] for t, rows in records.items()}
    identities = []
    for type_name, rows in records.items():
        for record in rows:
            if (type_name, record.id) not in known:
                known[(type_name, record.id)] = str(uuid4())
                identities.append({"type": type_name, "local_id": record.id, "uuid": known[(type_name, record.id)],
                                   "alias": False})
    ops = []
    for type_name, rows in records.items():
        fields_here = fields_of(type_name)
        for record in rows:
            fields = {f.name: {"old": None, "new": value_of(session, f, getattr(record, f.attribute))}
                      for f in fields_here}
            ops.append(op_row(type_name, known[(type_name, record.id)], "upsert", fields))
    connection = session.connection()
    for table, rows in ((SyncIdentity, identities), (SyncOp, ops)):
        for start in range(0, len(rows), 1000):
            connection.execute(insert(table), rows[start:start + 1000])
    return len(ops)


CAUGHT_UP = "sync.caught_up"  # the vault revision whose kinds of record have all been handed to the sync


def catch_up(workspace) -> int:
    """Once per vault revision: records of kinds that began to travel with it (excluded volunteers and meeting
    attendance in 0025) were made before and have no identity; they go with the next push. Returns how many."""
    if settings.read_setting(workspace, CAUGHT_UP) == head():
        return 0
    with workspace.session() as session:
        count = snapshot(session, only_new=True)
        settings.put(session, CAUGHT_UP, head())
    return count


def leave(workspace) -> None:
    """This laptop leaves the team: its records stay, nothing more is captured or sent."""
    with workspace.session() as session:
        for key in ("sync.url", "sync.token", DEVICE_SETTING, "sync.last_seq", "sync.last_synced",
                    "sync.open_conflicts", CAUGHT_UP):
            row = session.get(Setting, key)
            if row is not None:
                session.delete(row)
