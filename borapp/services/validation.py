"""Field rules shared by forms, import and the CLI. Each returns a message in the user's language, or ""."""

from __future__ import annotations

import datetime as dt
import re

from borapp.formatting import long_date
from borapp.i18n import _, ngettext

MAX_CHILD_AGE = 12
# An address as mail servers take it: "<jan@rechtbank.nl>" pasted from Outlook, "jan@x..nl" or "jan@x.nl." passed
# the looser check, were saved, and then stopped every letter to that address from being edited.
_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[^\W_](?:[\w-]*[^\W_])?"
_EMAIL = re.compile(rf"^{_LOCAL}@(?:{_LABEL}\.)+[^\W\d_]{{2,}}$")
_PHONE = re.compile(r"^\+?[0-9 ()\-]{6,20}$")
_POSTCODE = re.compile(r"^[1-9][0-9]{3} ?[A-Za-z]{2}$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text: str) -> dt.date | None:
    """A date as the Dutch type it (5-3-2026, 05-03-2026, 5/3/2026) or ISO (2026-03-05); None if not a date."""
    text = (text or "").strip()
    if m := _DMY.match(text):
        d, mth, y = (int(g) for g in m.groups())
    elif m := _YMD.match(text):
        y, mth, d = (int(g) for g in m.groups())
    else:
        return None
    try:
        return dt.date(y, mth, d)
    except ValueError:
        return None


def email_problem(text: str) -> str:
    return "" if not text.strip() or _EMAIL.match(text.strip()) else _("Not an e-mail address (name@example.nl).")


SERVICE_PREFIXES = ("0800", "0900", "0906", "0909")


def phone_problem(text: str) -> str:
    """A Dutch number has 10 digits and starts with 0 (06-12345678, 020-123 45 67), or is an information line
    (0800/0900 and 4 or 7 digits) or a municipality's 14 number (14 072); one from abroad starts with + or 00 and has
    8 to 15 digits after it."""
    text = text.strip()
    if not text:
        return ""
    digits = "".join(ch for ch in text if ch.isdigit())
    if _PHONE.match(text):
        if text.startswith("+") and 8 <= len(digits) <= 15:
            return ""
        if digits.startswith("00") and 10 <= len(digits) <= 17:
            return ""
        if not text.startswith("+") and digits.startswith("0") and len(digits) == 10:
            return ""
        if not text.startswith("+") and digits[:4] in SERVICE_PREFIXES and len(digits) in (8, 11):
            return ""  # 0800-2000, 0900-123 45 67: an information or help line
        if not text.startswith("+") and digits.startswith("14") and len(digits) in (5, 6):
            return ""  # 14 072: a municipality's own number
    return _("Not a phone number: a Dutch number has 10 digits (06-12345678, 020-123 45 67); one from abroad starts "
             "with +.")


def postcode_problem(text: str) -> str:
    return "" if not text.strip() or _POSTCODE.match(text.strip()) else _("Not a Dutch postcode (1234 AB).")


def normal_postcode(text: str) -> str:
    text = text.strip().upper().replace(" ", "")
    return f"{text[:4]} {text[4:]}" if len(text) == 6 else text


def age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def child_age_warning(birth: dt.date | None, on: dt.date | None = None) -> str:
    """A warning, not a block: BOR is for children up to 12."""
    if birth is None:
        return ""
    on = on or dt.date.today()
    if birth > on:
        return _("The birth date is after {date}.").format(date=long_date(on))
    age = age_on(birth, on)
    if age > MAX_CHILD_AGE:
        return _("This child is {age}: BOR is meant for children up to 12.").format(age=age)
    return ""


def age_in_words(birth: dt.date, on: dt.date) -> str:
    """A child's age in words beside its birth date: "7 jaar", or "11 maanden" for a baby (not "0 jaar")."""
    years = age_on(birth, on)
    if years >= 1:
        return ngettext("{n} year", "{n} years", years).format(n=years)
    months = max(_months(birth, on), 0)
    return ngettext("{n} month", "{n} months", months).format(n=months)


def _months(birth: dt.date, on: dt.date) -> int:
    return (on.year - birth.year) * 12 + on.month - birth.month - (on.day < birth.day)


def age_label(birth: dt.date, on: dt.date) -> str:
    """A child's age as shown beside its name: years, or months for a baby ("7", "9 mnd")."""
    years = age_on(birth, on)
    if years >= 1:
        return str(years)
    return _("{n} mo").format(n=max(_months(birth, on), 0))
