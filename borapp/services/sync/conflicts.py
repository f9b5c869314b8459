"""Conflicts wait on the server until a person chooses; choosing settles them for every laptop."""

from __future__ import annotations

import datetime as dt

from dataclasses import dataclass, replace

from borapp.i18n import _
from borapp.services import audit, settings
from borapp.services.errors import NotFound
from borapp.services.sync.capture import DEVICE_SETTING
from borapp.services.sync import removal_words
from borapp.services.sync.code_words import coded, value_shown
from borapp.services.sync.field_words import CONFIDENTIAL_FIELDS, field_label
from borapp.services.sync.run import client_for
from borapp.services.sync.transport import settled_online


def open_conflicts(workspace, http=None) -> list[dict]:
    found = client_for(workspace, http).conflicts()
    settings.write_settings(workspace, {"sync.open_conflicts": str(len(found))})
    return found


@settled_online
def resolve(workspace, conflict_id: int, keep: str, http=None) -> dict:
    """Keep "mine" (the clashing value, sent later by the conflict's device) or "theirs" (the server's); the
    conflict as it was (`settled_words` says what the choice does)."""
    client = client_for(workspace, http)
    conflict = next((c for c in client.conflicts() if int(c["id"]) == int(conflict_id)), None)
    if conflict is None:
        raise NotFound(_("No open conflict {id}: it may have been settled already.").format(id=conflict_id))
    client.resolve(conflict_id, conflict["mine"] if keep == "mine" else conflict["server"])
    return conflict


def settled_words(choices: removal_words.Choices | None, keep: str) -> str:
    """What keeping a side did, for the line after it: a delete that clashed (`choices`) says whether the record
    stays."""
    if choices is not None:
        return _("Settled for everyone: {outcome}").format(
            outcome=choices.settled_mine if keep == "mine" else choices.settled_theirs)
    return _("Settled for everyone; the value arrives with each laptop's next sync.")


def choices_of(conflict: dict) -> removal_words.Choices | None:
    """The two choices' meaning for a delete that clashed with an edit; None for two values of one field."""
    return removal_words.choices(conflict) if removal_words.is_removal(conflict) else None


@dataclass(frozen=True)
class ConflictRow:
    id: int
    record: str      # what it is about, in words: "Case · BOR-2026-014", "Visit · 3 December 2026 · BOR-2026-014"
    field: str
    base: str
    server: str      # the value the server kept
    mine: str        # the value that clashed with it, sent later by `device`
    server_device: str  # who set the server's value: a laptop's name, or "this laptop"
    server_at: str = ""  # when the server's value was set, in the user's words ("3 december 2026 14:05")
    typed: str | None = None  # for a free-text field: this laptop's value (or the clashing one) to start typing from
    device: str = ""  # who sent the clashing value: a laptop's name, or "this laptop"
    masked: bool = False  # a confidential address, shown as "(confidential address)" until revealed
    choices: removal_words.Choices | None = None  # a delete that clashed with an edit: what each button means
    can_reveal: bool = True  # False for a parent deleted here: no reveal can be logged against it, it stays masked
    case_id: int | None = None  # the case here its record is or hangs from (None: of no case, or gone here)

    @property
    def draft_key(self) -> str:
        """Under which a lock keeps the value being typed for it: under its case, so erasing the case (here, or
        pulled from the team) takes the typing with it (it may hold a name or an address)."""
        return f"case/{self.case_id}/conflict/{self.id}/value" if self.case_id is not None \
            else f"conflict/{self.id}/value"


def _touches_address(item: dict) -> bool:
    if item.get("field") in CONFIDENTIAL_FIELDS:
        return True
    return removal_words.is_removal(item) and any(
        isinstance(item.get(k), dict) and set(item[k]) & set(CONFIDENTIAL_FIELDS) for k in ("base", "server", "mine"))


def _confidential(session, item: dict) -> tuple[bool, int | None]:
    """Whether the conflict's parent has a confidential address, and that parent's id here (None when it is
    gone here: then the server's fields of it say, and unknown counts as confidential)."""
    from borapp.models import Parent
    from borapp.services.sync.apply import local_id

    if item.get("type") != "parent":
        return False, None
    found = local_id(session, "parent", item["uuid"])
    parent = session.get(Parent, found) if found is not None else None
    if parent is not None:
        return parent.address_confidential, parent.id
    return (item.get("record") or {}).get("address_confidential") is not False, None


