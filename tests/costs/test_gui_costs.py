"""Hours from the case file, expenses in the visit record and the rates in Settings, typed as a person types them."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QMessageBox, QWidget

from borapp.i18n import set_language
from borapp.services import settings
from borapp.services.costs import expenses, hours, rates
from borapp.services.visits import records
from borapp.ui.pages.cases.case_file.case_file_widget import CaseFileWidget
from borapp.ui.pages.cases.case_file.hours_tab import HoursTab
from borapp.ui.pages.cases.tabs.visits_tab import VisitsTab
from borapp.ui.pages.settings.costs_tab import CostsTab
from tests.visits.test_visit_services import REGISTERED, T10, T12, make_case
from tests.helpers.keyboard import retype

FIRST = REGISTERED + dt.timedelta(days=7)


def shown(qtbot, widget, height: int = 650):
    qtbot.addWidget(widget)
    widget.resize(1100, height)
    widget.show()
    return widget


def type_over(edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    QTest.keyClicks(edit, text)


@pytest.fixture
def case_id(workspace):
    return make_case(workspace)[0]


def test_quick_entry_of_hours_from_the_case_file(qtbot, workspace, case_id):
    tab = shown(qtbot, HoursTab(workspace))
    tab.load(case_id)
    assert tab.list_stack.currentWidget() is tab.empty and "uren" in tab.empty.text().lower()
    tab.add_button.click()
    editor = tab.editor
    assert tab.window().focusWidget() is editor.hours, "a new entry starts in the hours field"
    assert editor.on.value() == dt.date.today()
    assert editor.coordinator.currentText() == "Test Coördinator"
    QTest.keyClicks(editor.hours, "1,5")
    editor.kind.setCurrentIndex(editor.kind.findData("intake"))
    QTest.keyClicks(editor.note, "Intake met beide ouders")
    with qtbot.waitSignal(tab.changed):
        editor.save_button.click()
    assert editor.isHidden()
    [saved] = hours.list_hours(workspace, case_id)
    assert (saved.kind, saved.minutes, saved.note) == ("intake", 90, "Intake met beide ouders")
    assert tab.model.index(0, 2).data() == "1:30" and tab.total.text() == "Totaal 1:30 (intake 1:30)"


def test_absurd_hours_show_a_message_under_the_field_and_keep_the_typing(qtbot, workspace, case_id):
    tab = shown(qtbot, HoursTab(workspace))
    tab.load(case_id)
    tab.add_button.click()
    editor = tab.editor
    QTest.keyClicks(editor.hours, "-3")
    QTest.keyClicks(editor.note, "Reistijd naar huisbezoek")
    with qtbot.assertNotEmitted(tab.changed):
        editor.save_button.click()
    message = editor.message_for("hours")
    assert message.isVisible() and "negatief" in message.text()
    assert editor.note.text() == "Reistijd naar huisbezoek" and editor.dirty
    type_over(editor.hours, "40")
    editor.save_button.click()
    assert "Hoogstens 12 uur" in editor.message_for("hours").text()
    type_over(editor.hours, "0:40")
    with qtbot.waitSignal(tab.changed):
        editor.save_button.click()
    assert [h.minutes for h in hours.list_hours(workspace, case_id)] == [40]


def test_open_change_and_delete_hours(qtbot, workspace, case_id, monkeypatch):
    hours.record_hours(workspace, hours.HoursInput(case_id, FIRST, "travel", "1", workspace.coordinator_id))
    tab = shown(qtbot, HoursTab(workspace))
    tab.load(case_id)
    tab.table.selectRow(0)
    tab.open_button.click()
    assert tab.editor.hours.text() == "1:00"
    type_over(tab.editor.hours, "1:15")
    with qtbot.waitSignal(tab.changed):
        tab.editor.save_button.click()
    assert hours.list_hours(workspace, case_id)[0].minutes == 75
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    tab.table.selectRow(0)
    with qtbot.waitSignal(tab.changed):
        tab.delete_button.click()
    assert hours.list_hours(workspace, case_id) == [] and tab.total.text() == "Nog geen uren vastgelegd"


def test_expenses_typed_in_the_visit_record(qtbot, workspace, case_id):
    settings.write_settings(workspace, {"costs.kilometre_rate_cents": "25"})
    records.plan_series(workspace, case_id, FIRST, 2, 7, T10, T12)
    tab = shown(qtbot, VisitsTab(workspace))
    tab.load(case_id)
    tab.table.selectRow(0)
    tab.record_button.click()
    section = tab.editor.expenses
    assert section.box.isVisible() and "0,25" in section.rate.text()
    QTest.keyClicks(section.kilometres, "24")
    QTest.keyClicks(section.other, "3,50")
    QTest.keyClicks(section.note, "Parkeren")
    assert section.total.text() == "€\xa09,50"
    with qtbot.waitSignal(tab.changed):
        tab.editor.save_button.click()
    visit_id = tab.model.row_at(0).id
    claim = expenses.expense_for_visit(workspace, visit_id)
    assert (claim.kilometres, claim.other_cents, claim.note, claim.total_cents) == (24, 350, "Parkeren", 950)
    tab.table.selectRow(0)
    tab.record_button.click()
    assert (section.kilometres.text(), section.other.text()) == ("24", "3,50"), "read back in the record"


def test_a_wrong_amount_saves_nothing_and_keeps_the_visit_notes(qtbot, workspace, case_id):
    records.plan_series(workspace, case_id, FIRST, 1, 7, T10, T12)
    tab = shown(qtbot, VisitsTab(workspace))
    tab.load(case_id)
    tab.table.selectRow(0)
    tab.record_button.click()
    retype(tab.editor.what_happened, "Samen gekleurd.")
    QTest.keyClicks(tab.editor.expenses.kilometres, "2000")
    with qtbot.assertNotEmitted(tab.changed):
        tab.editor.save_button.click()
    assert "1000" in tab.editor.message_for("kilometres").text()
    assert records.list_visits(workspace, case_id)[0].state == "planned", "nothing was saved"
    assert tab.editor.what_happened.toPlainText() == "Samen gekleurd."
    type_over(tab.editor.expenses.kilometres, "20")
    with qtbot.waitSignal(tab.changed):
        tab.editor.save_button.click()
    assert records.list_visits(workspace, case_id)[0].state == "held"


def test_the_rates_in_settings(qtbot, workspace):
    tab = shown(qtbot, CostsTab())
    tab.load(workspace)
    assert tab.edits["kilometre_rate"].text() == "0,23"
    type_over(tab.edits["hourly_cost"], "62,50")
    type_over(tab.edits["on_call_allowance"], "150")
    type_over(tab.edits["kilometre_rate"], "2")
    with qtbot.assertNotEmitted(tab.saved):
        tab.save_button.click()
    assert tab.messages["kilometre_rate"].isVisible() and "1,00" in tab.messages["kilometre_rate"].text()
    type_over(tab.edits["kilometre_rate"], "0,25")
    with qtbot.waitSignal(tab.saved):
        tab.save_button.click()
    assert rates.read_rates(workspace) == rates.Rates(6250, 25, 15000)
    tab.clear()
    assert all(not edit.text() for edit in tab.edits.values())


def test_every_new_control_has_an_accessible_name(qtbot, workspace, case_id):
    records.plan_series(workspace, case_id, FIRST, 1, 7, T10, T12)
    hours_tab, visits_tab = shown(qtbot, HoursTab(workspace)), shown(qtbot, VisitsTab(workspace))
    for tab in (hours_tab, visits_tab):
        tab.load(case_id)
        tab.open_record(None)
    costs = shown(qtbot, CostsTab())
    costs.load(workspace)
    roots: list[QWidget] = [hours_tab, visits_tab.editor.expenses.box, costs]
    for root in roots:
        for widget in root.findChildren(QWidget):
            if isinstance(widget, (QLineEdit, QComboBox, QAbstractButton)) and not isinstance(
                    widget.parent(), (QComboBox, QAbstractItemView, QAbstractSpinBox)):
                assert widget.accessibleName(), f"{type(root).__name__}: {type(widget).__name__}"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_screenshots(qtbot, workspace, case_id, lang, tmp_path):
    """The new screens, saved for a person to look at (QT_QPA_PLATFORM=offscreen)."""
    set_language(lang)
    hours.record_hours(workspace, hours.HoursInput(case_id, FIRST, "intake", "1,5", workspace.coordinator_id,
                                                   "Kennismaking"))
    records.plan_series(workspace, case_id, FIRST, 1, 7, T10, T12)
    case_file = shown(qtbot, CaseFileWidget(workspace))
    case_file.resize(1280, 720)
    case_file.load(case_id)
    tab = case_file.show_tab("hours")
    assert case_file.tabs.tabText(case_file.tabs.currentIndex()) == ("Uren" if lang == "nl" else "Hours")
    tab.add_button.click()
    total = tab.total  # the rest of the toolbar's row, wrapped when long (RecordsTab.end_toolbar_with)
    assert total.visibleRegion().boundingRect().size() == total.size(), "the total is not cut"
    assert total.contentsRect().width() >= total.fontMetrics().horizontalAdvance(total.text()), "on one line"
    visits = shown(qtbot, VisitsTab(workspace))
    visits.resize(1100, 900)
    visits.load(case_id)
    visits.table.selectRow(0)
    visits.record_button.click()
    visits.editor.scroll.ensureWidgetVisible(visits.editor.expenses.box)
    costs = shown(qtbot, CostsTab())
    costs.load(workspace)
    for name, widget in (("hours", case_file), ("visit", visits), ("rates", costs)):
        assert not widget.grab().save(str(tmp_path / f"{name}-{lang}.png")) is False
        widget.grab().save(f"/tmp/costs-{name}-{lang}.png")


def test_typed_hours_survive_a_lock_as_a_draft(qtbot, workspace, case_id):
    tab = shown(qtbot, HoursTab(workspace))
    tab.load(case_id)
    tab.add_button.click()
    QTest.keyClicks(tab.editor.hours, "2,25")
    QTest.keyClicks(tab.editor.note, "Gesprek met school")
    kept = tab.drafts()
    assert list(kept) == [f"case/{case_id}/hours/new"]
    tab.clear()
    assert not tab.editor.hours.text(), "nothing typed stays in the widgets after a lock"
    again = shown(qtbot, HoursTab(workspace))
    again.restore_drafts(kept)
    assert again.editor.isVisible() and again.editor.hours.text() == "2,25" and again.editor.dirty
    with qtbot.waitSignal(again.changed):
        again.editor.save_button.click()
    assert [(h.minutes, h.note) for h in hours.list_hours(workspace, case_id)] == [(135, "Gesprek met school")]


def test_the_treasurers_export_from_settings(qtbot, workspace, case_id, tmp_path, monkeypatch):
    records.plan_series(workspace, case_id, FIRST, 1, 7, T10, T12)
    visit = records.list_visits(workspace, case_id)[0]
    records.record_visit(workspace, records.VisitInput(case_id=case_id, visit_id=visit.id, on=visit.on, state="held",
                                                       start_time=T10, end_time=T12,
                                                       volunteer_id=visit.volunteer_id))
    expenses.save_expense(workspace, visit.id, expenses.ExpenseInput("10", "2,00"))
    tab = shown(qtbot, CostsTab())
    tab.load(workspace)
    tab.year.setValue(visit.on.year)
    tab.format.setCurrentIndex(tab.format.findData("csv"))
    target = tmp_path / "onkosten.csv"
    asked = []
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        lambda *a, **k: (asked.append(a[2]) or str(target), ""))
    tab.export_button.click()
    assert asked[0].endswith(f"onkosten-{visit.on.year}.csv")
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1].split(";")[1:] == ["Vera Voorbeeld", "1", "10", "2,30", "2,00", "4,30"]
    assert "€\xa04,30" in tab.export_status.text()


def test_every_rate_that_needs_retyping_is_marked_and_an_emptied_one_is_not_saved_as_nothing(qtbot, workspace):
    """Two bad rates: only the first was marked. An emptied hourly cost was saved as 0 ("not set"), unsaid."""
    tab = shown(qtbot, CostsTab())
    tab.load(workspace)
    type_over(tab.edits["hourly_cost"], "")
    type_over(tab.edits["kilometre_rate"], "abc")
    with qtbot.assertNotEmitted(tab.saved):
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.messages["hourly_cost"].text() == "Vul een bedrag in; 0 als er geen is."
    assert tab.messages["kilometre_rate"].isVisible() and "abc" in tab.messages["kilometre_rate"].text()
    assert tab.status.text() == "Niet opgeslagen: controleer de gemarkeerde velden."
    assert rates.read_rates(workspace).kilometre_rate_cents == 23, "nothing saved"
