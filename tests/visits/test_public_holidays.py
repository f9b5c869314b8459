"""The Dutch public holidays a series of visits is checked against, named in the user's language."""

from __future__ import annotations

import datetime as dt

from borapp.i18n import in_language
from borapp.services.visits.public_holidays import holidays_in, holidays_on


def test_the_holidays_of_2026_fall_where_the_calendar_has_them():
    days = {day: name for day, name in holidays_in(2026).items()}
    assert sorted(days) == [dt.date(2026, 1, 1), dt.date(2026, 4, 3), dt.date(2026, 4, 5), dt.date(2026, 4, 6),
                            dt.date(2026, 4, 27), dt.date(2026, 5, 5), dt.date(2026, 5, 14), dt.date(2026, 5, 24),
                            dt.date(2026, 5, 25), dt.date(2026, 12, 25), dt.date(2026, 12, 26)]


def test_kings_day_on_a_sunday_is_kept_the_saturday_before():
    assert dt.date(2025, 4, 26) in holidays_in(2025) and dt.date(2025, 4, 27) not in holidays_in(2025)


def test_the_names_are_in_the_users_language_and_ordinary_days_are_left_out():
    dates = [dt.date(2026, 12, 19), dt.date(2026, 12, 26), dt.date(2027, 1, 1), dt.date(2027, 3, 29)]
    with in_language("nl"):
        assert holidays_on(dates) == [(dt.date(2026, 12, 26), "Tweede Kerstdag"), (dt.date(2027, 1, 1), "Nieuwjaarsdag"),
                                      (dt.date(2027, 3, 29), "Tweede Paasdag")]
    with in_language("en"):
        assert [name for _day, name in holidays_on(dates)] == ["Boxing Day", "New Year's Day", "Easter Monday"]
