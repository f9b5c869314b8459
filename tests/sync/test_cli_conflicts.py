"""`borapp sync conflicts` and `sync resolve` from the command line: each clash with whose value is whose, and
--keep mine (the value sent later) or theirs (the server's) settles it for everyone."""

from __future__ import annotations

import json

from borapp.cli import main
from borapp.i18n import _
from borapp.services.sync import conflicts
from borapp.services.sync.run import sync_now
from tests.conftest import PASSPHRASE
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_gui_conflicts_dialog import address_clash, clash, place  # noqa: F401 - fixture
from tests.sync.test_gui_team import live_url  # noqa: F401 - fixture


def cli(workspace, tmp_path, *args: str) -> int:
    path = workspace.vault.path
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE)
    workspace.lock()
    return main(["sync", *args, "--vault", str(path), "--passphrase-file", str(secret)])


def test_listing_and_settling_a_conflict_from_the_command_line(clash, tmp_path, capsys):
    anna, bram = clash
    [found] = conflicts.open_conflicts(anna)
    assert cli(bram, tmp_path, "conflicts") == 0
    line = capsys.readouterr().out.strip()
    # in words, as the Conflicts window: the case by its number and the field by its name (it printed "case
    # visit_place" and Python's quotes)
    assert line.startswith(f"#{found['id']} Dossier · BOR-2026-001, Plaats: oorspronkelijk "
                           "\u201cSpeeltuin De Bres\u201d; op de server \u201cBibliotheek Schagen\u201d (anna, "), line
    assert line.endswith("; later verstuurd \u201cBuurthuis De Kolk\u201d (deze laptop)"), line
    assert cli(anna, tmp_path, "conflicts", "--json") == 0
    assert [c["id"] for c in json.loads(capsys.readouterr().out)] == [found["id"]]

    from borapp.services.vault.vault import Vault
    from borapp.services.vault.workspace import Workspace

    anna_path = anna.vault.path
    assert cli(Workspace(Vault.open(anna_path, PASSPHRASE)), tmp_path, "resolve", str(found["id"]), "--keep",
               "mine") == 0
    assert capsys.readouterr().out.strip() == _(
        "Conflict {id} settled for everyone; the value arrives with each laptop's next sync.").format(id=found["id"])
    again = Workspace(Vault.open(anna_path, PASSPHRASE))
    try:
        sync_now(again)
        assert place(again) == "Buurthuis De Kolk", "mine is the value sent later (Bram's), on any laptop"
        assert conflicts.open_conflicts(again) == []
    finally:
        again.lock()


def test_a_confidential_address_is_masked_on_the_command_line_too(address_clash, tmp_path, capsys):
    anna, bram = address_clash
    assert cli(bram, tmp_path, "conflicts") == 0
    words = capsys.readouterr().out
    assert cli(anna, tmp_path, "conflicts", "--json") == 0
    [record] = json.loads(capsys.readouterr().out)
    assert "(geheim adres)" in words and (record["base"], record["server"], record["mine"]) == ("(geheim adres)",) * 3
    assert not any(street in words + str(record) for street in ("Kerkstraat", "Molenweg", "Dorpsweg"))
