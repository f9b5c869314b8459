"""Whether planned visits fall in the parts of the day the volunteer gave as available in her profile. Said, not
refused: availability changes, and a coordinator may have agreed another time with the volunteer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from borapp.models.volunteers import WEEKDAYS
from borapp.services.volunteers.profiles import Slot

AFTERNOON_FROM, EVENING_FROM = dt.time(12), dt.time(18)  # a visit's part of the day is that of its start


def day_part(start: dt.time) -> str:
    if start < AFTERNOON_FROM:
        return "morning"
    return "afternoon" if start < EVENING_FROM else "evening"


def outside_availability(available: frozenset[Slot], days: Iterable[dt.date], start: dt.time | None) -> list[Slot]:
    """The parts of the week the visits on `days` starting at `start` take that the volunteer did not give as
    available, each once; none when she gave none (not filled in: nothing to go by) or no start time is known."""
    if not available or start is None:
        return []
    part = day_part(start)
    return list(dict.fromkeys(slot for slot in ((WEEKDAYS[day.weekday()], part) for day in days)
                              if slot not in available))
