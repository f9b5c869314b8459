"""What matching asks of a volunteer, and what to do when nobody can be matched: words for the volunteer form and
the matching wizard, made from the rules `ranking` applies (never a second copy of them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from borapp.i18n import N_, _, ngettext
from borapp.services.matching.ranking import Candidate, VolunteerFacts, leaving_note, readiness_blocks

ACTIVE = N_("Can be matched to new cases")  # the volunteer form's tick
# Why volunteers cannot be matched, by the kind of the blocking factor, in the order the wizard says it; each with
# the way to put it right.
_WAYS = (
    ("training", lambda n: ngettext(
        "{n} volunteer has no training day recorded: record it in their profile once they have followed it.",
        "{n} volunteers have no training day recorded: record it in their profile once they have followed it.", n)),
    ("vog", lambda n: ngettext(
        "{n} volunteer has no VOG or one that is too old: record the date of the new VOG in their profile.",
        "{n} volunteers have no VOG or one that is too old: record the date of the new VOG in their profile.", n)),
    ("capacity", lambda n: ngettext(
        "{n} volunteer has no room for another case: raise their maximum in their profile if they agree.",
        "{n} volunteers have no room for another case: raise their maximum in their profile if they agree.", n)),
    ("gender", lambda n: ngettext(
        "{n} volunteer does not meet the parents' demand: talk the demand over with the parents.",
        "{n} volunteers do not meet the parents' demand: talk the demand over with the parents.", n)),
    ("active", lambda n: ngettext("{n} volunteer is not active or has left.",
                                  "{n} volunteers are not active or have left.", n)),
    ("exclusion", lambda n: ngettext("{n} volunteer is excluded for this case.",
                                     "{n} volunteers are excluded for this case.", n)),
)


def requirements(vog_years: int) -> str:
    """What a volunteer needs before any case can be matched to them."""
    return ngettext(
        "To be matched, a volunteer needs a training day on record, a VOG less than {n} year old, "
        "\u201c{active}\u201d ticked and room under their maximum number of cases.",
        "To be matched, a volunteer needs a training day on record, a VOG less than {n} years old, "
        "\u201c{active}\u201d ticked and room under their maximum number of cases.", vog_years).format(
            n=vog_years, active=_(ACTIVE))


def volunteer_blocks(*, vog_date: dt.date | None, trained: bool, active: bool, left_on: dt.date | None,
                     load: int, max_cases: int, vog_years: int, on: dt.date | None = None,
                     vog_unreadable: bool = False) -> list[str]:
    """Why this volunteer cannot be matched to another case now (empty when nothing in their profile stops it);
    `load` is the number of their open cases; `vog_unreadable`: a VOG date is typed that cannot be read (not "no VOG
    on record" beside a field that says it cannot read the date)."""
    facts = VolunteerFacts(id=0, name="", vog_date=vog_date, trained=trained, active=active, left_on=left_on,
                           load=load, max_cases=max_cases)
    return [_("The VOG date cannot be read") if f.kind == "vog" and vog_unreadable else f.text
            for f in readiness_blocks(facts, on=on or dt.date.today(), vog_years=vog_years)]


def volunteer_leaving(*, active: bool, left_on: dt.date | None, on: dt.date | None = None) -> str:
    """What matching says of a leaving date still ahead ("" when there is none)."""
    note = leaving_note(VolunteerFacts(id=0, name="", active=active, left_on=left_on), on=on or dt.date.today())
    return note.text if note else ""


def ways_forward(ranking: Iterable[Candidate]) -> list[str]:
    """When nobody can be matched: what holds the volunteers back, counted, each with the way to put it right."""
    ranking = list(ranking)
    if not ranking:
        return [_("There are no volunteers yet: add them under Volunteers.")]
    kinds: dict[str, int] = {}
    for candidate in ranking:
        for kind in {f.kind for f in candidate.factors if f.blocks}:
            kinds[kind] = kinds.get(kind, 0) + 1
    return [words(kinds[kind]).format(n=kinds[kind]) for kind, words in _WAYS if kind in kinds]
