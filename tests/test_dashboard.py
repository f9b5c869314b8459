"""The dashboard's rules, each read as of a fixed day so the edges (just under/over a limit) are exact."""

from __future__ import annotations

import datetime as dt

import pytest

from borapp.models import (
    Case,
    Contract,
    ContractSignature,
    Evaluation,
    Letter,
    StatusChange,
    Visit,
    Volunteer,
)
from borapp.i18n import _
from borapp.services import dashboard, drafts
from borapp.services.cases.contract_terms import latest_contract, parse_parties
from borapp.services.dashboard import add_months, today, week_of
from borapp.services.vault.workspace import add_coordinator

ON = dt.date(2025, 3, 12)  # a Wednesday
DAY = dt.timedelta(days=1)


def make_case(workspace, ref: str, status: str = "registered", registered_on: dt.date = ON, **fields) -> int:
    with workspace.session() as session:
        case = Case(ref=ref, registered_on=registered_on, status=status, **fields)
        session.add(case)
        session.flush()
        return case.id


def make_volunteer(workspace, name: str, **fields) -> int:
    with workspace.session() as session:
        volunteer = Volunteer(name=name, **fields)
        session.add(volunteer)
        session.flush()
        return volunteer.id


def add(workspace, *records) -> None:
    with workspace.session() as session:
        session.add_all(records)


def ids(board, key: str, attr: str = "case_id") -> list[int]:
    return [getattr(item, attr) for item in board.section(key).items]


# ---- waiting longer than four weeks -------------------------------------------------------------------------------

def test_waiting_just_over_four_weeks_is_listed_and_just_under_is_not(workspace):
    over = make_case(workspace, "W-1", "registered", ON - dt.timedelta(weeks=4) - DAY)
    exactly = make_case(workspace, "W-2", "waiting", ON - dt.timedelta(weeks=4))
    under = make_case(workspace, "W-3", "intake", ON - dt.timedelta(weeks=4) + DAY)
    board = today(workspace, ON)
    assert ids(board, "waiting") == [over]
    assert exactly not in ids(board, "waiting") and under not in ids(board, "waiting")
    item = board.section("waiting").items[0]
    assert item.status == "registered" and item.title == "W-1" and item.date == ON - dt.timedelta(days=29)
    assert "29" in item.text


@pytest.mark.parametrize("status", ["registered", "waiting", "intake"])
def test_every_status_before_contact_counts_as_waiting(workspace, status):
    case_id = make_case(workspace, "W-1", status, ON - dt.timedelta(weeks=8))
    assert ids(today(workspace, ON), "waiting") == [case_id]


@pytest.mark.parametrize("status", ["contract", "matching", "visits", "closed"])
def test_cases_past_contact_are_not_waiting(workspace, status):
    make_case(workspace, "W-1", status, ON - dt.timedelta(weeks=8))
    assert today(workspace, ON).section("waiting").count == 0


def test_waiting_oldest_first(workspace):
    newer = make_case(workspace, "W-A", "waiting", ON - dt.timedelta(weeks=6))
    older = make_case(workspace, "W-B", "waiting", ON - dt.timedelta(weeks=9))
    assert ids(today(workspace, ON), "waiting") == [older, newer]


# ---- trajectories past six months ---------------------------------------------------------------------------------

def _in_visits_since(workspace, ref: str, started: dt.date, status: str = "visits") -> int:
    case_id = make_case(workspace, ref, status, started - dt.timedelta(weeks=10))
    add(workspace, StatusChange(case_id=case_id, on=started, from_status="matching", to_status="visits"))
    return case_id


def test_trajectory_one_day_past_six_months_is_listed(workspace):
    started = add_months(ON, -6)
    over = _in_visits_since(workspace, "T-1", started - DAY)
    exactly = _in_visits_since(workspace, "T-2", started)
    under = _in_visits_since(workspace, "T-3", started + DAY)
    board = today(workspace, ON)
    assert ids(board, "long_trajectories") == [over]
    assert {exactly, under}.isdisjoint(ids(board, "long_trajectories"))
    assert board.section("long_trajectories").items[0].date == started - DAY


