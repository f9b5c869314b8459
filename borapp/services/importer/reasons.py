"""Mapping the free text of an `outcome_reason` cell to a known reason code (cases.status.REASONS), loosely."""

from __future__ import annotations

from difflib import SequenceMatcher

from borapp.services.cases.status import REASONS
from borapp.services.importer.text import fold

# Dutch phrasings coordinators use (the words of the 2019 annual report); English labels come from REASONS.
DUTCH = {
    "resident_resistance": ("te veel weerstand verzorgende ouder", "weerstand verzorgende ouder", "weerstand",
                            "kind komt klem", "kind raakt klem"),
    "problems_too_heavy": ("problematiek te zwaar", "problemen te zwaar", "te zware problematiek",
                           "jgb neemt over", "jeugdbescherming neemt over"),
    "non_resident_unstable": ("functioneren uitwonende ouder te instabiel", "uitwonende ouder te instabiel",
                              "uitwonende ouder instabiel", "instabiel"),
    "contract_rejected": ("ouder gaat niet akkoord met de overeenkomst", "niet akkoord met overeenkomst",
                          "niet akkoord met contract", "geen akkoord", "niet akkoord"),
    "referred_too_early": ("te vroeg verwezen", "bor niet de juiste hulp", "niet de juiste hulp", "te vroeg"),
    "wrong_expectations": ("verkeerde verwachtingen", "onjuiste verwachtingen", "verwachtingen"),
    "parents_reconciled": ("ouders weer samen", "ouders verzoend", "verzoend", "weer bij elkaar"),
    "no_volunteer_match": ("geen passende vrijwilliger", "geen vrijwilliger", "geen match", "geen koppeling"),
    "no_response": ("ouders reageren niet", "geen reactie", "reageerden niet", "niet gereageerd"),
    "other": ("anders", "overig", "overige", "andere reden"),
}
_SIMILAR = 0.85


def _phrases(code: str, label: str) -> list[str]:
    return [fold(code), fold(label), *(fold(p) for p in DUTCH.get(code, ()))]


def match_reason(outcome: str, text: str) -> str | None:
    """The reason code `text` stands for under `outcome`, or None when it matches none of them."""
    said = fold(text)
    if not said:
        return None
    known = REASONS.get(outcome, {})
    phrases = {code: _phrases(code, label) for code, label in known.items()}
    for code, options in phrases.items():  # exact first: a code, a label or a Dutch phrase
        if said in options:
            return code
    for code, options in phrases.items():  # then close spelling of a whole phrase
        if any(SequenceMatcher(None, said, option).ratio() >= _SIMILAR for option in options):
            return code
    for code, options in phrases.items():  # then a phrase inside a longer text ("other" only when said exactly)
        if code != "other" and any(len(option) > 4 and option in said for option in options):
            return code
    return None
