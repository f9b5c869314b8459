"""The Today page: sections with counts, empty sections say so, items open their case or volunteer."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QScrollArea

from borapp.i18n import _, set_language
from borapp.models import Case, Evaluation, Visit, Volunteer
from borapp.services.vault.workspace import add_coordinator
from borapp.ui.pages.dashboard.dashboard_page import DashboardPage
from borapp.ui.pages.dashboard.section_card import MAX_ROWS

ON = dt.date(2025, 3, 12)


def make_case(workspace, ref: str, status: str, registered_on: dt.date, **fields) -> int:
    with workspace.session() as session:
        case = Case(ref=ref, registered_on=registered_on, status=status, **fields)
        session.add(case)
        session.flush()
        return case.id


def make_volunteer(workspace, name: str, **fields) -> int:
    with workspace.session() as session:
        volunteer = Volunteer(name=name, **fields)
        session.add(volunteer)
        session.flush()
        return volunteer.id


@pytest.fixture
def page(qtbot, workspace):
    widget = DashboardPage(workspace, on=ON)
    qtbot.addWidget(widget)
    widget.resize(1190, 740)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_items_appear_with_counts_and_empty_sections_say_so(page, workspace):
    make_case(workspace, "W-1", "waiting", ON - dt.timedelta(weeks=6))
    make_case(workspace, "W-2", "registered", ON - dt.timedelta(weeks=5))
    page.refresh()
    waiting = page.cards["waiting"]
    assert waiting.list.count() == 2
    assert waiting.heading.text().endswith("(2)")
    assert not waiting.list.isHidden() and waiting.empty.isHidden()
    long_ones = page.cards["long_trajectories"]
    assert long_ones.list.count() == 0 and long_ones.heading.text().endswith("(0)")
    assert not long_ones.empty.isHidden() and long_ones.empty.text() == _("Nothing to do")
    assert "W-1" in waiting.list.item(0).data(Qt.ItemDataRole.AccessibleTextRole)


def shown_text(card) -> list[str]:
    """The card's words as painted: its visible labels, top to bottom (a row's labels left to right)."""
    labels = [label for label in card.findChildren(QLabel) if label.isVisible() and label.text()]
    return [label.text() for label in sorted(labels, key=lambda w: (w.mapTo(card, QPoint(0, 0)).y(),
                                                                     w.mapTo(card, QPoint(0, 0)).x()))]


def with_visits(workspace, ref: str, status: str, held: int, planned: int) -> int:
    case_id = make_case(workspace, ref, status, ON - dt.timedelta(weeks=20))
    with workspace.session() as session:
        session.add_all([Visit(case_id=case_id, on=ON - dt.timedelta(weeks=i + 1), state="held") for i in range(held)]
                        + [Visit(case_id=case_id, on=ON + dt.timedelta(weeks=i + 1), state="planned")
                           for i in range(planned)])
    return case_id


def test_the_midway_evaluation_card_counts_those_yet_to_hold_and_says_why_none(page, workspace):
    """"Tussenevaluatie nodig (0)" beside cases at the step "Tussenevaluatie" read as a contradiction: those had
    theirs (recording it put them there), and a case with fewer than half its visits held is not due yet."""
    had_it = with_visits(workspace, "E-1", "evaluation", held=3, planned=3)
    with workspace.session() as session:
        session.add(Evaluation(case_id=had_it, held_on=ON - dt.timedelta(days=2), kind="midway", participants="x"))
    with_visits(workspace, "E-2", "visits", held=1, planned=5)
    page.refresh()
    assert "Tussenevaluatie" in shown_text(page.cards["letters_owed"]), "E-1 stands at the step elsewhere on Today"
    assert shown_text(page.cards["evaluations_due"]) == [
        "Tussenevaluatie nog te houden (0)",
        "Geen dossier heeft de helft van de omgangsmomenten achter de rug zonder tussenevaluatie; bij dossiers in "
        "'Tussenevaluatie' is die al gehouden."]
    set_language("en")
    page.refresh()
    assert shown_text(page.cards["evaluations_due"]) == [
        "Midway evaluation yet to be held (0)",
        "No case has held half its visits without a midway evaluation; cases in 'Midway evaluation' have had theirs."]
    with_visits(workspace, "E-3", "visits", held=3, planned=2)
    page.refresh()
    assert shown_text(page.cards["evaluations_due"]) == [
        "Midway evaluation yet to be held (1)", "E-3", "Visits", "3 of 5 visits held; no midway evaluation yet"]


def test_enter_on_an_item_opens_its_case(page, qtbot, workspace):
    make_case(workspace, "W-1", "waiting", ON - dt.timedelta(weeks=9))
    second = make_case(workspace, "W-2", "waiting", ON - dt.timedelta(weeks=6))
    page.refresh()
    items = page.cards["waiting"].list
    items.setFocus()
    items.setCurrentRow(1)
    with qtbot.waitSignal(page.open_case, check_params_cb=lambda case_id: case_id == second):
        qtbot.keyClick(items, Qt.Key.Key_Return)


def test_clicking_an_item_opens_its_case(page, qtbot, workspace):
    case_id = make_case(workspace, "W-1", "intake", ON - dt.timedelta(weeks=6))
    page.refresh()
    items = page.cards["waiting"].list
    with qtbot.waitSignal(page.open_case, check_params_cb=lambda received: received == case_id):
        qtbot.mouseClick(items.viewport(), Qt.MouseButton.LeftButton, pos=items.visualItemRect(items.item(0)).center())


def test_a_vog_item_opens_the_volunteer(page, qtbot, workspace):
    volunteer_id = make_volunteer(workspace, "Vera Voorbeeld", vog_date=None)
    page.refresh()
    items = page.cards["vog"].list
    assert items.count() == 1
    items.setFocus()
    items.setCurrentRow(0)
    with qtbot.assertNotEmitted(page.open_case), \
            qtbot.waitSignal(page.open_volunteer, check_params_cb=lambda received: received == volunteer_id):
        qtbot.keyClick(items, Qt.Key.Key_Space)


def test_mine_only_toggle(page, workspace):
    other = add_coordinator(workspace.vault, "Andere Coördinator")
    make_case(workspace, "M-1", "waiting", ON - dt.timedelta(weeks=6), coordinator_id=workspace.coordinator_id)
    make_case(workspace, "M-2", "waiting", ON - dt.timedelta(weeks=6), coordinator_id=other.id)
    page.mine_only.setChecked(False)
    page.refresh()
    assert page.cards["waiting"].list.count() == 2
    page.mine_only.setChecked(True)
    assert page.cards["waiting"].list.count() == 1
    assert "M-1" in page.cards["waiting"].list.item(0).data(Qt.ItemDataRole.AccessibleTextRole)


def test_backup_warning_shown_and_clear_forgets_everything(page, workspace):
    from borapp.services import settings

    make_case(workspace, "W-1", "waiting", ON - dt.timedelta(weeks=6))
    settings.write_settings(workspace, {"backup.folder": "/media/usb"})  # a folder, but no backup made yet
    page.refresh()
    assert not page.backup_warning.isHidden() and page.backup_warning.text()
    page.clear()
    assert page.cards["waiting"].list.count() == 0
    assert page.backup_warning.isHidden() and page.backup_warning.text() == ""


def test_a_missing_backup_folder_is_said_once_by_the_checklist_then_by_the_banner(qtbot, page):
    """The orange banner and the checklist's backup step said the same thing on one screen: the step says it (with
    its button) while the list shows it; the banner once the list is put away."""
    page.refresh()
    steps = page.first_day
    assert not steps.isHidden() and steps.buttons["backups"].text() == _("Set up")
    assert page.backup_warning.isHidden()
    qtbot.mouseClick(steps.hide_button, Qt.MouseButton.LeftButton)
    assert steps.isHidden()
    assert not page.backup_warning.isHidden()
    assert page.backup_warning.text() == _("No backup folder is set: this laptop may hold the only copy. Choose one "
                                           "in Settings.")


def test_fits_without_horizontal_scrolling(page, qtbot, workspace):
    for i in range(12):
        make_case(workspace, f"BOR-2025-{i:03}", "waiting", ON - dt.timedelta(weeks=6 + i))
    page.refresh()
    scroll = page.findChild(QScrollArea)
    assert scroll.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    qtbot.waitUntil(lambda: scroll.widget().width() <= scroll.viewport().width())  # once the layout caught up


def test_back_on_today_unchanged_rows_stay_and_a_change_shows(page, workspace):
    """Rows are rebuilt only when a section changed: the cost of the page is building them."""
    from borapp.ui.pages.dashboard.section_card import ItemRow

    make_case(workspace, "W-1", "waiting", ON - dt.timedelta(weeks=6))
    page.refresh()
    waiting = page.cards["waiting"]
    row = waiting.list.itemWidget(waiting.list.item(0))
    assert isinstance(row, ItemRow)
    page.refresh()
    assert waiting.list.itemWidget(waiting.list.item(0)) is row, "nothing changed, yet the rows were built again"
    make_case(workspace, "W-2", "waiting", ON - dt.timedelta(weeks=7))
    page.refresh()
    assert waiting.list.count() == 2 and waiting.heading.text().endswith("(2)")
    assert ["W-2" in waiting.list.item(0).data(Qt.ItemDataRole.AccessibleTextRole),
            "W-1" in waiting.list.item(1).data(Qt.ItemDataRole.AccessibleTextRole)] == [True, True]
    page.clear()
    assert waiting.list.count() == 0
    page.refresh()
    assert waiting.list.count() == 2, "after a lock the rows come back"


def test_a_section_lists_its_first_few_and_shows_the_rest_on_the_card(qtbot, page, workspace):
    """"… en nog 3: zie de dossierlijst" opened the case list with every case in it, not the card's three."""
    for i in range(13):
        make_case(workspace, f"W-{i:02d}", "waiting", ON - dt.timedelta(weeks=6, days=i))
    page.refresh()
    waiting = page.cards["waiting"]
    assert waiting.heading.text().endswith("(13)") and waiting.list.count() == MAX_ROWS
    assert not waiting.more.isHidden()
    assert waiting.more.text() == _("… and {n} more: show all").format(n=13 - MAX_ROWS)
    with qtbot.assertNotEmitted(page.go_to):
        qtbot.mouseClick(waiting.more, Qt.MouseButton.LeftButton)
    assert waiting.list.count() == 13
    assert {waiting.list.item(i).data(Qt.ItemDataRole.AccessibleTextRole).split(",")[0] for i in range(13)} == {
        f"W-{i:02d}" for i in range(13)}


