"""`borapp privacy log`: the access log on the command line, and its verification (exit 1 when tampered)."""

from __future__ import annotations

import json

from sqlalchemy import text

from borapp.services.cases.case_file import load_case
from tests.cases.test_case_services import add_case
from tests.helpers.cli_run import run_cli as run


def test_log_for_one_case_as_json(workspace, vault_path, passphrase_file, capsys):
    case_id = add_case(workspace, "BOR-2026-003")
    other = add_case(workspace, "BOR-2026-004")
    load_case(workspace, case_id)
    load_case(workspace, other)
    workspace.vault.lock()
    code, out, _err = run(capsys, "privacy", "log", "--case", "BOR-2026-003", "--json", "--vault", vault_path,
                          "--passphrase-file", passphrase_file)
    assert code == 0
    lines = json.loads(out)
    assert lines and {line["case_id"] for line in lines} == {case_id}
    assert "open" in {line["action"] for line in lines}
    assert not any("Jansen" in json.dumps(line) for line in lines)  # never content


def test_verify_passes_then_fails_after_one_changed_byte(workspace, vault_path, passphrase_file, capsys):
    case_id = add_case(workspace, "BOR-2026-005")
    load_case(workspace, case_id)
    with workspace.session() as session:
        first = session.execute(text("SELECT min(id) FROM audit_event")).scalar()
    workspace.vault.lock()
    args = ("privacy", "log", "verify", "--vault", vault_path, "--passphrase-file", passphrase_file)
    code, out, _err = run(capsys, *args)
    assert code == 0 and "geen" in out  # "... geen regel veranderd of verwijderd"
    from borapp.services.vault.vault import Vault
    from tests.conftest import PASSPHRASE

    reopened = Vault.open(vault_path, PASSPHRASE)
    with reopened.session() as session:
        session.execute(text("UPDATE audit_event SET action = 'opem' WHERE id = :id"), {"id": first})
    reopened.lock()
    code, out, _err = run(capsys, *args, "--json")
    assert code == 1
    assert [p["line"] for p in json.loads(out)["problems"]] == [first]


def test_an_unknown_case_is_not_found(workspace, vault_path, passphrase_file, capsys):
    workspace.vault.lock()
    code, _out, err = run(capsys, "privacy", "log", "--case", "BOR-1999-999", "--vault", vault_path,
                          "--passphrase-file", passphrase_file)
    assert code == 6 and "BOR-1999-999" in err
