"""A schedule letter waiting in the outbox does not go out once the planned visits changed: moved, added, called off
or gone by. The parent would be told a wrong schedule, under today's date."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from borapp.models import Case, Letter, Visit
from borapp.services import settings
from borapp.services.documents.letter_checks import LetterParts, check_letter
from borapp.services.outbox import export, letters
from borapp.services.visits import records
from borapp.services.visits.records import VisitInput
from tests.helpers.outbox_support import add_referred_case

TODAY = dt.date.today()


@pytest.fixture
def case_id(workspace):
    case_id = add_referred_case(workspace, "BOR-2026-031", status="visits")
    settings.write_settings(workspace, {"organisation.phone": "0224-123456", "organisation.email": "bor@kop.example"})
    records.plan_series(workspace, case_id, TODAY + dt.timedelta(days=7), 3, 14, dt.time(10), dt.time(12))
    return case_id


def _planned(workspace, case_id) -> list[Visit]:
    with workspace.session() as session:
        return list(session.scalars(select(Visit).where(Visit.case_id == case_id, Visit.state == "planned")
                                    .order_by(Visit.on)))


def _move(workspace, case_id, visit: Visit, on: dt.date) -> None:
    records.record_visit(workspace, VisitInput(case_id=case_id, visit_id=visit.id, on=on, state="planned",
                                               start_time=dt.time(14), end_time=dt.time(16)))


def test_a_visit_moved_after_the_letter_was_made_holds_it_back_and_says_the_schedule_now(workspace, case_id,
                                                                                          tmp_path):
    made = letters.create_letter(workspace, case_id, "schedule", parent_role="other")
    assert made.state == "ready" and letters.problems(workspace, made.id) == ""
    last = _planned(workspace, case_id)[-1]
    _move(workspace, case_id, last, last.on + dt.timedelta(days=14))
    problem = letters.problems(workspace, made.id)
    assert "De geplande omgangsmomenten zijn gewijzigd" in problem and "14:00–16:00" in problem
    folder = tmp_path / "export"
    folder.mkdir()
    result = export.export_ready(workspace, folder)
    assert not result.exported and list(folder.iterdir()) == [] and "14:00–16:00" in result.problems[0][1]


def test_the_list_typed_in_as_it_stands_lets_the_letter_go(workspace, case_id):
    made = letters.create_letter(workspace, case_id, "schedule", parent_role="resident")
    first = _planned(workspace, case_id)[0]
    _move(workspace, case_id, first, first.on + dt.timedelta(days=1))
    problem = letters.problems(workspace, made.id)
    now = problem.split("nu gepland zijn:\n", 1)[1].split("\nZet deze lijst", 1)[0]
    body = letters.get_letter_text(workspace, made.id).body
    start, end = body.index("- "), body.rindex("\n- ")
    end = body.index("\n", end + 1)
    letters.set_body(workspace, made.id, "Schema", body[:start] + now + body[end:])
    assert letters.problems(workspace, made.id) == ""


def test_a_visit_gone_by_since_holds_the_letter_back(workspace, case_id):
    made = letters.create_letter(workspace, case_id, "schedule", parent_role="resident")
    with workspace.session() as session:
        parts = LetterParts(case_id, "schedule", "nl", "resident", body=session.get(Letter, made.id).body)
        assert check_letter(session, parts).ok
        later = check_letter(session, parts, today=TODAY + dt.timedelta(days=8))  # the first visit has passed
    assert not later.ok and "De geplande omgangsmomenten zijn gewijzigd" in later.message()


def test_a_schedule_letter_to_the_other_parent_with_the_hidden_place_is_held_back(workspace, case_id):
    """The place was her confidential address: his letter read "Plaats: (geheim adres)" and went out."""
    with workspace.session() as session:
        case = session.get(Case, case_id)
        resident = next(p for p in case.parents if p.role == "resident")
        resident.address_confidential = True
        case.visit_place = f"{resident.address}, {resident.city}"
    his = letters.create_letter(workspace, case_id, "schedule", parent_role="other")
    assert his.state == "draft" and "(geheim adres)" in his.problems and "tabblad Afspraken" in his.problems
    hers = letters.create_letter(workspace, case_id, "schedule", parent_role="resident")
    assert hers.state == "ready", "her own address is hers to read"


def test_every_visit_called_off_since_holds_the_letter_back(workspace, case_id):
    made = letters.create_letter(workspace, case_id, "schedule", parent_role="resident")
    for visit in _planned(workspace, case_id):
        records.record_visit(workspace, VisitInput(case_id=case_id, visit_id=visit.id, on=visit.on, state="cancelled",
                                                   cancelled_by="resident", cancel_reason="Verhuisd."))
    assert "Er zijn geen omgangsmomenten meer gepland" in letters.problems(workspace, made.id)


def test_closing_the_case_takes_its_waiting_schedule_letters_back_to_draft_saying_why(workspace, case_id):
    """Closed, the case's schedule letters stood "Klaar" in the outbox and were counted in "Send ready (8)", though
    they list visits that closing called off (sending held them back, the screen did not say)."""
    from borapp.services.cases import actions
    from borapp.services.outbox.listing import list_letters

    schedule = letters.create_letter(workspace, case_id, "schedule", parent_role="other")
    with workspace.session() as session:
        session.get(Case, case_id).status = "closing"
    actions.change_status(workspace, case_id, "closed", TODAY, outcome="successful")
    [row] = [r for r in list_letters(workspace) if r.id == schedule.id]
    assert row.state == "draft" and row.error.startswith("Terug naar concept: het dossier is afgesloten")
    assert [r for r in list_letters(workspace, ("ready",)) if r.case_id == case_id] == []


def test_closing_leaves_a_schedule_letter_that_failed_as_it_is(workspace, case_id):
    """A failed letter may have reached the mail server: its own note says so, and closing must not write over it."""
    from borapp.services.cases import actions

    schedule = letters.create_letter(workspace, case_id, "schedule", parent_role="other")
    with workspace.session() as session:
        letter = session.get(Letter, schedule.id)
        letter.state, letter.error = "failed", "Verzenden onderbroken; misschien al verstuurd."
        session.get(Case, case_id).status = "closing"
    actions.change_status(workspace, case_id, "closed", TODAY, outcome="successful")
    with workspace.session() as session:
        letter = session.get(Letter, schedule.id)
        assert (letter.state, letter.error) == ("failed", "Verzenden onderbroken; misschien al verstuurd.")
