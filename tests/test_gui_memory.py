"""The window keeps no module sources: PySide6's import hook reads every module imported after it into `linecache`
(about 20 MB for the app); building the window and unlocking let them go."""

from __future__ import annotations

import linecache

import sqlalchemy

from tests.test_gui_app import _create_and_enter


def test_building_the_window_and_unlocking_forget_module_sources(qtbot, tmp_path):
    from borapp.app import build_window, make_application

    make_application()
    linecache.getlines(sqlalchemy.__file__)  # as the import hook does
    assert sqlalchemy.__file__ in linecache.cache
    win = build_window(tmp_path / "vault.bordb", "nl")
    qtbot.addWidget(win)
    assert sqlalchemy.__file__ not in linecache.cache
    win.show()
    linecache.getlines(sqlalchemy.__file__)
    _create_and_enter(qtbot, win)
    assert sqlalchemy.__file__ not in linecache.cache
