"""The annual report reads the cases and their history from indexes, not from their rows: every statement it runs
reads `case_file` and `status_change` through a covering index or a row id (migration 0029). A case row holds the
contract texts; at 100,000 demo cases reading them made the report 2.2 s (bench/run.py --annual measures it)."""

from __future__ import annotations

import datetime as dt

import pytest

from borapp.services.demo.builder import fill_demo
from borapp.services.reports.annual import annual_report
from borapp.services.vault.workspace import Workspace, list_coordinators
from tests.helpers.plans import plan_lines, reads_of

TODAY = dt.date(2026, 3, 12)


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory):
    from borapp.services.vault.vault import Vault
    from tests.conftest import PASSPHRASE

    vault = Vault.create(tmp_path_factory.mktemp("report-plans") / "vault.bordb", PASSPHRASE)[0]
    fill_demo(vault, cases=80, seed=12, today=TODAY)
    yield vault
    vault.lock()


def test_the_report_reads_cases_and_their_history_from_indexes(demo_vault):
    with reads_of(demo_vault.engine) as statements:
        report = annual_report(Workspace(demo_vault, list_coordinators(demo_vault)[0]), 2025)
    assert report is not None
    lines = {line for statement, params in statements for line in plan_lines(demo_vault.engine, statement, params)}
    reads = [line for line in lines if line.split()[:2] in (["SCAN", "case_file"], ["SEARCH", "case_file"],
                                                             ["SCAN", "status_change"], ["SEARCH", "status_change"])]
    rows = [line for line in reads if "COVERING INDEX" not in line and "INTEGER PRIMARY KEY" not in line]
    assert reads and rows == [], rows
