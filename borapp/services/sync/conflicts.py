"""Conflicts wait on the server until a person chooses; choosing settles them for every laptop."""

from __future__ import annotations

import datetime as dt

from dataclasses import dataclass

from borapp.i18n import N_, _
from borapp.services import settings
from borapp.services.errors import NotFound
from borapp.services.sync.run import client_for


def open_conflicts(workspace, http=None) -> list[dict]:
    found = client_for(workspace, http).conflicts()
    settings.write_settings(workspace, {"sync.open_conflicts": str(len(found))})
    return found


def resolve(workspace, conflict_id: int, keep: str, http=None) -> None:
    """Keep "mine" (the value this side of the conflict typed) or "theirs" (the server's)."""
    client = client_for(workspace, http)
    conflict = next((c for c in client.conflicts() if int(c["id"]) == int(conflict_id)), None)
    if conflict is None:
        raise NotFound(_("No open conflict {id}: it may have been settled already.").format(id=conflict_id))
    client.resolve(conflict_id, conflict["mine"] if keep == "mine" else conflict["server"])


TYPE_LABELS = {
    "organisation": N_("Organisation"), "municipality": N_("Municipality"), "coordinator": N_("Coordinator"),
    "volunteer": N_("Volunteer"), "case": N_("Case"), "parent": N_("Parent"), "child": N_("Child"),
    "status_change": N_("Status change"), "visit": N_("Visit"), "evaluation": N_("Evaluation"),
}


# The fields people most often change at once, in the words of the screens (the rest show their own name)
FIELD_LABELS = {
    "status": N_("Status"), "notes": N_("Notes"), "name": N_("Name"), "phone": N_("Phone"), "email": N_("E-mail"),
    "address": N_("Street and number"), "postcode": N_("Postcode"), "city": N_("City"), "visit_place": N_("Place"),
    "visit_frequency": N_("Frequency"), "buildup": N_("Build-up"), "handover": N_("Handover"),
    "on": N_("Date"), "start_time": N_("Start"), "end_time": N_("End"), "place": N_("Place"),
    "volunteer": N_("Volunteer"), "coordinator": N_("Coordinator"), "municipality": N_("Municipality"),
    "outcome": N_("Outcome"), "what_happened": N_("What happened"), "_deleted": N_("Deleted"),
}


def field_label(field: str) -> str:
    return _(FIELD_LABELS[field]) if field in FIELD_LABELS else field.replace("_", " ")


@dataclass(frozen=True)
class ConflictRow:
    id: int
    record: str      # what it is about, in words: "Case BOR-2026-014", "Visit of 3 December 2026 (BOR-2026-014)"
    field: str
    base: str
    server: str
    mine: str
    server_device: str
    server_at: str = ""  # when the server's value was set, in the user's words ("3 december 2026 14:05")


def describe_conflicts(workspace, found: list[dict]) -> list[ConflictRow]:
    """The server's conflicts in words this laptop can give them (its own records by case number)."""
    rows = []
    with workspace.session() as session:
        for item in found:
            rows.append(ConflictRow(int(item["id"]), _record_words(session, item["type"], item["uuid"]),
                                    field_label(item["field"]), _shown(item.get("base")),
                                    _shown(item.get("server")), _shown(item.get("mine")),
                                    item.get("server_device", ""), _moment(item.get("server_at"))))
    return rows


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
    return str(value)
