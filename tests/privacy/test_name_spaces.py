"""A name typed with two spaces ("Jill  de Bruin", a slip of the thumb) finds the person, as the app keeps names with
one; it said "No case number or person" and exported nothing."""

from __future__ import annotations

import json

from tests.cases.test_case_services import add_case
from tests.helpers.cli_run import run_cli as run


def test_a_name_with_two_spaces_is_found(workspace, vault_path, passphrase_file, tmp_path, capsys):
    add_case(workspace, "BOR-2026-023", resident="Jill de Bruin", children=())
    workspace.vault.lock()
    access = ("--vault", vault_path, "--passphrase-file", passphrase_file)
    code, out, err = run(capsys, "privacy", "export", " Jill  de   Bruin", "--out", tmp_path / "inzage", "--json",
                         *access)
    assert code == 0, err
    assert json.loads(out)["cases"] == ["BOR-2026-023"]
