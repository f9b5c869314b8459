"""Hours, kilometres and money as a coordinator types them, read strictly, and shown back in the user's language.

Hours: 1,5 · 1.5 · 1,25 · 1:30 · 1u30 · 45m · 2 uur (whole minutes are kept); "1,30" or "1,45" is asked to be
typed 1:30 or 1:45, as it reads both ways. Money: 12,50 · 12.50 · € 12,50 · € 4,- (whole cents are kept), and
thousands as the UI language groups them (1.234,50 in Dutch, 1,234.50 in English); three digits after a point or
comma that is not the language's thousands separator (0.250 in English, 1,234 in Dutch) read both ways and are
refused. Kilometres: whole kilometres, 12 or 12 km. What cannot be read, or is negative or absurd
(over the limits below), is refused with a `ValidationError` naming the field; nothing is guessed.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency, get_decimal_symbol, get_group_symbol

from borapp.i18n import _, babel_locale
from borapp.services.errors import ValidationError

QUARTERS = ("00", "25", "50", "75")  # 1,25 and 1,75 are read as hours; 1,30 or 1,45 could be either
MAX_MINUTES = 12 * 60  # one entry: more than a long working day is a typing error
MAX_KILOMETRES = 1000  # one visit
MAX_OTHER_CENTS = 50_000  # € 500 of other costs for one visit

_CLOCK = re.compile(r"^(\d{1,2})\s*[:u]\s*(\d{2})$")
_MINUTES = re.compile(r"^(\d{1,4})\s*(m|min|mins|minuten|minutes)$")
_DECIMAL = re.compile(r"^(\d{1,3})(?:[.,](\d{1,2}))?\s*(u|uur|h|hour|hours)?$")
_PLAIN_MONEY = re.compile(r"^(\d+)(?:[.,](\d{1,2}))?$")  # 12 · 12,5 · 12.50: either mark before one or two cents
_THREE_DECIMALS = re.compile(r"^\d+[.,]\d{3,}$")
_KM = re.compile(r"^(\d+)\s*(km)?$")  # any length: 999999 is whole, and refused as over the limit
_WHOLE_EUROS = re.compile(r"(?<=\d)[.,][-\u2013\u2014]{1,2}$")  # "4,-" and "4,--": four euros, as a price tag says it


def parse_minutes(text: str, field: str = "minutes") -> int:
    """Whole minutes in `text`, more than 0 and at most 12 hours."""
    typed = " ".join((text or "").split()).lower()
    if not typed:
        raise ValidationError(_("Enter the time spent, e.g. 1.5 or 1:30."), field)
    if typed.startswith("-"):
        raise ValidationError(_("The time spent cannot be negative."), field)
    match = _DECIMAL.match(typed)
    fraction = match.group(2) if match else None
    if fraction and len(fraction) == 2 and fraction not in QUARTERS and int(fraction) < 60:
        # "1.30" is one and a half hours to many a coordinator, and 1.3 hours (1:18) to a calculator
        raise ValidationError(_("'{text}' can be read as {hours}:{minutes} or as {hours},{minutes} hours: type "
                                "{hours}:{minutes} for hours and minutes.").format(
                                    text=text.strip(), hours=match.group(1), minutes=match.group(2)), field)
    minutes = _read_minutes(typed)
    if minutes is None:
        raise ValidationError(_("'{text}' is not a time spent BOR Desk can read. Type hours, e.g. 1.5 or 1:30, "
                                "or minutes, e.g. 45m.").format(text=text.strip()), field)
    if minutes <= 0:
        raise ValidationError(_("Enter a time spent of more than 0 minutes."), field)
    if minutes > MAX_MINUTES:
        raise ValidationError(_("At most {hours} hours in one entry; spread longer work over several days.")
                              .format(hours=MAX_MINUTES // 60), field)
    return minutes


def _read_minutes(typed: str) -> int | None:
    if match := _CLOCK.match(typed):
        hours, minutes = int(match.group(1)), int(match.group(2))
        return hours * 60 + minutes if minutes < 60 else None
    if match := _MINUTES.match(typed):
        return int(match.group(1))
    if match := _DECIMAL.match(typed):
        fraction = Decimal(f"0.{match.group(2)}") if match.group(2) else Decimal(0)
        return int(((int(match.group(1)) + fraction) * 60).quantize(Decimal(1), ROUND_HALF_UP))
    return None


def parse_cents(text: str, field: str = "other_cents", maximum: int = MAX_OTHER_CENTS) -> int:
    """Whole cents in `text` ("" is 0), from 0 up to `maximum`."""
    bare = " ".join((text or "").replace("€", "").replace("EUR", "").split())
    if re.search(r"\d\s+\d", bare):  # "12 50" was read as 1250 euros: a space between digits is a slip, not cents
        raise ValidationError(_("'{text}' has a space between its digits: type euros and cents, e.g. 12.50.")
                              .format(text=text.strip()), field)
    typed = _WHOLE_EUROS.sub("", bare.replace(" ", ""))
    if not typed:
        return 0
    if typed.startswith("-"):
        raise ValidationError(_("An amount cannot be negative."), field)
    value = _read_cents(typed, text, field)
    if value > maximum:
        raise ValidationError(_("At most {amount}; check the amount.").format(amount=money(maximum)), field)
    return value


def _read_cents(typed: str, text: str, field: str) -> int:
    """Cents in `typed` (no spaces or euro sign), thousands grouped as the UI language groups them."""
    locale = babel_locale()
    decimal, group = get_decimal_symbol(locale), get_group_symbol(locale)
    grouped = re.match(rf"^([1-9]\d{{0,2}}(?:{re.escape(group)}\d{{3}})+)(?:{re.escape(decimal)}(\d{{1,2}}))?$", typed)
    match = grouped or _PLAIN_MONEY.match(typed)
    if match is None:
        if _THREE_DECIMALS.match(typed):  # "0.250": a quarter of a euro to one reader, 250 euros to another
            raise ValidationError(_("'{text}' has three digits after the point or comma and can be read two ways: "
                                    "type euros and cents, e.g. 12.50.").format(text=text.strip()), field)
        raise ValidationError(_("'{text}' is not an amount BOR Desk can read. Type euros and cents, e.g. 12.50.")
                              .format(text=text.strip()), field)
    euros, cents = match.group(1).replace(group, ""), match.group(2) or "0"
    return int(euros) * 100 + int(cents.ljust(2, "0"))


def parse_kilometres(text: str, field: str = "kilometres") -> int:
    """Whole kilometres in `text` ("" is 0), from 0 to 1000."""
    typed = " ".join((text or "").split()).lower()
    if not typed:
        return 0
    if typed.startswith("-"):
        raise ValidationError(_("The kilometres cannot be negative."), field)
    match = _KM.match(typed)
    if match is None:
        raise ValidationError(_("'{text}' is not a number of kilometres BOR Desk can read. Type whole kilometres, "
                                "e.g. 24.").format(text=text.strip()), field)
    value = int(match.group(1))
    if value > MAX_KILOMETRES:
        raise ValidationError(_("At most {n} kilometres for one visit; check the number.").format(n=MAX_KILOMETRES),
                              field)
    return value


def money(cents: int | float) -> str:
    """€ 12,50 (Dutch) or €12.50 (English)."""
    value = (Decimal(str(cents)) / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return format_currency(value, "EUR", locale=babel_locale())


def cents_text(cents: int) -> str:
    """How a money field shows an amount to edit: 12,50 in Dutch, 12.50 in English; "" for nothing."""
    if not cents:
        return ""
    text = f"{cents // 100}.{cents % 100:02d}"
    return text.replace(".", ",") if babel_locale().startswith("nl") else text


def hours_text(minutes: int) -> str:
    """1:30 for ninety minutes."""
    return f"{minutes // 60}:{minutes % 60:02d}"