@pytest.mark.parametrize("status,listed", [("visits", True), ("evaluation", True), ("closing", True),
                                           ("closed", False), ("matching", False)])
def test_trajectory_statuses(workspace, status, listed):
    _in_visits_since(workspace, "T-1", add_months(ON, -8), status)
    assert (today(workspace, ON).section("long_trajectories").count == 1) is listed


def test_trajectory_start_is_the_first_step_into_visits(workspace):
    case_id = _in_visits_since(workspace, "T-1", add_months(ON, -7))
    add(workspace, StatusChange(case_id=case_id, on=add_months(ON, -2), from_status="evaluation", to_status="visits"))
    assert ids(today(workspace, ON), "long_trajectories") == [case_id]


def test_trajectory_without_history_falls_back_to_the_first_visit(workspace):
    case_id = make_case(workspace, "T-1", "visits", add_months(ON, -9))
    add(workspace, Visit(case_id=case_id, on=add_months(ON, -7), state="held"))
    assert ids(today(workspace, ON), "long_trajectories") == [case_id]


def test_add_months_clamps_to_month_end():
    assert add_months(dt.date(2024, 8, 31), 6) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2025, 3, 12), -6) == dt.date(2024, 9, 12)
    assert add_months(dt.date(2024, 12, 15), 1) == dt.date(2025, 1, 15)


# ---- midway evaluations -------------------------------------------------------------------------------------------

def _with_visits(workspace, ref: str, held: int, planned: int, cancelled: int = 0, status: str = "visits") -> int:
    case_id = make_case(workspace, ref, status, ON - dt.timedelta(weeks=20))
    visits = [Visit(case_id=case_id, on=ON - dt.timedelta(days=7 * (i + 1)), state="held") for i in range(held)]
    visits += [Visit(case_id=case_id, on=ON + dt.timedelta(days=7 * (i + 1)), state="planned") for i in range(planned)]
    visits += [Visit(case_id=case_id, on=ON - dt.timedelta(days=3), state="cancelled") for _ in range(cancelled)]
    add(workspace, *visits)
    return case_id


def test_evaluation_due_at_half_of_the_visits_held(workspace):
    half = _with_visits(workspace, "E-1", held=3, planned=3)
    under = _with_visits(workspace, "E-2", held=2, planned=4)
    over = _with_visits(workspace, "E-3", held=4, planned=2)
    board = today(workspace, ON)
    assert ids(board, "evaluations_due") == [half, over]
    assert under not in ids(board, "evaluations_due")
    assert "3" in board.section("evaluations_due").items[0].text


def test_evaluation_due_at_half_of_the_agreed_trajectory(workspace):
    """Halfway through the agreed trajectory: 3 of 3 proposed visits held is not yet half of 8 agreed."""
    from borapp.i18n import set_language

    early = _with_visits(workspace, "E-1", held=3, planned=0)
    half = _with_visits(workspace, "E-2", held=4, planned=0)
    unknown = _with_visits(workspace, "E-3", held=3, planned=0)  # nothing agreed: half of those scheduled
    with workspace.session() as session:
        for case_id in (early, half):
            session.get(Case, case_id).agreed_visits = 8
    board = today(workspace, ON)
    assert ids(board, "evaluations_due") == [half, unknown]
    set_language("nl")
    texts = [item.text for item in today(workspace, ON).section("evaluations_due").items]
    assert texts == ["4 van de 8 afgesproken omgangsmomenten gehouden; nog geen tussenevaluatie",
                     "3 van 3 omgangsmomenten gehouden; nog geen tussenevaluatie"]


def test_cancelled_visits_do_not_count_as_planned(workspace):
    case_id = _with_visits(workspace, "E-1", held=2, planned=2, cancelled=3)
    assert ids(today(workspace, ON), "evaluations_due") == [case_id]


def test_no_evaluation_due_once_a_midway_evaluation_exists(workspace):
    case_id = _with_visits(workspace, "E-1", held=3, planned=1)
    add(workspace, Evaluation(case_id=case_id, held_on=ON - DAY, kind="midway"))
    assert today(workspace, ON).section("evaluations_due").count == 0


