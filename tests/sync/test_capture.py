"""Every change to a synced record writes its operation in the same transaction (docs/sync-protocol.md): new records
with all fields, edits with old and new value of the changed fields only, references as uuids, deletes; nothing
before joining a team, nothing for changes that came from the server, nothing left behind by a rolled-back change."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from borapp.models import Case, Municipality, Parent, SyncIdentity, SyncOp
from borapp.services import settings


def joined(workspace) -> None:
    settings.write_settings(workspace, {"sync.device": "laptop-anna"})


def ops(workspace) -> list[SyncOp]:
    with workspace.session() as session:
        return list(session.scalars(select(SyncOp).order_by(SyncOp.seq)))


def uuid(workspace, type_name: str, local_id: int) -> str:
    with workspace.session() as session:
        return session.scalar(select(SyncIdentity.uuid).where(SyncIdentity.type == type_name,
                                                              SyncIdentity.local_id == local_id))


def add_case(workspace) -> int:
    with workspace.session() as session:
        town = Municipality(name="Bergen (NH)")
        case = Case(ref="BOR-2026-001", registered_on=dt.date(2026, 3, 2), status="registered", municipality=town)
        case.parents.append(Parent(role="resident", name="Ria Smit"))
        session.add(case)
        session.flush()
        return case.id


def test_nothing_is_captured_before_joining_a_team(workspace):
    add_case(workspace)
    assert ops(workspace) == []


def test_a_new_case_travels_with_its_fields_and_references_as_uuids(workspace):
    joined(workspace)
    case_id = add_case(workspace)
    written = {op.type: op for op in ops(workspace)}
    assert set(written) == {"municipality", "case", "parent"}
    case_op = json.loads(written["case"].fields)
    assert case_op["ref"] == {"old": None, "new": "BOR-2026-001"}
    assert case_op["registered_on"]["new"] == "2026-03-02"
    assert case_op["municipality"]["new"] == written["municipality"].uuid, "references travel as uuids"
    assert "id" not in case_op and "updated_at" not in case_op and "municipality_id" not in case_op
    assert json.loads(written["parent"].fields)["case"]["new"] == uuid(workspace, "case", case_id)


def test_an_edit_sends_only_what_changed_with_its_old_value(workspace):
    joined(workspace)
    case_id = add_case(workspace)
    before = len(ops(workspace))
    with workspace.session() as session:
        session.get(Case, case_id).status = "intake"
    with workspace.session() as session:  # a record read fresh and changed without reading the field first
        case = session.get(Case, case_id)
        session.expire(case, ["notes"])
        case.notes = "Belt na 17 uur"
    edits = ops(workspace)[before:]
    assert [json.loads(op.fields) for op in edits] == [
        {"status": {"old": "registered", "new": "intake"}},
        {"notes": {"old": "", "new": "Belt na 17 uur"}},
    ]
    assert all(op.kind == "upsert" and op.uuid == uuid(workspace, "case", case_id) for op in edits)


def test_a_delete_is_an_operation_and_the_uuid_stays_as_tombstone(workspace):
    joined(workspace)
    case_id = add_case(workspace)
    with workspace.session() as session:
        parent = session.scalar(select(Parent).where(Parent.case_id == case_id))
        parent_id = parent.id
        session.delete(parent)
    last = ops(workspace)[-1]
    assert (last.type, last.kind) == ("parent", "delete")
    assert json.loads(last.fields) == {"_base": 0}, "a delete says which server changes it had seen"
    assert last.uuid == uuid(workspace, "parent", parent_id)


def test_a_rolled_back_change_leaves_no_operation(workspace):
    joined(workspace)
    case_id = add_case(workspace)
    before = len(ops(workspace))
    with pytest.raises(RuntimeError), workspace.session() as session:
        session.get(Case, case_id).status = "intake"
        session.flush()  # the operation is written …
        raise RuntimeError("the save fails after the flush")  # … and goes with the rollback
    assert len(ops(workspace)) == before


def test_an_erasure_is_an_erase_operation_per_record_and_the_queue_forgets_the_case(workspace):
    from borapp.services.privacy.erasure import erase_case

    joined(workspace)
    add_case(workspace)
    case_uuid = next(op.uuid for op in ops(workspace) if op.type == "case")
    erase_case(workspace, "BOR-2026-001", "verzoek van de ouder", confirm="BOR-2026-001")
    left = ops(workspace)
    assert [(op.type, op.kind) for op in left] == [("municipality", "upsert"), ("parent", "erase"), ("case", "erase")]
    assert left[-1].uuid == case_uuid and all(json.loads(op.fields) == {} for op in left[1:])
    assert not any("Ria Smit" in op.fields for op in left), "the erased parent's name stays in the queue"


def test_a_reference_set_through_its_relationship_travels(workspace):
    joined(workspace)
    case_id = add_case(workspace)
    before = len(ops(workspace))
    with workspace.session() as session:
        other = Municipality(name="Schagen")
        session.add(other)
        session.flush()
        session.get(Case, case_id).municipality = other
    edit = [op for op in ops(workspace)[before:] if op.type == "case"]
    assert len(edit) == 1
    change = json.loads(edit[0].fields)["municipality"]
    assert change["new"] == next(op.uuid for op in ops(workspace)[before:] if op.type == "municipality")
    assert change["old"] and change["old"] != change["new"]
