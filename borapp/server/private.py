"""A parent's confidential address is kept on the server only where a laptop can still need it: in the record as it
is, in the newest change-log row that set each of its fields (a laptop that has not pulled it yet needs that row;
older rows are superseded by it) and in open conflicts (a person settles them). A settled conflict's values of it,
and the rows it replaced, are forgotten as soon as they are no longer needed: a server backup or an administrator
reading the tables finds no address that was rejected or moved away from."""

from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

CONFIDENTIAL = {"parent": (("address", "postcode", "city"), "address_confidential")}  # sync/field_words.py
FORGOTTEN = {"_forgotten": True}  # a settled conflict's chosen value once forgotten


def is_forgotten(value) -> bool:
    return value == FORGOTTEN


def forget_replaced(conn: psycopg.Connection, type_: str, uuid: str, fields: dict, changed: dict) -> None:
    """After a change (`changed`) to a record now holding `fields`: when its address is confidential and the change
    touched it, the values nobody needs any more go."""
    if type_ not in CONFIDENTIAL:
        return
    names, flag = CONFIDENTIAL[type_]
    if not fields.get(flag) or not set(changed) & {*names, flag}:
        return
    for name in names:  # every row but the newest that set it
        conn.execute("UPDATE change_log l SET fields = l.fields - %(name)s WHERE l.type = %(type)s "
                     "AND l.uuid = %(uuid)s AND l.fields ? %(name)s AND l.seq < (SELECT max(m.seq) FROM change_log m "
                     "WHERE m.type = l.type AND m.uuid = l.uuid AND m.fields ? %(name)s)",
                     {"name": name, "type": type_, "uuid": uuid})
    conn.execute(
        "UPDATE conflicts SET base = NULL, server = NULL, mine = NULL, value = %(forgotten)s "
        "WHERE type = %(type)s AND uuid = %(uuid)s AND resolved_at IS NOT NULL AND field = ANY(%(names)s)",
        {"forgotten": Jsonb(FORGOTTEN), "type": type_, "uuid": uuid, "names": list(names)})
    conn.execute(  # a settled delete-versus-edit conflict keeps the fields it carried, less the address
        "UPDATE conflicts SET base = " + _less("base") + ", server = " + _less("server") + ", mine = " + _less("mine")
        + ", value = " + _less("value") + " WHERE type = %(type)s AND uuid = %(uuid)s AND resolved_at IS NOT NULL "
        "AND field = '_deleted'", {"type": type_, "uuid": uuid, "names": list(names)})


def _less(column: str) -> str:
    return f"CASE WHEN jsonb_typeof({column}) = 'object' THEN {column} - %(names)s::text[] ELSE {column} END"