def test_no_evaluation_due_without_visits_or_outside_visits(workspace):
    make_case(workspace, "E-0", "visits")
    _with_visits(workspace, "E-1", held=3, planned=1, status="closing")
    assert today(workspace, ON).section("evaluations_due").count == 0


# ---- visits this week ---------------------------------------------------------------------------------------------

def test_visits_from_monday_to_sunday_of_the_week(workspace):
    monday, sunday = week_of(ON)
    assert monday == dt.date(2025, 3, 10) and sunday == dt.date(2025, 3, 16)
    volunteer = make_volunteer(workspace, "Vera Voorbeeld")
    case_id = make_case(workspace, "V-1", "visits", volunteer_id=volunteer)
    add(workspace,
        Visit(case_id=case_id, on=monday, state="planned", start_time=dt.time(10, 0)),
        Visit(case_id=case_id, on=sunday, state="planned"),
        Visit(case_id=case_id, on=monday - DAY, state="planned"),
        Visit(case_id=case_id, on=sunday + DAY, state="planned"),
        Visit(case_id=case_id, on=ON, state="cancelled"),
        Visit(case_id=case_id, on=ON, state="held"))
    items = today(workspace, ON).section("visits_this_week").items
    assert [i.date for i in items] == [monday, sunday]
    assert items[0].case_id == case_id and items[0].status == "visits"
    assert "10:00" in items[0].text and "Vera Voorbeeld" in items[0].text


def test_a_visit_with_a_volunteer_who_has_left_says_so(workspace):
    """She left; Today still listed "met Mila Schilt" for her visits, and her cases waited for nobody."""
    monday, sunday = week_of(ON)
    left = make_volunteer(workspace, "Mila Schilt", left_on=monday, active=False)
    resting = make_volunteer(workspace, "Rob Rust", active=False)
    first = make_case(workspace, "V-2", "visits", volunteer_id=left)
    second = make_case(workspace, "V-3", "visits", volunteer_id=resting)
    add(workspace, Visit(case_id=first, on=sunday, state="planned"), Visit(case_id=second, on=sunday, state="planned"))
    texts = {i.case_id: i.text for i in today(workspace, ON).section("visits_this_week").items}
    assert texts[first] == "met Mila Schilt, gestopt op 10 maart 2025"
    assert texts[second] == "met Rob Rust, niet actief"


# ---- contracts ----------------------------------------------------------------------------------------------------

def _contract(workspace, case_id: int, version: int, roles: tuple[str, ...]) -> None:
    add(workspace, Contract(case_id=case_id, version=version, signatures=[
        ContractSignature(role=r, name="x", signed_on=ON) for r in roles]))


def test_contract_missing_a_parent_signature(workspace):
    case_id = make_case(workspace, "C-1", "contract")
    _contract(workspace, case_id, 1, ("resident", "coordinator"))
    items = today(workspace, ON).section("contracts_unsigned").items
    assert [i.case_id for i in items] == [case_id]
    assert "1" in items[0].text


def test_volunteer_signature_needed_only_once_matched(workspace):
    unmatched = make_case(workspace, "C-1", "contract")
    _contract(workspace, unmatched, 1, ("resident", "other", "coordinator"))
    matched = make_case(workspace, "C-2", "matching", volunteer_id=make_volunteer(workspace, "Vera Voorbeeld"))
    _contract(workspace, matched, 1, ("resident", "other", "coordinator"))
    complete = make_case(workspace, "C-3", "visits", volunteer_id=make_volunteer(workspace, "Wim Voorbeeld"))
    _contract(workspace, complete, 1, ("resident", "other", "coordinator", "volunteer"))
    assert ids(today(workspace, ON), "contracts_unsigned") == [matched]


def test_only_the_latest_contract_version_counts(workspace):
    signed_later = make_case(workspace, "C-1", "contract")
    _contract(workspace, signed_later, 1, ("resident",))
    _contract(workspace, signed_later, 2, ("resident", "other", "coordinator"))
    new_version = make_case(workspace, "C-2", "contract")
    _contract(workspace, new_version, 1, ("resident", "other", "coordinator"))
    _contract(workspace, new_version, 2, ("coordinator",))
    assert ids(today(workspace, ON), "contracts_unsigned") == [new_version]


