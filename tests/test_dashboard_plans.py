"""Today's counts read indexes, not rows: `EXPLAIN QUERY PLAN` of every statement `dashboard.today` runs (with the
Today page's limit, mine only or not) shows no full SCAN of a table that grows with the cases, and the checks it
makes once per open case (a case's first step into visits, its visits, a version's signers, a midway evaluation, a
newer version) each search a covering index: the rows themselves are read for the shown items only (bench/run.py
--growth measures what that costs at 1,000, 10,000 and 100,000 cases)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from borapp.services.dashboard import today
from borapp.services.demo.builder import fill_demo
from borapp.services.vault.workspace import Workspace, list_coordinators
from borapp.ui.pages.dashboard.section_card import MAX_ROWS
from tests.helpers.plans import plan_lines, reads_of

ON = dt.date(2026, 3, 12)
GROWING = ("case_file", "parent", "child", "status_change", "visit", "evaluation", "contract", "contract_signature",
           "letter", "attachment")
PER_CASE = ("status_change", "visit", "evaluation", "contract_signature")  # read once per open case or version
SEARCH = re.compile(r"^SEARCH (\w+)(?: AS \w+)? USING (.*)$")


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory):
    from borapp.services.vault.vault import Vault
    from tests.conftest import PASSPHRASE

    path = tmp_path_factory.mktemp("today-plans") / "vault.bordb"
    vault = Vault.create(path, PASSPHRASE)[0]
    fill_demo(vault, cases=80, seed=16, today=ON)
    yield vault
    vault.lock()


def statements_of_today(vault, mine_only: bool) -> list[tuple[str, object]]:
    with reads_of(vault.engine) as seen:
        board = today(Workspace(vault, list_coordinators(vault)[0]), ON, mine_only=mine_only, limit=MAX_ROWS)
    assert board.section("contracts_unsigned").count and board.section("visits_this_week").count
    return seen


def plan(vault, statement: str, params) -> list[str]:
    return plan_lines(vault.engine, statement, params)


def problems(statement: str, lines: list[str]) -> list[str]:
    """Plan lines that read a growing table whole, rows of a per-case table where an index would answer, or a per-case
    table's index by anything but the case (a status over every case's steps grows with the history; the week's
    planned visits excepted: their rows, start times, are what the section shows)."""
    week = "visit.start_time" in statement
    found = []
    for line in lines:
        scan = re.match(r"^SCAN (\w+)", line)
        if scan and scan.group(1) in GROWING:
            found.append(line)
        search = SEARCH.match(line)
        if search and search.group(1) in PER_CASE and not (week and search.group(1) == "visit") and (
                "COVERING INDEX" not in search.group(2) or not re.search(r"\((case|contract)_id=\?", line)):
            found.append(line)  # per case: its own entries of a covering index, not a walk over every case's
    return found


@pytest.mark.parametrize("mine_only", [False, True])
def test_today_reads_indexes_for_its_counts(demo_vault, mine_only):
    found = {}
    for statement, params in statements_of_today(demo_vault, mine_only):
        lines = plan(demo_vault, statement, params)
        if bad := problems(statement, lines):
            found[" ".join(statement.split())[:200]] = bad
    assert found == {}, "\n".join(f"{sql}\n    {lines}" for sql, lines in found.items())


def test_open_cases_are_counted_from_the_status_index_alone(demo_vault):
    """Without "mine only" the case side of every rule comes from the index (status, closed_on, id, registered_on,
    ref, agreed_visits): no case row is read to count or order open cases (the rules' statements: those with a
    total)."""
    searches = [line for statement, params in statements_of_today(demo_vault, False) if "OVER ()" in statement
                for line in plan(demo_vault, statement, params) if line.startswith("SEARCH case_file USING")
                and "(status=?" in line]
    index = "COVERING INDEX ix_case_file_status_closed_on_id_registered_on_ref_agreed_visits"
    assert len(searches) >= 4 and all(index in line for line in searches), searches
