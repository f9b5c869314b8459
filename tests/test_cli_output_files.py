"""The files commands write where the user said (`--out`, `backup --to`): no sheet goes through the system's temp
folder, a link or a pipe is refused (never replaced, even with --force), and a place that cannot be written is said
in one line naming the folder the user gave; never the "unexpected" message, never a traceback."""

from __future__ import annotations

import errno
import os
import stat
import tempfile

import pytest

from borapp.cli import main
from tests.costs.test_cost_figures import _vault_of_known_costs

NAME = "Vera Voorbeeld"  # a volunteer in the costs export


def run(capsys, vault_path, passphrase_file, *argv):
    code = main([*argv, "--vault", str(vault_path), "--passphrase-file", str(passphrase_file)])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def system_temp(tmp_path, monkeypatch):
    """The system's temp folder (TMPDIR and tempfile's own choice), watched: every file or folder opened or made in
    it is recorded, also one removed again before the command ends (as openpyxl removes its own)."""
    folder = tmp_path / "systeem-temp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    made: list[str] = []
    real_open, real_mkdir = os.open, os.mkdir

    def watched_open(path, *args, **kwargs):
        if os.fspath(path).startswith(str(folder)):
            made.append(os.fspath(path))
        return real_open(path, *args, **kwargs)

    def watched_mkdir(path, *args, **kwargs):
        if os.fspath(path).startswith(str(folder)):
            made.append(os.fspath(path))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", watched_open)
    monkeypatch.setattr(os, "mkdir", watched_mkdir)
    return folder, made


SHEETS = [
    ("costs", "export", "--year", "2025", "--out"),
    ("report", "annual", "--year", "2025", "--out"),
    ("import", "template", "cases", "--out"),
]


@pytest.mark.parametrize("command", SHEETS, ids=lambda c: " ".join(c[:2]))
def test_a_workbook_never_passes_through_the_system_temp_folder(capsys, workspace, vault_path, passphrase_file,
                                                                tmp_path, system_temp, command):
    """openpyxl's save wrote each sheet's XML (the volunteers' names) to $TMPDIR/openpyxl.* first."""
    from openpyxl import load_workbook

    _vault_of_known_costs(workspace)
    folder, made = system_temp
    target = tmp_path / "uit" / "blad.xlsx"
    target.parent.mkdir()
    code, _out, err = run(capsys, vault_path, passphrase_file, *command, str(target))
    assert code == 0, err
    assert made == [] and list(folder.iterdir()) == []
    book = load_workbook(target)
    assert book.active.max_row >= 2
    if command[0] == "costs":
        assert NAME in [cell.value for row in book.active.iter_rows() for cell in row]
    assert [p.name for p in target.parent.iterdir()] == ["blad.xlsx"]


FILES = [
    ("backup", "--to"),
    ("costs", "export", "--year", "2025", "--format", "csv", "--out"),
    ("report", "annual", "--year", "2025", "--format", "csv", "--out"),
    ("documents", "contract", "BOR-2026-001", "--out"),
    ("import", "template", "cases", "--out"),
]


@pytest.fixture
def family(workspace):
    from tests.helpers.documents_support import full_case, set_organisation

    set_organisation(workspace)
    full_case(workspace)
    return workspace


@pytest.mark.parametrize("command", FILES, ids=lambda c: " ".join(c[:2]))
def test_a_link_is_refused_and_neither_it_nor_its_target_is_touched(capsys, family, vault_path, passphrase_file,
                                                                    tmp_path, command):
    """`--force` renamed the new file over the link: the link was gone, its target never written."""
    target = tmp_path / "elders" / "doel.bestand"
    target.parent.mkdir()
    target.write_bytes(b"van iemand anders")
    link = tmp_path / "link.bestand"
    link.symlink_to(target)
    broken = tmp_path / "kapot.bestand"
    broken.symlink_to(tmp_path / "nergens")
    for path in (link, broken):
        code, out, err = run(capsys, vault_path, passphrase_file, *command, str(path), "--force")
        assert code == 2 and "is een link naar" in err and str(path) in err and out == "", err
        assert err.count("\n") == 1
        assert path.is_symlink()
    assert os.readlink(link) == str(target) and target.read_bytes() == b"van iemand anders"
    assert not (tmp_path / "nergens").exists()


@pytest.mark.parametrize("command", FILES, ids=lambda c: " ".join(c[:2]))
def test_a_pipe_is_refused_not_replaced(capsys, family, vault_path, passphrase_file, tmp_path, command):
    """As root `backup --to /dev/null --force` replaced the device itself; a pipe stands in for it here."""
    pipe = tmp_path / "pijp"
    os.mkfifo(pipe)
    code, out, err = run(capsys, vault_path, passphrase_file, *command, str(pipe), "--force")
    assert code == 2 and "geen gewoon bestand" in err and str(pipe) in err and out == "", err
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


