"""A name changed or deleted leaves the full-text index too (FTS5 secure-delete): after a checkpoint no decrypted
page of the vault holds the old name, while search finds the new one."""

from __future__ import annotations

from borapp.models import Parent, db
from borapp.services.cases.search_index import reindex_case, search_case_ids
from borapp.services.vault.vault import unlock_key
from tests.cases.test_case_services import add_case
from tests.conftest import PASSPHRASE
from tests.helpers.decrypt import decrypted_everything

OLD, NEW = "Wobbelgrauw", "Jansen"


def plain(vault_path) -> bytes:
    return decrypted_everything(vault_path, unlock_key(vault_path, PASSPHRASE, None)).lower()


def checkpoint(workspace) -> None:
    db.checkpoint(workspace.vault.engine)


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


def test_what_a_visit_or_an_evaluation_records_is_found_and_forgotten_with_it(workspace):
    import datetime as dt

    from borapp.services.cases import evaluations
    from borapp.services.visits import records
    from tests.visits.test_visit_services import held, make_case

    case_id = make_case(workspace, "2026-0091")[0]
    visit_id = records.record_visit(workspace, held(case_id, None, dt.date.today(), what_happened="Samen vliegeren"))
    evaluations.save_evaluation(workspace, evaluations.EvaluationInput(case_id, dt.date.today(), "midway", "Ouders",
                                                                       "Voortaan knutselmiddag"))
    with workspace.session() as session:
        assert search_case_ids(session, "vliegeren") == [case_id]
        assert search_case_ids(session, "knutsel") == [case_id]
    records.record_visit(workspace, held(case_id, visit_id, dt.date.today(), what_happened="Samen gefietst"))
    with workspace.session() as session:
        assert search_case_ids(session, "vliegeren") == [] and search_case_ids(session, "gefietst") == [case_id]
