"""The access log says who worked at the command line: the coordinator BORAPP_COORDINATOR names, else the vault's
only coordinator, else "command line (account greet)" in the user's language. A letter made and exported from the
CLI was logged with an empty "who" ("-" in `borapp privacy log`), then as a bare "root", also in the access overview
handed to a parent."""

from __future__ import annotations

import getpass
import json

from pypdf import PdfReader

from borapp.services.vault.workspace import Workspace, add_coordinator
from tests.helpers.outbox_support import add_referred_case, renderer  # noqa: F401 - fixtures
from tests.privacy.test_log_after_restore import run


def cli_lines(capsys, vault_path, passphrase_file, tmp_path, *lang) -> list[dict]:
    access = ("--vault", vault_path, "--passphrase-file", passphrase_file, *lang)
    assert run(capsys, "letters", "new", "BOR-2026-014", "--kind", "closing", *access)[0] == 0
    assert run(capsys, "letters", "export", "--to", tmp_path / "out", *access)[0] == 0
    _code, out, _err = run(capsys, "privacy", "log", "--json", *access)
    return [line for line in json.loads(out) if line["record"] == "letter"]


def test_the_only_coordinator_is_who(vault, vault_path, passphrase_file, tmp_path, capsys, renderer):
    add_referred_case(Workspace(vault, add_coordinator(vault, "Greet Coördinator")), "BOR-2026-014")
    lines = cli_lines(capsys, vault_path, passphrase_file, tmp_path)
    assert {line["action"] for line in lines} >= {"create", "export"}
    assert {line["who"] for line in lines} == {"Greet Coördinator"}


def test_among_several_coordinators_the_command_line_and_account_is_who(vault, vault_path, passphrase_file, tmp_path, capsys,
                                                                         renderer, monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "greet")
    monkeypatch.delenv("BORAPP_COORDINATOR", raising=False)
    add_coordinator(vault, "Henk Coördinator")
    add_referred_case(Workspace(vault, add_coordinator(vault, "Greet Coördinator")), "BOR-2026-014")
    lines = cli_lines(capsys, vault_path, passphrase_file, tmp_path)
    assert lines and {line["who"] for line in lines} == {"opdrachtregel (account greet)"}


def test_in_english_the_command_line_is_said_in_english(vault, vault_path, passphrase_file, tmp_path, capsys,
                                                        renderer, monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "greet")
    monkeypatch.delenv("BORAPP_COORDINATOR", raising=False)
    add_coordinator(vault, "Henk Coördinator")
    add_referred_case(Workspace(vault, add_coordinator(vault, "Greet Coördinator")), "BOR-2026-014")
    lines = cli_lines(capsys, vault_path, passphrase_file, tmp_path, "--lang", "en")
    assert lines and {line["who"] for line in lines} == {"command line (account greet)"}
    _code, out, _err = run(capsys, "privacy", "log", "--json", "--vault", vault_path, "--passphrase-file",
                           passphrase_file)  # the same lines read in Dutch say it in Dutch: kept in neither
    assert {line["who"] for line in json.loads(out) if line["record"] == "letter"} == {"opdrachtregel (account greet)"}
    code, _out, err = run(capsys, "privacy", "export", "BOR-2026-014", "--out", tmp_path / "inzage", "--vault",
                          vault_path, "--passphrase-file", passphrase_file)
    assert code == 0, err
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "inzage" / "overzicht.pdf").pages)
    assert "opdrachtregel (account greet)" in " ".join(text.split()) and "command line" not in text


def test_the_coordinator_set_for_the_command_line_is_who(vault, vault_path, passphrase_file, tmp_path, capsys,
                                                         renderer, monkeypatch):
    monkeypatch.setenv("BORAPP_COORDINATOR", "henk  coördinator")
    add_coordinator(vault, "Henk Coördinator")
    add_referred_case(Workspace(vault, add_coordinator(vault, "Greet Coördinator")), "BOR-2026-014")
    lines = cli_lines(capsys, vault_path, passphrase_file, tmp_path)
    assert lines and {line["who"] for line in lines} == {"Henk Coördinator"}


def test_a_coordinator_not_in_the_vault_is_a_usage_error(vault, vault_path, passphrase_file, capsys, monkeypatch):
    monkeypatch.setenv("BORAPP_COORDINATOR", "Niemand")
    add_coordinator(vault, "Henk Coördinator")
    code, _out, err = run(capsys, "letters", "list", "--vault", vault_path, "--passphrase-file", passphrase_file)
    assert code == 2 and "BORAPP_COORDINATOR" in err and "Henk Coördinator" in err
