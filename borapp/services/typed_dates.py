"""Dates and times as a Dutch coordinator types them, read strictly: what cannot be read is refused with a message,
never guessed into another date.

Dates: 17-11-2026, 17-11-26, 17112026, 171126, 1-3-2026, 1/3/2026, 1.3.2026, 2026-11-17, 17 november 2026 and
17 nov 2026 (as the app shows dates, Dutch or English month names), and the words vandaag, gisteren, morgen (today,
yesterday, tomorrow). A date that does not exist (31-2-2026) is refused saying so. Times: 14:00, 14.00, 1400, 9:30,
930, 9.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from borapp.i18n import _
from borapp.services.errors import ValidationError

FIRST_YEAR, LAST_YEAR = 1900, 2199
_WORDS = {"vandaag": 0, "today": 0, "gisteren": -1, "yesterday": -1, "morgen": 1, "tomorrow": 1}
_SEPARATED = re.compile(r"^(\d{1,2})[-/.\s](\d{1,2})[-/.\s](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{2}|\d{4})$")
_NAMED = re.compile(r"^(\d{1,2})\.?\s([^\W\d_]+)\.?\s(\d{2}|\d{4})$")  # 17 november 2026, 17 nov. 26
_TIME_SEPARATED = re.compile(r"^(\d{1,2})[:.hu](\d{2})$")
_TIME_DIGITS = re.compile(r"^(\d{1,2})(\d{2})?$")


class UnreadableDate(ValidationError):
    """Text in none of the forms a date is read in (as against a form read but no such day, e.g. 31-2-2026)."""


def parse_date(text: str, today: dt.date | None = None, what: str = "", *,
               relative: bool = True) -> dt.date | None:
    """The date in `text` ("" gives None), or ValidationError naming `what` and the accepted forms (UnreadableDate
    when no form fits). `relative=False` refuses the words (today, ...): a file read on another day than it was
    written would take another date."""
    typed = " ".join((text or "").split()).lower()
    if not typed:
        return None
    today = today or dt.date.today()
    if relative and typed in _WORDS:
        return today + dt.timedelta(days=_WORDS[typed])
    day = month = year = None
    if match := _SEPARATED.match(typed) or _DIGITS.match(typed):
        day, month, year = (int(g) for g in match.groups())
    elif (match := _NAMED.match(typed)) and match.group(2) in _month_numbers():
        day, month, year = int(match.group(1)), _month_numbers()[match.group(2)], int(match.group(3))
    elif match := _ISO.match(typed):
        year, month, day = (int(g) for g in match.groups())
    if year is not None and match.re is not _ISO and len(match.group(3)) == 2:
        year += 2000 if 2000 + year <= today.year + 20 else 1900  # 26 → 2026, 85 → 1985
    named = f" ({what})" if what else ""
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:  # "1-2-0202" is no date anyone means
        raise UnreadableDate(_("'{text}' is not a date BOR Desk can read{what}. Type it as day-month-year, e.g. "
                               "17-11-2026, 17-11-26 or 17112026, or 'today'.")
                             .format(text=text.strip(), what=named))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValidationError(_no_such_date(text.strip(), day, month, year, named)) from None


def _no_such_date(text: str, day: int, month: int, year: int, what: str) -> str:
    """Read as day-month-year, but no such day: 31-2-2026, 30-13-2026."""
    if not 1 <= month <= 12:
        return _("'{text}' is not a date{what}: there is no month {month}.").format(text=text, what=what, month=month)
    from babel.dates import format_date

    from borapp.i18n import babel_locale

    return _("'{text}' is not a date{what}: {month} has no day {day}.").format(
        text=text, what=what, day=day, month=format_date(dt.date(year, month, 1), "MMMM y", locale=babel_locale()))


@functools.cache
def _month_numbers() -> dict[str, int]:
    """Month names as typed, Dutch and English, whole or short ("november", "nov", "mrt", "okt"), lower case."""
    from babel.dates import get_month_names

    found = {}
    for locale in ("nl", "en"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                found[name.lower().rstrip(".")] = number
    found.update({"sept": 9, "mrt": 3, "okt": 10})
    return found


def parse_time(text: str, what: str = "") -> dt.time | None:
    """The time in `text` ("" gives None), or ValidationError."""
    typed = "".join((text or "").split()).lower()
    if not typed:
        return None
    match = _TIME_SEPARATED.match(typed) or _TIME_DIGITS.match(typed)
    try:
        if match is None:
            raise ValueError
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        return dt.time(hour, minute)
    except ValueError:
        raise ValidationError(_("'{text}' is not a time BOR Desk can read{what}. Type hours and minutes, e.g. "
                                "14:00, 1400 or 9:30.").format(text=text.strip(), what=f" ({what})" if what else "")
                              ) from None


def date_text(value: dt.date | None) -> str:
    """How a date field shows a date: 17-11-2026."""
    return f"{value.day}-{value.month}-{value.year}" if value else ""


def time_text(value: dt.time | None) -> str:
    return f"{value:%H:%M}" if value else ""
