"""Failures said in words: a full disk and a read-only folder are named (from the OS or from SQLite), in the CLI and
in the app's result lines; an unknown failure says it was unexpected, without a traceback or any content."""

from __future__ import annotations

import errno
import sqlite3

from borapp.cli import main
from borapp.services import settings
from borapp.services.errors import ValidationError, describe


def test_describe_names_a_full_disk_and_a_read_only_folder():
    assert "vol" in describe(OSError(errno.ENOSPC, "No space left on device"))
    assert "vol" in describe(sqlite3.OperationalError("database or disk is full"))
    assert "/mnt/stick" in describe(PermissionError(errno.EACCES, "Permission denied", "/mnt/stick"))
    assert "kan niet worden geschreven" in describe(sqlite3.OperationalError("attempt to write a readonly database"))
    assert describe(ValidationError("Vul een naam in.")) == "Vul een naam in."
    unknown = describe(KeyError("Petra Jansen"))
    assert "KeyError" in unknown and "Petra" not in unknown and unknown.startswith("Er ging iets mis dat BOR Desk niet had")


def test_the_cli_says_a_full_disk_in_words(workspace, vault_path, passphrase_file, capsys, monkeypatch):
    def full(*args, **kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(settings, "put", full)
    code = main(["config", "set", "organisation.name", "BOR Noord", "--vault", str(vault_path),
                 "--passphrase-file", str(passphrase_file)])
    err = capsys.readouterr().err
    assert code == 1 and "schijf is vol" in err and "niet had verwacht" not in err


def test_a_result_line_says_a_read_only_folder_in_words(qtbot):
    from borapp.ui.widgets.result_line import ResultLine

    line = ResultLine()
    qtbot.addWidget(line)

    def refused():
        raise PermissionError(errno.EROFS, "Read-only file system", "/media/stick/kopie.pdf")

    assert line.attempt(refused, "Opgeslagen.") is False
    assert "/media/stick/kopie.pdf" in line.text() and "alleen-lezen" in line.text()
