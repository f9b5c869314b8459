"""Screens are built when first shown: unlocking builds and loads Today once, and typing kept for a screen that is
not built yet waits for it (and is not lost by the drafts saved meanwhile)."""

from __future__ import annotations

from PySide6.QtTest import QTest

from borapp.services import dashboard, drafts
from tests.cases.test_case_services import add_case
from tests.test_gui_app import _create_and_enter, _unlock, window  # noqa: F401 - fixture


def fresh_start(window) -> None:
    """The next unlock starts with a fresh set of screens, as after launching the app."""
    window.stack.removeWidget(window.shell)
    window.shell.deleteLater()
    window.shell = None


def test_unlock_builds_and_loads_only_today_once(qtbot, window, monkeypatch):
    _create_and_enter(qtbot, window)
    window.lock()
    loads = []
    real = dashboard.today
    monkeypatch.setattr(dashboard, "today", lambda *a, **k: loads.append(1) or real(*a, **k))
    fresh_start(window)
    _unlock(qtbot, window)
    assert [p.__class__.__name__ for p in window.shell.built_pages()] == ["DashboardPage"]
    assert len(loads) == 1, "Today was loaded more than once at unlock"
    window.shell.show_page("volunteers")
    assert {p.__class__.__name__ for p in window.shell.built_pages()} == {"DashboardPage", "VolunteersPage"}


def test_typing_kept_for_a_screen_not_yet_built_comes_back_when_it_is_shown(qtbot, window):
    _create_and_enter(qtbot, window)
    case_id = add_case(window.workspace, "BOR-2026-051", status="intake")
    window.shell.open_case(case_id)
    family = window.shell.pages["cases"].case_file.tab("family")
    family.parent_forms["other"].name.clear()
    QTest.keyClicks(family.parent_forms["other"].name, "Karel Bakker-Ünal")
    window.lock()  # keeps the typing as a draft
    fresh_start(window)
    _unlock(qtbot, window)
    assert "CasesPage" not in [p.__class__.__name__ for p in window.shell.built_pages()]
    window.save_drafts()  # the periodic save must not drop the draft of the screen that is not built
    key = drafts.UI_PREFIX + f"case/{case_id}/family/form"
    assert drafts.load_draft(window.workspace, key) is not None
    window.shell.show_page("cases")
    restored = window.shell.pages["cases"].case_file.tab("family")
    assert restored.parent_forms["other"].name.text() == "Karel Bakker-Ünal"
    window.lock()
