"""The profile shows the VOGs before the latest, which a past year's annual report counts: a VOG renewed in the
profile keeps the one before it, shown under the VOG date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from borapp.formatting import long_date
from borapp.services.volunteers.profiles import VolunteerInput, load_volunteer, save_volunteer
from tests.helpers.volunteers_page import shown_page

TODAY = dt.date.today()


def test_renewing_the_vog_in_the_profile_keeps_and_shows_the_earlier_one(qtbot, workspace):
    ans = save_volunteer(workspace, VolunteerInput(name="Ans Proef", vog_date=dt.date(2021, 4, 1)))
    page = shown_page(qtbot, workspace, ans)
    editor = page.editor
    assert editor.earlier_vogs.isHidden()  # one VOG: nothing earlier to show
    editor.vog_date.edit.setFocus()
    QTest.keyClick(editor.vog_date.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor.vog_date.edit, TODAY.strftime("%d-%m-%Y"))
    editor.vog_date.commit()
    editor.save_button.click()
    assert load_volunteer(workspace, ans).vogs == (TODAY, dt.date(2021, 4, 1))
    page.open_volunteer_profile(ans)
    assert not editor.earlier_vogs.isHidden()
    assert long_date(dt.date(2021, 4, 1)).replace(" ", "\u00a0") in editor.earlier_vogs.text()
    assert long_date(TODAY).replace(" ", "\u00a0") not in editor.earlier_vogs.text()  # the latest is in the field above
