"""What free text must never show of a confidential address, and the redactor that takes it out.

An address reaches the vault in many shapes: split over street, postcode and city, or on one line ("Geheimsteeg 77,
1234 AB Utrecht", as the import template has it), or over several lines. And a coordinator types it again in any
shape ("geheimsteeg77", "GEHEIMSTEEG 77a", "1234ab"). So the secrets are the pieces a reader could find the parent
with — the street and number, the postcode, the postcode with the city, every line of the address — and each is
matched ignoring case, accents ("Eikenlaan" for "Ëikenlaan", "ss" for "ß") and the spaces and punctuation between
its letters and digits. The street's name is a secret without its number too ("naar de Geheimsteeg", "Geheimsteeg
nr. 77", "77 Geheimsteeg"), and so is the last word of a longer one ("Xqzstraat" of "Burgemeester Xqzstraat"), and
every line of the address, with a number or not ("Woonboot De Zwaan"). A town name alone is too common to take out of
every text, so it is not a secret by itself. Abbreviations ("Geheimstg.") are not recognised.

A parent whose address is confidential can be found by her e-mail address and phone number as well, so they are
taken out too, each with a marker of its own: the e-mail address in any case, the phone number with or without the
spaces, dashes and dots between its digits, in its national ("06-…") and international ("+31 6 …", "0031 6 …",
"+31 (0)6 …") form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from borapp.i18n import N_, _

_POSTCODE = re.compile(r"(?<![0-9A-Za-z])(\d{4})\s*([A-Za-z]{2})(?![A-Za-z])")
_STREET_AND_NUMBER = re.compile(r"([^\W\d_][\w'.\- ]*?)\s*(\d+)")
_LINE_BREAKS = re.compile(r"[,;\n\r]+")
# invisible characters that text pasted from a word processor or a web page carries inside words (soft hyphen,
# zero-width space and joiners, word joiner, byte order mark): "Mick\u00adring 44" prints as "Mickring 44"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_BETWEEN = rf"[\s.,\-/'{_INVISIBLE}]*"  # what may stand between two letters or digits of a secret as it is typed
_DUTCH_IJ = "\u0133\u0132"  # "ĳ", "Ĳ": one character for "ij", kept as it is in the folded text
_HOUSE_SUFFIX = r"(?:[\s\-/]?[A-Za-z](?![A-Za-z])(?:[\-/]\d+)?|[\-/]\d+)?"  # "77a", "77-A", "77/2", "77A-2"
# what stays of an address beside a street's name once that is out ("(geheim adres) nr. 44", "44 (geheim adres)") or
# after its number ("(geheim adres)-II", the floor): taken out with it
_NUMBER_AFTER = re.compile(rf"{_BETWEEN}(?:(?:huis)?(?:nr|no|nummer)\.?{_BETWEEN})?\d+{_HOUSE_SUFFIX}(?![0-9]|[:.]\d)",
                           re.IGNORECASE)  # not a time ("10:00")
_NUMBER_BEFORE = re.compile(rf"(?<![^\W_])(?:(?:huis)?(?:nr|no|nummer)\.?{_BETWEEN})?\d+{_HOUSE_SUFFIX}{_BETWEEN}$",
                            re.IGNORECASE)
_FLOOR_AFTER = re.compile(r"[\s\-/]*(?:iv|i{1,3}|hs|huis|bis|zw|bg|boven|beneden)(?![^\W_])", re.IGNORECASE)
_ENDS_IN_NUMBER = re.compile(r"\d[\s\-/]?[A-Za-z]?$")


# the kind of street a name ends in: the last word of "Oude Gracht" alone is no secret, that of "Burgemeester
# Xqzstraat" is
_STREET_KINDS = frozenset("""straat laan weg gracht kade plein singel dijk park hof steeg pad dreef baan ring markt
    erf kant zijde wal dam haven poort brug veld hoek berg dal bos""".split())


def secrets_of(address: str, postcode: str = "", city: str = "") -> list[str]:
    """The pieces of one confidential address that free text must not show."""
    whole = "\n".join(part.strip() for part in (address or "", f"{postcode or ''} {city or ''}") if part.strip())
    town = _fold((city or "").strip()).lower()
    found: list[str] = []
    numbered = False  # a line without a number after one with a number is the town ("Geheimsteeg 77, Utrecht")
    for line in _LINE_BREAKS.split(address or ""):
        line = line.strip()
        if line and any(ch.isdigit() for ch in line):  # a street with its number, or a postcode line
            found.append(line)
            numbered = True
        elif line and not numbered and _fold(line).lower() != town:  # "Woonboot De Zwaan, ligplaats Xqzkade"
            found += _street_names(line)
        for match in _STREET_AND_NUMBER.finditer(line):
            street = match.group(1).strip(" .-'")
            if sum(ch.isalpha() for ch in street) >= 3:
                found.append(f"{street} {match.group(2)}")
                found += _street_names(street)
    for match in _POSTCODE.finditer(whole):
        code = f"{match.group(1)} {match.group(2)}"
        found.append(code)
        after = whole[match.end():].lstrip(" ")
        town_after = re.match(r"[^\W\d_][\w'\- ]*", after)
        if town_after:
            found.append(f"{code} {town_after.group(0).strip()}")
    return sorted({s for s in found if len(_chars(s)) >= 4}, key=len, reverse=True)


def _street_names(street: str) -> list[str]:
    """A street's name, and the last word of a longer name when that word says more than the kind of street."""
    names = [street]
    words = street.split()
    if len(words) > 1 and len(words[-1]) >= 5 and _fold(words[-1]).lower() not in _STREET_KINDS:
        names.append(words[-1])
    return names


