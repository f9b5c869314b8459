"""Where a backup may go: a missing folder is made when the folder it goes in is there (as `borapp backup --to`
does), not where a stick that is not plugged in should appear; a file is named as a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from borapp.services import settings
from borapp.services.errors import BorError
from borapp.services.vault import backups


def test_a_missing_folder_in_a_folder_that_is_there_is_made(workspace, tmp_path):
    settings.write_settings(workspace, {"backup.folder": str(tmp_path / "nieuw")})
    assert backups.folder_problem(str(tmp_path / "nieuw")) == ""
    written = backups.make_backup(workspace)
    assert written.parent == tmp_path / "nieuw"


def test_a_folder_whose_parent_is_missing_is_not_available(workspace, tmp_path):
    missing = tmp_path / "stick" / "bor"
    settings.write_settings(workspace, {"backup.folder": str(missing)})
    with pytest.raises(BorError, match="niet beschikbaar"):
        backups.make_backup(workspace)
    assert not missing.parent.exists(), "nothing made"


@pytest.mark.parametrize("spot", ["/media/anna/STICK", "/run/media/anna/STICK", "/Volumes/STICK", "/mnt/stick"])
def test_nothing_is_made_where_a_stick_appears(spot):
    assert "niet beschikbaar" in backups.folder_problem(spot)


def test_a_file_is_named_as_a_file(tmp_path):
    a_file = tmp_path / "bestand"
    a_file.write_text("x")
    assert backups.folder_problem(str(a_file)).endswith("is een bestand, geen map. Kies een map voor de reservekopieën.")


def test_a_tilde_is_kept_as_the_whole_folder(workspace, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    settings.write_settings(workspace, {"backup.folder": "~/bk"})
    assert settings.read_setting(workspace, "backup.folder") == str(tmp_path / "bk")
    assert Path(backups.make_backup(workspace)).parent == tmp_path / "bk"
