"""A big demo is a longer history, not a heavier day: open work and the volunteer pool stay what a BOR carries.

Checked on the plans and the volunteer rows themselves, without writing thousands of cases into a vault."""

from __future__ import annotations

import datetime as dt
import random

from borapp.services.demo.people import People
from borapp.services.demo.plan import MOST_OPEN, OPEN_MIX, fates
from borapp.services.demo.staff import MOST_IN_POOL, VOG_RENEWAL, _volunteers

TODAY = dt.date(2025, 11, 19)


class Collect:
    """Stands in for the session `_volunteers` hands its rows to."""

    def add_all(self, rows):
        self.rows = list(rows)


def volunteers(count: int, seed: int = 3):
    rng = random.Random(seed)
    session = Collect()
    _volunteers(session, People(seed, rng), rng, TODAY, count)
    return session.rows


def test_open_cases_stop_at_a_large_teams_load():
    for total in (5_000, 100_000):
        open_fates = [f for f in fates(total, random.Random(7)) if f.status != "closed"]
        assert len(open_fates) == MOST_OPEN == 200
        assert {f.status for f in open_fates} == set(OPEN_MIX)
    assert sum(f.status != "closed" for f in fates(1_000, random.Random(7))) == 200  # a fifth, as before
    assert sum(f.status != "closed" for f in fates(120, random.Random(7))) == 24


def test_a_long_history_has_left_volunteers_and_a_pool_of_realistic_size():
    rows = volunteers(2_000)
    still = [v for v in rows if v.left_on is None]
    assert len(rows) == 2_000
    assert MOST_IN_POOL == 150
    assert 0.8 * MOST_IN_POOL <= len(still) <= MOST_IN_POOL  # of those kept some left too, as in a small pool
    assert 0.9 * len(still) <= sum(v.active for v in rows) <= len(still)  # a few pause
    for v in rows:
        if v.left_on is not None:
            assert v.joined_on < v.left_on <= TODAY and not v.active
    stale = [v for v in still if v.active and v.vog_date and v.vog_date + VOG_RENEWAL < TODAY]
    assert len(stale) >= 3  # the VOG warnings Today shows are still there
    assert any(v.active and v.vog_date is None for v in rows)  # and the newest still awaits hers


def test_a_small_pool_is_as_before():
    rows = volunteers(100)
    assert sum(v.left_on is None for v in rows) > 0.8 * len(rows)
