"""A name changed or deleted leaves the full-text index too (FTS5 secure-delete): after a checkpoint no decrypted
page of the vault holds the old name, while search finds the new one."""

from __future__ import annotations

from borapp.models import Parent
from borapp.services.cases.search_index import reindex_case, search_case_ids
from borapp.services.vault.vault import unlock_key
from tests.cases.test_case_services import add_case
from tests.conftest import PASSPHRASE
from tests.helpers.decrypt import decrypted_everything

OLD, NEW = "Wobbelgrauw", "Jansen"


def plain(vault_path) -> bytes:
    return decrypted_everything(vault_path, unlock_key(vault_path, PASSPHRASE, None)).lower()


def checkpoint(workspace) -> None:
    with workspace.vault.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def test_a_renamed_parent_leaves_no_trace_of_the_old_name(workspace, vault_path):
    case_id = add_case(workspace, "BOR-2026-090", resident=f"Petra {OLD}")
    checkpoint(workspace)
    assert OLD.lower().encode() in plain(vault_path), "the reading sees the name while it is there"
    with workspace.session() as session:
        parent = session.query(Parent).filter_by(case_id=case_id, role="resident").one()
        parent.name = f"Petra {NEW}"
        reindex_case(session, parent.case)
    checkpoint(workspace)
    with workspace.session() as session:
        assert search_case_ids(session, OLD) == [] and search_case_ids(session, NEW) == [case_id]
    assert OLD.lower().encode() not in plain(vault_path)
