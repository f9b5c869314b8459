"""A laptop restored from a backup older than some cases it numbered would give those numbers out again; the server
would then hold two cases under one number and every colleague's pull would stop on it. Before it pushes, a laptop
asks which numbers of its blocks the server's cases hold: a case here holding one under another identity gets a
new number, which is what its waiting operations carry (the old number never travels)."""

from __future__ import annotations

from sqlalchemy import select

from borapp.models import Case, Letter, SyncOp
from tests.server.conftest import app, db_url, migrated_url, office, postgres  # noqa: F401 - fixtures
from tests.sync.test_pull_own import copy_vault, restore_vault
from tests.sync.test_team_scenarios import team  # noqa: F401 - fixture


def refs(laptop) -> dict[str, str]:
    with laptop.workspace.session() as session:
        return {c.ref: c.parents[0].name for c in session.scalars(select(Case))}


def test_a_number_the_lost_vault_gave_out_is_not_given_again(team, tmp_path):
    anna, bram = team
    anna.register(parent="Ria Voor")
    anna.sync()
    backup = copy_vault(anna, tmp_path / "backup")
    lost = anna.register(parent="Ria Verloren")  # numbered and pushed, then the laptop's disk died
    anna.sync()
    restore_vault(anna, backup)
    again = anna.register(parent="Ria Opnieuw")
    assert again == lost, "the restored vault numbers from where its backup was"
    with anna.workspace.session() as session:  # a letter about it, written before the sync
        case = session.scalar(select(Case).where(Case.ref == again))
        session.add(Letter(case_id=case.id, kind="intake", subject=f"Aanmelding {again}", body=f"Dossier {again}."))
    result = anna.sync()
    new = dict(result.renumbered)[lost]
    assert new != lost
    with anna.workspace.session() as session:  # it names the new number: the old one is Ria Verloren's
        assert session.scalar(select(Letter.subject)) == f"Aanmelding {new}"
    from borapp.services.dashboard import today

    assert f"{lost} heet nu {new}" in today(anna.workspace, limit=10).sync_news, "the coordinator is told"
    with anna.workspace.session() as session:  # what went out carried the new number, never the old one
        sent = [op.fields for op in session.scalars(select(SyncOp).where(SyncOp.type == "case"))]
    assert not any(f'"new": "{lost}"' in fields for fields in sent[-3:])
    bram.sync()
    for laptop in (anna, bram):
        assert refs(laptop)[lost] == "Ria Verloren" and refs(laptop)[new] == "Ria Opnieuw", laptop.path
        with laptop.workspace.session() as session:
            assert session.scalar(select(Letter.body)) == f"Dossier {new}.", laptop.path
    with anna.workspace.session() as session:
        letter_ops = [op.fields for op in session.scalars(select(SyncOp).where(SyncOp.type == "letter"))]
    assert letter_ops and not any(lost in fields for fields in letter_ops), "nor did the letter's"
    assert anna.register(parent="Ria Daarna") not in (lost, new), "a taken number stays used"


def test_the_server_names_only_numbers_of_the_askers_blocks(office):
    anna, bram = office.device("anna"), office.device("bram")
    first = anna.http.post("/v1/numbers", json={"year": 2026}).json()["first"]
    other = bram.http.post("/v1/numbers", json={"year": 2026}).json()["first"]
    mine = anna.create("case", ref=f"BOR-2026-{first:03d}")
    anna.create("case", ref=f"BOR-2025-{first:03d}")
    bram.create("case", ref=f"BOR-2026-{other:03d}")
    anna.push(), bram.push()
    answer = anna.http.post("/v1/numbers/taken", json={"year": 2026, "prefix": "BOR"})
    assert answer.json() == {"taken": {f"BOR-2026-{first:03d}": mine}}
    assert anna.http.post("/v1/numbers/taken", json={"year": 2024, "prefix": "BOR"}).json() == {"taken": {}}
    for body in ({"year": 2026}, {"year": "2026", "prefix": "BOR"}, {"year": 2026, "prefix": "bor'--"}, []):
        assert anna.http.post("/v1/numbers/taken", json=body).status_code == 422


def test_a_renumbering_is_told_even_when_the_push_after_it_breaks_off(team, tmp_path):
    import pytest

    from borapp.services.dashboard import today
    from borapp.services.sync.run import sync_now
    from borapp.services.sync.transport import Offline
    from tests.sync.test_push_batches import watch_pushes

    anna, _bram = team
    anna.register(parent="Ria Voor")
    anna.sync()
    backup = copy_vault(anna, tmp_path / "backup")
    lost = anna.register(parent="Ria Verloren")
    anna.sync()
    restore_vault(anna, backup)
    assert anna.register(parent="Ria Opnieuw") == lost
    with pytest.raises(Offline):
        sync_now(anna.workspace, http=watch_pushes(anna.http, fail_at=0))
    assert f"{lost} heet nu" in today(anna.workspace, limit=10).sync_news, "renumbered, then the network went"
