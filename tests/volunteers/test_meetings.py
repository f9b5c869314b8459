"""Volunteer meetings: planning, attendance, cancelling, and the minimum of four attendees."""

from __future__ import annotations

import datetime as dt

import pytest

from borapp.models import Volunteer
from borapp.services.errors import NotFound, ValidationError
from borapp.services.volunteers import meetings

ON = dt.date(2025, 3, 12)


def volunteers(workspace, *names: str) -> list[int]:
    with workspace.session() as session:
        records = [Volunteer(name=n) for n in names]
        session.add_all(records)
        session.flush()
        return [r.id for r in records]


def test_add_and_list_newest_first(workspace):
    first = meetings.add_meeting(workspace, ON, "Kop")
    second = meetings.add_meeting(workspace, "20-3-2025", "West-Friesland", "theme", "  Loyaliteit  bij kinderen ")
    listed = meetings.list_meetings(workspace)
    assert [m.id for m in listed] == [second, first]
    assert listed[0].kind == "theme" and listed[0].theme == "Loyaliteit bij kinderen"
    assert listed[0].held_on == dt.date(2025, 3, 20)
    assert [m.id for m in meetings.list_meetings(workspace, region="Kop")] == [first]


@pytest.mark.parametrize("args,field", [
    ((None, "Kop"), "held_on"),
    (("31-2-2025", "Kop"), "held_on"),
    ((ON, "Kop", "party"), "kind"),
    ((ON, "Kop", "theme", " "), "theme"),
])
def test_add_refuses_bad_input(workspace, args, field):
    with pytest.raises(ValidationError) as caught:
        meetings.add_meeting(workspace, *args)
    assert caught.value.field == field
    assert meetings.list_meetings(workspace) == []


def test_below_four_attendees_is_flagged(workspace):
    ids = volunteers(workspace, "Anna Proef", "Bert Proef", "Carla Proef", "Dirk Proef")
    meeting_id = meetings.add_meeting(workspace, ON, "Kop")
    three = meetings.record_attendance(workspace, meeting_id, ids[:3])
    assert three.attendee_count == 3 and three.below_minimum
    assert "3" in three.warning and "4" in three.warning
    four = meetings.record_attendance(workspace, meeting_id, ids)
    assert four.attendee_count == 4 and not four.below_minimum and four.warning == ""
    assert [a.name for a in four.attendees] == ["Anna Proef", "Bert Proef", "Carla Proef", "Dirk Proef"]


def test_a_meeting_held_with_nothing_recorded_is_not_called_below_minimum_until_nobody_is_saved(workspace):
    """The list said "0" and "below the minimum (4)" of a meeting whose attendance nobody had recorded yet."""
    meeting_id = meetings.add_meeting(workspace, ON)
    unknown = meetings.load_meeting(workspace, meeting_id)
    assert unknown.attendance_unknown and not unknown.below_minimum
    assert unknown.flag == "Nog vastleggen"
    nobody = meetings.record_attendance(workspace, meeting_id, [])
    assert not nobody.attendance_unknown and nobody.below_minimum and "4" in nobody.flag


def test_attendance_is_replaced_not_added(workspace):
    ids = volunteers(workspace, "Anna Proef", "Bert Proef", "Carla Proef")
    meeting_id = meetings.add_meeting(workspace, ON)
    meetings.record_attendance(workspace, meeting_id, ids[:2])
    item = meetings.record_attendance(workspace, meeting_id, ids[1:])
    assert {a.id for a in item.attendees} == set(ids[1:])
    assert {a.id for a in meetings.load_meeting(workspace, meeting_id).attendees} == set(ids[1:])


def test_attendance_of_unknown_volunteer_is_refused(workspace):
    meeting_id = meetings.add_meeting(workspace, ON)
    with pytest.raises(ValidationError):
        meetings.record_attendance(workspace, meeting_id, [12345])


def test_cancelled_meeting_is_not_flagged_and_can_be_uncancelled(workspace):
    meeting_id = meetings.add_meeting(workspace, ON)
    cancelled = meetings.set_cancelled(workspace, meeting_id, reason="too_few")
    assert cancelled.cancelled and not cancelled.below_minimum
    assert meetings.list_meetings(workspace, include_cancelled=False) == []
    assert not meetings.set_cancelled(workspace, meeting_id, False).cancelled


def test_unknown_meeting(workspace):
    with pytest.raises(NotFound):
        meetings.load_meeting(workspace, 999)


def test_kind_labels():
    assert meetings.kind_label("theme") and meetings.kind_label("unknown") == "unknown"


def test_short_flag_for_lists(workspace):
    meeting_id = meetings.add_meeting(workspace, ON)
    item = meetings.record_attendance(workspace, meeting_id, volunteers(workspace, "Anna Proef"))
    assert "4" in item.flag and item.flag != item.warning
    assert meetings.set_cancelled(workspace, item.id, reason="too_few").flag == ""


