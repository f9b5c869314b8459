"""What matching asks of a volunteer and, when nobody can be matched, what to put right: from the ranking's rules."""

from __future__ import annotations

import datetime as dt

from borapp.i18n import set_language
from borapp.services.matching.advice import requirements, volunteer_blocks, ways_forward
from borapp.services.matching.ranking import FamilyNeeds, rank
from tests.matching.test_matching import facts

ON = dt.date(2026, 3, 1)


def blocks(**changes) -> list[str]:
    values = dict(vog_date=dt.date(2025, 1, 1), trained=True, active=True, left_on=None, load=0, max_cases=2,
                  vog_years=3, on=ON)
    return volunteer_blocks(**(values | changes))


def test_a_volunteer_is_held_back_by_each_rule_of_the_ranking():
    set_language("en")
    try:
        assert blocks() == []
        assert blocks(trained=False) == ["Has not followed the training day yet"]
        assert blocks(vog_date=None) == ["No VOG on record"]
        assert blocks(vog_date=dt.date(2020, 1, 1)) == ["VOG of 1-1-2020 is older than 3 years"]
        assert blocks(active=False) == ["Not active at the moment"]
        assert blocks(load=2) == ["2 of 2 cases in use: no room for another"]
        assert len(blocks(trained=False, vog_date=None)) == 2
        assert "training day" in requirements(3) and "3 years" in requirements(3)
        assert "Can be matched to new cases" in requirements(3)
    finally:
        set_language("nl")


def test_with_nobody_eligible_the_ways_forward_count_what_holds_them_back():
    set_language("en")
    try:
        ranking = rank(FamilyNeeds("Kop", wish_gender="m"), [
            facts(id=1, trained=False), facts(id=2, trained=False, vog_date=None), facts(id=3, gender="f"),
            facts(id=4, load=2, max_cases=2, gender="m")], on=ON)
        assert not any(c.eligible for c in ranking)
        assert ways_forward(ranking) == [
            "2 volunteers have no training day recorded: record it in their profile once they have followed it.",
            "1 volunteer has no VOG or one that is too old: record the date of the new VOG in their profile.",
            "1 volunteer has no room for another case: raise their maximum in their profile if they agree.",
            "3 volunteers do not meet the parents' demand: talk the demand over with the parents."]
        assert ways_forward([]) == ["There are no volunteers yet: add them under Volunteers."]
    finally:
        set_language("nl")