def test_an_ordinary_file_is_still_replaced_with_force(capsys, family, vault_path, passphrase_file, tmp_path):
    existing = tmp_path / "onkosten.csv"
    existing.write_text("oud")
    code, _out, err = run(capsys, vault_path, passphrase_file, "costs", "export", "--year", "2025", "--out",
                          str(existing), "--force")
    assert code == 0, err
    assert existing.read_text(encoding="utf-8-sig").startswith("Maand;") and not existing.is_symlink()


# ---- places that cannot be written ----------------------------------------------------------------------------------

def one_line(err: str) -> str:
    assert err.count("\n") == 1, err
    assert "niet had verwacht" not in err and ".borapp-backup-" not in err and ".bordesk-" not in err, err
    return err


@pytest.mark.parametrize("command", FILES, ids=lambda c: " ".join(c[:2]))
def test_a_file_where_a_folder_should_be_is_named(capsys, family, vault_path, passphrase_file, tmp_path, command):
    """`backup --to pw.txt/x.borbak` said "unexpected ... FileExistsError"."""
    plain = tmp_path / "pw.txt"
    plain.write_text("geheim")
    code, _out, err = run(capsys, vault_path, passphrase_file, *command, str(plain / "x.bestand"))
    assert code == 2 and f"{plain} is een bestand, geen map." in one_line(err)
    assert plain.read_text() == "geheim"


@pytest.mark.parametrize("command", FILES, ids=lambda c: " ".join(c[:2]))
def test_a_folder_that_takes_no_files_is_named(capsys, family, vault_path, passphrase_file, command):
    """/proc takes no new files: "unexpected ... FileNotFoundError" before."""
    code, _out, err = run(capsys, vault_path, passphrase_file, *command, "/proc/bor-desk-test.bestand")
    assert code == 1 and "In /proc kan niets worden geschreven" in one_line(err)


def refusing(monkeypatch, code: int) -> None:
    """Every fsync fails as a full or read-only disk fails a write (the vault's own writes go through SQLite)."""
    def fsync(_fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", fsync)


@pytest.mark.parametrize("command", FILES, ids=lambda c: " ".join(c[:2]))
def test_a_full_disk_is_said_naming_the_folder(capsys, family, vault_path, passphrase_file, tmp_path, monkeypatch,
                                               command):
    folder = tmp_path / "stick"
    folder.mkdir()
    refusing(monkeypatch, errno.ENOSPC)
    code, _out, err = run(capsys, vault_path, passphrase_file, *command, str(folder / "x.bestand"))
    assert code == 1 and f"De schijf van {folder} is vol" in one_line(err)
    assert list(folder.iterdir()) == [], "no half file, no temporary file left"


def test_a_full_disk_during_the_backup_copy_is_said_naming_the_folder(capsys, family, vault_path, passphrase_file,
                                                                      tmp_path, monkeypatch):
    """SQLite's own "database or disk is full" (the copy of the vault) named no folder."""
    import sqlcipher3

    from borapp.services.vault import backup_file

    def full(_connection, _copy):
        raise sqlcipher3.dbapi2.OperationalError("database or disk is full")

    monkeypatch.setattr(backup_file, "copy_database", full)
    folder = tmp_path / "stick"
    code, _out, err = run(capsys, vault_path, passphrase_file, "backup", "--to", str(folder / "x.borbak"))
    assert code == 1 and f"De schijf van {folder} is vol" in one_line(err)


@pytest.mark.parametrize("command", FILES, ids=lambda c: " ".join(c[:2]))
def test_a_read_only_folder_is_named_not_the_temporary_file(capsys, family, vault_path, passphrase_file, tmp_path,
                                                            monkeypatch, command):
    """The backup named its own `.borapp-backup-…` folder; the tests run as root, so the refusal is made up."""
    folder = tmp_path / "alleen-lezen"
    folder.mkdir()
    refusing(monkeypatch, errno.EROFS)
    code, _out, err = run(capsys, vault_path, passphrase_file, *command, str(folder / "x.bestand"))
    assert code == 1 and f"In {folder} kan niet worden geschreven (alleen-lezen" in one_line(err)


def test_in_english_too(capsys, family, vault_path, passphrase_file, tmp_path):
    plain = tmp_path / "pw.txt"
    plain.write_text("geheim")
    code, _out, err = run(capsys, vault_path, passphrase_file, "backup", "--to", str(plain / "x.borbak"),
                          "--lang", "en")
    assert code == 2 and err.strip() == f"borapp: {plain} is a file, not a folder."
    code, _out, err = run(capsys, vault_path, passphrase_file, "costs", "export", "--year", "2025", "--out",
                          "/proc/c.csv", "--lang", "en")
    assert code == 1 and err.strip() == ("borapp: Nothing can be written in /proc: the system does not allow files "
                                         "there. Choose another place.")
