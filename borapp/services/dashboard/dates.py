"""The day arithmetic of Today's rules, and the cutoff that turns "on is past start + period" into "start < day"."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable

DAY = dt.timedelta(days=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31 August + 6 months = 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def week_of(on: dt.date) -> tuple[dt.date, dt.date]:
    monday = on - dt.timedelta(days=on.weekday())
    return monday, monday + dt.timedelta(days=6)


def full_months(start: dt.date, on: dt.date) -> int:
    months = (on.year - start.year) * 12 + on.month - start.month
    return months - 1 if add_months(start, months) > on else months


def cutoff(on: dt.date, later: Callable[[dt.date], dt.date], guess: dt.date) -> dt.date:
    """The first day `d` with `later(d) >= on`, found from `guess` near it (`later` never goes back in time).

    Exactly the days before it have `on > later(day)`, so SQL compares a stored date with one day (an index range)
    where Python would shift every date: 31 August + 6 months is 28 February, and so is 30 August + 6 months."""
    day = guess
    while later(day - DAY) >= on:
        day -= DAY
    while later(day) < on:
        day += DAY
    return day
