"""What a restore leaves behind: one vault set aside at most (each opens with its old passphrase and holds what an
erasure removed later; they piled up unlisted), named in the restore's message and in an erasure's result; and
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


def test_only_the_latest_vault_set_aside_is_kept_and_an_erasure_names_it(locked, tmp_path, passphrase_file,
                                                                        capsys, no_terminal):
    backup = tmp_path / "b.borbackup"
    assert run(capsys, "backup", "--vault", locked, "--passphrase-file", passphrase_file, "--to", backup)[0] == 0
    assert run(capsys, "restore", "--vault", locked, "--passphrase-file", passphrase_file, "--from", backup)[0] == 0
    first = _asides(locked)
    assert len(first) == 2, first  # the database and its .keys
    code, out, _err = run(capsys, "restore", "--vault", locked, "--passphrase-file", passphrase_file,
                          "--from", backup)
    assert code == 0
    now = _asides(locked)
    assert len(now) == 2 and now != first, "the older one set aside is gone"
    aside = locked.parent / next(n for n in now if not n.endswith(".keys"))
    assert str(aside) in out and "Alleen de laatste bewaarde kluis blijft" in out, out

    vault = Vault.open(locked, PASSPHRASE)
    try:
        ref = "wis"
        add_family(vault, ref)
        record = erasure.erase_case(Workspace(vault, actor="Test"), f"{ref}-0", "verzoek", confirm=f"{ref}-0")
    finally:
        vault.lock()
    assert record.set_aside == (aside,)
    assert str(aside) in erasure.aside_words(record)


def test_a_failed_restore_leaves_no_folder(locked, tmp_path, passphrase_file, capsys, no_terminal):
    backup = tmp_path / "b.borbackup"
    assert run(capsys, "backup", "--vault", locked, "--passphrase-file", passphrase_file, "--to", backup)[0] == 0
    target = tmp_path / "nieuw" / "dieper" / "vault.bordb"
    code, _out, _err = run(capsys, "restore", "--vault", target, "--passphrase-file", make_wrong(tmp_path),
                           "--from", backup)
    assert code == 3
    assert not (tmp_path / "nieuw").exists()
