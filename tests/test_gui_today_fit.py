"""Today at 1366×768 (a laptop, with the app's style sheet): every card's heading and count in view at once, with its
first few rows, the most urgent first, and the rest one click away on the card. With ten rows a card the cards were
2,250 px tall in a 649-pixel view: the contracts, the outbox, the feedback letters and the VOG were out of sight."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QScrollArea

from borapp.i18n import set_language
from borapp.models import Child, Contract, Coordinator, Letter, Organisation, Parent, Visit
from borapp.services import drafts, organisation_setup, settings
from borapp.ui.pages.dashboard.section_card import MAX_ROWS
from tests.test_dashboard import add, make_case, make_volunteer

DAY = dt.timedelta(days=1)
MANY = 6  # items a card: more than it shows


def a_family(workspace, case_id: int, n: int) -> None:
    add(workspace, Child(case_id=case_id, name=f"Kind{n} Rijks", birth_date=dt.date(2019, 5, 1)),
        Parent(case_id=case_id, role="resident", name=f"Moeder{n} Rijks"),
        Parent(case_id=case_id, role="other", name=f"Vader{n} Jansen"))


def full_today(workspace, on: dt.date) -> None:
    """Set up but for the backup folder and the mail server (5 of 7 steps, as the bench vault), and more than a card
    shows in every card."""
    settings.write_settings(workspace, {"organisation.name": "Stichting Omgang Noord"})
    organisation_setup.save_municipality(workspace, "Bergen (NH)", "")
    with workspace.session() as session:
        session.get(Coordinator, workspace.coordinator_id).email = "coordinator@example.org"
        session.add(Organisation(name="Rechtbank Noord-Holland", kind="court"))
    for n in range(MANY):
        waiting = make_case(workspace, f"BOR-2026-1{n:02}", "waiting", on - 40 * DAY - n * DAY)
        long_one = make_case(workspace, f"BOR-2026-2{n:02}", "visits", on - 400 * DAY, agreed_visits=40)
        due = make_case(workspace, f"BOR-2026-3{n:02}", "visits", on - 60 * DAY, agreed_visits=2)
        closed = make_case(workspace, f"BOR-2026-4{n:02}", "closed", on - 300 * DAY, closed_on=on - n * DAY)
        add(workspace, Visit(case_id=long_one, on=on - 250 * DAY, state="held"),
            Visit(case_id=due, on=on - 10 * DAY, state="held"), Visit(case_id=due, on=on, state="planned"),
            Contract(case_id=due, version=1), Letter(case_id=closed, kind="closing", state="draft"))
        for case_id in (waiting, long_one, due, closed):
            a_family(workspace, case_id, n)
        make_volunteer(workspace, f"Vrijwilliger {n}", vog_date=None)
        drafts.save_draft(workspace, f"{drafts.UI_PREFIX}case/{waiting}/family", {"title": "x"})


@pytest.fixture
def today_page(qtbot, workspace):
    from borapp.app import build_window, make_application

    full_today(workspace, dt.date.today())
    make_application()
    window = build_window(workspace.vault.path, "nl")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.open_workspace(workspace)
    page = window.shell.show_page("dashboard")
    qtbot.waitExposed(window)
    yield page
    window.close()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_card_heading_is_in_view_at_1366_by_768(qtbot, today_page, language):
    set_language(language)
    today_page.refresh()
    scroll = today_page.findChild(QScrollArea)
    qtbot.waitUntil(lambda: all(card.list.isVisible() for card in today_page.cards.values()))
    assert scroll.verticalScrollBar().value() == 0
    view = scroll.viewport().rect()
    out_of_view = {}
    for key, card in today_page.cards.items():
        assert card.list.count() == MAX_ROWS and not card.more.isHidden(), key
        heading = card.heading
        top_left = heading.mapTo(scroll.viewport(), QPoint(0, 0))
        if not view.contains(top_left) or not view.contains(top_left + QPoint(heading.width(), heading.height())):
            out_of_view[key] = (top_left.y(), heading.height(), view.height())
    assert out_of_view == {}, f"card headings below the fold at 1366×768: {out_of_view}"


def test_the_rest_of_a_card_comes_with_its_own_button(qtbot, today_page):
    waiting = today_page.cards["waiting"]
    assert waiting.heading.text().endswith(f"({MANY})") and waiting.list.count() == MAX_ROWS
    qtbot.mouseClick(waiting.more, Qt.MouseButton.LeftButton)
    assert waiting.list.count() == MANY
    qtbot.mouseClick(waiting.more, Qt.MouseButton.LeftButton)
    assert waiting.list.count() == MAX_ROWS


def test_a_row_says_whom_the_case_is_about_as_the_case_list_does(qtbot, today_page, workspace):
    """"BOR-2026-619 · 09:30 · met Sofia Rijks": which family, she had to open the case to know. The row names the
    children and parents in the case list's words (cut short when narrow, whole in its tooltip), never an address."""
    from borapp.services.cases import listing

    waiting = today_page.cards["waiting"]
    item = waiting.list.payload(0)
    with workspace.session() as session:
        mother = session.query(Parent).filter_by(case_id=item.case_id, role="resident").one()
        mother.address, mother.address_confidential = "Geheimstraat 1", True
    today_page.refresh()
    family = listing.family_line(workspace, item.case_id)
    assert family.startswith("Kind5 (") and family.endswith("· Moeder5 Rijks / Vader5 Jansen")
    row = waiting.list.itemWidget(waiting.list.item(0))
    assert row.family.text() == f"· {family}"
    tooltip = waiting.list.item(0).toolTip()
    assert tooltip.startswith(f"{item.title}, {family}, ") and "Geheimstraat" not in tooltip
    shown = row.family.shown_text()
    assert shown == row.family.text() or shown.endswith("…"), "cut short, not cut off"
    assert row.family.mapTo(row, QPoint(row.family.width(), 0)).x() <= row.width()


def columns_of(page) -> int:
    return len({card.mapTo(page, QPoint(0, 0)).x() for card in page.cards.values()})


@pytest.mark.parametrize("language", ["nl", "en"])
def test_at_125_percent_the_cards_stand_in_two_readable_columns(qtbot, today_page, language):
    """A 1366 px laptop at 125 % gives a 1093 px window: in three columns a card was 280 px wide, whom a case is
    about was cut to "Tycho …" and a long word was cut off at the card's edge. Two columns there; three at 1366."""
    set_language(language)
    today_page.refresh()
    window = today_page.window()
    window.resize(1093, 650)
    qtbot.waitUntil(lambda: columns_of(today_page) == 2)
    qtbot.waitUntil(lambda: all(card.width() >= 400 for card in today_page.cards.values()))
    waiting = today_page.cards["waiting"]
    row = waiting.list.itemWidget(waiting.list.item(0))
    assert len(row.family.shown_text()) >= 20, row.family.shown_text()
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: columns_of(today_page) == 3)
