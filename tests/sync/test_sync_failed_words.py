"""A sync that fails on a fault of the program says so in words, on the status bar's sync button (which kept saying
"Nog niet gesynchroniseerd" while every sync failed) and from `borapp sync now`: never a Python class name such as
"(IntegrityError)". The log line names the class and where, never the record's values."""

from __future__ import annotations

import logging
import re

import pytest
from PySide6.QtCore import Qt
from sqlalchemy.exc import IntegrityError

from borapp.services.sync import run as sync_run
from borapp.services.sync.join import join
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_gui_team import code_for, live_url  # noqa: F401 - fixture

FAULT = ("De synchronisatie stopte door een onverwachte fout in BOR Desk. Wat eerder is verstuurd en ontvangen, "
         "blijft bewaard, en de wijzigingen die hier zijn gemaakt en nog niet zijn verstuurd, wachten op deze laptop. "
         "Probeer het later opnieuw; blijft het mislukken, meld het dan aan wie BOR Desk ondersteunt.")


@pytest.fixture
def failing(monkeypatch):
    """Every pull breaks on a fault whose message holds a record's values (as SQLite's does)."""
    def broken(*_args, **_kwargs):
        raise IntegrityError("INSERT INTO parent (name) VALUES (?)", ("Wobbelgrauw Zeldzaam",),
                             Exception("UNIQUE constraint failed: case_file.ref"))

    monkeypatch.setattr(sync_run, "apply_changes", broken)
    return monkeypatch


def test_the_sync_button_says_the_last_sync_failed_when_and_why(qtbot, workspace, live_url, db_url, failing,
                                                                 caplog):
    from borapp.ui.sync_indicator import SyncIndicator

    join(workspace, live_url, code_for(db_url, "laptop-bram"), "laptop-bram")
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    with caplog.at_level(logging.ERROR):
        indicator.start(workspace)
        qtbot.waitUntil(lambda: not indicator.busy, timeout=15_000)
    assert re.fullmatch(r"Synchronisatie mislukt om \d\d:\d\d", indicator.text()), indicator.text()
    tip = indicator.toolTip()
    assert "De laatste synchronisatie is mislukt (" in tip and FAULT in tip, tip
    assert "Laatste geslaagde synchronisatie: nooit" in tip, tip
    assert "Error" not in tip and "Wobbelgrauw" not in tip
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "IntegrityError" in logged and "Wobbelgrauw" not in logged, logged

    failing.undo()  # the fault mended: a click syncs and the button says so
    qtbot.mouseClick(indicator, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not indicator.busy, timeout=15_000)
    assert indicator.text().startswith("Gesynchroniseerd om"), indicator.text()
    indicator.stop()


def test_sync_now_on_the_command_line_says_a_fault_in_words(workspace, vault_path, passphrase_file, live_url, db_url,
                                                            failing, capsys):
    from borapp.cli import main

    join(workspace, live_url, code_for(db_url, "laptop-bram"), "laptop-bram")
    workspace.lock()
    assert main(["sync", "now", "--vault", str(vault_path), "--passphrase-file", str(passphrase_file)]) == 1
    assert capsys.readouterr().err.strip() == "borapp: " + FAULT
