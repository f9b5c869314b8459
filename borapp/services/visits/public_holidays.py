"""Dutch public holidays: a series that puts a visit on Tweede Kerstdag or Koningsdag says so before it is
planned. A warning, never a block: families are often away or have plans of their own, and the BOR room may be
closed, but a coordinator may have agreed it.

The days are the national ones (Algemene termijnenwet, plus Goede Vrijdag and Bevrijdingsdag, which many
employers and youth services also close for); Easter comes from dateutil. The `holidays` package was tried first:
it imports every country's table at once, which took the installer over its size budget."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from dateutil.easter import easter

from borapp.i18n import N_, _

GOOD_FRIDAY, EASTER, EASTER_MONDAY = N_("Good Friday"), N_("Easter Sunday"), N_("Easter Monday")
ASCENSION, WHIT_SUNDAY, WHIT_MONDAY = N_("Ascension Day"), N_("Whit Sunday"), N_("Whit Monday")
EASTER_DAYS = {-2: GOOD_FRIDAY, 0: EASTER, 1: EASTER_MONDAY, 39: ASCENSION, 49: WHIT_SUNDAY, 50: WHIT_MONDAY}
FIXED_DAYS = {(1, 1): N_("New Year's Day"), (5, 5): N_("Liberation Day"), (12, 25): N_("Christmas Day"),
              (12, 26): N_("Boxing Day")}
KINGS_DAY = N_("King's Day")


def holidays_in(year: int) -> dict[dt.date, str]:
    """The year's public holidays, each with its name (untranslated: `_` names it in the user's language)."""
    days = {dt.date(year, month, day): name for (month, day), name in FIXED_DAYS.items()}
    sunday = easter(year)
    days |= {sunday + dt.timedelta(days=offset): name for offset, name in EASTER_DAYS.items()}
    kings = dt.date(year, 4, 27)
    days[kings - dt.timedelta(days=1) if kings.weekday() == 6 else kings] = KINGS_DAY  # a Sunday: the day before
    return days


def holidays_on(dates: Iterable[dt.date]) -> list[tuple[dt.date, str]]:
    """The dates that fall on a public holiday, each with the holiday's name in the user's language, in order."""
    found, years = [], {}
    for day in sorted(set(dates)):
        if day.year not in years:
            years[day.year] = holidays_in(day.year)
        if day in years[day.year]:
            found.append((day, _(years[day.year][day])))
    return found
