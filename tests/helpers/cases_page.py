"""The Cases page as a coordinator sees it, for the tests of the case list and the case file: import `page`."""

from __future__ import annotations

import pytest

from borapp.ui.pages.cases.cases_page import CasesPage


@pytest.fixture
def page(qtbot, workspace):
    widget = CasesPage(workspace)
    qtbot.addWidget(widget)
    widget.resize(1366 - 176, 720)  # the content area of the main window at 1366×768
    widget.show()
    qtbot.waitExposed(widget)
    return widget
