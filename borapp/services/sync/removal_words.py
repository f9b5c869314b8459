"""A delete that clashed with an edit (the conflict's pseudo-field `_deleted`, docs/sync-protocol.md), in words a
coordinator reads: which record, even one deleted here (by the fields the server keeps of it), what each side did
("deleted", "Place changed to Speeltuin Julianadorp"), and what keeping each side means."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from borapp.formatting import long_date
from borapp.i18n import _
from borapp.services.sync.code_words import value_shown
from borapp.services.sync.field_words import CONFIDENTIAL_FIELDS, TYPE_LABELS, field_label, shown
from borapp.services.sync.records import TYPES, fields_of

DELETED = "_deleted"  # borapp.server.conflicts.DELETED (the laptop does not import the server)
ADDED = "_added"  # borapp.server.owned.ADDED: in `mine`, the records added under the one deleted meanwhile


@dataclass(frozen=True)
class Choices:
    """The two buttons of a delete-versus-edit conflict, and what each choice does once made."""

    keep_mine: str       # keeps the side sent later
    keep_theirs: str     # keeps the server's side
    settled_mine: str    # "it comes back, with the change, …"
    settled_theirs: str


def is_removal(item: dict) -> bool:
    return item.get("field") == DELETED


def choices(item: dict) -> Choices:
    """`server` true: deleted on the server, the edit waits; else the delete waits and the record is still there."""
    on_server = item.get("server") is True
    delete = _("Leave it deleted") if on_server else _("Delete it")
    keep = _("Bring it back, with the change") if on_server else _("Keep it, with the change")
    deleted = (_("it stays deleted on every laptop.") if on_server else
               _("it is deleted on each laptop at its next sync."))
    kept = (_("it comes back, with the change, on each laptop at its next sync.") if on_server else
            _("it stays, with the change; the laptop that deleted it gets it back at its next sync."))
    if _added(item.get("mine")):
        delete = _("Leave it deleted, with what was added")
        keep = _("Bring it back, with what was added")
        deleted = _("it stays deleted on every laptop, and so does what was added under it.")
        kept = _("it comes back, with what was added under it, on each laptop at its next sync.")
    if item.get("mine") is True:
        return Choices(delete, keep, deleted, kept)
    return Choices(keep, delete, kept, deleted)


def side_words(session, item: dict, value, masked: bool) -> str:
    """One side: deleted, or the fields it changed, one a line ("Place changed to Speeltuin Julianadorp")."""
    if value is True:
        return _("deleted")
    if not isinstance(value, dict):
        return _("not deleted")
    lines = [_("{field} changed to {value}").format(field=field_label(name),
                                                    value=_value(session, item["type"], name, v, masked))
             for name, v in value.items() if name != ADDED]
    lines += [_("{kind} added").format(kind=_(TYPE_LABELS.get(kind, kind))) for kind in _added(value)]
    return "\n".join(lines) or _("changed")


def _added(value) -> list[str]:
    """The kinds of record added under the deleted one ("visit_expense"), each once, in the order added."""
    listed = value.get(ADDED) if isinstance(value, dict) else None
    kinds = [a.get("type") for a in listed if isinstance(a, dict)] if isinstance(listed, list) else []
    return list(dict.fromkeys(k for k in kinds if isinstance(k, str)))


def base_words(session, item: dict, masked: bool) -> str:
    """What the changed fields held before either side, one a line ("Place: Buurthuis De Kolk")."""
    base = item.get("base")
    if not isinstance(base, dict) or not base:
        return _("not deleted")
    return "\n".join(_("{field}: {value}").format(field=field_label(name),
                                                  value=_value(session, item["type"], name, v, masked))
                     for name, v in base.items())


def _value(session, type_name: str, name: str, value, masked: bool) -> str:
    from borapp.services.cases.timeline_clashes import value_words

    if masked and name in CONFIDENTIAL_FIELDS:
        return _("(confidential address)")
    field = next((f for f in fields_of(type_name) if f.name == name), None) if type_name in TYPES else None
    if field is None:
        return value_shown(type_name, name, value)
    return value_words(session, type_name, field, value)


def record_words(session, type_name: str, uuid: str, kept: dict | None = None) -> str:
    """"Visit · 12 December 2026 · BOR-2026-003": the kind, its name or date, and its case's number; from the record
    here, else from `kept` (the fields the server keeps of a record deleted here)."""
    from borapp.models import Case
    from borapp.services.sync.apply import local_id

    label = _(TYPE_LABELS.get(type_name, type_name))
    found = local_id(session, type_name, uuid) if type_name in TYPES else None
    record = session.get(TYPES[type_name], found) if found is not None else None
    if type_name == "meeting_attendance" and (record is not None or kept):
        return " · ".join(part for part in (label, *_signup_words(session, record, kept)) if part)
    if record is not None:
        case = record if type_name == "case" else (
            session.get(Case, record.case_id) if getattr(record, "case_id", None) else None)
        name, day = getattr(record, "name", ""), getattr(record, "on", None) or getattr(record, "held_on", None)
        ref = case.ref if case is not None else ""
    elif kept:
        name, day = kept.get("name") or "", _day(kept.get("on") or kept.get("held_on"))
        ref = kept.get("ref") if type_name == "case" else _case_ref(session, kept.get("case"))
    else:
        return _("{kind} (deleted here)").format(kind=label)
    what = name if type_name != "case" and isinstance(name, str) else ""
    when = long_date(day) if isinstance(day, dt.date) else ""
    return " · ".join(part for part in (label, what or when, ref or "") if part)


def _signup_words(session, record, kept: dict | None) -> tuple[str, str, str]:
    """A sign-up's volunteer, and its meeting's date and theme: from the record here, else from the server's
    fields of it (the volunteer and the meeting by uuid), as far as they are here."""
    from borapp.models import Meeting, Volunteer

    if record is not None:
        volunteer, meeting = session.get(Volunteer, record.volunteer_id), session.get(Meeting, record.meeting_id)
    else:
        volunteer, meeting = (_here(session, kind, kept.get(kind)) for kind in ("volunteer", "meeting"))
    return (volunteer.name if volunteer is not None else "",
            long_date(meeting.held_on) if meeting is not None and meeting.held_on else "",
            meeting.theme if meeting is not None else "")


def _day(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _case_ref(session, uuid) -> str:
    case = _here(session, "case", uuid)
    return case.ref if case is not None else ""


def _here(session, type_name: str, uuid):
    """The record here that the uuid names, or None."""
    from borapp.services.sync.apply import local_id

    found = local_id(session, type_name, uuid) if isinstance(uuid, str) else None
    return session.get(TYPES[type_name], found) if found is not None else None
