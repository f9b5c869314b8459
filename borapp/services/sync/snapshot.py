"""Handing a vault's records to the sync as operations: all of them when a laptop joins a team, and once per vault
revision those of kinds that began to travel with it (their records have no identity yet)."""

from __future__ import annotations

from uuid import uuid4

from sqlalchemy import insert, select

from borapp.models import SyncIdentity, SyncOp
from borapp.models.schema import head
from borapp.services import settings
from borapp.services.sync.capture import op_row, value_of
from borapp.services.sync.dates import before_dates_travelled, send_dates
from borapp.services.sync.records import TYPES, fields_of


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
    attendance in 0025, retention holds in 0039, VOGs and pauses in 0044) were made before and have no identity; they go with the next push.
    So do the dates that began to travel with 0042, of the records made here (sync/dates.py). Returns how many."""
    caught_up = settings.read_setting(workspace, CAUGHT_UP)
    if caught_up == head():
        return 0
    with workspace.session() as session:
        # the dates first: they are for records that have an identity already, the snapshot gives one to the rest
        count = send_dates(session) if before_dates_travelled(caught_up) else 0
        count += snapshot(session, only_new=True)
        settings.put(session, CAUGHT_UP, head())
    return count
