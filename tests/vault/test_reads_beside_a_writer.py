"""The screens' reads take no lock (Vault.reading): while another connection holds the write lock (a sync applying
a colleague's changes on its thread, the CLI, a second window), Today, the case list and its search, the filters,
the volunteers and the outbox still load instead of waiting for it, or failing with "database is locked"."""

from __future__ import annotations

import pytest

from borapp.models import db
from borapp.services import dashboard, settings
from borapp.services.cases import listing
from borapp.services.outbox.listing import list_letters
from borapp.services.volunteers.profiles import list_regions, list_volunteers


@pytest.fixture
def writer(workspace):
    """Another connection in the middle of a write, on a vault with a case, a volunteer and a letter."""
    from borapp.services.outbox.letters import new_letter
    from tests.test_dashboard import make_case, make_volunteer

    from borapp.services.cases.search_index import reindex_case_id

    case_id = make_case(workspace, "BOR-2026-001")
    with workspace.session() as session:
        reindex_case_id(session, case_id)
    make_volunteer(workspace, "Vera Proef", region="Kop")
    new_letter(workspace, case_id, "intake", state="draft")
    other = db.connect(workspace.vault.path, bytes(workspace.vault._key))
    other.execute("BEGIN IMMEDIATE")
    yield other
    other.execute("ROLLBACK")
    other.close()


def test_the_screens_load_while_someone_else_writes(workspace, writer):
    board = dashboard.today(workspace, limit=10)
    assert board.section("outbox").total == 1
    everything = listing.CaseFilter()
    assert listing.count_cases(workspace, everything) > 0
    assert listing.list_cases(workspace, everything)
    searched = listing.CaseFilter(text="BOR")
    assert listing.list_cases(workspace, searched, total=listing.count_cases(workspace, searched))
    assert listing.filter_options(workspace).statuses and listing.options_stamp(workspace)
    assert list_volunteers(workspace) and list_regions(workspace) is not None
    assert len(list_letters(workspace)) == 1
    assert settings.read_all(workspace)["language"]
