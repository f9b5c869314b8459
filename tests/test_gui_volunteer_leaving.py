"""A volunteer who stops: unticking Active asks whether she leaves or pauses, and the profile says what either means
for matching and the annual report; a leaving date still ahead is named, not hidden under "nothing stands in the
way"."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from borapp.models import Training, Volunteer
from borapp.services.reports.annual import annual_report
from borapp.services.volunteers.history import set_vog
from borapp.services.volunteers.profiles import load_volunteer
from tests.helpers.volunteers_page import shown_page
from tests.helpers.questions import answer_soon

TODAY = dt.date.today()
BOX = QPoint(6, 8)  # on the tick box itself


def make_volunteer(workspace, name: str, **fields) -> int:
    with workspace.session() as session:
        volunteer = Volunteer(name=name, joined_on=TODAY - dt.timedelta(days=400), **fields)
        set_vog(volunteer, TODAY)  # in her VOG history too, which the annual report reads
        volunteer.trainings.append(Training(kind="initial", on=TODAY - dt.timedelta(days=390)))
        session.add(volunteer)
        session.flush()
        return volunteer.id


@pytest.fixture
def karin(workspace):
    return make_volunteer(workspace, "Karin Proef")


@pytest.fixture
def page(qtbot, workspace, karin):
    return shown_page(qtbot, workspace, karin)


def pool_and_deployable(workspace) -> tuple[int, int]:
    volunteers = annual_report(workspace, TODAY.year, today=TODAY).volunteers
    return volunteers.end_of_year.value, volunteers.deployable_end_of_year


def untick_active(qtbot, editor, answer: str, asked: list | None = None) -> None:
    answer_soon(answer, asked)
    qtbot.mouseClick(editor.active, Qt.MouseButton.LeftButton, pos=BOX)


def test_unticking_active_asks_and_leaving_fills_in_today(qtbot, page, workspace, karin):
    """Unticking Actief alone kept Karin in the report's pool and said nothing (a walk)."""
    assert pool_and_deployable(workspace) == (1, 1)
    editor = page.editor
    asked = []
    untick_active(qtbot, editor, "Stopt", asked)
    assert "pauzeert" in asked[0]
    assert editor.left_on.value() == TODAY and not editor.active.isChecked()
    assert "niet meer in de poule" in editor.messages["active"].text()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = load_volunteer(workspace, karin)
    assert not stored.active and stored.left_on == TODAY
    assert pool_and_deployable(workspace) == (0, 0)


def test_pausing_keeps_her_in_the_pool_but_not_deployable_and_says_so(qtbot, page, workspace, karin):
    editor = page.editor
    untick_active(qtbot, editor, "Pauzeert")
    assert editor.left_on.text() == "" and not editor.active.isChecked()
    note = editor.messages["active"].text()
    assert "poule" in note and "niet als inzetbaar" in note
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not load_volunteer(workspace, karin).active
    assert pool_and_deployable(workspace) == (1, 0)
    page.open_volunteer_profile(karin)
    assert "niet als inzetbaar" in editor.messages["active"].text(), "said again when the profile is opened"


def test_cancel_keeps_her_active(qtbot, page, workspace, karin):
    editor = page.editor
    untick_active(qtbot, editor, QMessageBox.StandardButton.Cancel)
    assert editor.active.isChecked() and editor.left_on.text() == ""
    assert editor.messages["active"].isHidden()


def test_a_leaving_date_typed_first_asks_nothing(qtbot, page, workspace, karin):
    editor = page.editor
    qtbot.mouseClick(editor.left_on.edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.left_on.edit, "vandaag")
    qtbot.keyClick(editor.left_on.edit, Qt.Key.Key_Tab)
    qtbot.mouseClick(editor.active, Qt.MouseButton.LeftButton, pos=BOX)  # no question: it would block here
    assert not editor.active.isChecked() and editor.left_on.value() == TODAY


def test_a_leaving_date_ahead_is_named_in_the_matching_note(qtbot, page, workspace, karin):
    """Fatima, leaving in two weeks: "Niets in dit profiel staat koppelen in de weg" and not a word of it (a walk)."""
    editor = page.editor
    assert editor.matching.text().startswith("Niets in dit profiel")
    qtbot.mouseClick(editor.left_on.edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.left_on.edit, (TODAY + dt.timedelta(days=14)).strftime("%d-%m-%Y"))
    qtbot.keyClick(editor.left_on.edit, Qt.Key.Key_Tab)
    note = editor.matching.text()
    assert not note.startswith("Niets in dit profiel")
    assert "een nieuw dossier" in note and (TODAY + dt.timedelta(days=14)).strftime("%-d-%-m-%Y") in note
