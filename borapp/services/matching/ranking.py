"""Matching a volunteer to a case (koppelen): an explainable score and the rules that exclude a volunteer.

Everything is decided by `score` on plain facts (`FamilyNeeds`, `VolunteerFacts`), so the rules can be tested
without a vault; `rank_candidates` only reads those facts from the vault. Every factor adds points (or takes
some away) and says why in one short sentence; a blocking factor makes the volunteer ineligible whatever the
points. Points per factor, at most 100 in all:

    region        same region +25, another region -10
    availability  up to +35 for the family's preferred parts of the day (pro rata), none of them -15
    capacity      up to +15 for free room under the volunteer's maximum; at the maximum: blocked
    experience    +3 per completed trajectory, at most +15
    languages     +10 when every wished language is spoken, in proportion when only some are (the missing ones
                  named), -25 when none is (a strong minus, not a block: an interpreter or Dutch may still do,
                  and the coordinator knows the family)
    demands       the parents' gender demand: a volunteer of another (or unrecorded) gender is blocked
    leaving       a leaving date within half a year (a trajectory runs 3 to 6 months): -10, named with its date
    blocks        no VOG or one older than the renewal period, no training day, inactive or left, excluded for
                  this case (e.g. known to the family)
    warnings      a VOG due for renewal within two months: no points, but a warning, and the volunteer ranks below
                  others with the same score (the VOG would pass its renewal age during the first visits)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from babel import Locale
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from borapp.collation import sort_key
from borapp.formatting import short_date
from borapp.i18n import N_, _, babel_locale, ngettext
from borapp.models import Case, CaseExclusion, Training, Volunteer
from borapp.services import settings
from borapp.services.cases.flow import get_case
from borapp.services.cases.status import OPEN_STATUSES
from borapp.services.volunteers.profiles import (
    DAY_PARTS, WEEKDAYS, Slot, parse_availability, parse_languages, vog_renew_on, vog_state,
)

REGION_SAME, REGION_OTHER = 25.0, -10.0
AVAILABILITY_FULL, AVAILABILITY_NONE = 35.0, -15.0
CAPACITY_FULL = 15.0
EXPERIENCE_EACH, EXPERIENCE_MAX = 3.0, 15.0
LANGUAGE_SPOKEN, LANGUAGE_NONE = 10.0, -25.0
LEAVING_SOON, LEAVING_SOON_DAYS = -10.0, 183  # she would leave before a new case of 3 to 6 months is over
MAX_SCORE = REGION_SAME + AVAILABILITY_FULL + CAPACITY_FULL + EXPERIENCE_MAX + LANGUAGE_SPOKEN

PART_WORDS = {"morning": N_("morning"), "afternoon": N_("afternoon"), "evening": N_("evening")}
DEMANDS = {"f": N_("Parents' demand: a female volunteer"), "m": N_("Parents' demand: a male volunteer")}
DEMAND_MET = {"f": N_("A woman, as the parents demand"), "m": N_("A man, as the parents demand")}
WISH_GENDERS = tuple(DEMANDS)
DEFAULT_EXCLUSION = N_("no reason recorded")  # one synced or imported without; never made up


@dataclass(frozen=True)
class FamilyNeeds:
    """What matching needs to know about the case: where the family lives and what the parents ask."""

    region: str = ""
    slots: frozenset[Slot] = frozenset()
    wish_gender: str = ""  # "f", "m" or "" (no demand)
    wish_languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class VolunteerFacts:
    id: int
    name: str
    region: str = ""
    gender: str = ""
    languages: tuple[str, ...] = ("nl",)
    availability: frozenset[Slot] = frozenset()
    vog_date: dt.date | None = None
    trained: bool = False
    active: bool = True
    left_on: dt.date | None = None
    load: int = 0  # open cases besides the one being matched
    max_cases: int = 2
    finished: int = 0  # closed cases this volunteer supervised
    excluded: str | None = None  # the reason when excluded for this case ("" for no reason given)


@dataclass(frozen=True)
class Factor:
    """One reason: its points (0 for a plain note or a block), its words, and whether it blocks the match."""

    kind: str
    points: float
    text: str
    blocks: bool = False
    warns: bool = False  # allowed, but the coordinator must see it before matching (a VOG due for renewal)

    @property
    def tone(self) -> str:
        """"block", "warning", "plus", "minus" or "note": how the wizard marks it."""
        if self.blocks:
            return "block"
        if self.warns:
            return "warning"
        return "plus" if self.points > 0 else "minus" if self.points < 0 else "note"


@dataclass(frozen=True)
class Candidate:
    volunteer_id: int
    name: str
    score: float
    eligible: bool
    reasons: list[str]
    factors: tuple[Factor, ...] = field(default=(), compare=False)

    @property
    def blocks(self) -> list[str]:
        """Why an ineligible volunteer cannot be matched."""
        return [f.text for f in self.factors if f.blocks]

    @property
    def warnings(self) -> list[str]:
        """What allows the match but needs seeing to first (a VOG due for renewal)."""
        return [f.text for f in self.factors if f.warns]


# ---- words --------------------------------------------------------------------------------------------------------

# Languages coordinators name otherwise than the locale data ("ber": Berber, which it has no name for; "rif": Tarifit,
# not "Riffian"; "fa": Farsi, as the families say it)
OWN_LANGUAGE_NAMES = {"ber": N_("Berber"), "rif": N_("Tarifit"), "fa": N_("Farsi")}


def language_name(code: str) -> str:
    """The language's name; a code the locale data does not know is shown in capitals (RU), a language kept by its
    typed name (profiles.language_code: "papiamentu") with a capital."""
    if code in OWN_LANGUAGE_NAMES:
        return _(OWN_LANGUAGE_NAMES[code])
    name = Locale.parse(babel_locale()).languages.get(code) or (code if len(code) > 3 else "")
    return (name[:1].upper() + name[1:]) if name else code.upper()


def language_list(codes: Iterable[str]) -> str:
    return ", ".join(language_name(c) for c in codes)


def slot_label(slot: Slot) -> str:
    day, part = slot
    days = Locale.parse(babel_locale()).days["format"]["wide"]
    return _("{day} {part}").format(day=days[WEEKDAYS.index(day)], part=_(PART_WORDS[part]))


def slot_labels(slots: Iterable[Slot]) -> list[str]:
    order = {(d, p): i for i, (d, p) in enumerate((d, p) for d in WEEKDAYS for p in DAY_PARTS)}
    return [slot_label(s) for s in sorted(slots, key=order.__getitem__)]


# ---- the rules ----------------------------------------------------------------------------------------------------

def score(family: FamilyNeeds, v: VolunteerFacts, *, on: dt.date, vog_years: int = 3) -> Candidate:
    """The volunteer's points, whether the rules allow the match, and every reason in the user's language."""
    checks = [f for f in _blocks(family, v, on, vog_years) if f is not None]
    scored = [f for f in (_region(family, v), _availability(family, v), _capacity(v), _experience(v),
                          _languages(family, v)) if f is not None]
    # Why not first, then a warning (a VOG due for renewal), then the points in a fixed order, then notes (a demand
    # met, a leaving date ahead).
    factors = ([f for f in checks if f.blocks] + [f for f in checks if f.warns] + scored
               + [f for f in checks if not f.blocks and not f.warns])
    total = round(sum(f.points for f in factors), 1)
    eligible = not any(f.blocks for f in factors)
    return Candidate(v.id, v.name, total, eligible, [f.text for f in factors], tuple(factors))


def rank(family: FamilyNeeds, volunteers: Iterable[VolunteerFacts], *, on: dt.date,
         vog_years: int = 3) -> list[Candidate]:
    """Eligible volunteers first by falling score, then the ineligible ones; ties without a warning first, then by
    name, then number."""
    scored = [score(family, v, on=on, vog_years=vog_years) for v in volunteers]
    return sorted(scored, key=lambda c: (not c.eligible, -c.score, bool(c.warnings), sort_key(c.name),
                                         c.volunteer_id))


def _blocks(family: FamilyNeeds, v: VolunteerFacts, on: dt.date, years: int) -> list[Factor | None]:
    return [_excluded(v), _departed(v, on), _vog(v, on, years), _training(v), _gender(family, v), _full(v)]


def readiness_blocks(v: VolunteerFacts, *, on: dt.date, vog_years: int = 3) -> list[Factor]:
    """What keeps the volunteer from being matched to any case, whatever the family (the rules of `score`)."""
    return [f for f in (_departed(v, on), _vog(v, on, vog_years), _training(v), _full(v)) if f is not None and f.blocks]


def leaving_note(v: VolunteerFacts, *, on: dt.date) -> Factor | None:
    """A leaving date still ahead, as matching names it (None when there is none, or she has left already)."""
    found = _departed(v, on)
    return found if found is not None and not found.blocks else None


def _excluded(v: VolunteerFacts) -> Factor | None:
    if v.excluded is None:
        return None
    why = v.excluded.strip() or _(DEFAULT_EXCLUSION)
    return Factor("exclusion", 0, _("Excluded for this case: {reason}").format(reason=why), True)


def _departed(v: VolunteerFacts, on: dt.date) -> Factor | None:
    if v.left_on is not None and v.left_on <= on:
        return Factor("active", 0, _("Left on {date}").format(date=short_date(v.left_on)), True)
    if not v.active:
        return Factor("active", 0, _("Not active at the moment"), True)
    if v.left_on is not None and (v.left_on - on).days <= LEAVING_SOON_DAYS:
        return Factor("active", LEAVING_SOON, _(
            "Leaves on {date}: a new case (3 to 6 months) would need another volunteer before its end").format(
                date=short_date(v.left_on)))
    if v.left_on is not None:
        return Factor("active", 0, _("Leaves on {date}").format(date=short_date(v.left_on)))
    return None


def _vog(v: VolunteerFacts, on: dt.date, years: int) -> Factor | None:
    state = vog_state(v.vog_date, years, on)
    if state == "missing":
        return Factor("vog", 0, _("No VOG on record"), True)
    date = short_date(v.vog_date)
    if state == "overdue":
        text = ngettext("VOG of {date} is older than {years} year", "VOG of {date} is older than {years} years",
                        years).format(date=date, years=years)
        return Factor("vog", 0, text, True)
    if state == "soon":
        renew = short_date(vog_renew_on(v.vog_date, years))
        return Factor("vog", 0, _("VOG of {date} is due for renewal on {renew}").format(date=date, renew=renew),
                      warns=True)
    return None


def _training(v: VolunteerFacts) -> Factor | None:
    return None if v.trained else Factor("training", 0, _("Has not followed the training day yet"), True)


def _gender(family: FamilyNeeds, v: VolunteerFacts) -> Factor | None:
    wish = family.wish_gender
    if wish not in DEMANDS:
        return None
    if v.gender == wish:
        return Factor("gender", 0, _(DEMAND_MET[wish]))
    if not v.gender:
        return Factor("gender", 0, _("{demand}; gender not recorded").format(demand=_(DEMANDS[wish])), True)
    return Factor("gender", 0, _(DEMANDS[wish]), True)


def _full(v: VolunteerFacts) -> Factor | None:
    if v.load < v.max_cases:
        return None
    return Factor("capacity", 0, ngettext("{load} of {max} case in use: no room for another",
                                          "{load} of {max} cases in use: no room for another",
                                          v.max_cases).format(load=v.load, max=v.max_cases), True)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _region(family: FamilyNeeds, v: VolunteerFacts) -> Factor:
    if not family.region.strip():
        return Factor("region", 0, _("The family's region is not known"))
    if not v.region.strip():
        return Factor("region", 0, _("Region not recorded"))
    if _same(family.region, v.region):
        return Factor("region", REGION_SAME, _("Same region ({region})").format(region=v.region))
    return Factor("region", REGION_OTHER, _("Other region ({region}); the family lives in {family}").format(
        region=v.region, family=family.region))


def _availability(family: FamilyNeeds, v: VolunteerFacts) -> Factor:
    wanted = len(family.slots)
    if not wanted:
        return Factor("availability", 0, _("The family stated no preferred parts of the day"))
    overlap = len(family.slots & v.availability)
    if not overlap:
        text = (_("Not available on the preferred part of the day") if wanted == 1 else
                _("Not available on any of the {total} preferred parts of the day").format(total=wanted))
        return Factor("availability", AVAILABILITY_NONE, text)
    text = ngettext("{n} of {total} preferred part of the day available",
                    "{n} of {total} preferred parts of the day available", wanted)
    return Factor("availability", AVAILABILITY_FULL * overlap / wanted, text.format(n=overlap, total=wanted))


def _capacity(v: VolunteerFacts) -> Factor | None:
    if v.load >= v.max_cases:
        return None  # the block says it
    free = (v.max_cases - v.load) / v.max_cases
    text = ngettext("{load} of {max} case in use", "{load} of {max} cases in use", v.max_cases)
    return Factor("capacity", CAPACITY_FULL * free, text.format(load=v.load, max=v.max_cases))


def _experience(v: VolunteerFacts) -> Factor:
    if v.finished <= 0:
        return Factor("experience", 0, _("No trajectories completed yet"))
    text = ngettext("{n} trajectory completed", "{n} trajectories completed", v.finished).format(n=v.finished)
    return Factor("experience", min(EXPERIENCE_MAX, EXPERIENCE_EACH * v.finished), text)


def _languages(family: FamilyNeeds, v: VolunteerFacts) -> Factor | None:
    if not family.wish_languages:
        return None
    spoken = [code for code in family.wish_languages if code in v.languages]
    missing = [code for code in family.wish_languages if code not in v.languages]
    if spoken and not missing:
        return Factor("language", LANGUAGE_SPOKEN, _("Speaks {languages}, as wished").format(
            languages=language_list(spoken)))
    if spoken:
        share = LANGUAGE_SPOKEN * len(spoken) / len(family.wish_languages)
        return Factor("language", round(share, 1), _("Speaks {languages}, but not {missing}").format(
            languages=language_list(spoken), missing=language_list(missing)))
    return Factor("language", LANGUAGE_NONE, _("Speaks none of the wished languages ({languages})").format(
        languages=language_list(family.wish_languages)))


# ---- from the vault -----------------------------------------------------------------------------------------------

def family_needs(case: Case) -> FamilyNeeds:
    region = case.municipality.region if case.municipality else ""
    gender = case.wish_gender if case.wish_gender in WISH_GENDERS else ""
    return FamilyNeeds(region, parse_availability(case.preferred_slots), gender, parse_languages(case.wish_languages))


def volunteer_facts(session: Session, case: Case, on: dt.date | None = None) -> list[VolunteerFacts]:
    """Every volunteer still in the pool on `on` (today) or matched to this case, with the load (without this
    case), completed trajectories and this case's exclusions. Those who have left are history, not candidates: over
    the years they outnumber the pool many times.

    Counted in SQL from indexes, not by reading every case: the load from the open cases (the status index), every
    matched case per volunteer from the volunteer index alone; completed = matched - open - this case. Volunteers
    are read as plain rows, their languages parsed once per distinct text."""
    still_here = or_(Volunteer.left_on.is_(None), Volunteer.left_on > (on or dt.date.today()))
    if case.volunteer_id is not None:
        still_here = or_(still_here, Volunteer.id == case.volunteer_id)
    rows = session.execute(select(Volunteer.id, Volunteer.name, Volunteer.region, Volunteer.gender,
                                  Volunteer.languages, Volunteer.availability, Volunteer.vog_date, Volunteer.active,
                                  Volunteer.left_on, Volunteer.max_cases).where(still_here)).all()
    pool = select(Volunteer.id).where(still_here)  # their cases are found through the volunteer index
    matched = dict(session.execute(select(Case.volunteer_id, func.count()).where(Case.volunteer_id.in_(pool))
                                   .group_by(Case.volunteer_id)).all())
    loads = dict(session.execute(
        select(Case.volunteer_id, func.count()).where(Case.status.in_(OPEN_STATUSES), Case.volunteer_id.is_not(None),
                                                      Case.id != case.id).group_by(Case.volunteer_id)).all())
    trained = set(session.scalars(select(Training.volunteer_id).where(Training.kind == "initial",
                                                                       Training.volunteer_id.in_(pool)).distinct()))
    excluded = dict(session.execute(select(CaseExclusion.volunteer_id, CaseExclusion.reason).where(
        CaseExclusion.case_id == case.id)).all())
    return [VolunteerFacts(
        id=v.id, name=v.name, region=v.region, gender=v.gender, languages=parse_languages(v.languages),
        availability=parse_availability(v.availability), vog_date=v.vog_date, trained=v.id in trained, active=v.active,
        left_on=v.left_on, load=loads.get(v.id, 0), max_cases=v.max_cases,
        finished=matched.get(v.id, 0) - loads.get(v.id, 0) - (v.id == case.volunteer_id),
        excluded=excluded.get(v.id)) for v in rows]


def rank_in_session(session: Session, case: Case, on: dt.date | None = None) -> list[Candidate]:
    years = settings.get_int(session, "vog_renewal_years")
    on = on or dt.date.today()
    return rank(family_needs(case), volunteer_facts(session, case, on), on=on, vog_years=years)


def rank_candidates(workspace, case_id: int, on: dt.date | None = None) -> list[Candidate]:
    """Every volunteer in the pool for the case: the eligible ones by falling score, then the others with why not."""
    with workspace.session() as session:
        return rank_in_session(session, get_case(session, case_id), on)
