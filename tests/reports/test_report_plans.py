"""The annual report reads the cases and their history from indexes, not from their rows: every statement it runs
reads `case_file` and `status_change` through a covering index or a row id (migration 0029). A case row holds the
contract texts; at 100,000 demo cases reading them made the report 2.2 s (bench/run.py --annual measures it)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from borapp.services.demo.builder import fill_demo
from borapp.services.reports.annual import annual_report
from borapp.services.vault.workspace import Workspace, list_coordinators

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
    statements = []

    def seen(_conn, _cursor, statement, params, _context, _many):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append((statement, params))

    event.listen(demo_vault.engine, "before_cursor_execute", seen)
    try:
        report = annual_report(Workspace(demo_vault, list_coordinators(demo_vault)[0]), 2025)
    finally:
        event.remove(demo_vault.engine, "before_cursor_execute", seen)
    assert report is not None
    with demo_vault.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        lines = {line for statement, params in statements
                 for *_ids, line in raw.execute("EXPLAIN QUERY PLAN " + statement, params).fetchall()}
    reads = [line for line in lines if line.split()[:2] in (["SCAN", "case_file"], ["SEARCH", "case_file"],
                                                             ["SCAN", "status_change"], ["SEARCH", "status_change"])]
    rows = [line for line in reads if "COVERING INDEX" not in line and "INTEGER PRIMARY KEY" not in line]
    assert reads and rows == [], rows
