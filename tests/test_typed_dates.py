"""Dates are read as a Dutch coordinator types them, and also as the app shows them ("5 december 2026")."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borapp.formatting import long_date
from borapp.i18n import in_language
from borapp.services.errors import ValidationError
from borapp.services.typed_dates import parse_date


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)), st.sampled_from(["nl", "en"]))
def test_a_date_as_the_app_shows_it_reads_back_as_that_date(value, language):
    with in_language(language):
        shown = long_date(value)
    assert parse_date(shown) == value, shown
    assert parse_date(shown.upper()) == value, shown


@pytest.mark.parametrize(("typed", "expected"), [
    ("5 dec. 2026", dt.date(2026, 12, 5)), ("17 Nov 26", dt.date(2026, 11, 17)), ("1 mrt 2026", dt.date(2026, 3, 1)),
    ("1 okt 2026", dt.date(2026, 10, 1)), ("3 sept 2026", dt.date(2026, 9, 3))])
def test_a_short_month_name_is_read(typed, expected):
    assert parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["5 decembre 2026", "5 december", "december 2026", "5 13 2026", "31 feb 2026"])
def test_what_is_not_a_whole_date_is_refused_not_guessed(typed):
    with pytest.raises(ValidationError):
        parse_date(typed)
