"""A value being typed in a conflict, kept over a lock as a draft, goes with the case when the case is erased: here,
or by a colleague (the erasure pulled from the team). It stayed behind under "conflict/<id>/value", and may hold a
name or an address of the very case erased."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from borapp.services import drafts
from borapp.services.privacy.erasure import erase_case
from borapp.services.sync.run import sync_now
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_gui_conflicts_dialog import clash, typing_in_conflict  # noqa: F401 - fixture
from tests.sync.test_gui_team import live_url  # noqa: F401 - fixture

TYPED = "Speeltuin Het Park; vader Wobbelgrauw brengt"


@pytest.fixture
def kept(qtbot, clash, tmp_path):
    """Anna types a value in the conflict on the case's place, the vault locks (the typing kept), she unlocks."""
    from tests.test_gui_app import _unlock

    anna, bram = clash
    window, _dialog, box = typing_in_conflict(qtbot, anna, tmp_path, TYPED)
    with qtbot.waitSignal(window.locked):
        QTest.keyClick(box, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: not window.sync_indicator.busy, timeout=15_000)
    assert typing_kept(window.workspace), "the lock kept nothing: this test would show nothing"
    yield window, bram
    window.lock()


def typing_kept(workspace) -> list[str]:
    """The drafts about the conflict, or holding what was typed in it."""
    return [d.key for d in drafts.list_drafts(workspace)
            if "conflict" in d.key or "Wobbelgrauw" in json.dumps(d.payload, ensure_ascii=False)]


def test_erasing_the_case_here_takes_the_typing_in_its_conflict_along(kept):
    window, _bram = kept
    erase_case(window.workspace, "BOR-2026-001", "verzoek van de ouder", confirm="BOR-2026-001")
    assert typing_kept(window.workspace) == []


def test_an_erasure_pulled_from_the_team_takes_the_typing_in_its_conflict_along(kept):
    window, bram = kept
    erase_case(bram, "BOR-2026-001", "verzoek van de ouder", confirm="BOR-2026-001")
    sync_now(bram)
    assert sync_now(window.workspace).erased_by_team, "the erasure did not arrive"
    assert typing_kept(window.workspace) == []
