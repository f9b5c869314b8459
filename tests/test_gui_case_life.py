"""One case's life in the case file, as a walker found it: visits planned before matching, the midway evaluation,
the closing."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import update

from borapp.formatting import long_date, short_date
from borapp.i18n import _
from borapp.models import Visit
from borapp.services.cases import case_file as case_file_service
from borapp.services.visits import records
from tests.helpers.cases_page import page  # noqa: F401 - fixture
from tests.helpers.keyboard import retype
from tests.test_gui_case_tabs import FIRST, case_id, english, visits_tab  # noqa: F401 - fixtures
from tests.test_gui_cases import _close_dialog, cases  # noqa: F401 - fixture
from tests.visits.test_visit_services import cancelled, held

TODAY = dt.date.today()


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_row(qtbot, tab, row: int) -> int:
    tab.table.selectRow(row)
    click(qtbot, tab.record_button)
    return tab.model.row_at(row).id


def test_a_visit_planned_before_matching_is_recorded_with_the_case_volunteer(qtbot, workspace, case_id):
    """It named nobody (planned before the match): recording it held names the case's volunteer, as a new visit
    does, so the report is not saved with nobody supervising."""
    records.plan_series(workspace, case_id, FIRST, 2, 7, dt.time(10), dt.time(12))
    with workspace.session() as session:
        session.execute(update(Visit).where(Visit.case_id == case_id).values(volunteer_id=None))
    tab = visits_tab(qtbot, workspace, case_id)
    visit_id = open_row(qtbot, tab, 0)
    assert tab.editor.current_state() == "held"
    assert tab.editor.volunteer.currentText() == "Vera Voorbeeld"
    with qtbot.waitSignal(tab.changed):
        click(qtbot, tab.editor.save_button)
    assert records.get_visit(workspace, visit_id).volunteer_name == "Vera Voorbeeld"


def _menu_step(page, text: str):
    next(a for a in page.case_file.header.more_menu.actions() if a.text() == text).trigger()
    return page.case_file.dialog


def test_closing_is_not_dated_before_the_last_visit_held_and_the_typing_stays(qtbot, page, workspace, cases):
    """"Dossier afsluiten" took 30-11 with visits held on 1-12 and 6-12; the outcome then refused it. The first
    dialog refuses it now, in the same words, and keeps what was typed. Without planned visits it asks nothing
    about them."""
    case_id = cases["secret"]
    for days in (6, 1):
        records.record_visit(workspace, held(case_id, None, TODAY - dt.timedelta(days=days)))
    page.open_case_file(case_id)
    dialog = _menu_step(page, _("Close the case"))
    assert dialog.chosen().to == "closing"
    retype(dialog.on.edit, short_date(TODAY - dt.timedelta(days=7)))
    QTest.keyClicks(dialog.note, "Laatste omgang gehouden")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible() and dialog.message.text() == (
        "Het dossier kan niet worden afgesloten vóór {date}: toen is nog een omgangsmoment gehouden.".format(
            date=long_date(TODAY - dt.timedelta(days=1))))
    assert dialog.note.toPlainText() == "Laatste omgang gehouden"
    assert case_file_service.load_case(workspace, case_id, record_open=False).status == "visits"
    retype(dialog.on.edit, short_date(TODAY))
    with qtbot.waitSignal(page.changed):
        click(qtbot, dialog.ok_button)
    assert case_file_service.load_case(workspace, case_id, record_open=False).status == "closing"
    dialog = _close_dialog(page, case_id)
    assert dialog.chosen().to == "closed" and not dialog.planned.isVisible()  # no planned visits: nothing to ask
    dialog.reject()


def test_tab_reaches_add_child_after_the_child_rows_it_is_drawn_under(qtbot):
    """The family tab's Tab went to "Kind toevoegen" before the rows drawn above it."""
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

    from borapp.ui.pages.cases.case_file.children_editor import ChildrenEditor

    window = QWidget()
    qtbot.addWidget(window)
    before, children = QLineEdit(), ChildrenEditor()
    layout = QVBoxLayout(window)
    layout.addWidget(before)
    layout.addWidget(children)
    children.set_value([{"id": None, "name": "Lina", "birth_date": "2019-03-14"}])
    window.show()
    click(qtbot, children.add_button)  # a second row, typed by hand
    chain, widget = [], before  # the order Tab goes (the walker pressed it: "Een kind toevoegen" came first)
    while (widget := widget.nextInFocusChain()) is not before and len(chain) < 500:
        chain.append(widget)
    first, second = children.rows
    shown = [first.name, first.birth.edit, first.remove, second.name, second.birth.edit, second.remove,
             children.add_button]
    assert sorted(shown, key=chain.index) == shown


def test_the_timeline_shows_a_visit_called_off_by_the_non_resident_parent_whole(qtbot, page, workspace, cases):
    case_id = cases["secret"]
    records.record_visit(workspace, cancelled(case_id, None, TODAY - dt.timedelta(days=3)))
    page.open_case_file(case_id)
    tree = page.case_file.show_tab("timeline").tree
    title = next(tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())
                 if tree.topLevelItem(i).text(1).startswith("Omgangsmoment afgezegd"))
    assert title == "Omgangsmoment afgezegd door de uitwonende ouder"
    assert tree.columnWidth(1) >= tree.sizeHintForColumn(1)  # the width its longest title needs


def test_a_series_says_how_many_dates_are_gone_by_and_when_it_runs_past_twelve(qtbot, workspace, case_id):
    """The series dialog planned dates gone by without a word (the visit editor says so), and past 12 visits only
    counted against the contract; both are said now, and neither stops the planning."""
    tab = visits_tab(qtbot, workspace, case_id)
    click(qtbot, tab.plan_button)
    dialog = tab.series_dialog
    retype(dialog.first_on.edit, short_date(TODAY - dt.timedelta(days=14)))
    retype(dialog.every_days, "7")
    retype(dialog.count, "8")
    assert dialog.past.text() == ("2 van deze datums zijn al voorbij: leg die omgangsmomenten daarna vast als "
                                  "gehouden of afgezegd, of kies een latere eerste datum.")
    assert dialog.too_many.text() == ""
    retype(dialog.count, "13")
    assert dialog.too_many.text() == "Dat worden 13 omgangsmomenten in totaal, terwijl een traject 6 tot 12 " \
                                     "omgangsmomenten telt."
    retype(dialog.first_on.edit, short_date(TODAY - dt.timedelta(days=7)))
    assert dialog.past.text().startswith("1 van deze datums is al voorbij: leg dat omgangsmoment daarna vast")
    retype(dialog.start.edit, "10:00")
    retype(dialog.end.edit, "12:00")
    with qtbot.waitSignal(tab.changed):
        click(qtbot, dialog.plan_button)
    assert len(records.list_visits(workspace, case_id)) == 13


def test_the_header_says_when_the_midway_evaluation_is_due(qtbot, page, workspace, cases):
    case_id = cases["secret"]
    records.record_visit(workspace, held(case_id, None, TODAY - dt.timedelta(days=3)))
    records.plan_series(workspace, case_id, TODAY + dt.timedelta(days=4), 5, 7, dt.time(10), dt.time(12))
    page.open_case_file(case_id)
    button = page.case_file.header.next_button
    assert button.text() == "Tussenevaluatie vastleggen"
    assert button.toolTip() == ("De tussenevaluatie wordt gehouden als 3 van de 6 omgangsmomenten zijn gehouden. "
                                "Tot nu toe 1 gehouden.")
