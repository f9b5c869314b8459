"""Recording a coordinator's hours and a volunteer's expenses: typed as people type them, refused when absurd."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from borapp.i18n import set_language
from borapp.models import AuditEvent, CaseHours, VisitExpense
from borapp.services import settings
from borapp.services.costs import amounts, expenses, hours, rates
from borapp.services.costs.expenses import ExpenseInput
from borapp.services.costs.hours import HoursInput
from borapp.services.errors import NotFound, ValidationError
from borapp.services.visits import records
from borapp.services.visits.records import VisitInput
from tests.costs.support import make_case

D = dt.date(2025, 3, 4)


@pytest.mark.parametrize("typed, minutes", [("1,5", 90), ("1.5", 90), ("1:30", 90), ("1u30", 90), ("45m", 45),
                                            ("45 min", 45), ("2 uur", 120), ("0,25", 15), ("3", 180)])
def test_hours_are_read_as_typed(typed, minutes):
    assert amounts.parse_minutes(typed) == minutes


@pytest.mark.parametrize("typed, words", [("", "Vul de bestede tijd in"), ("-1", "negatief"), ("0", "meer dan 0"),
                                          ("13", "Hoogstens 12 uur"), ("1:75", "niet lezen"),
                                          ("anderhalf", "niet lezen"), ("1.30", "1:30"), ("1,45", "1:45")])
def test_absurd_hours_are_refused_in_dutch(typed, words):
    """"1.30" was saved as 1.3 hours (1:18) where many a coordinator means an hour and a half: it is asked again."""
    with pytest.raises(ValidationError) as caught:
        amounts.parse_minutes(typed, "hours")
    assert words in str(caught.value) and caught.value.field == "hours"


@pytest.mark.parametrize("typed, cents", [("", 0), ("12,50", 1250), ("12.50", 1250), ("€ 12,50", 1250),
                                          ("12,5", 1250), ("3", 300), ("0,05", 5), ("€ 12,50 ", 1250),
                                          ("EUR 234,50", 23450), ("€ 4,-", 400), ("4,-", 400), ("4,--", 400),
                                          ("€4,\u2013", 400), ("1.-", 100)])
def test_money_is_read_as_typed(typed, cents):
    """"€ 4,-" and "4,-" are four euros, as a price tag writes them (they were refused)."""
    assert amounts.parse_cents(typed) == cents


@pytest.mark.parametrize("language, example", [("nl", "bijv. 12,50."), ("en", "e.g. 12.50.")])
def test_the_money_messages_give_one_example_per_language(language, example):
    """In English one message said "with a comma, e.g. 12,50", the other "e.g. 12.50"."""
    set_language(language)
    said = []
    for typed in ("12 50", "twaalf"):
        with pytest.raises(ValidationError) as caught:
            amounts.parse_cents(typed, maximum=500_000)
        said.append(str(caught.value))
    assert all(text.endswith(example) for text in said), said


@pytest.mark.parametrize("typed", ["-5", "12,505", "twaalf", "600", "12 50", "4,-5", ",-"])
def test_bad_money_is_refused(typed):
    """"12 50" was read as 1250 euros (the on-call allowance goes up to 5,000)."""
    with pytest.raises(ValidationError) as caught:
        amounts.parse_cents(typed, "other_cents", maximum=500_000 if typed == "12 50" else amounts.MAX_OTHER_CENTS)
    assert caught.value.field == "other_cents"


def test_kilometres_whole_and_limited():
    assert amounts.parse_kilometres("24 km") == 24
    for typed in ("-3", "1001", "12,5", "veel"):
        with pytest.raises(ValidationError):
            amounts.parse_kilometres(typed)


def test_money_in_the_users_language():
    assert amounts.money(123450) == "€\xa01.234,50"
    set_language("en")
    assert amounts.money(123450) == "€1,234.50"
    assert amounts.cents_text(1250) == "12.50"


def test_hours_recorded_listed_changed_and_deleted(workspace):
    case_id = make_case(workspace, "BOR-2025-001", dt.date(2025, 3, 1))
    me = workspace.coordinator_id
    first = hours.record_hours(workspace, HoursInput(case_id, D, "intake", "1,5", me, "Met beide ouders"))
    hours.record_hours(workspace, HoursInput(case_id, D + dt.timedelta(days=7), "travel", "0:45", me))
    listed = hours.list_hours(workspace, case_id)
    assert [(h.kind, h.minutes, h.hours_text) for h in listed] == [("travel", 45, "0:45"), ("intake", 90, "1:30")]
    assert listed[1].coordinator_name == "Test Coördinator" and listed[1].kind_label == "Intake"
    summary = hours.hours_summary(workspace, case_id)
    assert summary.total_minutes == 135 and summary.text() == "Totaal 2:15 (intake 1:30 · reistijd 0:45)"
    hours.record_hours(workspace, HoursInput(case_id, D, "talk", "2", me, "", hours_id=first))
    assert hours.get_hours(workspace, first).minutes == 120 and hours.get_hours(workspace, first).kind == "talk"
    hours.delete_hours(workspace, first)
    with pytest.raises(NotFound):
        hours.get_hours(workspace, first)
    with workspace.session() as session:
        logged = session.execute(select(AuditEvent.action, AuditEvent.case_id)
                                 .where(AuditEvent.record_type == "case_hours")).all()
    assert [a for a, _c in logged] == ["create", "create", "update", "delete"]
    assert {c for _a, c in logged} == {case_id}


@pytest.mark.parametrize("change, field", [
    (dict(on=None), "on"), (dict(on=dt.date(2025, 2, 1)), "on"), (dict(on=dt.date.today() + dt.timedelta(days=1)), "on"),
    (dict(kind="gossip"), "kind"), (dict(hours="25"), "hours"), (dict(hours="-2"), "hours"),
    (dict(coordinator_id=999), "coordinator_id"), (dict(note="x" * 301), "note"),
])
def test_bad_hours_name_their_field_and_save_nothing(workspace, change, field):
    case_id = make_case(workspace, "BOR-2025-002", dt.date(2025, 3, 1))
    values = dict(case_id=case_id, on=D, kind="intake", hours="1", coordinator_id=workspace.coordinator_id)
    with pytest.raises(ValidationError) as caught:
        hours.record_hours(workspace, HoursInput(**(values | change)))
    assert caught.value.field == field and str(caught.value)
    with workspace.session() as session:
        assert session.scalar(select(CaseHours)) is None


def _held_visit(workspace, case_id: int, on: dt.date, volunteer_id: int | None = -1) -> int:
    with workspace.session() as session:
        from borapp.models import Case

        vid = session.get(Case, case_id).volunteer_id if volunteer_id == -1 else volunteer_id
    return records.record_visit(workspace, VisitInput(case_id=case_id, on=on, state="held",
                                                      start_time=dt.time(10), end_time=dt.time(12),
                                                      volunteer_id=vid))


def test_expenses_at_the_rate_of_their_day(workspace):
    case_id = make_case(workspace, "BOR-2025-003", dt.date(2025, 3, 1))
    visit = _held_visit(workspace, case_id, D)
    later = _held_visit(workspace, case_id, D + dt.timedelta(days=14))
    assert expenses.expense_for_visit(workspace, visit).rate_cents == 23  # the default rate
    settings.write_settings(workspace, {"costs.kilometre_rate_cents": "25"})
    saved = expenses.save_expense(workspace, visit, ExpenseInput("20", "3,50", "Parkeren"))
    assert (saved.kilometre_cents, saved.other_cents, saved.total_cents) == (500, 350, 850)
    settings.write_settings(workspace, {"costs.kilometre_rate_cents": "30"})
    again = expenses.save_expense(workspace, visit, ExpenseInput("22", "3,50", "Parkeren"))
    assert again.rate_cents == 25 and again.total_cents == 22 * 25 + 350  # the claim keeps its rate
    assert expenses.save_expense(workspace, later, ExpenseInput("10")).rate_cents == 30
    expenses.save_expense(workspace, later, ExpenseInput("", "", ""))  # emptied: the claim goes
    with workspace.session() as session:
        assert session.scalars(select(VisitExpense.visit_id)).all() == [visit]


def test_expenses_need_a_visit_that_happened_and_a_volunteer(workspace):
    case_id = make_case(workspace, "BOR-2025-004", dt.date(2025, 3, 1))
    planned = records.plan_series(workspace, case_id, dt.date.today() + dt.timedelta(days=3), 1, 14,
                                  dt.time(10), dt.time(12))[0]
    with pytest.raises(ValidationError, match="gehouden of afgezegd"):
        expenses.save_expense(workspace, planned, ExpenseInput("12"))
    nobody = _held_visit(workspace, case_id, D, volunteer_id=None)
    with pytest.raises(ValidationError) as caught:
        expenses.save_expense(workspace, nobody, ExpenseInput("", "2,00"))
    assert caught.value.field == "volunteer_id"
    with pytest.raises(ValidationError) as caught:
        expenses.save_expense(workspace, nobody, ExpenseInput("-4"))
    assert caught.value.field == "kilometres" and "negatief" in str(caught.value)
    with pytest.raises(NotFound):
        expenses.save_expense(workspace, 9999, ExpenseInput("4"))


def test_rates_typed_as_money_within_their_limits(workspace):
    saved = rates.save_rates(workspace, "62,50", "0,23", "150")
    assert saved == rates.Rates(6250, 23, 15000)
    with pytest.raises(ValidationError) as caught:
        rates.save_rates(workspace, "62,50", "1,50", "150")
    assert caught.value.field == "kilometre_rate" and "1,00" in str(caught.value)
    with pytest.raises(ValidationError) as caught:
        rates.save_rates(workspace, "-1", "0,23", "150")
    assert caught.value.field == "hourly_cost"
    with pytest.raises(ValidationError) as caught:  # it said "Hoogstens € 10.000.000,00", a thousand times the limit
        rates.save_rates(workspace, "62,50", "0,23", "99999999999999999999")
    assert caught.value.field == "on_call_allowance" and "5.000,00" in str(caught.value), str(caught.value)
    assert rates.read_rates(workspace) == saved  # nothing of a refused form is stored


@pytest.mark.parametrize("language, typed, cents", [
    ("en", "1,234.50", 123450), ("en", "0.25", 25), ("en", "12,50", 1250), ("en", "1,000", 100000),
    ("nl", "1.234,50", 123450), ("nl", "1.000", 100000), ("nl", "12.50", 1250)])
def test_thousands_are_read_as_the_ui_language_groups_them(language, typed, cents):
    """In English "1,234.50" was refused and "0.250" was read with the Dutch thousands dot (250 euros)."""
    set_language(language)
    assert amounts.parse_cents(typed, maximum=500_000) == cents


@pytest.mark.parametrize("language, typed", [("en", "0.250"), ("en", "1.234"), ("nl", "0.250"), ("nl", "1,234"),
                                             ("nl", "1,234.50")])
def test_three_decimals_that_read_two_ways_are_refused(language, typed):
    set_language(language)
    with pytest.raises(ValidationError) as caught:
        amounts.parse_cents(typed, "other_cents", maximum=500_000)
    assert caught.value.field == "other_cents"


def test_a_whole_but_too_long_distance_is_told_its_limit():
    """"999999" was "cannot read… type whole kilometres", though it is whole."""
    with pytest.raises(ValidationError) as caught:
        amounts.parse_kilometres("999999")
    assert "Hoogstens 1000 kilometer" in str(caught.value)
