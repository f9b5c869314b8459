"""A plain strength hint for a new passphrase, in words a coordinator understands.

How guessable it is comes from zxcvbn (dictionaries, names, keyboard walks, dates, years, l33t), with the Dutch words
people build passwords from added: "Wachtwoord1" and "Welkom2025!" were rated strong by length and variety alone.
The vault file can be copied and tried offline, slowly (scrypt): below 10^8 guesses is weak, from 10^12 very strong.
"""

from __future__ import annotations

from borapp.i18n import _

MIN_LENGTH = 8

# Words Dutch passwords are often made of (zxcvbn's own lists are English)
DUTCH_WORDS = (
    "wachtwoord", "welkom", "geheim", "hallo", "kluis", "omgang", "begeleid", "begeleiding", "coordinator",
    "coördinator", "vrijwilliger", "humanitas", "bor", "gezin", "kinderen", "liefde", "schat", "schatje", "lente",
    "zomer", "herfst", "winter", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
    "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
    "december", "ajax", "feyenoord", "psv", "voetbal", "nederland", "holland", "amsterdam", "rotterdam", "alkmaar",
    "den helder", "haarlem", "prinses", "konijn", "hond", "kat", "poes", "wijkteam", "jeugdzorg", "kantoor",
)


def strength(passphrase: str) -> tuple[int, str]:
    """Score 0–4 with a one-line hint."""
    if len(passphrase) < MIN_LENGTH:
        return 0, _("Too short: use at least 8 characters, better a few unrelated words.")
    from zxcvbn import zxcvbn  # imported when a passphrase is typed: not at the CLI's start

    guesses = zxcvbn(passphrase[:100], user_inputs=list(DUTCH_WORDS))["guesses_log10"]
    if guesses < 8:
        return 1, _("Weak: easy to guess. Add another word or two.")
    if guesses < 10:
        return 2, _("Fair: one more word makes it strong.")
    if guesses < 12:
        return 3, _("Strong.")
    return 4, _("Very strong.")
