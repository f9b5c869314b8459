"""One visit recorded as a no-show on one laptop and as called off on another (offline, against the real service on
a throw-away PostgreSQL with two real vaults): the fields of each state stay with it. Until a person chooses, no
laptop and not the server holds a no-show with a canceller; the state chosen brings its own fields everywhere and
empties the other's."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from borapp.models import Case, Visit
from borapp.models.visits import STATE_FIELDS
from borapp.services.sync import conflicts
from borapp.services.visits import records
from tests.server.conftest import app, db_url, migrated_url, postgres, sql  # noqa: F401 - fixtures
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture

DAY = dt.date.today() - dt.timedelta(days=2)
CALLED_OFF = DAY - dt.timedelta(days=1)
NO_SHOW = {"state": "no_show", "no_show_by": "other", "cancelled_by": "", "cancel_reason": "", "cancelled_on": None,
           "notice_hours": None}
CANCELLED = {"state": "cancelled", "no_show_by": "", "cancelled_by": "other", "cancel_reason": "Werk",
             "cancelled_on": CALLED_OFF, "notice_hours": 20}


def _visit(laptop) -> dict:
    with laptop.workspace.session() as session:
        v = session.scalar(select(Visit))
        return {name: getattr(v, name) for name in NO_SHOW}


def _on_server(sql) -> dict:
    fields = sql("SELECT fields FROM records WHERE type = 'visit' AND NOT deleted")[0][0]
    return {name: fields.get(name) for name in NO_SHOW}


def _record(laptop, **values) -> None:
    with laptop.workspace.session() as session:
        v = session.scalar(select(Visit))
        data = records.VisitInput(case_id=v.case_id, on=v.on, visit_id=v.id, start_time=v.start_time,
                                  end_time=v.end_time, place=v.place, **values)
    records.record_visit(laptop.workspace, data)


def crossed_states(team) -> dict:
    """Anna records the visit as a no-show of the other parent, Bram as called off by him; both sync."""
    anna, bram = team
    ref = anna.register()
    with anna.workspace.session() as session:
        case_id = session.scalar(select(Case.id).where(Case.ref == ref))
    records.plan_series(anna.workspace, case_id, DAY, 1, 14, dt.time(10), dt.time(11), "Buurthuis De Kolk")
    anna.sync(), bram.sync()
    _record(anna, state="no_show", no_show_by="other")
    _record(bram, state="cancelled", cancelled_by="other", cancel_reason="Werk", cancelled_on=CALLED_OFF,
            notice_hours=20)
    anna.sync(), bram.sync(), anna.sync()
    found = conflicts.open_conflicts(bram.workspace, http=bram.http)
    assert [(c["field"], c["server"], c["mine"]) for c in found] == [("state", "no_show", "cancelled")]
    return found[0]


def test_until_settled_no_laptop_merges_the_two_states(team, sql):
    anna, bram = team
    crossed_states(team)
    assert _on_server(sql) == NO_SHOW
    assert _visit(anna) == NO_SHOW
    assert _visit(bram) == NO_SHOW  # Bram's cancellation waits with the conflict, not half in his visit


@pytest.mark.parametrize("keep, expected", [("mine", CANCELLED), ("theirs", NO_SHOW)])
def test_the_state_chosen_brings_its_own_fields_to_every_laptop(team, sql, keep, expected):
    anna, bram = team
    conflict = crossed_states(team)
    conflicts.resolve(anna.workspace, conflict["id"], keep, http=anna.http)
    anna.sync(), bram.sync(), anna.sync()
    assert _visit(anna) == expected
    assert _visit(bram) == expected
    assert _on_server(sql) == {**expected, "cancelled_on": expected["cancelled_on"] and CALLED_OFF.isoformat()}
    assert conflicts.open_conflicts(bram.workspace, http=bram.http) == []


def test_a_second_offline_edit_of_the_cancellation_waits_with_the_state(team, sql):
    anna, bram = team
    conflict = crossed_states(team)
    _record(bram, state="cancelled", cancelled_by="other", cancel_reason="Werk, dienst geruild",
            cancelled_on=CALLED_OFF, notice_hours=20)
    bram.sync()
    assert _on_server(sql)["cancel_reason"] == ""
    assert [c["field"] for c in conflicts.open_conflicts(bram.workspace, http=bram.http)] == ["state"]
    conflicts.resolve(bram.workspace, conflict["id"], "mine", http=bram.http)
    anna.sync(), bram.sync()
    assert _visit(anna) == {**CANCELLED, "cancel_reason": "Werk, dienst geruild"}


def test_every_field_the_visit_editor_ties_to_a_state_is_tied_in_sync(workspace):
    """Saving a visit in one state empties the fields of the others: exactly those sync keeps with their state."""
    from tests.visits.test_visit_services import make_case

    case_id, _ = make_case(workspace)
    visit = records.plan_series(workspace, case_id, DAY, 1, 7, dt.time(10), dt.time(11))[0]
    records.record_visit(workspace, records.VisitInput(
        case_id=case_id, visit_id=visit, on=DAY, state="held", start_time=dt.time(10), end_time=dt.time(11),
        **{name: "x" for name in STATE_FIELDS["held"] if name != "ended_early_reason"},
        ended_early=True, ended_early_reason="x"))
    records.record_visit(workspace, records.VisitInput(case_id=case_id, visit_id=visit, on=DAY, state="cancelled",
                                                       cancelled_by="other", cancel_reason="x", notice_hours=3))
    with workspace.session() as session:
        v = session.get(Visit, visit)
        emptied = {c.key for c in Visit.__table__.columns if getattr(v, c.key) in ("", None)}
        kept = {name for name in STATE_FIELDS["cancelled"] if getattr(v, name) not in ("", None)}
    assert set(STATE_FIELDS["held"]) <= emptied
    assert kept == set(STATE_FIELDS["cancelled"])