def test_of_two_versions_with_one_number_the_later_counts_as_in_the_case_file(workspace):
    """Two laptops may each draw up the next version offline; after the sync the case file shows the later one
    (contract_terms.latest_contract: the higher id), and Today chases the signatures of that one too."""
    later_unsigned = make_case(workspace, "C-1", "contract")
    _contract(workspace, later_unsigned, 2, ("resident", "other", "coordinator"))
    _contract(workspace, later_unsigned, 2, ("coordinator",))
    later_signed = make_case(workspace, "C-2", "contract")
    _contract(workspace, later_signed, 2, ("coordinator",))
    _contract(workspace, later_signed, 2, ("resident", "other", "coordinator"))
    assert ids(today(workspace, ON), "contracts_unsigned") == [later_unsigned]
    with workspace.session() as session:
        shown = latest_contract(session, later_unsigned)
        assert {s.role for s in shown.signatures} == {"coordinator"}


def test_closed_cases_have_no_contract_to_chase(workspace):
    case_id = make_case(workspace, "C-1", "closed")
    _contract(workspace, case_id, 1, ())
    assert today(workspace, ON).section("contracts_unsigned").count == 0


# ---- outbox -------------------------------------------------------------------------------------------------------

def test_draft_and_ready_letters_are_waiting(workspace):
    case_id = make_case(workspace, "L-1", "intake")
    add(workspace, *(Letter(case_id=case_id, kind="intake", state=s) for s in
                     ("draft", "ready", "exported", "sent", "failed")))
    items = today(workspace, ON).section("outbox").items
    assert len(items) == 2 and {i.case_id for i in items} == {case_id}


# ---- VOG ----------------------------------------------------------------------------------------------------------

def test_vog_older_than_renewal_period_or_missing(workspace):
    three_years = ON.replace(year=ON.year - 3)
    over = make_volunteer(workspace, "A Over", vog_date=three_years - DAY)
    exactly = make_volunteer(workspace, "B Exactly", vog_date=three_years)
    under = make_volunteer(workspace, "C Under", vog_date=three_years + DAY)
    missing = make_volunteer(workspace, "D Missing", vog_date=None)
    make_volunteer(workspace, "E Gone", vog_date=None, active=False)
    board = today(workspace, ON, limit=10)
    assert ids(board, "vog", "volunteer_id") == [missing, over, exactly, under]
    texts = [i.text for i in board.section("vog").items]
    assert "ouder dan 3 jaar" in texts[1] and "ouder dan" not in texts[2] + texts[3], "due soon is not overdue"
    assert texts[2] == "VOG van 12 maart 2022: vernieuwen uiterlijk 12 maart 2025", texts[2]
    assert all(i.case_id is None and i.status == "" for i in board.section("vog").items)


def test_a_vog_due_soon_is_listed_two_months_ahead(workspace):
    """Only overdue ones were listed: a VOG takes weeks to come, and "due for renewal" said nothing ahead."""
    from borapp.services.volunteers.profiles import VOG_SOON_DAYS

    three_years = ON.replace(year=ON.year - 3)
    soon = make_volunteer(workspace, "A Soon", vog_date=three_years + dt.timedelta(days=VOG_SOON_DAYS))
    make_volunteer(workspace, "B Later", vog_date=three_years + dt.timedelta(days=VOG_SOON_DAYS + 1))
    assert ids(today(workspace, ON), "vog", "volunteer_id") == [soon]


def test_vog_renewal_period_is_a_setting(workspace):
    from borapp.services.settings import write_settings

    write_settings(workspace, {"vog_renewal_years": "2"})
    volunteer = make_volunteer(workspace, "A Two", vog_date=ON.replace(year=ON.year - 2) - DAY)
    assert ids(today(workspace, ON), "vog", "volunteer_id") == [volunteer]


# ---- mine only, backup, drafts ------------------------------------------------------------------------------------

def test_mine_only_keeps_my_cases(workspace):
    other = add_coordinator(workspace.vault, "Andere Coördinator")
    mine = make_case(workspace, "M-1", "waiting", ON - dt.timedelta(weeks=6), coordinator_id=workspace.coordinator_id)
    theirs = make_case(workspace, "M-2", "waiting", ON - dt.timedelta(weeks=6), coordinator_id=other.id)
    make_volunteer(workspace, "A Missing")
    assert ids(today(workspace, ON), "waiting") == [mine, theirs]
    board = today(workspace, ON, mine_only=True)
    assert ids(board, "waiting") == [mine]
    assert board.section("vog").count == 1  # volunteers are everybody's


