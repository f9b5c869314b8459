"""What a sync says in words: one change is "1 wijziging" (it said "1 wijzigingen"), a moment as the app writes one
(it printed "2026-12-05T20:08:56")."""

from __future__ import annotations

from types import SimpleNamespace

from borapp.cli.sync_command import _when
from borapp.services.sync import news


def test_a_sync_counts_its_changes_in_singular_and_plural():
    assert news.summary(SimpleNamespace(pushed=1, pulled=12)) == \
        "Gesynchroniseerd: 1 wijziging verstuurd, 12 wijzigingen ontvangen."
    assert news.summary(SimpleNamespace(pushed=0, pulled=1)) == \
        "Gesynchroniseerd: 0 wijzigingen verstuurd, 1 wijziging ontvangen."


def test_the_last_sync_is_said_as_a_date_and_time():
    assert _when("2026-12-05T20:08:56") == "5 december 2026 20:08"
    assert _when("") == "nooit"
