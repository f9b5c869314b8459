"""Reading one cell: dates, yes/no, fixed choices, e-mail, phone, counts, languages, availability (children: see
children.py).

Every parser takes what the cell holds (text, or a date from an XLSX date cell) and returns the value, None for an
empty cell, or raises BadValue with a message in the user's language.
"""

from __future__ import annotations

import datetime as dt
import re

from borapp.i18n import _, language
from borapp.services.importer import vocab
from borapp.services import typed_dates
from borapp.services.errors import ValidationError
from borapp.services.importer.text import fold
from borapp.services.validation import email_problem, normal_postcode, phone_problem, postcode_problem

_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_MIDNIGHT = re.compile(r"[ T]0?0:00(:00)?(\.0+)?$")
_POSTCODE = re.compile(r"(?<![\w-])([1-9][0-9]{3}) ?([A-Za-z]{2})(?![\w-])")
_STREET = re.compile(r"^\D*\S.*\d.*$")  # a name, then a house number: "Kanaalkade 3", "1e Jacob van Campenstraat 4"
_CITY = re.compile(r"^'?[^\W\d_][\w'. ()-]*$")  # "Alkmaar", "'s-Hertogenbosch", "Bergen (NH)"
_SLOT = re.compile(r"^(?P<day>[a-z]+?)\s*(?P<part>ochtends?|morgen|middags?|avonds?|morning|afternoon|evening)?$")


class BadValue(ValueError):
    """A cell that cannot be read; str() is the message for the user."""


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_date(value: object) -> dt.date | None:
    """A date cell as it is, or text read by the app's date parser (the forms a date field takes, so a file can say
    what a coordinator types: 15-3-2024, 15-3-24, 2024-03-15, 15 maart 2024); not 'vandaag', which a file read on
    another day would make another date."""
    if is_empty(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _MIDNIGHT.sub("", str(value).strip())
    if ymd := _YMD.match(text):  # 2024/03/15 and 2024.03.15, as exports write them, besides 2024-03-15
        text = "-".join(ymd.groups())
    try:
        return typed_dates.parse_date(text, relative=False)
    except typed_dates.UnreadableDate:
        raise BadValue(_("'{value}' is not a date BOR Desk can read; write it as 15-3-2024, 15-03-24, 15 March 2024 "
                         "or 2024-03-15 (or make it a date cell).").format(value=value)) from None
    except ValidationError as exc:  # read, but no such day: "'2024-02-30' is not a date: februari 2024 has no day 30"
        raise BadValue(str(exc)) from None


def parse_choice(value: object, table: vocab.Vocabulary, codes: tuple[str, ...]) -> str | None:
    if is_empty(value):
        return None
    code = table.get(fold(value))
    if code is None:
        choices = ", ".join(table.word(c, language() == "nl") for c in codes)
        raise BadValue(_("'{value}' is not one of: {choices}.").format(value=value, choices=choices))
    return code


def parse_yes_no(value: object) -> bool | None:
    code = parse_choice(value, vocab.YES_NO, ("yes", "no"))
    return None if code is None else code == "yes"


def parse_email(value: object) -> str:
    text = "" if is_empty(value) else str(value).strip()
    if email_problem(text):  # the app's one check: an address the import took, the case file refused
        raise BadValue(_("'{value}' is not an e-mail address.").format(value=text))
    return text


def parse_phone(value: object) -> str:
    text = "" if is_empty(value) else str(value).strip()
    if text and phone_problem(text):  # the value, then why: the two sentences before said "not a phone number" twice
        raise BadValue(f"'{text}': {phone_problem(text)}")
    return text


def parse_postcode(value: object) -> str:
    text = "" if is_empty(value) else str(value).strip()
    if postcode_problem(text):
        raise BadValue(f"'{text}': {postcode_problem(text)}")
    return normal_postcode(text) if text else ""


def split_address(value: object) -> tuple[str, str, str] | None:
    """A one-cell address with one Dutch postcode as (street and number, postcode, city): "Kanaalkade 3, 1811CD
    Alkmaar" → ("Kanaalkade 3", "1811 CD", "Alkmaar"); the city may be missing. None when it cannot be split safely:
    no postcode or two, nothing before it, or more than a place name after it."""
    text = " ".join(str(value).replace(",", ", ").split()) if not is_empty(value) else ""
    found = list(_POSTCODE.finditer(text))
    if len(found) != 1:
        return None
    match = found[0]
    street, city = text[:match.start()].strip(" ,"), text[match.end():].strip(" ,")
    if not _STREET.match(street) or "," in street or (city and not _CITY.match(city)):
        return None
    return street, normal_postcode("".join(match.groups())), city


def more_than_a_street(text: str) -> bool:
    """A street field that holds a place or postcode as well: parts after a comma or on a second line."""
    return bool(re.search(r"[,\n]", text) or _POSTCODE.search(text))


def parse_positive_int(value: object) -> int | None:
    if is_empty(value):
        return None
    text = str(value).strip()
    if re.fullmatch(r"\d+(\.0+)?", text) and int(float(text)) > 0:
        return int(float(text))
    raise BadValue(_("'{value}' is not a positive whole number.").format(value=text))


def _items(value: object) -> list[str]:
    return [item.strip() for item in re.split(r"[;,\n]+", str(value)) if item.strip()]


def slot_words(day: str, part: str, *, dutch: bool | None = None) -> str:
    """A day-part as the template writes it, in Dutch or English (by default the user's language): 'ma-ochtend',
    'mon-morning'."""
    dutch = language() == "nl" if dutch is None else dutch
    return f"{vocab.DAYS.word(day, dutch)}-{vocab.DAY_PARTS.word(part, dutch)}"


def parse_languages(value: object) -> list[str] | None:
    """'nl; en' or 'Nederlands, Engels' → ['nl', 'en']; a two- or three-letter code not in the table is kept."""
    if is_empty(value):
        return None
    codes: list[str] = []
    for item in _items(value):
        code = vocab.LANGUAGES.get(fold(item))
        if code is None and re.fullmatch(r"[a-z]{2,3}", item.lower()):
            code = item.lower()
        if code is None:
            dutch = language() == "nl"  # the example as the template in the user's language writes it
            raise BadValue(_("'{value}' is not a language this app knows; write it as the template does, e.g. "
                             "'{example}', or as a language code such as 'nl'.").format(
                value=item, example="; ".join(vocab.LANGUAGES.word(c, dutch) for c in ("nl", "en"))))
        if code not in codes:
            codes.append(code)
    return codes


def parse_availability(value: object) -> list[str] | None:
    """'ma-ochtend; za-middag' → ['mon-morning', 'sat-afternoon']; a day alone means all of that day."""
    if is_empty(value):
        return None
    slots: list[str] = []
    for item in _items(value):
        match = _SLOT.match(fold(item).replace(" ", ""))
        day = vocab.DAYS.get(match.group("day")) if match else None
        if day is None:
            raise BadValue(_("'{value}' is not a day part; write it as e.g. '{morning}' or '{afternoon}'.").format(
                value=item, morning=slot_words("mon", "morning"), afternoon=slot_words("sat", "afternoon")))
        parts = [vocab.DAY_PARTS[match.group("part")]] if match.group("part") else ["morning", "afternoon", "evening"]
        slots += [f"{day}-{part}" for part in parts if f"{day}-{part}" not in slots]
    return slots
