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


def test_an_empty_meeting_is_below_minimum(workspace):
    meeting_id = meetings.add_meeting(workspace, ON)
    assert meetings.load_meeting(workspace, meeting_id).below_minimum


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
    cancelled = meetings.set_cancelled(workspace, meeting_id)
    assert cancelled.cancelled and not cancelled.below_minimum
    assert meetings.list_meetings(workspace, include_cancelled=False) == []
    assert not meetings.set_cancelled(workspace, meeting_id, False).cancelled


def test_unknown_meeting(workspace):
    with pytest.raises(NotFound):
        meetings.load_meeting(workspace, 999)


def test_kind_labels():
    assert meetings.kind_label("theme") and meetings.kind_label("unknown") == "unknown"


def test_short_flag_for_lists(workspace):
    item = meetings.load_meeting(workspace, meetings.add_meeting(workspace, ON))
    assert "4" in item.flag and item.flag != item.warning
    assert meetings.set_cancelled(workspace, item.id).flag == ""


def test_who_attended_a_meeting_still_to_come_cannot_be_recorded(workspace):
    """Attendance was recorded for a meeting next month, and the year's report counted it (found by a walk)."""
    today = dt.date.today()
    ids = volunteers(workspace, "Anna Proef", "Bert Proef")
    upcoming = meetings.add_meeting(workspace, today + dt.timedelta(days=20), "Kop")
    with pytest.raises(ValidationError) as refused:
        meetings.record_attendance(workspace, upcoming, ids)
    assert refused.value.field == "attendance"
    item = meetings.load_meeting(workspace, upcoming)
    assert item.upcoming and item.attendee_count == 0 and not item.below_minimum and item.warning == ""
    assert item.flag == "Nog te houden"
    held_today = meetings.add_meeting(workspace, today, "Kop")
    assert meetings.record_attendance(workspace, held_today, ids).attendee_count == 2  # on the day itself
