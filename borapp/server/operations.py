"""What a push may carry (docs/sync-protocol.md, Operations), checked before anything is applied: a request with
one malformed operation is refused whole (`invalid`), so a device never has half a batch applied by accident."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import NamedTuple

from borapp.server.errors import invalid

TYPES = frozenset({"organisation", "municipality", "municipality_funding", "coordinator", "volunteer", "training",
                   "vog_issue", "volunteer_pause",
                   "meeting", "meeting_attendance", "case", "case_exclusion", "parent", "child", "status_change",
                   "visit", "visit_addendum", "visit_expense", "evaluation", "case_hours", "attachment", "contract",
                   "contract_signature", "letter", "retention_hold"})
KINDS = frozenset({"upsert", "delete", "erase"})
MAX_OPS = 500
_FIELD = re.compile(r"[a-z][a-z0-9_]{0,62}")


class Change(NamedTuple):  # a tuple: a push makes thousands (a frozen dataclass took a third of parsing one)
    old: object
    new: object


@dataclass(frozen=True)
class Operation:
    op_id: str
    type: str
    uuid: str
    kind: str
    fields: dict[str, Change]
    base: int | None  # on a delete: the last server seq the device had applied when it deleted


_PLAIN = (str, bool, int, type(None))
_JSON_PLAIN = frozenset(_PLAIN)  # what json.loads makes of plain values (never a subclass)
_change = tuple.__new__  # Change(old, new) without the namedtuple's own __new__ (a call less per field)


def is_plain(value: object) -> bool:
    """Text, a whole number, true/false or null (dates and times travel as text)."""
    return type(value) in _PLAIN or isinstance(value, _PLAIN)


def same(a: object, b: object) -> bool:
    """Equal as JSON values: `true` is not `1`, `"1"` is not `1`. Plain values (all a field holds) compare
    directly; a conflict's chosen value may be any JSON (a first sync compares hundreds of thousands of values: as
    JSON text this took 6 of its 15 s on the server)."""
    if is_plain(a) and is_plain(b):
        return type(a) is type(b) and a == b
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def looks_like_uuid(value: object) -> bool:
    """A reference to another record travels as its uuid, in the canonical form (docs/sync-protocol.md)."""
    return isinstance(value, str) and _UUID.fullmatch(value) is not None


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _uuid(value: object, what: str) -> str:
    """A uuid in its canonical form (lower case, with dashes), as Python's uuid4() writes it."""
    if looks_like_uuid(value):
        return value
    _raise(what)


def _raise(detail: str):
    raise invalid(detail)


def parse_push(body: object) -> tuple[str, list[Operation]]:
    if not isinstance(body, dict) or not isinstance(body.get("schema"), str) or not isinstance(body.get("ops"), list):
        _raise("a push is {\"schema\": revision, \"ops\": [...]}")
    if len(body["ops"]) > MAX_OPS:
        _raise(f"at most {MAX_OPS} operations per push")
    ops = [parse_op(op, i) for i, op in enumerate(body["ops"])]
    if len({op.op_id for op in ops}) != len(ops):
        _raise("an op_id appears twice in one push")
    return body["schema"], ops


@functools.lru_cache(maxsize=1024)  # the same few dozen names in every operation
def _allowed_name(name: str) -> bool:
    return _FIELD.fullmatch(name) is not None


def is_field_name(name: str) -> bool:
    """A record field's name as the protocol allows it (a pseudo-field such as `_deleted` is not one)."""
    return _allowed_name(name)


def parse_op(op: object, index: int) -> Operation:
    where = f"ops[{index}]"
    if not isinstance(op, dict):
        _raise(f"{where} is not an object")
    op_id = _uuid(op.get("op_id"), f"{where}.op_id is not a uuid")
    uuid = _uuid(op.get("uuid"), f"{where}.uuid is not a uuid")
    if op.get("type") not in TYPES:
        _raise(f"{where}.type is not a synced record type")
    if op.get("kind") not in KINDS:
        _raise(f"{where}.kind is not upsert, delete or erase")
    raw = op.get("fields") or {}
    if not isinstance(raw, dict):
        _raise(f"{where}.fields is not an object")
    if op["kind"] != "upsert" and raw:
        _raise(f"{where}: a {op['kind']} carries no fields")
    fields = {}
    for name, change in raw.items():  # a first sync parses millions of these: plain checks, no calls per value
        if not _allowed_name(name):
            _raise(f"{where}.fields has a field name that is not allowed")
        if type(change) is not dict or len(change) != 2 or "old" not in change or "new" not in change:
            _raise(f"{where}.fields.{name} is not {{\"old\", \"new\"}}")
        old, new = change["old"], change["new"]
        if type(old) not in _JSON_PLAIN or type(new) not in _JSON_PLAIN:
            _raise(f"{where}.fields.{name} has a value that is not text, a whole number, true/false or null")
        fields[name] = _change(Change, (old, new))
    base = op.get("base")
    if base is not None and (op["kind"] != "delete" or not isinstance(base, int) or isinstance(base, bool)
                             or base < 0):
        _raise(f"{where}.base is a sequence number, and only on a delete")
    return Operation(op_id, op["type"], uuid, op["kind"], fields, base)
