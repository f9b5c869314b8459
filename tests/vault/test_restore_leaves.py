"""What a restore leaves behind: every vault it set aside (each opens with its old passphrase and holds what an
erasure removed later; they piled up unlisted), named in the restore's message and in an erasure's result, none
removed by the app (after a wrong backup and then the right one, the older is the only copy of the latest work); and
nothing at all when it fails (a wrong passphrase left the new target folder)."""

from __future__ import annotations

from borapp.services.privacy import erasure
from borapp.services.vault.vault import Vault
from borapp.services.vault.workspace import Workspace
from tests.conftest import PASSPHRASE
from tests.helpers import add_family
from tests.test_cli_care import locked, make_wrong, no_terminal, run  # noqa: F401 - fixtures


def _asides(vault_path):
    return sorted(p.name for p in vault_path.parent.glob(f"{vault_path.name}.before-restore-*"))


def test_every_vault_set_aside_is_kept_and_an_erasure_names_them_all(locked, tmp_path, passphrase_file, capsys,
                                                                    no_terminal):
    backup = tmp_path / "b.borbackup"
    assert run(capsys, "backup", "--vault", locked, "--passphrase-file", passphrase_file, "--to", backup)[0] == 0
    assert run(capsys, "restore", "--vault", locked, "--passphrase-file", passphrase_file, "--from", backup)[0] == 0
    first = _asides(locked)
    assert len(first) == 2, first  # the database and its .keys
    code, out, _err = run(capsys, "restore", "--vault", locked, "--passphrase-file", passphrase_file,
                          "--from", backup)
    assert code == 0
    now = _asides(locked)
    assert len(now) == 4 and set(first) < set(now), "the first vault set aside is still there"
    asides = tuple(locked.parent / n for n in now if not n.endswith(".keys"))
    assert str(asides[-1]) in out and "verwijder hem dan zelf" in out, out

    vault = Vault.open(locked, PASSPHRASE)
    try:
        ref = "wis"
        add_family(vault, ref)
        record = erasure.erase_case(Workspace(vault, actor="Test"), f"{ref}-0", "verzoek", confirm=f"{ref}-0")
    finally:
        vault.lock()
    assert record.set_aside == asides
    assert all(str(aside) in erasure.aside_words(record) for aside in asides)


def test_a_failed_restore_leaves_no_folder(locked, tmp_path, passphrase_file, capsys, no_terminal):
    backup = tmp_path / "b.borbackup"
    assert run(capsys, "backup", "--vault", locked, "--passphrase-file", passphrase_file, "--to", backup)[0] == 0
    target = tmp_path / "nieuw" / "dieper" / "vault.bordb"
    code, _out, _err = run(capsys, "restore", "--vault", target, "--passphrase-file", make_wrong(tmp_path),
                           "--from", backup)
    assert code == 3
    assert not (tmp_path / "nieuw").exists()