def test_who_attended_a_meeting_still_to_come_cannot_be_recorded(workspace):
    """Attendance was recorded for a meeting next month, and the year's report counted it (found by a walk)."""
    today = dt.date.today()
    ids = volunteers(workspace, "Anna Proef", "Bert Proef")
    upcoming = meetings.add_meeting(workspace, today + dt.timedelta(days=20), "Kop")
    with pytest.raises(ValidationError) as refused:
        meetings.record_attendance(workspace, upcoming, ids)
    assert refused.value.field == "attendance"
    item = meetings.load_meeting(workspace, upcoming)
    assert item.upcoming and item.attendee_count == 0 and not item.below_minimum
    assert item.flag == "Te weinig aanmeldingen"  # too few sign-ups, not "below the minimum"
    held_today = meetings.add_meeting(workspace, today, "Kop")
    assert meetings.record_attendance(workspace, held_today, ids).attendee_count == 2  # on the day itself


def test_sign_ups_before_the_date_warn_below_four_and_start_the_attendance(workspace):
    """Who attended could only be ticked after the date, so "below the minimum" came when cancelling was too late
    (found by a walk). Before the date who signed up is recorded, and fewer than four is flagged then."""
    ids = volunteers(workspace, "Anna Proef", "Bert Proef", "Carla Proef", "Dirk Proef")
    upcoming = meetings.add_meeting(workspace, dt.date.today() + dt.timedelta(days=14), "Kop")
    three = meetings.record_signups(workspace, upcoming, ids[:3])
    assert [a.name for a in three.signed_up] == ["Anna Proef", "Bert Proef", "Carla Proef"]
    assert three.too_few_signups and three.attendees == ()
    assert three.warning == "3 aangemeld: onder het minimum (4)"
    assert three.flag == "Te weinig aanmeldingen" and three.advice.startswith(three.warning)
    four = meetings.record_signups(workspace, upcoming, ids)
    assert not four.too_few_signups and four.warning == "" and four.flag == "Nog te houden"
    assert four.ticked_at_start == frozenset(ids)

    held = meetings.add_meeting(workspace, ON, "Kop")  # held: who attended starts from who signed up
    meetings.record_signups(workspace, held, ids)
    item = meetings.load_meeting(workspace, held)
    assert item.attendee_count == 0 and item.ticked_at_start == frozenset(ids)
    item = meetings.record_attendance(workspace, held, ids[1:])
    assert item.signup_count == 4 and item.attendee_count == 3 and item.below_minimum
    assert item.ticked_at_start == frozenset(ids[1:])
    item = meetings.record_signups(workspace, held, [])  # sign-ups taken back: who attended stays
    assert item.signup_count == 0 and [a.id for a in item.attendees] == ids[1:]


def test_a_sign_up_alone_is_not_attending(workspace):
    """A volunteer who signed up and did not come has not attended: not on their profile, not in the report."""
    from borapp.services.reports.volunteers import volunteer_figures
    from borapp.services.volunteers.profiles import load_volunteer

    ids = volunteers(workspace, "Anna Proef", "Bert Proef")
    held = meetings.add_meeting(workspace, ON, "Kop")
    meetings.record_signups(workspace, held, ids)
    meetings.record_attendance(workspace, held, ids[:1])
    assert len(load_volunteer(workspace, ids[0]).meetings) == 1
    assert load_volunteer(workspace, ids[1]).meetings == ()
    with workspace.session() as session:
        assert volunteer_figures(session, ON.year).meeting_attendance == 1


@pytest.mark.parametrize("reason,note,field", [("", "", "cancel_reason"), ("bored", "", "cancel_reason"),
                                               ("other", "  ", "cancel_note")])
def test_cancelling_needs_its_reason(workspace, reason, note, field):
    meeting_id = meetings.add_meeting(workspace, ON)
    with pytest.raises(ValidationError) as refused:
        meetings.set_cancelled(workspace, meeting_id, reason=reason, note=note)
    assert refused.value.field == field
    assert not meetings.load_meeting(workspace, meeting_id).cancelled


def test_the_reason_for_cancelling_is_kept_and_goes_when_it_is_taken_back(workspace):
    meeting_id = meetings.add_meeting(workspace, ON)
    other = meetings.set_cancelled(workspace, meeting_id, reason="other", note="  zaal  niet beschikbaar ")
    assert (other.cancel_reason, other.cancel_note) == ("other", "zaal niet beschikbaar")
    assert other.cancelled_because == "Geannuleerd: zaal niet beschikbaar"
    too_few = meetings.set_cancelled(workspace, meeting_id, reason="too_few", note="ignored")
    assert (too_few.cancel_reason, too_few.cancel_note) == ("too_few", "")
    assert too_few.cancelled_because == "Geannuleerd: te weinig aanmeldingen"
    back = meetings.set_cancelled(workspace, meeting_id, False)
    assert (back.cancelled, back.cancel_reason, back.cancel_note, back.cancelled_because) == (False, "", "", "")


def test_the_list_by_region_and_year(workspace):
    kop_2024 = meetings.add_meeting(workspace, dt.date(2024, 5, 1), "Kop")
    kop_2025 = meetings.add_meeting(workspace, ON, "Kop")
    west_2025 = meetings.add_meeting(workspace, dt.date(2025, 6, 1), "West-Friesland", "theme", "Loyaliteit")
    meetings.add_meeting(workspace, dt.date(2023, 6, 1))
    assert [m.id for m in meetings.list_meetings(workspace, year=2025)] == [west_2025, kop_2025]
    assert [m.id for m in meetings.list_meetings(workspace, region="Kop", year=2024)] == [kop_2024]
    assert meetings.filter_choices(workspace) == (["Kop", "West-Friesland"], [2025, 2024, 2023])
