"""A queued operation goes on the wire as text built around its stored JSON fields (run.wire_text), never parsed
and written again: that text must read back as exactly the operation `_wire` describes, for any field values."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from borapp.models import SyncOp
from borapp.services.sync.capture import BASE
from borapp.services.sync.run import _wire, wire_text

values = st.one_of(st.none(), st.booleans(), st.integers(-2**53, 2**53), st.text())
changes = st.dictionaries(st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True),
                          st.fixed_dictionaries({"old": values, "new": values}), max_size=8)


def queued(kind: str, fields: dict, **dumps) -> SyncOp:
    return SyncOp(op_id="0b5e7c1e-3f7a-4c2e-9a1d-2f6f4b8d9c10", type="case",
                  uuid="6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f", kind=kind, fields=json.dumps(fields, **dumps))


@given(changes)
def test_an_upsert_reads_back_as_its_operation(fields):
    op = queued("upsert", fields, sort_keys=True)
    assert json.loads(wire_text(op)) == _wire(op)
    op = queued("upsert", fields, ensure_ascii=False)  # however the JSON was written
    assert json.loads(wire_text(op)) == _wire(op)


def test_a_delete_carries_its_base_beside_empty_fields_and_an_erasure_nothing():
    op = queued("delete", {BASE: 41})
    assert json.loads(wire_text(op)) == _wire(op) == {
        "op_id": op.op_id, "type": "case", "uuid": op.uuid, "kind": "delete", "fields": {}, "base": 41}
    op = queued("erase", {})
    assert json.loads(wire_text(op))["fields"] == {} and json.loads(wire_text(op)) == _wire(op)
    op.fields = ""
    assert json.loads(wire_text(op))["fields"] == {}
