"""Choosing a value for a conflict while the office server cannot be reached: nothing keeps the choice to send later,
so the Conflicts window and `borapp sync resolve` say that it was not made and nothing changed (they said "your
changes wait on this laptop and go with the next sync", which was untrue), and the conflict is still there when
the server is back."""

from __future__ import annotations

import socket

import httpx
import pytest
from PySide6.QtCore import Qt

from borapp.services import settings
from borapp.services.sync import conflicts
from borapp.services.sync.transport import Offline
from tests.server.conftest import app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_cli_conflicts import cli
from tests.sync.test_gui_conflicts_dialog import clash, click_row, opened, place  # noqa: F401 - fixture
from tests.sync.test_gui_team import live_url  # noqa: F401 - fixture

NOT_MADE = ("De kantoorserver {url} is niet bereikbaar, dus uw keuze kon niet worden gemaakt: er is niets "
            "veranderd. Kies opnieuw als deze laptop weer online is.")


def _server_down(workspace) -> str:
    """Point the laptop at a port nobody listens on, as when the office server is down; the old address back."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    old = settings.read_setting(workspace, "sync.url")
    settings.write_settings(workspace, {"sync.url": dead})
    return old


def test_choosing_in_the_conflicts_window_with_the_server_down_says_nothing_was_changed(qtbot, clash):
    anna, bram = clash
    dialog = opened(qtbot, bram)
    up = _server_down(bram)
    click_row(qtbot, dialog, 0)
    qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)
    down = settings.read_setting(bram, "sync.url")
    assert dialog.result.text() == NOT_MADE.format(url=down)
    settings.write_settings(bram, {"sync.url": up})
    assert len(conflicts.open_conflicts(bram)) == 1, "the choice was not made"
    assert place(bram) == "Bibliotheek Schagen"


def test_sync_resolve_with_the_server_down_fails_and_says_so(clash, tmp_path, capsys):
    anna, bram = clash
    [found] = conflicts.open_conflicts(bram)
    _server_down(bram)
    down = settings.read_setting(bram, "sync.url")
    assert cli(bram, tmp_path, "resolve", str(found["id"]), "--keep", "mine") == 1
    said = capsys.readouterr()
    assert said.out == "" and said.err.strip() == "borapp: " + NOT_MADE.format(url=down)
    assert len(conflicts.open_conflicts(anna)) == 1


def test_a_choice_whose_answer_was_lost_may_have_been_made(workspace):
    """The connection broke off after the choice went: the server may have made it, so the words say "may"."""
    def answer(request: httpx.Request) -> httpx.Response:
        if request.method == "GET":
            return httpx.Response(200, json={"conflicts": [{"id": 7, "mine": "a", "server": "b"}]})
        raise httpx.ReadError("connection reset", request=request)

    settings.write_settings(workspace, {"sync.device": "anna", "sync.url": "https://bor.example.org",
                                        "sync.token": "t"})
    with pytest.raises(Offline) as lost:
        conflicts.resolve(workspace, 7, "mine", http=httpx.Client(transport=httpx.MockTransport(answer)))
    assert str(lost.value) == ("De verbinding met de kantoorserver https://bor.example.org werd verbroken voordat "
                               "die antwoordde: uw keuze is misschien niet gemaakt. Open de conflicten opnieuw als "
                               "deze laptop weer online is; staat het er nog, kies dan opnieuw.")
