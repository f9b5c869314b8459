"""Conflicts wait on the server until a person chooses; choosing settles them for every laptop."""

from __future__ import annotations

import datetime as dt

from dataclasses import dataclass

from borapp.i18n import _
from borapp.services import audit, settings
from borapp.services.errors import NotFound
from borapp.services.sync.capture import DEVICE_SETTING
from borapp.services.sync.field_words import CONFIDENTIAL_FIELDS, TYPE_LABELS, field_label
from borapp.services.sync.records import BLOB
from borapp.services.sync.run import client_for
from borapp.services.sync.transport import settled_online


def open_conflicts(workspace, http=None) -> list[dict]:
    found = client_for(workspace, http).conflicts()
    settings.write_settings(workspace, {"sync.open_conflicts": str(len(found))})
    return found


@settled_online
def resolve(workspace, conflict_id: int, keep: str, http=None) -> None:
    """Keep "mine" (the clashing value, sent later by the conflict's device) or "theirs" (the server's)."""
    client = client_for(workspace, http)
    conflict = next((c for c in client.conflicts() if int(c["id"]) == int(conflict_id)), None)
    if conflict is None:
        raise NotFound(_("No open conflict {id}: it may have been settled already.").format(id=conflict_id))
    client.resolve(conflict_id, conflict["mine"] if keep == "mine" else conflict["server"])


@dataclass(frozen=True)
class ConflictRow:
    id: int
    record: str      # what it is about, in words: "Case BOR-2026-014", "Visit of 3 December 2026 (BOR-2026-014)"
    field: str
    base: str
    server: str      # the value the server kept
    mine: str        # the value that clashed with it, sent later by `device`
    server_device: str  # who set the server's value: a laptop's name, or "this laptop"
    server_at: str = ""  # when the server's value was set, in the user's words ("3 december 2026 14:05")
    typed: str | None = None  # for a free-text field: this laptop's value (or the clashing one) to start typing from
    device: str = ""  # who sent the clashing value: a laptop's name, or "this laptop"
    masked: bool = False  # a confidential address, shown as "(confidential address)" until revealed


def confidential_parent(session, item: dict) -> int | None:
    """The local parent whose confidential address the conflict is about, if it is about one."""
    from borapp.models import Parent
    from borapp.services.sync.apply import local_id

    if item.get("type") != "parent" or item.get("field") not in CONFIDENTIAL_FIELDS:
        return None
    found = local_id(session, "parent", item["uuid"])
    parent = session.get(Parent, found) if found is not None else None
    return parent.id if parent is not None and parent.address_confidential else None


def masked_conflicts(workspace, found: list[dict]) -> list[dict]:
    """The server's conflicts with a confidential address's values masked (for `sync conflicts --json`)."""
    hidden = _("(confidential address)")
    with workspace.session() as session:
        return [{**item, **{k: hidden for k in ("base", "server", "mine") if item.get(k)}}
                if confidential_parent(session, item) is not None else item for item in found]


def describe_conflicts(workspace, found: list[dict], reveal: int | None = None) -> list[ConflictRow]:
    """The server's conflicts in words this laptop can give them (its own records by case number). Every laptop
    of the team sees every conflict: each value says whose it is, "this laptop" when it is this one's.

    A parent's confidential address is masked, as in the family tab (a home visit may look over her shoulder),
    except in the conflict `reveal`, which the access log records as the family tab's "Show" does."""
    me = settings.read_setting(workspace, DEVICE_SETTING)
    rows = []
    with workspace.session() as session:
        for item in found:
            parent = confidential_parent(session, item)
            masked = parent is not None and int(item["id"]) != reveal
            if parent is not None and not masked:
                audit.record(session, "reveal_address", "parent", parent, workspace.actor)
            values = [_("(confidential address)") if masked and item.get(k) else _shown(item.get(k))
                      for k in ("base", "server", "mine")]
            rows.append(ConflictRow(int(item["id"]), _record_words(session, item["type"], item["uuid"]),
                                    field_label(item["field"]), *values,
                                    _whose(item.get("server_device") or "", me), _moment(item.get("server_at")),
                                    None if masked else _typed(item, me), _whose(item.get("device") or "", me),
                                    masked))
    return rows


def _whose(device: str, me: str) -> str:
    return _("this laptop") if device and device == me else device


def _text_field(type_name: str, field: str):
    """The record's field when it holds free text (a place, a note), which a person may type anew; else None."""
    from sqlalchemy import String, Text

    from borapp.services.sync.records import TYPES, fields_of

    if type_name not in TYPES:
        return None
    found = next((f for f in fields_of(type_name) if f.name == field), None)
    return found if found is not None and not found.refers_to and isinstance(found.column.type, (String, Text)) \
        else None


def _typed(item: dict, me: str) -> str | None:
    if _text_field(item.get("type", ""), item.get("field", "")) is None:
        return None
    own = item.get("server") if item.get("server_device") == me and item.get("device") != me else item.get("mine")
    return own if isinstance(own, str) else ""


@settled_online
def resolve_typed(workspace, conflict_id: int, text: str, http=None) -> None:
    """Settle a conflict on a free-text field with a value the coordinator typed (neither side's as it was)."""
    from borapp.services.errors import ValidationError

    client = client_for(workspace, http)
    conflict = next((c for c in client.conflicts() if int(c["id"]) == int(conflict_id)), None)
    if conflict is None:
        raise NotFound(_("No open conflict {id}: it may have been settled already.").format(id=conflict_id))
    field = _text_field(conflict["type"], conflict["field"])
    if field is None:
        raise ValidationError(_("This value cannot be typed anew: keep one of the two."))
    text = text.strip()
    limit = getattr(field.column.type, "length", None)
    if limit and len(text) > limit:
        raise ValidationError(_("At most {n} characters.").format(n=limit))
    client.resolve(conflict_id, text)


def _moment(iso: str | None) -> str:
    """A moment the server gives (with its time zone) in this computer's time, in the user's language."""
    from borapp.formatting import date_time

    if not iso:
        return ""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return ""
    return date_time(moment.astimezone().replace(tzinfo=None) if moment.tzinfo else moment)


def _record_words(session, type_name: str, uuid: str) -> str:
    from borapp.models import Case
    from borapp.services.sync.apply import local_id
    from borapp.services.sync.records import TYPES

    label = _(TYPE_LABELS.get(type_name, type_name))
    found = local_id(session, type_name, uuid) if type_name in TYPES else None
    record = session.get(TYPES[type_name], found) if found is not None else None
    if record is None:
        return _("{kind} (deleted here)").format(kind=label)
    case = record if type_name == "case" else (
        session.get(Case, record.case_id) if getattr(record, "case_id", None) else None)
    name = getattr(record, "name", "") if type_name not in ("case",) else ""
    parts = [label] + [p for p in (name, case.ref if case is not None else "") if p]
    return " · ".join(parts)


def _shown(value) -> str:
    if value is None:
        return _("(empty)")
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, str) and value.startswith(BLOB):  # a file travels as its hash: a short fingerprint
        return _("a file (fingerprint {short})").format(short=value[len(BLOB):len(BLOB) + 8])
    return str(value)
