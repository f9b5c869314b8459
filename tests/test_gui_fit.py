"""Every screen fits a 1280×720 window in Dutch and English, also after visiting all of them (the window's minimum
size must not grow for the rest of the session), and the volunteers list gives the names room before the region."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from borapp.services.demo.builder import fill_demo
from borapp.services.vault.workspace import Workspace, list_coordinators
from borapp.ui import qt_i18n

WIDTH, HEIGHT = 1280, 720


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory):
    from borapp.services.vault.vault import Vault
    from tests.conftest import PASSPHRASE

    path = tmp_path_factory.mktemp("fit") / "vault.bordb"
    vault = Vault.create(path, PASSPHRASE)[0]
    fill_demo(vault, cases=24, seed=5)
    vault.lock()
    return path


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_screen_fits_1280_by_720(qtbot, demo_vault, language):
    from borapp.app import build_window, make_application
    from borapp.services.vault.vault import Vault
    from tests.conftest import PASSPHRASE

    make_application()
    window = build_window(demo_vault, language)
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT)
    window.show()
    vault = Vault.open(demo_vault, PASSPHRASE)
    window.open_workspace(Workspace(vault, list_coordinators(vault)[0]))
    try:
        too_big = {}
        for key in window.shell.pages:
            window.shell.show_page(key)
            settle()
            hint = window.minimumSizeHint()
            if hint.width() > WIDTH or hint.height() > HEIGHT:
                too_big[key] = (hint.width(), hint.height())
        volunteers = window.shell.pages["volunteers"]
        volunteers.table.setCurrentIndex(volunteers.model.index(0, 0))  # a profile opens beside the list
        settle()
        hint = window.minimumSizeHint()
        if hint.width() > WIDTH or hint.height() > HEIGHT:
            too_big["volunteer profile"] = (hint.width(), hint.height())
        assert too_big == {}, f"wider or taller than {WIDTH}×{HEIGHT}: {too_big}"
        profile = volunteers.editor_stack.currentWidget().scroll
        assert profile.widget().width() <= profile.viewport().width(), "the profile is cut off on the right"
        header = volunteers.table.horizontalHeader()
        assert header.sectionSize(0) >= header.sectionSize(1), "the names are squeezed by the region column"
    finally:
        window.lock()
        qt_i18n.install("nl")
