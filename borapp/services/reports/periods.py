"""A report year's bounds, and each case's state at a moment, read from its dated status history.

The state at the end of a year is the case's last status change dated on or before 31 December (ties broken by the
order they were recorded in). A case closed in a year and reopened in a later one therefore stays closed in the
earlier year's report, and a report on a past year gives the same figures whatever happened since.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CTE, Integer, String, Subquery, cast, func, select, type_coerce

from borapp.i18n import _
from borapp.models import Case, StatusChange
from borapp.services.errors import UsageError

FIRST_YEAR = 1990
WAITING = ("registered", "waiting")  # not yet taken up by a coordinator: the waiting list


def check_year(year: object, today: dt.date | None = None) -> int:
    """`year` as a whole number between 1990 and the current year; a clear message otherwise."""
    today = today or dt.date.today()
    try:
        value = int(str(year).strip())
    except ValueError:
        raise UsageError(_("The year must be a whole number, e.g. {year}.").format(year=today.year - 1)) from None
    if not FIRST_YEAR <= value <= today.year:
        raise UsageError(_("The year must be from {first} to {last}.").format(first=FIRST_YEAR, last=today.year))
    return value


def first_day(year: int) -> dt.date:
    return dt.date(year, 1, 1)


def last_day(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def counted_to(year: int, today: dt.date) -> dt.date | None:
    """The day a report on a year not over yet counts to (its figures as they stand that day, which its words say
    instead of the year's end); None once the year is over."""
    return today if today < last_day(year) else None


def registered_year():
    """The year of a case's registration, as a number (SQL)."""
    return cast(func.strftime("%Y", Case.registered_on), Integer)


def _latest_changes(on: dt.date):
    """Per case, its last status change dated on or before `on`: SQLite takes the other columns from the row where
    max() is found, and the key orders by date, then by the order the changes were recorded in."""
    key = type_coerce(StatusChange.on, String) + func.printf("%010d", StatusChange.id)
    return (select(StatusChange.case_id, StatusChange.to_status.label("status"), StatusChange.on.label("since"),
                   StatusChange.outcome, StatusChange.reason, func.max(key).label("latest"))
            .where(StatusChange.on <= on).group_by(StatusChange.case_id))


def state_at(on: dt.date) -> Subquery:
    """Per case: its status, the date it took it, and (when closed) the outcome and reason, as of `on`."""
    return _latest_changes(on).subquery("state")


def state_cte(on: dt.date, name: str) -> CTE:
    """`state_at` as a common table expression computed once (SQLite would otherwise redo it per case)."""
    return _latest_changes(on).cte(name).prefix_with("MATERIALIZED")