def test_backup_warning_when_no_folder_is_set(workspace):
    assert today(workspace, ON).backup_warning


def test_drafts_are_listed_with_what_they_belong_to(workspace):
    volunteer = make_volunteer(workspace, "Vera Voorbeeld")
    case_id = make_case(workspace, "D-1")
    drafts.save_draft(workspace, f"ui/volunteer/{volunteer}", {"name": "x"})
    drafts.save_draft(workspace, "ui/volunteer/new", {"name": "y"})
    drafts.save_draft(workspace, f"ui/case/{case_id}/family", {})
    drafts.save_draft(workspace, "elsewhere/1", {})
    items = today(workspace, ON).section("drafts").items
    assert len(items) == 3
    assert {i.title for i in items} >= {"Vera Voorbeeld", "D-1"}
    assert {i.volunteer_id for i in items} == {volunteer, 0, None}


def test_every_section_is_there_and_empty_on_an_empty_vault(workspace):
    board = today(workspace, ON)
    assert [s.key for s in board.sections] == list(dashboard.SECTION_TITLES)
    assert all(s.count == 0 and s.title for s in board.sections)


def test_signed_by_everyone_means_every_party_the_version_names(workspace):
    import json

    volunteer = make_volunteer(workspace, "Vera Voorbeeld")
    named = make_case(workspace, "C-1", "visits", volunteer_id=volunteer)
    parties = {"resident": "Ria", "other": "Olaf", "coordinator": "Cora", "volunteer": "Vera Voorbeeld"}
    with workspace.session() as session:
        session.add(Contract(case_id=named, version=1, agreements=json.dumps({"parties": parties}), signatures=[
            ContractSignature(role=r, name="x", signed_on=ON) for r in ("resident", "other", "coordinator")]))
    assert ids(today(workspace, ON), "contracts_unsigned") == [named], "the volunteer the version names has not signed"


# ---- edges of the counts in SQL ----------------------------------------------------------------------------------

@pytest.mark.parametrize("snapshot", ["{not json", "", "[1, 2]", '{"parties": "Ria"}', '{"parties": {"volunteer": ""}}',
                                      '{"parties": {"resident": 0, "other": false, "volunteer": []}}'])
@pytest.mark.parametrize("has_volunteer", [True, False])
def test_a_damaged_or_empty_snapshot_names_nobody(workspace, snapshot, has_volunteer):
    """Naming nobody, a version needs the volunteer once the case has one (contract_terms.parse_terms)."""
    volunteer = make_volunteer(workspace, "Vera Voorbeeld") if has_volunteer else None
    case_id = make_case(workspace, "C-1", "visits", volunteer_id=volunteer)
    with workspace.session() as session:
        session.add(Contract(case_id=case_id, version=1, agreements=snapshot, signatures=[
            ContractSignature(role=r, name="x", signed_on=ON) for r in ("resident", "other", "coordinator")]))
    items = today(workspace, ON, limit=5).section("contracts_unsigned").items
    assert [i.case_id for i in items] == ([case_id] if has_volunteer else [])
    assert all(i.text.endswith(_("volunteer")) for i in items)


@pytest.mark.parametrize("volunteer_value,named", [("Vera", True), ("[]", True), ("0", True), (1, True), (True, True),
                                                   ({"a": 1}, True), (0, False), (False, False), (None, False),
                                                   ([], False), ({}, False), ("", False)])
def test_a_snapshot_names_the_volunteer_as_python_reads_it(workspace, volunteer_value, named):
    """A version naming someone (the resident) needs the volunteer's signature only when it names one too, `named`
    as Python's truth of the value (parse_terms: str(value or ""))."""
    import json

    case_id = make_case(workspace, "C-1", "visits", volunteer_id=make_volunteer(workspace, "Vera Voorbeeld"))
    snapshot = json.dumps({"parties": {"resident": "Ria", "volunteer": volunteer_value}})
    assert bool(parse_parties(snapshot)["volunteer"]) is named
    _contract_with(workspace, case_id, snapshot, ("resident", "other", "coordinator"))
    assert (today(workspace, ON, limit=1).section("contracts_unsigned").count == 1) is named


