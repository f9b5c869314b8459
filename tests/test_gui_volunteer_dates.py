"""A VOG date that cannot be read, as the profile says it: once, under its field, and not as "no VOG" above."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from borapp.models import Volunteer
from borapp.services.errors import ValidationError
from tests.helpers.volunteers_page import shown_page


@pytest.fixture
def editor(qtbot, workspace):
    with workspace.session() as session:
        volunteer = Volunteer(name="Sanne Proef")
        session.add(volunteer)
        session.flush()
        volunteer_id = volunteer.id
    return shown_page(qtbot, workspace, volunteer_id).editor


def test_an_unreadable_vog_date_is_not_called_no_vog_in_the_matching_note(qtbot, editor):
    """31-2-2026: the field said it cannot read the date, the grey note above said "Geen VOG bekend" (a walk)."""
    assert "Geen VOG bekend" in editor.matching.text()
    qtbot.mouseClick(editor.vog_date.edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.vog_date.edit, "31-2-2026")
    qtbot.keyClick(editor.vog_date.edit, Qt.Key.Key_Tab)
    assert "Geen VOG bekend" not in editor.matching.text()
    assert "De VOG-datum is niet te lezen" in editor.matching.text()


def test_the_message_under_a_date_field_does_not_repeat_its_label(qtbot, editor):
    """"'31-2-2026' is geen datum (VOG afgegeven op)" under the field labelled "VOG afgegeven op"."""
    qtbot.mouseClick(editor.vog_date.edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.vog_date.edit, "31-2-2026")
    qtbot.keyClick(editor.vog_date.edit, Qt.Key.Key_Tab)
    said = editor.vog_date.message.text()
    assert said.startswith("'31-2-2026' is geen datum:") and "februari 2026" in said and "(" not in said
    with pytest.raises(ValidationError) as caught:  # said elsewhere (a status line), it names the field
        editor.vog_date.value()
    assert "(VOG afgegeven op)" in str(caught.value)
