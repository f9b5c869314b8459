"""Today's letters owed to the referrer: a moment that matters passed in the last eight weeks, and no letter of its
kind was made (in any state)."""

from __future__ import annotations

import datetime as dt

import pytest

from borapp.models import Evaluation, Letter, StatusChange
from borapp.services.dashboard import today
from borapp.services.dashboard.letters_owed import OWED_WEEKS
from borapp.services.vault.workspace import add_coordinator
from tests.test_dashboard import ON, add, ids, make_case

DAY = dt.timedelta(days=1)
WINDOW = dt.timedelta(weeks=OWED_WEEKS)


def step(case_id: int, to: str, on: dt.date) -> StatusChange:
    return StatusChange(case_id=case_id, on=on, from_status="", to_status=to)


def owed(workspace, **options) -> dict[int, str]:
    """case id → the item's text, which names the letters owed."""
    return {item.case_id: item.text for item in today(workspace, ON, **options).section("letters_owed").items}


def test_a_case_closed_without_a_closing_report_owes_one_until_a_letter_is_made(workspace):
    case_id = make_case(workspace, "C-1", "closed", ON - 100 * DAY, closed_on=ON - 3 * DAY, outcome="successful")
    board = today(workspace, ON)
    item = board.section("letters_owed").items[0]
    assert (item.case_id, item.title, item.status, item.date, item.letter_kind) == \
        (case_id, "C-1", "closed", ON - 3 * DAY, "closing")
    assert item.text == "Nog geen brief: Eindverslag"
    add(workspace, Letter(case_id=case_id, kind="closing", state="draft"))  # a draft is enough: it is being made
    assert owed(workspace) == {}


def test_parents_did_not_respond_settles_the_closing_report_and_other_kinds_do_not(workspace):
    answered = make_case(workspace, "C-1", "closed", ON - 100 * DAY, closed_on=ON - DAY, outcome="stopped_at_intake")
    other_kind = make_case(workspace, "C-2", "closed", ON - 100 * DAY, closed_on=ON - DAY, outcome="successful")
    add(workspace, Letter(case_id=answered, kind="no_response", state="sent"),
        Letter(case_id=other_kind, kind="evaluation", state="sent"))
    assert list(owed(workspace)) == [other_kind]


def test_the_window_is_eight_weeks_back_to_today(workspace):
    inside = make_case(workspace, "C-1", "closed", ON - 200 * DAY, closed_on=ON - WINDOW)
    make_case(workspace, "C-2", "closed", ON - 200 * DAY, closed_on=ON - WINDOW - DAY)  # long closed: not owed now
    make_case(workspace, "C-3", "closed", ON - 200 * DAY, closed_on=ON + DAY)  # a day read before the closing
    assert list(owed(workspace)) == [inside]


def test_an_open_case_owes_each_moment_it_passed_in_one_item_first_moment_first(workspace):
    case_id = make_case(workspace, "V-1", "evaluation", ON - 60 * DAY)
    add(workspace, step(case_id, "intake", ON - 40 * DAY), step(case_id, "visits", ON - 20 * DAY),
        step(case_id, "evaluation", ON - 2 * DAY), Evaluation(case_id=case_id, held_on=ON - 2 * DAY, kind="midway"))
    section = today(workspace, ON).section("letters_owed")
    assert section.total == 1
    item = section.items[0]
    assert item.text == "Nog geen brief: Aanmelding ontvangen / intake, Begeleide omgang gestart, Tussenevaluatie"
    assert (item.letter_kind, item.date) == ("intake", ON - 40 * DAY)
    add(workspace, Letter(case_id=case_id, kind="intake", state="sent"), Letter(case_id=case_id, kind="start",
                                                                                state="exported"))
    item = today(workspace, ON).section("letters_owed").items[0]
    assert (item.text, item.letter_kind, item.date) == ("Nog geen brief: Tussenevaluatie", "evaluation", ON - 2 * DAY)


def test_the_visits_start_from_the_first_visit_when_no_step_says_so(workspace):
    from borapp.models import Visit

    case_id = make_case(workspace, "V-1", "visits", ON - 60 * DAY)
    add(workspace, Letter(case_id=case_id, kind="intake", state="sent"),
        Visit(case_id=case_id, on=ON - 5 * DAY, state="held"), Visit(case_id=case_id, on=ON + 9 * DAY))
    assert owed(workspace) == {case_id: "Nog geen brief: Begeleide omgang gestart"}


@pytest.mark.parametrize("status", ["registered", "waiting"])
def test_a_case_before_its_intake_owes_nothing_yet(workspace, status):
    case_id = make_case(workspace, "R-1", status, ON - 10 * DAY)
    add(workspace, step(case_id, "intake", ON - 5 * DAY))  # it went back to the waiting list
    assert owed(workspace) == {}


def test_a_closed_case_owes_only_the_closing_report(workspace):
    case_id = make_case(workspace, "C-1", "closed", ON - 60 * DAY, closed_on=ON - DAY)
    add(workspace, step(case_id, "intake", ON - 40 * DAY), step(case_id, "visits", ON - 20 * DAY),
        Evaluation(case_id=case_id, held_on=ON - 10 * DAY, kind="midway"))
    assert owed(workspace) == {case_id: "Nog geen brief: Eindverslag"}


def test_longest_owed_first_and_the_total_counts_every_case(workspace):
    later = make_case(workspace, "A-1", "closed", ON - 90 * DAY, closed_on=ON - DAY)
    earlier = make_case(workspace, "B-1", "closed", ON - 90 * DAY, closed_on=ON - 9 * DAY)
    board = today(workspace, ON, limit=1)
    assert ids(board, "letters_owed") == [earlier] and board.section("letters_owed").total == 2
    assert later in ids(today(workspace, ON), "letters_owed")


def test_only_my_cases(workspace):
    colleague = add_coordinator(workspace.vault, "Collega Coördinator").id
    mine = make_case(workspace, "M-1", "closed", ON - 90 * DAY, closed_on=ON - DAY,
                     coordinator_id=workspace.coordinator_id)
    make_case(workspace, "T-1", "closed", ON - 90 * DAY, closed_on=ON - DAY, coordinator_id=colleague)
    opened = make_case(workspace, "T-2", "visits", ON - 90 * DAY, coordinator_id=colleague)
    add(workspace, step(opened, "visits", ON - DAY))
    assert list(owed(workspace, mine_only=True)) == [mine]
    assert len(owed(workspace)) == 3
