"""A visit's part of the day is that of its start; the parts of the week a series takes that the volunteer did not
give as available are named once each, and nothing when she gave none or no time is known."""

from __future__ import annotations

import datetime as dt

from borapp.services.visits.availability import day_part, outside_availability

SATURDAY = dt.date(2026, 12, 12)


def test_the_part_of_the_day_is_that_of_the_start():
    assert [day_part(dt.time(h, m)) for h, m in ((9, 0), (11, 59), (12, 0), (17, 59), (18, 0), (19, 30))] == [
        "morning", "morning", "afternoon", "afternoon", "evening", "evening"]


def test_the_parts_of_the_week_outside_what_the_volunteer_gave():
    weekly = [SATURDAY + dt.timedelta(days=7 * i) for i in range(4)]
    assert outside_availability(frozenset({("sat", "morning")}), weekly, dt.time(14)) == [("sat", "afternoon")]
    assert outside_availability(frozenset({("sat", "morning")}), weekly, dt.time(10)) == []
    every_four = [SATURDAY + dt.timedelta(days=4 * i) for i in range(3)]  # Saturday, Wednesday, Sunday
    assert outside_availability(frozenset({("wed", "morning")}), every_four, dt.time(10)) == [
        ("sat", "morning"), ("sun", "morning")]


def test_nothing_to_go_by_says_nothing():
    assert outside_availability(frozenset(), [SATURDAY], dt.time(14)) == []
    assert outside_availability(frozenset({("mon", "morning")}), [SATURDAY], None) == []
