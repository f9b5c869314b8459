"""Ranking the volunteers for a case reads the cases through indexes: the pool's matched and open cases from the
volunteer and status indexes, never every case (with 100,000 cases and 10,000 former volunteers the ranking took
half a second; bench/run.py measures it)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from borapp.models import Case
from borapp.services.demo.builder import fill_demo
from borapp.services.matching.ranking import rank_candidates
from borapp.services.vault.workspace import Workspace, list_coordinators
from tests.helpers.plans import plan_lines, reads_of
from tests.test_query_plans import scans


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory):
    from borapp.services.vault.vault import Vault
    from tests.conftest import PASSPHRASE

    vault = Vault.create(tmp_path_factory.mktemp("match-plans") / "vault.bordb", PASSPHRASE)[0]
    fill_demo(vault, cases=60, seed=9)
    yield vault
    vault.lock()


def test_ranking_reads_no_growing_table_whole(demo_vault):
    workspace = Workspace(demo_vault, list_coordinators(demo_vault)[0])
    with demo_vault.session() as session:
        case_id = session.scalar(select(Case.id).where(Case.status == "matching").limit(1))
    with reads_of(demo_vault.engine) as statements:
        ranking = rank_candidates(workspace, case_id)
    assert ranking and any(c.eligible for c in ranking)
    with demo_vault.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        found = {" ".join(sql.split())[:160]: lines for sql, params in statements if (lines := scans(raw, sql, params))}
    plans = [line for sql, params in statements for line in plan_lines(demo_vault.engine, sql, params)]
    case_reads = [line for line in plans if " case_file " in f" {line} "]
    assert found == {}, found
    # every case read is an index search for given values (a volunteer of the pool, an open status), not a range
    # such as "every case with a volunteer"
    assert case_reads and all(line.startswith("SEARCH case_file USING") and "=?" in line and ">?" not in line
                              for line in case_reads), case_reads