_FOLDED: dict[int, str] = {}  # every letter met with accents, to its letter without
_SEEN: set[str] = set()  # every character outside ASCII met so far


def _fold(text: str) -> str:
    """The text with every letter's accents taken off, one character for one ("Ë" → "E"): matches found in the
    folded text are replaced at the same places in the text itself."""
    if text.isascii():
        return text
    for ch in set(text) - _SEEN:
        _SEEN.add(ch)
        if ch.isalpha() and not ch.isascii() and ch not in _DUTCH_IJ:  # NFKD would make "ĳ" an "i"
            _FOLDED[ord(ch)] = unicodedata.normalize("NFKD", ch)[0]
    return text.translate(_FOLDED)


def _chars(secret: str) -> str:
    folded = "".join(ch for ch in _fold(secret) if ch.isalnum())
    return folded.replace("ß", "ss").replace("\u0133", "ij").replace("\u0132", "IJ")


def _pattern(secret: str) -> str:
    chars = _chars(secret)
    pieces, i = [], 0
    while i < len(chars):  # "ss" is typed as "ß" too, and the other way round
        if chars[i:i + 2].lower() == "ss":
            pieces.append(f"(?:s{_BETWEEN}s|ß)")
            i += 2
        elif chars[i:i + 2].lower() == "ij":  # and "ij" as "ĳ"
            pieces.append(f"(?:i{_BETWEEN}j|[{_DUTCH_IJ}])")
            i += 2
        else:
            pieces.append(re.escape(chars[i]))
            i += 1
    body = _BETWEEN.join(pieces)
    end = _HOUSE_SUFFIX + r"(?![0-9])" if chars[-1].isdigit() else r"(?![^\W_])"
    start = r"(?<![^\W_])" if chars[0].isalpha() else r"(?<![0-9])"
    return start + body + end


class Redactor:
    """Replaces every confidential secret in a text by the marker; "street, postcode city" reads as one marker.

    `towns`: the confidential addresses' towns. Not secret alone (too common), but right after a secret they are
    part of it: "(geheim adres), Huisduinen" still told the other parent which village to look in. `contacts`:
    (pattern, marker) of each confidential e-mail address and phone number (`contact_patterns`)."""

    def __init__(self, secrets: Iterable[str], marker: str, towns: Iterable[str] = (),
                 contacts: Iterable[tuple[str, str]] = ()):
        unique = sorted({s for s in secrets if len(_chars(s)) >= 4}, key=lambda s: len(_chars(s)), reverse=True)
        self._regex = re.compile("|".join(_pattern(s) for s in unique), re.IGNORECASE) if unique else None
        self._marker = marker
        names = sorted({_fold(t.strip()) for t in towns if t and t.strip()}, key=len, reverse=True)
        self._town_after = re.compile(rf"[\s,]*(?:(?:in|te)\s+)?(?:{'|'.join(re.escape(n) for n in names)})"
                                      r"(?![^\W_])", re.IGNORECASE) if names else None
        self._contacts = [(re.compile(pattern, re.IGNORECASE), mark) for pattern, mark in contacts]

    def __bool__(self) -> bool:
        return self._regex is not None or bool(self._contacts)

    def finds(self, text: str | None) -> bool:
        """Whether the text shows any of the secrets."""
        folded = _fold(text or "")
        return (self._regex is not None and self._regex.search(folded) is not None) or any(
            regex.search(folded) for regex, _mark in self._contacts)

    def __call__(self, text: str | None) -> str:
        text = text or ""
        for regex, mark in self._contacts:  # first: a street's pattern must not eat the digits of a phone number
            text = regex.sub(lambda _m, mark=mark: mark, text)
        if self._regex is None:
            return text
        folded = _fold(text)
        spans = _merged([self._with_town(folded, *_widened(folded, *m.span())) for m in self._regex.finditer(folded)])
        for start, end in reversed(spans):
            text = text[:start] + self._marker + text[end:]
        if self._marker:
            twice = re.escape(self._marker) + r"[\s,]+" + re.escape(self._marker)
            while re.search(twice, text):
                text = re.sub(twice, lambda _m: self._marker, text)
        return text


    def _with_town(self, text: str, start: int, end: int) -> tuple[int, int]:
        town = self._town_after.match(text, end) if self._town_after is not None else None
        return start, town.end() if town else end


