"""Erasure that is real: after `erase`, no decrypted page of the vault file or its WAL holds the erased names or
notes (read page by page with the key, free pages included); the same after restoring a backup made before."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from borapp.cli import main
from borapp.models import AuditEvent, Case, Draft, Erasure, Letter, Visit
from borapp.services import drafts, settings
from borapp.services.cases.search_index import search_case_ids
from borapp.services.errors import ValidationError
from borapp.services.privacy import access_log, erasure
from borapp.services.vault.restore import restore
from borapp.services.vault.vault import Vault, unlock_key
from borapp.services.vault.workspace import Workspace
from tests.cases.test_case_services import add_case
from tests.conftest import PASSPHRASE
from tests.helpers.decrypt import decrypted_everything

NAMES = ("Kwakkelstein", "Zwaantje", "Fiepje")
NOTE = "Goudvissenkom"


def canaries(workspace) -> int:
    case_id = add_case(workspace, "BOR-2026-066", resident="Zwaantje Kwakkelstein", other="Bram Kwakkelstein",
                       children=(("Fiepje Kwakkelstein", None),), notes=f"{NOTE} op de gang")
    keep = add_case(workspace, "BOR-2026-067", resident="Anna Blijft", other="Otto Blijft")
    with workspace.session() as session:
        session.add(Visit(case_id=case_id, on=__import__("datetime").date(2026, 5, 1), state="held",
                          what_happened=f"Fiepje liet de {NOTE} zien."))
        session.add(Letter(case_id=case_id, kind="closing", state="sent", body=f"Zwaantje en de {NOTE}",
                           pdf=b"%PDF Zwaantje Kwakkelstein"))
    drafts.save_draft(workspace, f"case/{case_id}/family/form", {"name": "Zwaantje Kwakkelstein"})
    # where the screens keep typing over a lock: a tab's form, a dialog by the case's id or by its number (the
    # access request's reason, kept by number, outlived the erasure)
    drafts.save_draft(workspace, f"ui/case/{case_id}/family/form", {"name": "Zwaantje Kwakkelstein"})
    drafts.save_draft(workspace, f"ui/dialog/case/{case_id}/status", {"Notitie": "Bram Kwakkelstein belde"})
    drafts.save_draft(workspace, "ui/dialog/case/BOR-2026-066/access-request", {"Reden": "Fiepje is bang"})
    return keep


def plain(vault_path) -> bytes:
    return decrypted_everything(vault_path, unlock_key(vault_path, PASSPHRASE, None))


def test_the_decryption_sees_what_is_there(workspace, vault_path):
    """The check below proves something only if the same reading finds the names before erasure."""
    canaries(workspace)
    raw = plain(vault_path)
    assert b"CREATE TABLE" in raw
    for word in NAMES + (NOTE,):
        assert word.encode() in raw


def test_erased_names_and_notes_are_in_no_page_of_the_file_or_wal(workspace, vault_path):
    keep = canaries(workspace)
    erasure.erase_case(workspace, "BOR-2026-066", "verzoek van de verzorgende ouder", confirm="BOR-2026-066")
    raw = plain(vault_path)
    for word in NAMES + (NOTE,):
        assert word.encode() not in raw and word.encode("utf-16-le") not in raw
    assert b"Anna Blijft" in raw  # the other case is untouched
    with workspace.session() as session:
        assert session.scalar(select(Case.id).where(Case.ref == "BOR-2026-066")) is None
        assert session.scalar(select(Draft.key).where(Draft.key.like("%case/%"))) is None
        tombstone = session.scalar(select(Erasure))
        assert (tombstone.case_ref, tombstone.reason) == ("BOR-2026-066", "verzoek van de verzorgende ouder")
        assert search_case_ids(session, "Kwakkelstein") == [] and search_case_ids(session, "Blijft") == [keep]
        assert session.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc())) == "erase"
    assert access_log.verify(workspace).ok


def test_erasing_asks_for_a_reason_and_the_case_number(workspace):
    canaries(workspace)
    with pytest.raises(ValidationError):
        erasure.erase_case(workspace, "BOR-2026-066", "  ", confirm="BOR-2026-066")
    with pytest.raises(ValidationError):
        erasure.erase_case(workspace, "BOR-2026-066", "verzoek", confirm="BOR-2026-06")
    with workspace.session() as session:
        assert session.scalar(select(Case.id).where(Case.ref == "BOR-2026-066")) is not None


def test_restoring_an_older_backup_erases_the_case_again(workspace, vault, vault_path, tmp_path):
    canaries(workspace)
    folder = tmp_path / "backups"
    folder.mkdir()
    settings.write_settings(workspace, {"backup.folder": str(folder)})
    older = vault.backup(folder / "bor-desk-20260501-120000.borbackup")
    record = erasure.erase_case(workspace, "BOR-2026-066", "bewaartermijn voorbij", confirm="BOR-2026-066")
    assert record.backups_before == (older.name,)
    vault.lock()
    again: list[str] = []
    restore(older, vault_path, PASSPHRASE, erased_again=again)
    assert again == ["BOR-2026-066"]
    raw = plain(vault_path)
    for word in NAMES + (NOTE,):
        assert word.encode() not in raw
    restored = Vault.open(vault_path, PASSPHRASE)
    try:
        with restored.session() as session:
            assert session.scalar(select(Case.id).where(Case.ref == "BOR-2026-066")) is None
            assert session.scalar(select(Erasure.reason)) == "bewaartermijn voorbij"
        assert access_log.verify(Workspace(restored)).ok
    finally:
        restored.lock()


def test_erase_on_the_command_line(workspace, vault_path, passphrase_file, capsys):
    canaries(workspace)
    workspace.vault.lock()
    code = main(["privacy", "erase", "BOR-2026-066", "--reason", "verzoek ouder", "--json", "--yes",
                 "--vault", str(vault_path), "--passphrase-file", str(passphrase_file)])
    assert code == 0 and json.loads(capsys.readouterr().out)["erased"] == "BOR-2026-066"
    for word in NAMES:
        assert word.encode() not in plain(vault_path)


def test_erasing_on_the_command_line_is_asked_again_or_needs_yes(workspace, vault_path, passphrase_file, capsys,
                                                                 monkeypatch):
    """It erased at once, for good, from one line that the shell's history can bring back by a slip."""
    import io

    canaries(workspace)
    workspace.vault.lock()
    argv = ["privacy", "erase", "BOR-2026-066", "--reason", "verzoek ouder", "--vault", str(vault_path),
            "--passphrase-file", str(passphrase_file)]
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # a script: no terminal to ask on
    assert main(argv) == 2 and "--yes" in capsys.readouterr().err
    terminal = io.StringIO("BOR-2026-065\n")
    terminal.isatty = lambda: True
    monkeypatch.setattr("sys.stdin", terminal)
    assert main(argv) == 2 and "Niet gewist" in capsys.readouterr().err
    assert all(word.encode() in plain(vault_path) for word in NAMES), "a wrong case number erases nothing"
    terminal = io.StringIO("BOR-2026-066\n")
    terminal.isatty = lambda: True
    monkeypatch.setattr("sys.stdin", terminal)
    assert main(argv) == 0 and "gewist" in capsys.readouterr().out
