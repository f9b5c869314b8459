"""A failed sync's reason is kept in no language: it failed in Dutch, BOR Desk started again in English, and the Team
tab and the status bar's button said it in Dutch still (the vault kept the words of the moment it failed). Against
the real service on a local port."""

from __future__ import annotations

import errno

import pytest
from sqlalchemy.exc import IntegrityError

from borapp.i18n import Said, said_again, set_language
from borapp.services.sync import run as sync_run
from borapp.services.sync.failure import kept_words
from borapp.services.sync.transport import SyncError
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_gui_failed_sync_state import REFUSED, joined  # noqa: F401 - fixture
from tests.sync.test_gui_team import code_for, live_url, tab  # noqa: F401 - fixtures

SCHEMA_NL = ("Deze laptop en de kantoorserver gebruiken verschillende versies van BOR Desk: werk de oudste bij en "
             "synchroniseer opnieuw. Er is niets veranderd.")
SCHEMA_EN = ("This laptop and the office server run different versions of BOR Desk: update the one that is older, then "
             "sync again. Nothing was changed.")


def test_a_sync_failed_in_dutch_is_said_in_english_after_a_start_in_english(qtbot, joined, workspace, monkeypatch):
    from borapp.ui.pages.settings.team_tab import TeamTab
    from borapp.ui.sync_indicator import SyncIndicator

    monkeypatch.setattr(sync_run, "head", lambda: REFUSED)
    with pytest.raises(SyncError):
        sync_run.sync_now(workspace)
    assert sync_run.status(workspace).failure == SCHEMA_NL
    set_language("en")  # the next start, in English
    assert sync_run.status(workspace).failure == SCHEMA_EN
    tab = TeamTab()
    qtbot.addWidget(tab)
    tab.load(workspace)
    lines = tab.state_label.text().split("\n")
    assert lines[0].startswith("Sync failed at ") and lines[1] == SCHEMA_EN, lines
    indicator = SyncIndicator()
    qtbot.addWidget(indicator)
    indicator.workspace = workspace  # as start() does, without its sync
    indicator.show_state()
    assert indicator.text().startswith("Sync failed at ") and SCHEMA_EN in indicator.toolTip(), indicator.toolTip()


def test_a_fault_and_a_folder_that_cannot_be_written_to_are_kept_with_their_values_in_no_language():
    fault = IntegrityError("INSERT", ("Wobbelgrauw",), Exception("UNIQUE constraint failed"))
    read_only = OSError(errno.EROFS, "Read-only file system", "/media/usb/vault.bordb")
    kept = [kept_words(fault), kept_words(read_only)]
    assert "Wobbelgrauw" not in kept[0] and "BOR Desk" in said_again(kept[0])
    assert said_again(kept[1]).startswith("In /media/usb/vault.bordb kan niet worden"), said_again(kept[1])
    set_language("en")
    assert said_again(kept[0]).startswith("The sync stopped on an unexpected error in BOR Desk.")
    assert said_again(kept[1]).startswith("/media/usb/vault.bordb cannot be written to"), said_again(kept[1])


def test_words_kept_before_were_in_one_language_and_are_said_as_they_are():
    assert said_again("Synchronisatie mislukt: oude woorden") == "Synchronisatie mislukt: oude woorden"
    assert said_again(Said("Offline").kept()) == "Offline"