def _widened(text: str, start: int, end: int) -> tuple[int, int]:
    """A match with the house number and floor that stand beside it, which say where she lives with the rest."""
    if not text[end - 1].isdigit() and (after := _NUMBER_AFTER.match(text, end)):
        end = after.end()
    if _ENDS_IN_NUMBER.search(text, start, end) and (floor := _FLOOR_AFTER.match(text, end)):
        end = floor.end()
    if text[start].isalpha() and (before := _NUMBER_BEFORE.search(text, 0, start)):
        start = before.start()
    return start, end


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def case_secrets(parents: Iterable, keep_role: str = "") -> list[str]:
    """The secrets of every confidential parent address of a case, except that of the parent `keep_role`."""
    found: list[str] = []
    for parent in parents:
        if parent.address_confidential and parent.role != keep_role:
            found += secrets_of(parent.address or "", parent.postcode or "", parent.city or "")
    return found


def case_redactor(case, marker: str, keep_role: str = "") -> Redactor:
    """The redactor for `case`'s confidential addresses, and the e-mail addresses and phone numbers of the parents
    they belong to (a parent may read her own: `keep_role`). The contacts' markers are in the language in force."""
    hidden = [p for p in case.parents if p.address_confidential and p.role != keep_role]
    contacts = [pair for p in hidden for pair in contact_patterns(p.email or "", p.phone or "")]
    return Redactor(case_secrets(case.parents, keep_role), marker, [p.city or "" for p in hidden], contacts)


EMAIL_MARKER = N_("(confidential e-mail address)")
PHONE_MARKER = N_("(confidential phone number)")
_EMAIL = re.compile(r"[^@\s<>,;:()\[\]\"']+@[^@\s<>,;:()\[\]\"']+")
_PHONE_BETWEEN = r"[\s\-./()]*"  # what may stand between two digits of a phone number as it is typed
MIN_PHONE_DIGITS = 6  # a shorter number would match dates and amounts


def contact_patterns(email: str, phone: str) -> list[tuple[str, str]]:
    """(pattern, marker) of each e-mail address and phone number in a parent's fields (one may hold two)."""
    found = [(_email_pattern(address), _(EMAIL_MARKER)) for address in _EMAIL.findall(email or "")]
    numbers = re.split(r"[,;]|\s/\s|\s(?:of|or|en|and)\s", phone or "", flags=re.IGNORECASE)
    found += [(pattern, _(PHONE_MARKER)) for pattern in map(_phone_pattern, numbers) if pattern]
    return found


def _email_pattern(address: str) -> str:
    local, _at, domain = address.strip(".").partition("@")
    return rf"(?<![\w.+\-]){re.escape(local)}\s*@\s*{re.escape(domain)}(?![\w\-]|\.\w)"


def _phone_pattern(number: str) -> str | None:
    """A Dutch number in its national and international forms (the "0" or "+31"/"0031", "(0)" or not); another
    country's as its digits, with its "+" or "00" or without."""
    digits = re.sub(r"[^\d+]", "", number)
    national = re.match(r"(?:\+|00)31(?:0)?(\d+)$|0(?!0)(\d+)$", digits)
    if national:
        rest = national.group(1) or national.group(2)
        # "(06) 757…": the bracket before an area code in brackets goes with it, or "((geheim …)" was left
        start = (rf"(?:(?:\+|00){_PHONE_BETWEEN}31{_PHONE_BETWEEN}(?:\(0\){_PHONE_BETWEEN})?"
                 rf"|(?:\(\s*(?=0\d{{1,3}}\s*\)))?0{_PHONE_BETWEEN})")
    else:
        rest = digits.lstrip("+")
        start = rf"(?:(?:\+|00){_PHONE_BETWEEN})?"
    if len(rest) < MIN_PHONE_DIGITS or not rest.isdigit():
        return None
    return rf"(?<![\d+]){start}{_PHONE_BETWEEN.join(rest)}(?!\d)"