def confidential_parent(session, item: dict) -> int | None:
    """The local parent whose confidential address the conflict is about, if it is about one."""
    hidden, parent = _confidential(session, item) if _touches_address(item) else (False, None)
    return parent if hidden else None


def masked_conflicts(workspace, found: list[dict]) -> list[dict]:
    """The server's conflicts with a confidential address's values masked (for `sync conflicts --json`): a
    clashing address, and the address among a deleted parent's fields."""
    with workspace.session() as session:
        return [_masked(item) if _confidential(session, item)[0] else item for item in found]


def _masked(item: dict) -> dict:
    hidden = _("(confidential address)")
    out = dict(item)
    for key in ("base", "server", "mine", "record"):
        value = item.get(key)
        if isinstance(value, dict):
            out[key] = {n: hidden if n in CONFIDENTIAL_FIELDS and v else v for n, v in value.items()}
        elif key != "record" and value and item.get("field") in CONFIDENTIAL_FIELDS:
            out[key] = hidden
    return out


def describe_conflicts(workspace, found: list[dict], reveal: int | None = None) -> list[ConflictRow]:
    """The server's conflicts in words this laptop can give them (its own records by case number). Every laptop
    of the team sees every conflict: each value says whose it is, "this laptop" when it is this one's.

    A parent's confidential address is masked, as in the family tab (a home visit may look over her shoulder),
    except in the conflict `reveal`, which the access log records as the family tab's "Show" does."""
    me = settings.read_setting(workspace, DEVICE_SETTING)
    rows = []
    with workspace.session() as session:
        for item in found:
            hidden, parent = _confidential(session, item) if _touches_address(item) else (False, None)
            masked = hidden and (parent is None or int(item["id"]) != reveal)
            if hidden and not masked:
                audit.record(session, "reveal_address", "parent", parent, workspace.actor)
            rows.append(replace(_row(session, item, me, masked, parent is not None or not hidden),
                                case_id=_case_id(session, item)))
    return rows


def _case_id(session, item: dict) -> int | None:
    """The local case the conflict's record is or hangs from."""
    from borapp.services.sync.apply import local_id
    from borapp.services.sync.erasure_ops import case_of
    from borapp.services.sync.records import TYPES

    found = local_id(session, item["type"], item["uuid"]) if item.get("type") in TYPES else None
    record = session.get(TYPES[item["type"]], found) if found is not None else None
    case = case_of(session, item["type"], record)
    return case.id if case is not None else None


def _row(session, item: dict, me: str, masked: bool, can_reveal: bool) -> ConflictRow:
    who = (_whose(item.get("server_device") or "", me), _moment(item.get("server_at")))
    device = _whose(item.get("device") or "", me)
    if removal_words.is_removal(item):
        return ConflictRow(int(item["id"]), removal_words.record_words(session, item["type"], item["uuid"],
                                                                       item.get("record")),
                           field_label(item["field"]), removal_words.base_words(session, item, masked),
                           removal_words.side_words(session, item, item.get("server"), masked),
                           removal_words.side_words(session, item, item.get("mine"), masked), *who, None, device,
                           masked, choices_of(item), can_reveal)
    values = [_("(confidential address)") if masked and item.get(k) else value_shown(item["type"], item["field"],
                                                                                    item.get(k))
              for k in ("base", "server", "mine")]
    return ConflictRow(int(item["id"]), removal_words.record_words(session, item["type"], item["uuid"]),
                       field_label(item["field"]), *values, *who, None if masked else _typed(item, me), device,
                       masked, None, can_reveal)


def _whose(device: str, me: str) -> str:
    return _("this laptop") if device and device == me else device


def _text_field(type_name: str, field: str):
    """The record's field when it holds free text (a place, a note), which a person may type anew; else None."""
    from sqlalchemy import String, Text

    from borapp.services.sync.records import TYPES, fields_of

    if type_name not in TYPES or coded(type_name, field):  # a code ("no_show") is chosen, never typed
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
