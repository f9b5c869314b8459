"""The day a visit was called off travels between laptops as the visit's other fields do: a colleague's midway letter
counted the visit as called off on its own day."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from borapp.models import SyncOp
from borapp.services.sync.apply import apply_changes
from borapp.services.sync.field_words import field_label
from borapp.services.sync.records import fields_of
from borapp.services.visits import records
from tests.sync.test_capture import joined, uuid
from tests.visits.test_visit_services import T10, T12, TODAY, cancelled, make_case

AHEAD = TODAY + dt.timedelta(days=10)


def test_calling_a_visit_off_sends_the_day_it_was_called_off(workspace):
    joined(workspace)
    case_id, _ = make_case(workspace)
    visit = records.plan_series(workspace, case_id, AHEAD, 1, 7, T10, T12)[0]
    records.record_visit(workspace, cancelled(case_id, visit, AHEAD, cancelled_on=TODAY - dt.timedelta(days=2)))
    with workspace.session() as session:
        last = session.scalars(select(SyncOp).where(SyncOp.type == "visit").order_by(SyncOp.seq)).all()[-1]
    assert json.loads(last.fields)["cancelled_on"] == {"old": None,
                                                       "new": (TODAY - dt.timedelta(days=2)).isoformat()}
    assert "cancelled_on" in [f.name for f in fields_of("visit")]
    assert field_label("cancelled_on") == "Afgezegd op"  # as a conflict names it


def test_a_colleagues_day_it_was_called_off_is_taken_over(workspace):
    joined(workspace)
    case_id, _ = make_case(workspace)
    visit = records.plan_series(workspace, case_id, AHEAD, 1, 7, T10, T12)[0]
    change = {"type": "visit", "uuid": uuid(workspace, "visit", visit), "kind": "upsert", "op_id": "colleague-1",
              "fields": {"state": "cancelled", "cancelled_by": "resident", "cancel_reason": "Vakantie",
                         "cancelled_on": TODAY.isoformat()}}
    with workspace.session() as session:
        apply_changes(session, [change])
    detail = records.get_visit(workspace, visit)
    assert (detail.state, detail.cancelled_on) == ("cancelled", TODAY)
