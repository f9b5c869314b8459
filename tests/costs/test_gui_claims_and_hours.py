"""What a tester walked in hours and volunteers' claims: a day's hours, a claim on a visit moved back to planned, a
claim after the report was finished, amounts typed in English, the Kosten export choices after a lock."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from openpyxl import load_workbook

from borapp.i18n import set_language
from borapp.services import settings
from borapp.services.reports import files
from borapp.services.reports.annual import annual_report
from borapp.services.costs import expenses, hours
from borapp.services.reports import costs as report_costs
from borapp.services.visits import records
from borapp.services.visits.addenda import finish_report
from borapp.ui.pages.cases.case_file.hours_tab import HoursTab
from borapp.ui.pages.cases.tabs.visits_tab import VisitsTab
from borapp.ui.pages.settings.costs_tab import CostsTab
from tests.costs.support import close_case
from tests.costs.test_gui_costs import case_id, shown  # noqa: F401 - fixture
from tests.helpers.keyboard import retype
from tests.helpers.questions import answer_soon
from tests.visits.test_visit_services import REGISTERED, T10, T12, make_case

DAY = REGISTERED + dt.timedelta(days=7)


def test_more_than_a_day_of_hours_is_refused_naming_the_day_and_the_total(qtbot, workspace, case_id):
    """42:45 hours on one day on one case were accepted without a word (each entry is at most 12 hours)."""
    me = workspace.coordinator_id
    other_case = make_case(workspace, "2026-0043")[0]
    hours.record_hours(workspace, hours.HoursInput(case_id, DAY, "intake", "12", me))
    hours.record_hours(workspace, hours.HoursInput(other_case, DAY, "talk", "11", me))
    tab = shown(qtbot, HoursTab(workspace), 900)
    tab.load(case_id)
    tab.add_button.click()
    editor = tab.editor
    retype(editor.on.edit, f"{DAY.day}-{DAY.month}-{DAY.year}")
    editor.on.commit()
    QTest.keyClicks(editor.hours, "1:45")
    with qtbot.assertNotEmitted(tab.changed):
        editor.save_button.click()
    message = editor.message_for("hours").text()
    assert "24:45" in message and str(DAY.year) in message, message
    assert editor.hours.text() == "1:45", "the typing is kept"
    retype(editor.hours, "1")
    with qtbot.waitSignal(tab.changed):
        editor.save_button.click()
    assert sum(h.minutes for h in hours.list_hours(workspace, case_id)) == 13 * 60


def _held_with_claim(workspace, case_id: int, kilometres: str = "24", other: str = "3,50") -> int:
    records.plan_series(workspace, case_id, DAY, 1, 7, T10, T12)
    visit = records.list_visits(workspace, case_id)[0]
    records.record_visit(workspace, records.VisitInput(case_id=case_id, visit_id=visit.id, on=visit.on, state="held",
                                                       start_time=T10, end_time=T12, what_happened="Samen gekleurd.",
                                                       volunteer_id=visit.volunteer_id))
    expenses.save_expense(workspace, visit.id, expenses.ExpenseInput(kilometres, other, "Parkeren"))
    return visit.id


def _open_first_visit(qtbot, workspace, case_id) -> VisitsTab:
    tab = shown(qtbot, VisitsTab(workspace), 900)
    tab.load(case_id)
    tab.table.setFocus()
    QTest.keyClick(tab.table, Qt.Key.Key_Down)
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    return tab


def _paid(workspace, year: int) -> int:
    with workspace.session() as session:
        return sum(r.total_cents for r in report_costs.reimbursements(session, year))


def test_a_visit_moved_back_to_planned_loses_its_claim_after_a_question_naming_it(qtbot, workspace, case_id):
    """The claim stayed, hidden (the expenses box is not shown for a planned visit), and was still paid."""
    visit_id = _held_with_claim(workspace, case_id)
    assert _paid(workspace, DAY.year) == 24 * 23 + 350
    tab = _open_first_visit(qtbot, workspace, case_id)
    editor = tab.editor
    qtbot.mouseClick(editor.state_buttons["planned"], Qt.MouseButton.LeftButton)
    assert editor.expenses.box.isVisible(), "the claim a planned visit still holds is seen"
    asked = []
    answer_soon(QMessageBox.StandardButton.No, asked)
    with qtbot.assertNotEmitted(tab.changed):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "24 km" in asked[0] and "3,50" in asked[0] and "Parkeren" in asked[0], asked
    assert records.get_visit(workspace, visit_id).state == "held" and editor.isVisible(), "No saves nothing"
    answer_soon(QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert records.get_visit(workspace, visit_id).state == "planned"
    assert expenses.expense_for_visit(workspace, visit_id).is_empty
    assert _paid(workspace, DAY.year) == 0


def test_a_claim_left_on_a_planned_visit_is_neither_paid_nor_counted(workspace, case_id):
    """A claim left behind (saved before this fix, or by the CLI) is not paid to the volunteer nor costed."""
    visit_id = _held_with_claim(workspace, case_id)
    visit = records.get_visit(workspace, visit_id)
    records.record_visit(workspace, records.VisitInput(case_id=case_id, visit_id=visit_id, on=visit.on,
                                                       state="planned", start_time=T10, end_time=T12,
                                                       volunteer_id=visit.volunteer_id))
    assert not expenses.expense_for_visit(workspace, visit_id).is_empty, "left behind"
    close_case(workspace, case_id, DAY + dt.timedelta(days=1), "successful")
    assert _paid(workspace, DAY.year) == 0
    with workspace.session() as session:
        [closed] = report_costs.closed_trajectories(session, (DAY + dt.timedelta(days=1)).year)
    assert closed.expenses_cents == 0


def test_a_claim_typed_after_the_report_was_finished_is_saved(qtbot, workspace, case_id):
    """After "Verslag afsluiten" the expenses were read-only with no Save, though claims mostly come later."""
    visit_id = _held_with_claim(workspace, case_id, "", "")
    finish_report(workspace, visit_id)
    tab = _open_first_visit(qtbot, workspace, case_id)
    editor = tab.editor
    assert editor.what_happened.isReadOnly(), "the report stays as it is"
    assert not editor.expenses.kilometres.isReadOnly() and editor.save_button.isVisible()
    retype(editor.expenses.kilometres, "18")
    retype(editor.expenses.other, "2,40")
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    claim = expenses.expense_for_visit(workspace, visit_id)
    assert (claim.kilometres, claim.other_cents, claim.note) == (18, 240, "Parkeren")
    assert records.get_visit(workspace, visit_id).report_final_on is not None


def test_choosing_what_to_export_is_not_kept_as_typing(qtbot, workspace):
    """Only switching the export format and year left a "kept typing" draft after a lock."""
    tab = shown(qtbot, CostsTab(), 900)
    tab.load(workspace)
    tab.format.setFocus()
    QTest.keyClick(tab.format, Qt.Key.Key_Down)
    tab.year.setFocus()
    QTest.keyClick(tab.year, Qt.Key.Key_Down)
    assert (tab.format.currentData(), tab.year.value()) == ("csv", dt.date.today().year - 1), "chosen by keyboard"
    assert tab.unsaved() is None
    retype(tab.edits["kilometre_rate"], "0,25")
    assert tab.unsaved()["typed"] == {"edits.kilometre_rate": "0,25"}, "a rate typed is kept"


def test_an_edited_claim_keeps_the_rate_it_was_first_stored_with(workspace, case_id):
    """The settings keep no history of rates: a claim is not repriced when it is changed after a new rate."""
    visit_id = _held_with_claim(workspace, case_id, "10", "")
    settings.write_settings(workspace, {"costs.kilometre_rate_cents": "30"})
    expenses.save_expense(workspace, visit_id, expenses.ExpenseInput("12", "", "Parkeren"))
    claim = expenses.expense_for_visit(workspace, visit_id)
    assert (claim.kilometres, claim.rate_cents) == (12, 23)


@pytest.mark.parametrize("language, words", [("nl", "Berekend met de tarieven"), ("en", "Counted with the rates")])
def test_the_annual_report_names_the_rates_it_counted_with(workspace, language, words):
    """Today's hourly cost reprices past years' reports (2024's hours went from € 1.500,01 to € 1.680,00 after a
    change): each PDF and spreadsheet now says which rates it used."""
    from tests.costs.test_cost_figures import _vault_of_known_costs
    from tests.reports.test_report_pdf import all_text

    set_language(language)
    _vault_of_known_costs(workspace)
    report = annual_report(workspace, 2025)
    hour = "60,00" if language == "nl" else "60.00"
    pdf = " ".join(all_text(files.render(workspace, report, "pdf")).split())
    assert words in pdf and hour in pdf.split(words)[1], pdf[-600:]
    book = load_workbook(io.BytesIO(files.render(workspace, report, "xlsx")))
    cells = [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value]
    assert any(words in c and hour in c for c in cells)
