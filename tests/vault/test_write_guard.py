"""No command writes onto a vault: `--out` of documents and templates and `backup --to` refuse a vault's database,
its key file (whatever it is called) and its sidecars, and an existing file unless --force; nothing is changed."""

from __future__ import annotations

import hashlib

import pytest

from borapp.cli import main
from borapp.services.vault.vault import Vault, key_path
from tests.conftest import PASSPHRASE
from tests.helpers.documents_support import full_case, set_organisation


def fingerprint(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def run(capsys, vault_path, passphrase_file, *argv):
    code = main([*argv, "--vault", str(vault_path), "--passphrase-file", str(passphrase_file)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def other_vault(tmp_path):
    path = tmp_path / "andere" / "vault.bordb"
    Vault.create(path, PASSPHRASE)[0].lock()
    return path


def targets(vault_path, other_vault, tmp_path):
    renamed_keys = tmp_path / "sleutels-kopie.txt"
    renamed_keys.write_bytes(key_path(vault_path).read_bytes())
    return [vault_path, key_path(vault_path), other_vault, key_path(other_vault), renamed_keys]


COMMANDS = [
    ("documents", "contract", "BOR-2026-001", "--out"),
    ("documents", "letter", "BOR-2026-001", "--kind", "intake", "--out"),
    ("import", "template", "cases", "--out"),
    ("backup", "--to"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_no_command_writes_onto_a_vault_file_even_with_force(capsys, workspace, vault_path, passphrase_file,
                                                             other_vault, tmp_path, command):
    set_organisation(workspace)
    full_case(workspace)
    for target in targets(vault_path, other_vault, tmp_path):
        before = fingerprint(vault_path.parent), fingerprint(other_vault.parent)
        for force in ((), ("--force",)):
            code, _out, err = run(capsys, vault_path, passphrase_file, *command, str(target), *force)
            assert code == 2 and "kluis" in err, (target.name, err)
        assert (fingerprint(vault_path.parent), fingerprint(other_vault.parent)) == before
    Vault.open(other_vault, PASSPHRASE).lock()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_an_existing_file_is_replaced_only_with_force(capsys, workspace, vault_path, passphrase_file, tmp_path,
                                                      command):
    set_organisation(workspace)
    full_case(workspace)
    target = tmp_path / "bestaat.pdf"
    target.write_bytes(b"mijn eigen bestand")
    code, _out, err = run(capsys, vault_path, passphrase_file, *command, str(target))
    assert code == 2 and "--force" in err and target.read_bytes() == b"mijn eigen bestand"
    code, _out, err = run(capsys, vault_path, passphrase_file, *command, str(target), "--force")
    assert code == 0, err
    assert target.read_bytes() != b"mijn eigen bestand"
