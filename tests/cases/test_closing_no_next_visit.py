"""After "Dossier afsluiten" (closing) the header and Today still advertised the next visit, though the planned
visits lapse when the outcome is recorded."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from borapp.services.cases import actions
from borapp.services.visits import records
from borapp.ui.pages.cases.case_file.case_file_widget import CaseFileWidget
from borapp.ui.pages.dashboard.dashboard_page import DashboardPage
from tests.cases.test_closing_settles_visits import planned_series
from tests.visits.test_visit_services import held, make_case

TODAY = dt.date.today()


def test_a_case_in_closing_shows_no_next_visit_in_its_header(qtbot, workspace):
    case_id = make_case(workspace)[0]
    records.record_visit(workspace, held(case_id, None, TODAY - dt.timedelta(days=7)))
    planned_series(workspace, case_id)
    case_file = CaseFileWidget(workspace)
    qtbot.addWidget(case_file)
    case_file.resize(1200, 700)
    case_file.show()
    case_file.load(case_id)
    shown = case_file.header.values["next_visit"].text()
    assert shown not in ("geen gepland", "geen (afronding)"), "visits still ahead"
    actions.change_status(workspace, case_id, "closing", TODAY)
    case_file.load(case_id)
    assert case_file.header.values["next_visit"].text() == "geen (afronding)"
    qtbot.wait(50)
    case_file.header.grab().save("/tmp/shots_fixM/header_closing_nl.png")


def test_todays_visits_this_week_leave_out_a_case_in_closing(qtbot, workspace):
    case_id = make_case(workspace)[0]
    other = make_case(workspace, "2026-0043")[0]
    records.record_visit(workspace, held(case_id, None, TODAY - dt.timedelta(days=7)))
    for each in (case_id, other):
        records.plan_series(workspace, each, TODAY, 1, 7, dt.time(10), dt.time(12))
    actions.change_status(workspace, case_id, "closing", TODAY)
    page = DashboardPage(workspace, on=TODAY)
    qtbot.addWidget(page)
    page.resize(1190, 740)
    page.show()
    page.refresh()
    card = page.cards["visits_this_week"]
    shown = [card.list.item(i).data(Qt.ItemDataRole.AccessibleTextRole) for i in range(card.list.count())]
    assert len(shown) == 1 and "2026-0043" in shown[0] and card.heading.text().endswith("(1)"), shown
