"""Erasing a case names its requests for access (`privacy export`, the app's inzage-… folder) and the documents
saved of it (`documents contract --out`) still on disk: they hold the whole case, the confidential address and the
children's names. Erasure said nothing of them. Where they went is kept in the vault, as the outbox's folders are."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.helpers.cases_page import page  # noqa: F401 - fixture
from tests.helpers.cli_run import run_cli as run
from tests.helpers.documents_support import full_case, set_organisation

REF = "BOR-2026-001"


@pytest.fixture
def case_id(workspace):
    set_organisation(workspace)
    case_id = full_case(workspace, confidential="other")
    return case_id


def test_the_command_line_names_what_was_written_of_the_case(workspace, case_id, vault_path, passphrase_file,
                                                            tmp_path, capsys, monkeypatch):
    workspace.vault.lock()
    monkeypatch.chdir(tmp_path)
    access = ("--vault", vault_path, "--passphrase-file", passphrase_file)
    assert run(capsys, "privacy", "export", REF, "--out", "inzage-map", *access)[0] == 0
    assert run(capsys, "privacy", "export", f"{REF}:verzorgend", "--out", "moeder", "--zip", *access)[0] == 0
    code, _out, err = run(capsys, "documents", "contract", REF, "--out", "contract.pdf", *access)
    assert code == 0, err
    (tmp_path / "moeder.zip").rename(tmp_path / "weg.zip")  # gone from where it was written: not named
    code, out, err = run(capsys, "privacy", "erase", REF, "--reason", "verzoek", "--yes", "--json", *access)
    assert code == 0, err
    assert json.loads(out)["written_files_left"] == [str(tmp_path / "inzage-map"), str(tmp_path / "contract.pdf")]


def test_said_in_words_at_the_command_line(workspace, case_id, vault_path, passphrase_file, tmp_path, capsys):
    workspace.vault.lock()
    access = ("--vault", vault_path, "--passphrase-file", passphrase_file)
    assert run(capsys, "privacy", "export", REF, "--out", tmp_path / "inzage", *access)[0] == 0
    code, out, err = run(capsys, "privacy", "erase", REF, "--reason", "verzoek", "--yes", *access)
    assert code == 0, err
    assert "1 inzageverzoek of opgeslagen document van het dossier is er nog" in out, out
    assert str(tmp_path / "inzage") in out


def test_the_app_names_its_request_for_access_after_erasing(qtbot, page, workspace, case_id, tmp_path, monkeypatch):
    page.refresh()
    page.open_case_file(case_id)
    box = page.case_file.show_tab("timeline").privacy
    qtbot.mouseClick(box.export_button, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    qtbot.mouseClick(box.dialog.export_button, Qt.MouseButton.LeftButton)
    written = tmp_path / "inzage-BOR-2026-001-verzorgend"
    assert written.is_dir()
    qtbot.mouseClick(box.erase_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    qtbot.mouseClick(dialog.reason, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.reason, "verzoek van de ouder")
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.confirm, REF)
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    said = box.erased_message
    assert said.isVisible() and str(written) in said.informativeText(), said.informativeText()
    said.grab().save("/tmp/shots_fixK/erased_nl.png")
    said.close()
