"""Postal addresses as they go on an envelope: one line each ("Postbus 53" / "1800 BC Alkmaar").

An address typed on one line with commas ("Straat 12, 1234 AB Plaats", as older vaults hold them) is read as those
lines; spaces are tidied and a postcode is written "1234 AB". A letter's own address block is taken line by line
as typed (commas stay: "Gemeente Alkmaar, team Jeugd" is one line).
"""

from __future__ import annotations

import re

from borapp.i18n import _

MAX_LINES = 5
MAX_LENGTH = 300  # the organisation's address column
_POSTCODE_LINE = re.compile(r"^([1-9][0-9]{3}) ?([A-Za-z]{2})(?=\s|$)(.*)$")


def block_lines(text: str | None) -> tuple[str, ...]:
    """The lines typed, spaces tidied, empty lines left out."""
    raw = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return tuple(line for line in (" ".join(part.split()) for part in raw.split("\n")) if line)


def address_lines(text: str | None) -> tuple[str, ...]:
    """A postal address as its lines; one line with commas is split at the commas; a postcode as "1234 AB"."""
    lines = block_lines(text)
    if len(lines) == 1 and "," in lines[0]:
        lines = tuple(part.strip() for part in lines[0].split(",") if part.strip())
    return tuple(_postcode(line) for line in lines)


def normal_address(text: str | None) -> str:
    """How a postal address is stored: its lines joined by line breaks."""
    return "\n".join(address_lines(text))


def one_line(text: str | None) -> str:
    """The address on one line, for lists and summaries: "Straat 12, 1234 AB Plaats"."""
    return ", ".join(address_lines(text))


def address_problem(text: str | None) -> str:
    """Why the address cannot be kept ("" when it can)."""
    if len(address_lines(text)) > MAX_LINES:
        return _("Keep the address to {n} lines at most.").format(n=MAX_LINES)
    if len(normal_address(text)) > MAX_LENGTH:
        return _("At most {n} characters.").format(n=MAX_LENGTH)
    return ""


def address_warning(text: str | None) -> str:
    """A hint that does not block: an address without a postcode line may not arrive."""
    lines = address_lines(text)
    if lines and not any(_POSTCODE_LINE.match(line) for line in lines):
        return _("No postcode found: put the postcode and place on a line of their own (1234 AB Plaats).")
    return ""


def _postcode(line: str) -> str:
    match = _POSTCODE_LINE.match(line)
    if match is None:
        return line
    digits, letters, rest = match.groups()
    return f"{digits} {letters.upper()}{rest}"
