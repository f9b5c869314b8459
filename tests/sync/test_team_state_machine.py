"""Three laptops doing random work — registering cases, editing the same and different fields, syncing in any
order, a sync cut off halfway — always end up agreeing with each other and with the server once each has synced,
and every case registered anywhere is there (a Hypothesis state machine over real vaults and the real service)."""

from __future__ import annotations

import itertools

import psycopg
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlalchemy import select

from borapp.models import Case
from borapp.services.sync import apply as sync_apply
from tests.server.conftest import TABLES, app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_team_scenarios import Laptop

FIELDS = {"notes": ["", "Belt na 17 uur", "Liever 's ochtends"], "visit_place": ["", "Speeltuin", "Bibliotheek"],
          "visit_frequency": ["", "Om de week", "Elke week"]}
NAMES = ("anna", "bram", "cato")


@pytest.fixture
def machine_world(tmp_path_factory, app, migrated_url):
    return tmp_path_factory, app, migrated_url


def test_random_work_on_three_laptops_converges(machine_world):
    tmp_path_factory, app, migrated_url = machine_world
    runs = itertools.count()

    class Team(RuleBasedStateMachine):
        @initialize()
        def start(self):
            with psycopg.connect(migrated_url, autocommit=True) as conn:
                conn.execute(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE")
            folder = tmp_path_factory.mktemp(f"team{next(runs)}")
            self.laptops = [Laptop(folder, name, app, migrated_url) for name in NAMES]
            self.registered: list[str] = []

        def teardown(self):
            for laptop in getattr(self, "laptops", []):
                if not laptop.workspace.is_locked:
                    laptop.workspace.lock()

        @rule(who=st.integers(0, 2))
        def register(self, who):
            self.registered.append(self.laptops[who].register())

        @precondition(lambda self: self.registered)
        @rule(who=st.integers(0, 2), pick=st.integers(0, 1000), field=st.sampled_from(sorted(FIELDS)),
              value=st.integers(0, 2))
        def edit(self, who, pick, field, value):
            laptop = self.laptops[who]
            here = sorted(laptop.cases())
            if here:
                laptop.edit(here[pick % len(here)], **{field: FIELDS[field][value]})

        @rule(who=st.integers(0, 2))
        def sync(self, who):
            self.laptops[who].sync()

        @rule(who=st.integers(0, 2), after=st.integers(1, 3))
        def sync_cut_off(self, who, after):
            real, calls = sync_apply._apply, []

            def stops(session, change):
                calls.append(1)
                if len(calls) > after:
                    raise KeyboardInterrupt("the laptop stops here")
                return real(session, change)

            sync_apply._apply = stops
            try:
                self.laptops[who].sync()
            except KeyboardInterrupt:
                pass
            finally:
                sync_apply._apply = real

        @invariant()
        def numbers_are_distinct(self):
            registered = getattr(self, "registered", [])
            assert len(registered) == len(set(registered)), "two laptops made the same case number"

        def teardown_check(self):
            for _round in range(2):
                for laptop in self.laptops:
                    laptop.sync()
            seen = [{ref: tuple(getattr(case, f) for f in sorted(FIELDS)) for ref, case in laptop.cases().items()}
                    for laptop in self.laptops]
            assert seen[0] == seen[1] == seen[2], "the laptops disagree after everyone synced"
            assert set(seen[0]) == set(self.registered), "a registered case went missing"

    class Checked(Team):
        def teardown(self):
            try:
                if getattr(self, "laptops", None):
                    self.teardown_check()
            finally:
                Team.teardown(self)

    Checked.TestCase.settings = settings(max_examples=15, stateful_step_count=18, deadline=None,
                                         suppress_health_check=list(HealthCheck))
    Checked.TestCase("runTest").runTest()
