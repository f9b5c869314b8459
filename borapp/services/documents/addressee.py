"""To whom a letter to an organisation goes: the referrer, or (the closing report) the commissioning party.

DOMAIN.md: the closing report (*feitelijk verslag*) goes to the commissioning party, who commissioned and pays. So a
closing letter is the commissioner's by default when the case has one of its own (another organisation than the
referrer); the referrer can be sent one too. The other letters tell the referrer. A letter keeps its addressee
(`Letter.addressee`), so it renders the same later; "" (every letter stored before) is the referrer.
"""

from __future__ import annotations

from borapp.i18n import N_, _
from borapp.services.errors import UsageError

REFERRER = ""
COMMISSIONER = "commissioner"
ADDRESSEES = (REFERRER, COMMISSIONER)
TO_COMMISSIONER = ("closing",)  # the kinds that may go to the commissioning party
# The closing report's note on its use, for the commissioning party (the referrer's is `letters.USAGE_NOTE`).
COMMISSIONER_NOTE = N_("About this report: it states facts (dates, attendance, visits held and cancelled, agreements "
                       "made) and what the parents themselves said; it holds no judgement of the parents. It is meant "
                       "for you as the commissioning party in this case. Do not pass it on or use it for another "
                       "purpose without the parents' consent.")
COMMISSIONER_NOTE_NO_VISITS = N_("About this report: it states facts (dates and what became of the referral); it "
                                 "holds no judgement of the parents. It is meant for you as the commissioning party in "
                                 "this case. Do not pass it on or use it for another purpose without the parents' "
                                 "consent.")


def has_own_commissioner(referrer_id: int | None, commissioner_id: int | None) -> bool:
    """The case has a commissioning party that is not its referrer."""
    return commissioner_id is not None and commissioner_id != referrer_id


def default_addressee(kind: str, own_commissioner: bool) -> str:
    """The closing report to the commissioning party when the case has one of its own; else the referrer."""
    return COMMISSIONER if kind in TO_COMMISSIONER and own_commissioner else REFERRER


def check(kind: str, asked: str | None) -> None:
    """Refuse an addressee `kind` does not go to (None: the default, always fine)."""
    if asked is not None and asked not in ADDRESSEES:
        raise UsageError(_("A letter goes to the referrer or to the commissioning party."))
    if asked == COMMISSIONER and kind not in TO_COMMISSIONER:
        raise UsageError(_("Only the closing report goes to the commissioning party; the other letters go to the "
                           "referrer."))


def resolve(kind: str, asked: str | None, own_commissioner: bool) -> str:
    """`asked`, or (None) the default for `kind` in a case with or without a commissioning party of its own."""
    return default_addressee(kind, own_commissioner) if asked is None else asked
