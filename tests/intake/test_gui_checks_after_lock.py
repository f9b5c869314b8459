"""An intake page that showed its problems shows them again when its typing comes back after a lock."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from borapp.formatting import long_date
from borapp.i18n import _
from tests.test_gui_intake import _unlock, _window, municipality  # noqa: F401 - fixture


def _retype(qtbot, field, text: str) -> None:
    qtbot.mouseClick(field.edit, Qt.MouseButton.LeftButton)
    QTest.keyClick(field.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field.edit, text)
    field.commit()


def test_the_intake_talk_before_the_registration_is_still_said_after_lock_and_unlock(qtbot, workspace, municipality):
    """The dates came back after the unlock, the red message did not: the wrong order looked accepted."""
    window = _window(qtbot, workspace.path)
    window.open_workspace(workspace)
    cases = window.shell.show_page("cases")
    cases.start_intake()
    page = cases.intake.wizard.currentPage()
    today = dt.date.today()
    registered, talk = today - dt.timedelta(days=3), today - dt.timedelta(days=10)
    _retype(qtbot, page.registered_on, f"{registered.day}-{registered.month}-{registered.year}")
    _retype(qtbot, page.intake_on, f"{talk.day}-{talk.month}-{talk.year}")
    qtbot.mouseClick(page.buttons["self"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(cases.intake.wizard.button(cases.intake.wizard.WizardButton.NextButton),
                     Qt.MouseButton.LeftButton)
    said = _("The intake talk cannot be before the registration ({date}).").format(date=long_date(registered))
    assert cases.intake.wizard.currentPage() is page and page.messages["intake_on"].text() == said

    QTest.keyClick(page.intake_on.edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert cases.intake.wizard is None
    _unlock(qtbot, window)
    page = cases.intake.wizard.currentPage()
    assert page.objectName() == "intake-1-route"
    assert page.intake_on.edit.text() == f"{talk.day:02d}-{talk.month:02d}-{talk.year}"
    assert page.messages["intake_on"].text() == said and page.messages["intake_on"].isVisible()
    window.lock()
