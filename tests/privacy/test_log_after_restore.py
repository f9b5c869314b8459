"""The access log survives a restore: the lines the older backup lacks are carried over from the vault it replaces,
the restore and the erasure made again are logged, and an erased case's lines are still found by its number."""

from __future__ import annotations

import json

from borapp.services.cases.case_file import load_case
from borapp.services.privacy import erasure
from tests.cases.test_case_services import add_case
from tests.helpers.cli_run import run_cli as run


def test_restoring_an_older_backup_keeps_the_newer_lines(workspace, vault, vault_path, passphrase_file, tmp_path,
                                                         capsys):
    case_id = add_case(workspace, "BOR-2026-005")
    other = add_case(workspace, "BOR-2026-006")
    load_case(workspace, case_id)
    older = vault.backup(tmp_path / "older.borbackup")
    load_case(workspace, other)  # after the backup: only the vault being replaced has these lines
    load_case(workspace, case_id)
    erasure.erase_case(workspace, "BOR-2026-005", "verzoek ouder", confirm="BOR-2026-005")
    vault.lock()
    access = ("--vault", vault_path, "--passphrase-file", passphrase_file)
    _code, out, _err = run(capsys, "privacy", "log", "--json", *access)
    before = json.loads(out)

    code, out, err = run(capsys, "restore", "--from", older, *access)
    assert code == 0 and "BOR-2026-005" in out

    _code, out, _err = run(capsys, "privacy", "log", "--json", *access)
    after = json.loads(out)
    ids = {line["id"] for line in after}
    assert {line["id"] for line in before} <= ids
    assert [line["action"] for line in after[:2]] == ["restore", "erase"]  # newest first: the re-erasure, then
    assert after[0]["who"] and after[1]["who"] == "Test Coördinator"  # the vault's only coordinator
    assert sum(line["action"] == "erase" for line in after) == 2
    code, out, _err = run(capsys, "privacy", "log", "verify", "--json", *access)
    assert code == 0 and json.loads(out)["ok"]

    code, out, _err = run(capsys, "privacy", "log", "--case", "BOR-2026-005", "--json", *access)
    assert code == 0
    lines = json.loads(out)
    assert {line["case_id"] for line in lines} == {case_id}
    assert [line["action"] for line in lines].count("open") == 2
    assert [line["action"] for line in lines].count("erase") == 2


def test_an_erased_case_is_found_by_its_number(workspace, vault_path, passphrase_file, capsys):
    case_id = add_case(workspace, "BOR-2026-007")
    load_case(workspace, case_id)
    erasure.erase_case(workspace, "BOR-2026-007", "bewaartermijn voorbij", confirm="BOR-2026-007")
    later = add_case(workspace, "BOR-2026-008")  # may take the erased case's id again
    load_case(workspace, later)
    workspace.vault.lock()
    code, out, _err = run(capsys, "privacy", "log", "--case", "BOR-2026-007", "--json", "--vault", vault_path,
                          "--passphrase-file", passphrase_file)
    assert code == 0
    assert [line["action"] for line in json.loads(out)] == ["erase", "open"]
