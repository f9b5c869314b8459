"""Fields that belong to a record's state (a visit's canceller and reason to "cancelled", its no-show parent to
"no_show"): when two devices set the state apart, the later device's fields of its state wait with the state's
conflict, out of the list, and the state a person chooses brings its own fields and empties the others'. Merged
field by field they made one visit "did not show up" with a canceller and a reason."""

from __future__ import annotations

import psycopg

from borapp.models.visits import STATE_FIELDS

TIED = {"visit": ("state", STATE_FIELDS)}  # type: (the state's field, {state: {field: its empty value}})


def controller(type_: str) -> str | None:
    return TIED[type_][0] if type_ in TIED else None


def fields_of(type_: str) -> set[str]:
    """The fields tied to one of the type's states."""
    return {name for fields in TIED[type_][1].values() for name in fields} if type_ in TIED else set()


def holding(conn: psycopg.Connection, type_: str, uuid: str, device: str, state_clashes: bool) -> bool:
    """Whether the device's edits of the tied fields wait with a conflict on the state: this one clashes, or the
    device's conflict on the state is open still (a second offline edit)."""
    if type_ not in TIED:
        return False
    return state_clashes or conn.execute(
        "SELECT 1 FROM conflicts WHERE type = %s AND uuid = %s AND field = %s AND device = %s "
        "AND resolved_at IS NULL", (type_, uuid, TIED[type_][0], device)).fetchone() is not None


def settled(type_: str, fields: dict, state, kept: dict) -> dict:
    """The tied fields once `state` is chosen: its own from `kept` (the device's that waited, when its state was
    chosen) or as the record holds them, every other state's empty."""
    values = {}
    for name_of_state, tied in TIED[type_][1].items():
        for name, empty in tied.items():
            values[name] = kept.get(name, fields.get(name, empty)) if name_of_state == state else empty
    return values


def waiting(rows: list[dict]) -> set[int]:
    """Of open conflicts, the ids of those that wait with their device's conflict on the state (not listed)."""
    states = {(r["type"], r["uuid"], r["device"]) for r in rows if r["field"] == controller(r["type"])}
    return {r["id"] for r in rows
            if r["field"] in fields_of(r["type"]) and (r["type"], r["uuid"], r["device"]) in states}