def test_the_more_line_points_where_the_rest_is(qtbot, page, workspace):
    """"… en nog 2: zie de dossierlijst" stood under the volunteers' VOG and the outbox's letters, which the case
    list does not show (found by a walk)."""
    for i in range(12):
        make_volunteer(workspace, f"Vrijwilliger {i:02d}", vog_date=None)
    page.refresh()
    vog = page.cards["vog"]
    assert vog.heading.text().endswith("(12)") and vog.more.text() == f"… en nog {12 - MAX_ROWS}: zie Vrijwilligers"
    with qtbot.waitSignal(page.go_to) as went:  # and it goes there
        qtbot.mouseClick(vog.more, Qt.MouseButton.LeftButton)
    assert went.args == ["volunteers"]


def test_letters_owed_beyond_the_first_few_are_listed_in_full_on_the_card(qtbot, page, workspace):
    """"… en nog 3" under the letters owed was a greyed, dead link, and those cases were listed nowhere else (a
    walk): it lists them all here, and back to the first few."""
    for i in range(13):
        make_case(workspace, f"C-{i:02d}", "closed", ON - dt.timedelta(weeks=30), closed_on=ON - dt.timedelta(days=i))
    page.refresh()
    owed = page.cards["letters_owed"]
    assert owed.heading.text().endswith("(13)") and owed.list.count() == MAX_ROWS
    assert owed.more.isEnabled() and owed.more.text() == f"… en nog {13 - MAX_ROWS}: alles tonen"
    qtbot.mouseClick(owed.more, Qt.MouseButton.LeftButton)
    assert owed.list.count() == 13 and owed.more.text() == f"Alleen de eerste {MAX_ROWS} tonen"
    assert "C-00" in owed.list.item(12).data(Qt.ItemDataRole.AccessibleTextRole), "the most recent closing last"
    page.refresh()
    assert owed.list.count() == 13, "a refresh keeps the card open in full"
    qtbot.mouseClick(owed.more, Qt.MouseButton.LeftButton)
    assert owed.list.count() == MAX_ROWS and owed.more.text() == f"… en nog {13 - MAX_ROWS}: alles tonen"


