"""The volunteer meetings tab: sign-ups before the date and the warning below four while there is time to cancel,
cancelling with its reason, attendance starting from the sign-ups, and the list's theme column, sorting and filters."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from borapp.models import Volunteer
from borapp.services.volunteers import meetings
from borapp.ui.pages.volunteers.meetings_panel import DATE, KIND, NOTE, PEOPLE
from tests.helpers.volunteers_page import shown_page

SOON = dt.date.today() + dt.timedelta(days=14)


@pytest.fixture
def ids(workspace):
    with workspace.session() as session:
        people = [Volunteer(name=f"{n} Proef", region="Kop") for n in ("Anna", "Bert", "Carla", "Dirk", "Eva")]
        session.add_all(people)
        session.flush()
        return [p.id for p in people]


@pytest.fixture
def panel(qtbot, workspace, ids):
    page = shown_page(qtbot, workspace)
    page.tabs.setCurrentWidget(page.meetings)
    return page.meetings


def _reload(panel) -> None:
    panel.refresh(panel._volunteers, [])


def _choose(qtbot, panel, meeting_id: int) -> None:
    rect = panel.table.visualRect(panel.table.model().index(panel._row_of(meeting_id), DATE))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.selected_id() == meeting_id


def _tick(qtbot, panel, *rows: int) -> None:
    panel.attendance.setFocus()
    for row in rows:
        panel.attendance.setCurrentRow(row)
        qtbot.keyClick(panel.attendance, Qt.Key.Key_Space)


def _column(panel, column: int) -> list[str]:
    return [panel.table.item(r, column).text() for r in range(panel.table.rowCount())]


def test_too_few_sign_ups_warn_before_the_date_and_the_meeting_is_cancelled_with_that_reason(panel, workspace,
                                                                                                qtbot):
    """The attendees list was greyed out before the date, so "below the minimum" came only when cancelling was too
    late; and cancelling asked no reason, so the report counted every cancellation as too few (found by a walk)."""
    meeting = meetings.add_meeting(workspace, SOON, "Kop")
    _reload(panel)
    _choose(qtbot, panel, meeting)
    assert panel.attendance.isEnabled() and panel.checklist_title.text() == "Wie hebben zich aangemeld"
    _tick(qtbot, panel, 0, 1, 2)
    assert panel.save_attendance.text() == "Aanmeldingen opslaan"
    qtbot.mouseClick(panel.save_attendance, Qt.MouseButton.LeftButton)
    assert meetings.load_meeting(workspace, meeting).signup_count == 3
    assert panel.warning.isVisible() and panel.warning.text().startswith("3 aangemeld: onder het minimum (4)")
    assert _column(panel, PEOPLE) == ["3 aangemeld"]
    assert _column(panel, NOTE) == ["Te weinig aanmeldingen"]

    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert panel.why_group.isVisible() and panel.why_too_few.isChecked()  # three signed up: the likely reason
    qtbot.mouseClick(panel.confirm_cancel, Qt.MouseButton.LeftButton)
    item = meetings.load_meeting(workspace, meeting)
    assert (item.cancelled, item.cancel_reason) == (True, "too_few")
    assert not panel.why_group.isVisible() and panel.cancelled_label.text() == "Geannuleerd: te weinig aanmeldingen"
    assert _column(panel, NOTE) == ["Geannuleerd: te weinig aanmeldingen"] and not panel.warning.isVisible()

    qtbot.mouseClick(panel.uncancel_button, Qt.MouseButton.LeftButton)
    assert not meetings.load_meeting(workspace, meeting).cancelled and panel.cancel_button.isVisible()


def test_another_reason_needs_a_few_words(panel, workspace, qtbot, ids):
    meeting = meetings.add_meeting(workspace, SOON, "Kop")
    meetings.record_signups(workspace, meeting, ids[:4])
    _reload(panel)
    _choose(qtbot, panel, meeting)
    assert _column(panel, NOTE) == ["Nog te houden"] and "minimum" not in panel.warning.text()
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert not panel.why_too_few.isChecked() and not panel.why_other.isChecked()  # four signed up: no guess
    qtbot.mouseClick(panel.confirm_cancel, Qt.MouseButton.LeftButton)
    assert panel.why_message.text() == "Kies waarom de bijeenkomst niet doorgaat."
    qtbot.mouseClick(panel.why_other, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.confirm_cancel, Qt.MouseButton.LeftButton)
    assert panel.why_message.text() == "Zeg in een paar woorden waarom de bijeenkomst niet doorgaat."
    assert not meetings.load_meeting(workspace, meeting).cancelled
    qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
    assert not panel.why_group.isVisible()

    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    QTest.keyClicks(panel.why_note, "geen zaal vrij")  # typing the reason chooses "another reason"
    assert panel.why_other.isChecked()
    qtbot.mouseClick(panel.confirm_cancel, Qt.MouseButton.LeftButton)
    item = meetings.load_meeting(workspace, meeting)
    assert (item.cancel_reason, item.cancel_note) == ("other", "geen zaal vrij")
    assert _column(panel, NOTE) == ["Geannuleerd: geen zaal vrij"]


def test_after_the_date_who_attended_starts_from_who_signed_up(panel, workspace, qtbot, ids):
    meeting = meetings.add_meeting(workspace, dt.date.today() - dt.timedelta(days=1), "Kop")
    meetings.record_signups(workspace, meeting, ids[:4])
    _reload(panel)
    _choose(qtbot, panel, meeting)
    assert panel.checklist_title.text() == "Wie waren er" and panel.save_attendance.text() == "Aanwezigheid opslaan"
    assert sorted(panel.checked_ids()) == sorted(ids[:4]) and panel.save_attendance.isEnabled()  # not saved yet
    row_of_dirk = next(i for i in range(panel.attendance.count())
                       if panel.attendance.item(i).data(Qt.ItemDataRole.UserRole) == ids[3])
    _tick(qtbot, panel, row_of_dirk)  # Dirk did not come
    qtbot.mouseClick(panel.save_attendance, Qt.MouseButton.LeftButton)
    item = meetings.load_meeting(workspace, meeting)
    assert [a.id for a in item.attendees] == ids[:3] and item.signup_count == 4 and item.below_minimum
    assert _column(panel, PEOPLE) == ["3"]


def test_the_list_shows_the_theme_sorts_by_its_headers_and_filters_by_region_and_year(panel, workspace, qtbot):
    """A theme showed only in a tooltip, the headers did not sort, and 75 meetings were one list (a walk)."""
    meetings.add_meeting(workspace, dt.date(2025, 3, 1), "Kop")
    meetings.add_meeting(workspace, dt.date(2025, 2, 12), "West-Friesland", "theme", "Loyaliteitsconflicten")
    meetings.add_meeting(workspace, dt.date(2024, 11, 5), "Kop")
    _reload(panel)
    assert _column(panel, DATE) == ["1 maart 2025", "12 februari 2025", "5 november 2024"]  # newest first
    assert _column(panel, KIND) == ["Casuïstiekbespreking", "Thema: Loyaliteitsconflicten",
                                    "Casuïstiekbespreking"]

    header = panel.table.horizontalHeader()
    click = lambda column: qtbot.mouseClick(  # noqa: E731
        header.viewport(), Qt.MouseButton.LeftButton,
        pos=header.rect().topLeft() + QPoint(header.sectionViewportPosition(column) + 5, 5))
    click(DATE)  # by the date, not by its text ("1 maart" before "12 februari" before "5 november")
    assert _column(panel, DATE) == ["5 november 2024", "12 februari 2025", "1 maart 2025"]
    click(KIND)
    assert _column(panel, KIND) == ["Casuïstiekbespreking", "Casuïstiekbespreking",
                                    "Thema: Loyaliteitsconflicten"]

    QTest.keyClicks(panel.region_filter, "Kop")
    assert panel.region_filter.currentText() == "Kop"
    assert sorted(_column(panel, DATE)) == ["1 maart 2025", "5 november 2024"]
    QTest.keyClicks(panel.year_filter, "2024")
    assert _column(panel, DATE) == ["5 november 2024"] and panel.shown_count.text() == "1 bijeenkomst"
    qtbot.keyClick(panel.region_filter, Qt.Key.Key_Down)  # West-Friesland
    assert panel.list_stack.currentWidget() is panel.empty
    assert panel.empty.text() == "Geen bijeenkomsten in deze regio of dit jaar."


def test_nobody_attended_is_kept_and_the_sign_ups_are_not_ticked_again(panel, workspace, qtbot, ids):
    """With nobody ticked, saving left "attended" empty (Save was even greyed), so the next time the meeting was
    opened its sign-ups were ticked again, as if they had attended."""
    other = meetings.add_meeting(workspace, dt.date.today() - dt.timedelta(days=30), "Kop")
    meeting = meetings.add_meeting(workspace, dt.date.today() - dt.timedelta(days=1), "Kop")
    meetings.record_signups(workspace, meeting, ids[:2])
    _reload(panel)
    _choose(qtbot, panel, meeting)
    rows = [i for i in range(panel.attendance.count())
            if panel.attendance.item(i).data(Qt.ItemDataRole.UserRole) in ids[:2]]
    _tick(qtbot, panel, *rows)  # neither came
    assert panel.checked_ids() == [] and panel.save_attendance.isEnabled()
    qtbot.mouseClick(panel.save_attendance, Qt.MouseButton.LeftButton)
    item = meetings.load_meeting(workspace, meeting)
    assert item.attendees == () and item.attendance_recorded and item.signup_count == 2
    _choose(qtbot, panel, other)
    _choose(qtbot, panel, meeting)
    assert panel.checked_ids() == [] and not panel.save_attendance.isEnabled()
    # the other meeting's attendance was never recorded: "—", not "0"
    assert panel.count.text() == "0 aangevinkt" and _column(panel, PEOPLE) == ["0", "—"]
    _reload(panel)  # as after a lock or another tab
    _choose(qtbot, panel, meeting)
    assert panel.checked_ids() == []


def test_the_chosen_filters_stay_when_a_meeting_is_planned(panel, workspace, qtbot):
    """The filters are filled again after every change (refill_filter, shared with the case list): the region and
    year chosen stay chosen, and the new meeting of that region and year is listed."""
    meetings.add_meeting(workspace, dt.date(2025, 3, 1), "Kop")
    meetings.add_meeting(workspace, dt.date(2024, 11, 5), "West-Friesland")
    _reload(panel)
    QTest.keyClicks(panel.region_filter, "Kop")
    QTest.keyClicks(panel.year_filter, "2025")
    assert _column(panel, DATE) == ["1 maart 2025"]
    panel.new_date.edit.setFocus()
    panel.new_date.edit.selectAll()
    QTest.keyClicks(panel.new_date.edit, "12-4-2025")
    qtbot.keyClick(panel.new_date.edit, Qt.Key.Key_Tab)
    panel.new_region.lineEdit().selectAll()
    QTest.keyClicks(panel.new_region.lineEdit(), "Kop")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert (panel.region_filter.currentText(), panel.year_filter.currentText()) == ("Kop", "2025")
    assert _column(panel, DATE) == ["12 april 2025", "1 maart 2025"]


def test_the_note_is_in_sight_beside_a_theme_at_a_1366_screen(panel, workspace, qtbot):
    """A theme column of fixed width before the note squeezed the note (the warnings) to a sliver; the theme now
    stands in place of the kind."""
    meetings.add_meeting(workspace, dt.date.today() - dt.timedelta(days=2), "Kennemerland/Alkmaar")
    meetings.add_meeting(workspace, dt.date(2025, 2, 12), "Kop", "theme", "Praten met jonge kinderen")
    _reload(panel)
    qtbot.wait(50)
    table, header = panel.table, panel.table.horizontalHeader()
    assert _column(panel, NOTE)[0] == "Nog vastleggen" and _column(panel, PEOPLE)[0] == "—"
    needed = table.fontMetrics().horizontalAdvance("Nog vastleggen")
    assert needed < header.sectionSize(NOTE)
    assert header.sectionViewportPosition(NOTE) + header.sectionSize(NOTE) <= table.viewport().width()
    assert _column(panel, KIND)[1] == "Thema: Praten met jonge kinderen"


def test_a_long_theme_and_cancellation_reason_are_read_whole_in_the_list(panel, workspace, qtbot):
    """A long theme or reason for cancelling was cut at its column's edge, whole only in a tooltip (a mouse's): the
    row now grows to hold the text wrapped, and the note stays in sight."""
    theme = "Loyaliteitsconflicten bij kinderen van gescheiden ouders en hoe je als begeleider neutraal blijft"
    reason = "de zaal in het buurthuis bleek dubbel geboekt en er was op korte termijn geen andere ruimte vrij"
    meetings.add_meeting(workspace, SOON, "Kop", "theme", theme)
    cancelled = meetings.add_meeting(workspace, SOON + dt.timedelta(days=1), "Kop")
    _reload(panel)
    _choose(qtbot, panel, cancelled)
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    QTest.keyClicks(panel.why_note, reason)
    qtbot.mouseClick(panel.confirm_cancel, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    table, header = panel.table, panel.table.horizontalHeader()
    assert header.sectionViewportPosition(NOTE) + header.sectionSize(NOTE) <= table.viewport().width()
    for column, text in ((KIND, f"Thema: {theme}"), (NOTE, f"Geannuleerd: {reason}")):
        row = _column(panel, column).index(text)
        room = table.visualRect(table.model().index(row, column))
        needed = table.fontMetrics().boundingRect(0, 0, room.width() - 8, 10_000, Qt.TextFlag.TextWordWrap, text)
        assert needed.height() > 2 * table.fontMetrics().height(), "the test's text fits one line: too short"
        assert room.height() >= needed.height(), (column, room.height(), needed.height())
