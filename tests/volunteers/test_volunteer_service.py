"""Volunteers through the service: the list with case load and VOG, the profile, saving with validation."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from borapp.models import AuditEvent, Case, Meeting, MeetingAttendance, Municipality, Volunteer
from borapp.services.errors import NotFound, ValidationError
from borapp.services.volunteers import profiles as vs
from borapp.services.volunteers.profiles import TrainingItem, VolunteerInput

TODAY = dt.date.today()


def add(workspace, *records) -> list[int]:
    with workspace.session() as session:
        session.add_all(records)
        session.flush()
        return [r.id for r in records]


def volunteer(workspace, name: str, **fields) -> int:
    return add(workspace, Volunteer(name=name, **fields))[0]


def case(workspace, ref: str, volunteer_id: int | None, status: str = "visits") -> int:
    return add(workspace, Case(ref=ref, registered_on=TODAY, status=status, volunteer_id=volunteer_id))[0]


# ---- codes and VOG ------------------------------------------------------------------------------------------------

def test_availability_codes_round_trip():
    slots = vs.parse_availability("sat-afternoon;mon-morning;bad;sun-night")
    assert slots == {("mon", "morning"), ("sat", "afternoon")}
    assert vs.format_availability(slots) == "mon-morning;sat-afternoon"


def test_languages_are_codes_in_order_without_repeats():
    assert vs.parse_languages("nl; EN,nl;;ar") == ("nl", "en", "ar")


@pytest.mark.parametrize("vog,state", [
    (None, "missing"),
    (dt.date(2022, 3, 11), "overdue"),
    (dt.date(2022, 3, 12), "soon"),
    (dt.date(2022, 5, 11), "soon"),
    (dt.date(2022, 5, 12), "ok"),
])
def test_vog_state_relative_to_renewal(vog, state):
    assert vs.vog_state(vog, 3, dt.date(2025, 3, 12)) == state


def test_vog_renewal_of_a_leap_day():
    assert vs.vog_renew_on(dt.date(2024, 2, 29), 3) == dt.date(2027, 2, 28)


# ---- the list -----------------------------------------------------------------------------------------------------

def test_list_shows_case_load_against_maximum(workspace):
    busy = volunteer(workspace, "Anna Proef", max_cases=2, vog_date=TODAY, languages="nl;en", region="Kop")
    idle = volunteer(workspace, "Bert Proef", max_cases=3)
    case(workspace, "Z-1", busy)
    case(workspace, "Z-2", busy, status="evaluation")
    case(workspace, "Z-3", busy, status="closed")
    rows = {r.id: r for r in vs.list_volunteers(workspace)}
    assert (rows[busy].case_load, rows[busy].max_cases) == (2, 2)
    assert (rows[idle].case_load, rows[idle].max_cases) == (0, 3)
    assert rows[busy].languages == ("nl", "en") and rows[busy].region == "Kop"
    assert not rows[busy].vog_due and rows[idle].vog_due and rows[idle].vog_state == "missing"


def test_list_filters_by_text_active_and_region(workspace):
    a = volunteer(workspace, "Anna Proef", region="Kop", email="anna@example.nl")
    b = volunteer(workspace, "Bert Test", region="West-Friesland", active=False)
    c = volunteer(workspace, "Carla Proef", region="West-Friesland")
    assert [r.id for r in vs.list_volunteers(workspace)] == [a, b, c]
    assert [r.id for r in vs.list_volunteers(workspace, text="proef")] == [a, c]
    assert [r.id for r in vs.list_volunteers(workspace, text="anna@")] == [a]
    assert [r.id for r in vs.list_volunteers(workspace, text="carla west")] == [c]
    assert [r.id for r in vs.list_volunteers(workspace, active_only=True)] == [a, c]
    assert [r.id for r in vs.list_volunteers(workspace, region="West-Friesland")] == [b, c]
    assert vs.list_volunteers(workspace, text="100%") == []


def test_regions_from_volunteers_and_municipalities(workspace):
    volunteer(workspace, "Anna Proef", region="Kop")
    add(workspace, Municipality(name="Alkmaar", region="Kennemerland/Alkmaar"))
    assert vs.list_regions(workspace) == ["Kennemerland/Alkmaar", "Kop"]
    volunteer(workspace, "Bea Proef", region="Éemland")  # an accented capital sorts with its letter, not after Z
    volunteer(workspace, "Cor Proef", region="Zaanstreek")
    assert vs.list_regions(workspace) == ["Éemland", "Kennemerland/Alkmaar", "Kop", "Zaanstreek"]


# ---- the profile --------------------------------------------------------------------------------------------------

def test_profile_with_cases_trainings_and_meetings(workspace):
    vid = vs.save_volunteer(workspace, VolunteerInput(
        name="Anna Proef", email="anna@example.nl", phone="06-12345678", region="Kop", gender="f",
        languages=("nl", "de"), availability=frozenset({("tue", "evening"), ("sat", "morning")}),
        vog_date=TODAY - dt.timedelta(days=10), max_cases=3, joined_on="1-2-2020",
        trainings=(TrainingItem("refresher", dt.date(2023, 5, 1)), TrainingItem("initial", dt.date(2020, 2, 1)))))
    case(workspace, "Z-2", vid)
    case(workspace, "Z-1", vid)
    case(workspace, "Z-0", vid, status="closed")
    with workspace.session() as session:
        held = Meeting(held_on=dt.date(2024, 4, 1), region="Kop")
        cancelled = Meeting(held_on=dt.date(2024, 5, 1), region="Kop", cancelled=True)
        session.add_all([held, cancelled])
        session.flush()
        session.add_all([MeetingAttendance(meeting_id=held.id, volunteer_id=vid),
                         MeetingAttendance(meeting_id=cancelled.id, volunteer_id=vid)])
    profile = vs.load_volunteer(workspace, vid)
    assert profile.name == "Anna Proef" and profile.gender == "f" and profile.languages == ("nl", "de")
    assert profile.availability == {("tue", "evening"), ("sat", "morning")}
    assert profile.joined_on == dt.date(2020, 2, 1) and profile.max_cases == 3
    assert [t.kind for t in profile.trainings] == ["initial", "refresher"]
    assert [(c.ref, c.status) for c in profile.cases] == [("Z-1", "visits"), ("Z-2", "visits")]
    assert [m.held_on for m in profile.meetings] == [dt.date(2024, 4, 1)]
    assert profile.vog_state == "ok"
    assert profile.vog_renew_on == vs.vog_renew_on(TODAY - dt.timedelta(days=10), 3)


def test_loading_is_in_the_access_log_and_saving_in_the_audit(workspace):
    vid = vs.save_volunteer(workspace, VolunteerInput(name="Anna Proef"))
    vs.save_volunteer(workspace, VolunteerInput(name="Anna Proef", id=vid, notes="Geen"))
    vs.load_volunteer(workspace, vid)
    with workspace.session() as session:
        events = [(e.action, e.record_type, e.record_id, e.actor) for e in
                  session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert events == [(a, "volunteer", vid, workspace.actor) for a in ("create", "update", "open")]


def test_unknown_volunteer(workspace):
    with pytest.raises(NotFound):
        vs.load_volunteer(workspace, 999)


def test_update_keeps_trainings_when_not_given(workspace):
    vid = vs.save_volunteer(workspace, VolunteerInput(name="Anna Proef",
                                                      trainings=(TrainingItem("initial", dt.date(2020, 2, 1)),)))
    vs.save_volunteer(workspace, VolunteerInput(name="Anna  Proef ", id=vid, max_cases=4))
    profile = vs.load_volunteer(workspace, vid)
    assert profile.name == "Anna Proef" and profile.max_cases == 4 and len(profile.trainings) == 1
    vs.save_volunteer(workspace, VolunteerInput(name="Anna Proef", id=vid, trainings=()))
    assert vs.load_volunteer(workspace, vid).trainings == ()


# ---- validation ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("changes,field", [
    ({"name": "  "}, "name"),
    ({"email": "anna-at-example"}, "email"),
    ({"phone": "bel me"}, "phone"),
    ({"max_cases": 0}, "max_cases"),
    ({"max_cases": 11}, "max_cases"),
    ({"vog_date": "31-2-2024"}, "vog_date"),
    ({"vog_date": TODAY + dt.timedelta(days=1)}, "vog_date"),
    ({"joined_on": "2-2-2022", "left_on": "1-2-2022", "active": False}, "left_on"),
    ({"left_on": TODAY - dt.timedelta(days=1), "active": True}, "active"),
    ({"gender": "q"}, "gender"),
    ({"availability": frozenset({("mon", "night")})}, "availability"),
    ({"trainings": (TrainingItem("party", dt.date(2020, 1, 1)),)}, "trainings"),
    ({"vog_date": "1-1-1900"}, "vog_date"),  # a slip of the year: only "older than 3 years" was said
    ({"joined_on": "5-3-1947"}, "joined_on"),
    ({"trainings": (TrainingItem("initial", dt.date(1900, 1, 1)),)}, "trainings"),
])
def test_validation_names_the_field(workspace, changes, field):
    data = VolunteerInput(**{"name": "Anna Proef", **changes})
    with pytest.raises(ValidationError) as caught:
        vs.save_volunteer(workspace, data)
    assert caught.value.field == field and str(caught.value)
    assert vs.list_volunteers(workspace) == []


def test_a_date_before_1990_asks_to_check_the_year(workspace):
    problems = vs.volunteer_problems(workspace, VolunteerInput(name="Anna Proef", vog_date="1-1-1900"))
    assert problems == {"vog_date": "Deze datum ligt vóór 1 januari 1990; kijk het jaar na."}
    assert not vs.volunteer_problems(workspace, VolunteerInput(name="Anna Proef", vog_date="1-1-1990"))


def test_max_cases_bounds_are_allowed(workspace):
    low = vs.save_volunteer(workspace, VolunteerInput(name="Anna Proef", max_cases=1))
    high = vs.save_volunteer(workspace, VolunteerInput(name="Bert Proef", max_cases=10))
    assert (vs.load_volunteer(workspace, low).max_cases, vs.load_volunteer(workspace, high).max_cases) == (1, 10)


def test_name_must_be_unique_ignoring_case(workspace):
    vid = vs.save_volunteer(workspace, VolunteerInput(name="Anna Proef"))
    with pytest.raises(ValidationError) as caught:
        vs.save_volunteer(workspace, VolunteerInput(name="anna proef"))
    assert caught.value.field == "name"
    vs.save_volunteer(workspace, VolunteerInput(name="Anna Proef", id=vid, phone="+31 6 1234 5678"))


def test_all_problems_at_once(workspace):
    problems = vs.volunteer_problems(workspace, VolunteerInput(name="", email="x", phone="y", max_cases=20))
    assert set(problems) == {"name", "email", "phone", "max_cases"}


def test_non_ascii_names_are_kept(workspace):
    vid = vs.save_volunteer(workspace, VolunteerInput(name="Zoë Ĳsselmeer-Çelik"))
    assert vs.load_volunteer(workspace, vid).name == "Zoë Ĳsselmeer-Çelik"


def test_a_name_with_an_accented_capital_clashes_however_it_is_typed(workspace):
    """SQLite's lower() folds ASCII only: 'Özlem' and 'özlem' were two different volunteers."""
    vs.save_volunteer(workspace, VolunteerInput(name="Özlem Yılmaz"))
    with pytest.raises(ValidationError) as caught:
        vs.save_volunteer(workspace, VolunteerInput(name="ÖZLEM YILMAZ".replace("I", "ı")))
    assert caught.value.field == "name"
    with pytest.raises(ValidationError):
        vs.save_volunteer(workspace, VolunteerInput(name="özlem yılmaz"))