def test_unfinished_work_is_in_sight_at_once_above_the_other_cards(qtbot, page, workspace):
    """The kept intake was the last of nine cards, below the fold at 1366×768: after a restart or "Continue later"
    she did not see it. Now it is the first card in the middle column, level with the families waiting too long."""
    from borapp.services import drafts

    for n in range(12):
        make_case(workspace, f"W-{n}", "waiting", ON - dt.timedelta(weeks=6))
        make_volunteer(workspace, f"Vrijwilliger {n}", active=True)
    drafts.save_draft(workspace, drafts.UI_PREFIX + "volunteer/new", {"title": "x"})
    page.resize(1190, 640)  # the page's room in a 1366×768 window, under a notice
    page.refresh()
    card = page.cards["drafts"]
    assert card.list.count() == 1
    qtbot.waitUntil(lambda: card.list.isVisible())
    scroll = page.findChild(QScrollArea)
    assert scroll.verticalScrollBar().value() == 0
    top = card.mapTo(scroll.viewport(), QPoint(0, 0)).y()
    assert 0 <= top and top + card.height() <= scroll.viewport().height(), (top, card.height())


def test_an_empty_card_goes_to_the_end_of_its_column(qtbot, page, workspace):
    """An empty "(0)" card held a top spot over cards with work in them: nothing to do is read last."""
    long_one = make_case(workspace, "L-1", "visits", ON - dt.timedelta(days=400), agreed_visits=40)
    with workspace.session() as session:
        session.add(Visit(case_id=long_one, on=ON - dt.timedelta(days=250), state="held"))
    page.refresh()
    qtbot.waitUntil(lambda: page.cards["long_trajectories"].list.isVisible())
    cards, column = page.cards, page.card_columns.columns[0]
    assert [column.indexOf(cards[key]) for key in ("long_trajectories", "waiting", "evaluations_due")] == [0, 1, 2]
    assert cards["long_trajectories"].y() < cards["waiting"].y() < cards["evaluations_due"].y()
    make_case(workspace, "W-1", "waiting", ON - dt.timedelta(weeks=6))
    page.refresh()
    assert [column.indexOf(cards[key]) for key in ("waiting", "long_trajectories", "evaluations_due")] == [0, 1, 2]
