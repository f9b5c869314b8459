"""Properties of matching that must hold for every family and every volunteer, checked with hypothesis.

Mostly on the pure `score`/`rank` over plain dataclasses (thousands of cases a second), and twice through a real
vault to show `rank_candidates` reads the same facts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borapp.services.matching.ranking import FamilyNeeds, VolunteerFacts, rank, rank_candidates, score
from borapp.services.volunteers.profiles import DAY_PARTS, WEEKDAYS, format_availability

ON = dt.date(2026, 3, 1)
SLOTS = [(d, p) for d in WEEKDAYS for p in DAY_PARTS]
REGIONS = ["Kop", "West-Friesland", "Kennemerland/Alkmaar", ""]
LANGUAGES = ["nl", "en", "tr", "ar", "pl"]

slot_sets = st.frozensets(st.sampled_from(SLOTS), max_size=8)
dates = st.one_of(st.none(), st.dates(min_value=dt.date(2010, 1, 1), max_value=ON))

families = st.builds(
    FamilyNeeds, region=st.sampled_from(REGIONS), slots=slot_sets, wish_gender=st.sampled_from(["", "f", "m"]),
    wish_languages=st.lists(st.sampled_from(LANGUAGES), max_size=2, unique=True).map(tuple))


@st.composite
def volunteers(draw, ident=st.integers(1, 10_000)):
    max_cases = draw(st.integers(1, 5))
    return VolunteerFacts(
        id=draw(ident), name=draw(st.sampled_from(["Anna", "anna", "Bram", "Chloé", "Dirk", "Eva", "Ömer"])),
        region=draw(st.sampled_from(REGIONS)), gender=draw(st.sampled_from(["", "f", "m", "x"])),
        languages=tuple(draw(st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=3, unique=True))),
        availability=draw(slot_sets), vog_date=draw(dates), trained=draw(st.booleans()),
        active=draw(st.booleans()),
        left_on=draw(st.one_of(st.none(), st.dates(dt.date(2015, 1, 1), dt.date(2027, 1, 1)))),
        load=draw(st.integers(0, max_cases + 1)), max_cases=max_cases, finished=draw(st.integers(0, 12)),
        excluded=draw(st.one_of(st.none(), st.sampled_from(["", "kent de vader"]))))


def renewal(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def blocked(family: FamilyNeeds, v: VolunteerFacts, years: int = 3) -> bool:
    """The exclusion rules, written out apart from the implementation."""
    vog_old = v.vog_date is None or ON > renewal(v.vog_date, years)
    return (vog_old or not v.trained or not v.active or (v.left_on is not None and v.left_on <= ON)
            or v.load >= v.max_cases or v.excluded is not None
            or (family.wish_gender != "" and v.gender != family.wish_gender))


@settings(max_examples=2000, deadline=None)
@given(families, volunteers())
def test_eligibility_is_exactly_the_absence_of_every_block(family, v):
    c = score(family, v, on=ON)
    assert c.eligible == (not blocked(family, v))
    assert c.reasons and all(isinstance(r, str) and r.strip() for r in c.reasons)
    assert bool(c.blocks) == (not c.eligible)


BLOCKS = {
    "vog_missing": {"vog_date": None}, "vog_old": {"vog_date": dt.date(2018, 1, 1)}, "training": {"trained": False},
    "inactive": {"active": False}, "left": {"left_on": dt.date(2025, 1, 1)}, "full": {"load": 5},
    "excluded": {"excluded": ""}, "gender": {},
}


@settings(max_examples=1000, deadline=None)
@given(families, volunteers(), st.sampled_from(sorted(BLOCKS)), st.integers(0, 40))
def test_a_blocked_volunteer_is_never_eligible_whatever_its_other_scores(family, v, block, finished):
    """Give the volunteer the best of everything else, then one block: never eligible."""
    if block == "gender" and not family.wish_gender:
        family = dataclasses.replace(family, wish_gender="f")
    best = dataclasses.replace(v, region=family.region or "Kop", availability=frozenset(SLOTS),
                               languages=tuple(LANGUAGES), finished=finished, load=0, max_cases=5,
                               vog_date=dt.date(2025, 6, 1), trained=True, active=True, left_on=None, excluded=None,
                               gender=family.wish_gender or v.gender)
    assert score(family, best, on=ON).eligible
    changed = BLOCKS[block] or {"gender": "m" if family.wish_gender == "f" else "f"}
    worse = score(family, dataclasses.replace(best, **changed), on=ON)
    assert not worse.eligible and worse.blocks
    assert worse.score <= score(family, best, on=ON).score


@settings(max_examples=2000, deadline=None)
@given(families, volunteers(), st.sampled_from(SLOTS))
def test_more_availability_never_lowers_the_score(family, v, extra):
    before = score(family, v, on=ON)
    after = score(family, dataclasses.replace(v, availability=v.availability | {extra}), on=ON)
    assert after.score >= before.score
    assert after.eligible == before.eligible  # availability is a preference, never a block


@settings(max_examples=300, deadline=None)
@given(families, st.lists(volunteers(), max_size=25, unique_by=lambda v: v.id), st.randoms(use_true_random=False))
def test_ranking_is_deterministic_and_ignores_insertion_order(family, pool, rnd):
    first = rank(family, pool, on=ON)
    again = rank(family, list(pool), on=ON)
    shuffled = list(pool)
    rnd.shuffle(shuffled)
    third = rank(family, shuffled, on=ON)
    key = [(c.volunteer_id, c.score, c.eligible, c.reasons) for c in first]
    assert key == [(c.volunteer_id, c.score, c.eligible, c.reasons) for c in again]
    assert key == [(c.volunteer_id, c.score, c.eligible, c.reasons) for c in third]


@settings(max_examples=500, deadline=None)
@given(families, st.lists(volunteers(), max_size=25, unique_by=lambda v: v.id))
def test_eligible_ones_come_first_each_part_by_falling_score(family, pool):
    ranking = rank(family, pool, on=ON)
    flags = [c.eligible for c in ranking]
    assert flags == sorted(flags, reverse=True)
    for part in ([c for c in ranking if c.eligible], [c for c in ranking if not c.eligible]):
        scores = [c.score for c in part]
        assert scores == sorted(scores, reverse=True)


# ---- through a real vault ------------------------------------------------------------------------------------------

def _store(workspace, family: FamilyNeeds, pool: list[VolunteerFacts], rnd: random.Random) -> int:
    """The family as a case and the pool as volunteers (inserted in a random order); returns the case id."""
    from borapp.models import Case, CaseExclusion, Municipality, Training, Volunteer
    from borapp.services.cases.flow import start_history

    with workspace.session() as session:
        case = Case(ref="P-1", registered_on=dt.date(2025, 1, 1), preferred_slots=format_availability(family.slots),
                    wish_gender=family.wish_gender, wish_languages=";".join(family.wish_languages))
        case.municipality = Municipality(name="Plaats", region=family.region)
        session.add(case)
        start_history(case)
        case.status = "matching"
        order = list(pool)
        rnd.shuffle(order)
        for v in order:
            row = Volunteer(name=f"{v.name} {v.id}", region=v.region, gender=v.gender,
                            languages=";".join(v.languages), availability=format_availability(v.availability),
                            vog_date=v.vog_date, active=v.active, left_on=v.left_on, max_cases=v.max_cases)
            if v.trained:
                row.trainings.append(Training(kind="initial", on=dt.date(2015, 1, 1)))
            session.add(row)
            session.flush()
            for i in range(v.load):
                session.add(Case(ref=f"L-{row.id}-{i}", registered_on=dt.date(2025, 1, 1), status="visits",
                                 volunteer_id=row.id))
            for i in range(v.finished):
                session.add(Case(ref=f"F-{row.id}-{i}", registered_on=dt.date(2020, 1, 1), status="closed",
                                 volunteer_id=row.id))
            if v.excluded is not None:
                session.flush()
                session.add(CaseExclusion(case_id=case.id, volunteer_id=row.id, reason=v.excluded))
        session.flush()
        return case.id


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(families, st.lists(volunteers(), min_size=1, max_size=6, unique_by=lambda v: v.id), st.randoms())
def test_the_vault_ranking_matches_the_pure_ranking(workspace, family, pool, rnd):
    from borapp.models import Case, Municipality, Volunteer

    with workspace.session() as session:  # hypothesis reuses the fixture: start from an empty vault each time
        session.query(Case).delete()
        session.query(Volunteer).delete()
        session.query(Municipality).delete()
    case_id = _store(workspace, family, pool, rnd)
    stored = rank_candidates(workspace, case_id, on=ON)
    named = [dataclasses.replace(v, name=f"{v.name} {v.id}") for v in pool
             if v.left_on is None or v.left_on > ON]  # who has left is history, not a candidate
    pure = rank(family, named, on=ON)
    assert [(c.name, c.score, c.eligible, c.reasons) for c in stored] == \
        [(c.name, c.score, c.eligible, c.reasons) for c in pure]


def test_the_vault_ranking_is_the_same_twice(workspace):
    rnd = random.Random(7)
    family = FamilyNeeds("Kop", frozenset(SLOTS[:4]), "f", ("tr",))
    pool = [VolunteerFacts(i, n, region=rnd.choice(REGIONS), gender=rnd.choice("fm"), availability=frozenset(
        rnd.sample(SLOTS, 3)), vog_date=dt.date(2025, 1, 1), trained=True, load=0, max_cases=2)
        for i, n in enumerate(["Anna", "Bram", "Carla", "Daan", "Eva", "Fenna"], 1)]
    case_id = _store(workspace, family, pool, rnd)
    first = rank_candidates(workspace, case_id, on=ON)
    assert first == rank_candidates(workspace, case_id, on=ON)
    assert [c.eligible for c in first] == sorted((c.eligible for c in first), reverse=True)
