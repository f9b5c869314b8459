"""Dates and numbers in the user's language, through Babel ("5 maart 2026")."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _format_date
from babel.dates import format_datetime as _format_datetime
from babel.numbers import format_decimal, format_percent

from borapp.i18n import babel_locale


def long_date(value: dt.date | None) -> str:
    return _format_date(value, format="long", locale=babel_locale()) if value else ""


def day_month(value: dt.date) -> str:
    """"5 december": a date whose year stands beside it."""
    return _format_date(value, format="d MMMM", locale=babel_locale())


def short_date(value: dt.date | None) -> str:
    """Day-month-year as the Dutch write it by hand: 5-3-2026."""
    return f"{value.day}-{value.month}-{value.year}" if value else ""


def local_time(value: dt.datetime) -> dt.datetime:
    """A moment stored in UTC (as the records keep `created_at`) in the computer's own time zone."""
    return value.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None)


def date_time(value: dt.datetime | None) -> str:
    return _format_datetime(value, format="d MMMM y HH:mm", locale=babel_locale()) if value else ""


def number(value: float | int, decimals: int | None = None) -> str:
    """In the user's language; with `decimals`, exactly that many (an amount: 406,10)."""
    pattern = None if decimals is None else "#,##0." + "0" * decimals
    return format_decimal(value, format=pattern, locale=babel_locale(), decimal_quantization=True)


def percent(value: float) -> str:
    """A percentage given as a number of per cent (−40.0, 12.5) in the user's language, with at most one decimal."""
    return format_percent(value / 100, format="#,##0.#%", locale=babel_locale(), decimal_quantization=True)