def _contract_with(workspace, case_id: int, snapshot: str, roles: tuple[str, ...]) -> None:
    with workspace.session() as session:
        session.add(Contract(case_id=case_id, version=1, agreements=snapshot, signatures=[
            ContractSignature(role=r, name="x", signed_on=ON) for r in roles]))


@pytest.mark.parametrize("on,listed", [(dt.date(2027, 2, 28), False), (dt.date(2027, 3, 1), True)])
def test_a_vog_of_29_february_renews_on_28_february(workspace, on, listed):
    make_volunteer(workspace, "A Leap", vog_date=dt.date(2024, 2, 29))
    [item] = today(workspace, on, limit=3).section("vog").items  # due soon before, overdue after
    assert ("ouder dan" in item.text) is listed


def test_on_29_february_a_vog_of_28_february_three_years_ago_is_overdue(workspace):
    overdue = make_volunteer(workspace, "A Overdue", vog_date=dt.date(2025, 2, 28))
    make_volunteer(workspace, "B Fine", vog_date=dt.date(2025, 3, 1))
    [item, due_soon] = today(workspace, dt.date(2028, 2, 29), limit=3).section("vog").items
    assert item.volunteer_id == overdue and "ouder dan" in item.text and "ouder dan" not in due_soon.text


@pytest.mark.parametrize("started,on,listed", [
    (dt.date(2024, 8, 31), dt.date(2025, 2, 28), False),  # 31 August + 6 months = 28 February: not later yet
    (dt.date(2024, 8, 31), dt.date(2025, 3, 1), True),
    (dt.date(2024, 8, 29), dt.date(2025, 2, 28), False),  # 29 and 30 August end on 28 February as well
    (dt.date(2024, 8, 28), dt.date(2025, 2, 28), False),
    (dt.date(2024, 8, 27), dt.date(2025, 2, 28), True),
    (dt.date(2023, 8, 31), dt.date(2024, 2, 29), False),  # a leap year: 29 February
    (dt.date(2023, 8, 31), dt.date(2024, 3, 1), True),
    (dt.date(2025, 2, 28), dt.date(2025, 8, 28), False),  # 28 February + 6 months = 28 August, so on 31 August
    (dt.date(2025, 2, 28), dt.date(2025, 8, 31), True),   # it is past, though 31 August - 6 months is 28 February
    (dt.date(2025, 3, 1), dt.date(2025, 8, 31), False),
])
def test_six_months_after_the_end_of_a_month(workspace, started, on, listed):
    _in_visits_since(workspace, "T-1", started)
    assert (today(workspace, on, limit=3).section("long_trajectories").count == 1) is listed


def test_the_cutoff_day_splits_the_days_exactly_as_the_rules_do():
    """`start < cutoff` wherever `on > add_months(start, 6)`, and `vog < cutoff` wherever vog_state says overdue,
    for every day of three years (leap days and month ends included)."""
    from borapp.services.dashboard.dates import cutoff
    from borapp.services.volunteers.profiles import vog_renew_on, vog_state

    for on in (dt.date(2023, 1, 1) + n * DAY for n in range(3 * 366)):
        six = cutoff(on, lambda d: add_months(d, 6), add_months(on, -6))
        vog = cutoff(on, lambda d: vog_renew_on(d, 3), vog_renew_on(on, -3))
        for day in (six - 3 * DAY + n * DAY for n in range(6)):
            assert (on > add_months(day, 6)) is (day < six), (on, day)
        for day in (vog - 3 * DAY + n * DAY for n in range(6)):
            assert (vog_state(day, 3, on) == "overdue") is (day < vog), (on, day)
    assert cutoff(ON, lambda d: d + 10 * DAY, guess=ON) == ON - 10 * DAY  # a guess too late steps back
    assert cutoff(ON, lambda d: d + 10 * DAY, guess=ON - 30 * DAY) == ON - 10 * DAY
