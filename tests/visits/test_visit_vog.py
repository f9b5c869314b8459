"""Planning visits for a volunteer whose VOG passes the organisation's renewal age on a visit's day: a warning in the
plan dialog, never a refusal; each day judged by the VOG valid then (her VOG history), not today's latest."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from borapp.models import Case
from borapp.services.visits import records
from borapp.services.visits.vog_check import VolunteerVogs, lapsed_days, vog_warning
from borapp.services.volunteers.history import set_vog
from borapp.ui.pages.cases.tabs.plan_series_dialog import PlanSeriesDialog
from tests.visits.test_visit_services import make_case

TODAY = dt.date.today()


def _years_back(day: dt.date, years: int = 3) -> dt.date:
    return day.replace(year=day.year - years, day=min(day.day, 28))


def test_each_day_is_judged_by_the_vog_valid_then():
    old, renewed = dt.date(2022, 1, 10), dt.date(2025, 1, 20)
    vera = VolunteerVogs("Vera", (renewed, old), 3)
    days = [dt.date(2024, 12, 1), dt.date(2025, 1, 15), dt.date(2025, 2, 1)]
    assert lapsed_days(vera, days) == [dt.date(2025, 1, 15)]  # the old one had passed, the renewal was still to come
    assert lapsed_days(VolunteerVogs("Vera", (old,), 3), days) == days[1:]
    assert lapsed_days(VolunteerVogs("Vera", (old,), 4), days) == []  # the organisation's setting decides
    assert vog_warning(None, days) == ""  # nobody matched yet: nothing to say


def _set_vog(workspace, case_id, issued_on) -> None:
    with workspace.session() as session:
        set_vog(session.get(Case, case_id).volunteer, issued_on)


def _open(qtbot, workspace, case_id) -> PlanSeriesDialog:
    dialog = PlanSeriesDialog(workspace, case_id)
    qtbot.addWidget(dialog)
    dialog.show()
    first = TODAY + dt.timedelta(days=7)
    dialog.first_on.edit.setFocus()
    dialog.first_on.edit.selectAll()
    QTest.keyClick(dialog.first_on.edit, Qt.Key.Key_Delete)
    QTest.keyClicks(dialog.first_on.edit, first.strftime("%d-%m-%Y"))
    dialog.first_on.commit()
    for field, text in ((dialog.start, "1400"), (dialog.end, "1600")):
        field.edit.setFocus()
        QTest.keyClicks(field.edit, text)
        field.commit()
    dialog.count.setFocus()
    dialog.count.selectAll()
    QTest.keyClicks(dialog.count, "6")
    dialog.every_days.setFocus()
    dialog.every_days.selectAll()
    QTest.keyClicks(dialog.every_days, "14")
    return dialog


def test_the_plan_dialog_warns_and_still_plans(qtbot, workspace):
    case_id, _ = make_case(workspace)
    due = TODAY + dt.timedelta(days=40)  # between the 3rd (day 35) and 4th (day 49) visit
    _set_vog(workspace, case_id, _years_back(due))
    dialog = _open(qtbot, workspace, case_id)
    said, shown = dialog.vog.text(), dialog.vog.isVisible()
    qtbot.wait(50)
    dialog.grab().save("/tmp/shots_fixP/plan_series_vog_nl.png")
    QTest.mouseClick(dialog.plan_button, Qt.MouseButton.LeftButton)
    refused = dialog.problem.text() + " ".join(m.text() for m in dialog.messages.values())
    dialog.remember_typing()  # closing it at the end asks nothing, whether it planned or not
    assert shown and "Vera Voorbeeld" in said and "3 van deze omgangsmomenten" in said, said
    assert len(records.list_visits(workspace, case_id)) == 6, refused  # said, not refused


def test_a_renewed_vog_says_nothing(qtbot, workspace):
    case_id, _ = make_case(workspace)
    due = TODAY + dt.timedelta(days=40)
    _set_vog(workspace, case_id, _years_back(due))
    _set_vog(workspace, case_id, TODAY - dt.timedelta(days=2))  # renewed: a VOG of its own, the old one kept
    dialog = _open(qtbot, workspace, case_id)
    dialog.remember_typing()
    assert not dialog.vog.isVisible() and dialog.vog.text() == ""
