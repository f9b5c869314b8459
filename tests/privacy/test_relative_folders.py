"""A folder typed relative on the command line (`letters export --to out/outbox1`) is kept whole: the export exits 0,
and erasing the case later names the letters still in that folder. The export wrote the files, marked them
exported, then failed on the setting (which keeps whole folders only), so erasure never named them."""

from __future__ import annotations

import json

from borapp.services.vault.workspace import Workspace
from tests.helpers.outbox_support import add_referred_case, renderer  # noqa: F401 - fixtures
from tests.privacy.test_log_after_restore import run


def test_relative_export_folder_is_remembered_and_named_at_erasure(vault, vault_path, passphrase_file, tmp_path,
                                                                   capsys, renderer, monkeypatch):
    add_referred_case(Workspace(vault), "BOR-2026-014")
    work = tmp_path / "werkmap"
    work.mkdir()
    monkeypatch.chdir(work)
    access = ("--vault", vault_path, "--passphrase-file", passphrase_file)
    assert run(capsys, "letters", "new", "BOR-2026-014", "--kind", "closing", *access)[0] == 0
    code, out, err = run(capsys, "letters", "export", "--to", "out/outbox1", *access)
    assert code == 0, err
    written = sorted((work / "out" / "outbox1").iterdir())
    assert [p.suffix for p in written] == [".eml", ".pdf"]
    assert str(work / "out" / "outbox1") in out  # the whole folder, as it is remembered
    monkeypatch.chdir(tmp_path)  # a later command, started elsewhere
    code, out, err = run(capsys, "privacy", "erase", "BOR-2026-014", "--reason", "verzoek", "--yes", "--json",
                         *access)
    assert code == 0, err
    named = json.loads(out)
    assert sorted(named["exported_files_left"]) == [str(p) for p in written]
