"""Joining a team: enrol this laptop with a one-time code, keep the token in the vault, and hand every record this
vault already holds to the next push (a snapshot), so the team gets what was typed before joining."""

from __future__ import annotations

import re

from sqlalchemy import select

from borapp.i18n import _
from borapp.models import Setting
from borapp.services import settings
from borapp.services.errors import UsageError
from borapp.services.sync.capture import DEVICE_SETTING, give_identity, uuid_of, value_of, write_op
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
    from borapp.services.sync.run import client_for, settle_case_numbers

    try:
        settle_case_numbers(workspace, client_for(workspace, http))  # a block of case numbers to start with
    except SyncError:
        pass  # joined all the same: the next sync asks again
    return answer.get("device", device.strip())


def snapshot(session) -> int:
    """An operation for every synced record, in reference order (municipalities before cases, cases before
    visits): how the records of this vault first reach the server. Returns how many."""
    count = 0
    for type_name, model in TYPES.items():
        for record in session.scalars(select(model).order_by(model.id)):
            uuid = uuid_of(session, type_name, record.id) or give_identity(session, type_name, record.id)
            fields = {f.name: {"old": None, "new": value_of(session, f, getattr(record, f.attribute))}
                      for f in fields_of(type_name)}
            write_op(session, type_name, uuid, "upsert", fields)
            count += 1
    return count


def leave(workspace) -> None:
    """This laptop leaves the team: its records stay, nothing more is captured or sent."""
    with workspace.session() as session:
        for key in ("sync.url", "sync.token", DEVICE_SETTING, "sync.last_seq", "sync.last_synced",
                    "sync.open_conflicts"):
            row = session.get(Setting, key)
            if row is not None:
                session.delete(row)
