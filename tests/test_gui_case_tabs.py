"""The case file's Visits, Evaluations, Letters and Attachments tabs, driven headless through pytest-qt."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from borapp.formatting import long_date
from borapp.i18n import set_language
from borapp.models import Letter
from borapp.services import drafts
from borapp.services.cases import attachments, evaluations
from borapp.services.vault.vault import Vault
from borapp.services.vault.workspace import Workspace
from borapp.services.visits import records
from borapp.ui.pages.cases.tabs import attachment_viewer
from borapp.services.errors import ValidationError
from borapp.ui.pages.cases.tabs.attachments_tab import AttachmentsTab
from borapp.ui.pages.cases.tabs.evaluations_tab import EvaluationsTab
from borapp.ui.pages.cases.tabs.letters_tab import LettersTab
from borapp.ui.pages.cases.tabs.visits_tab import VisitsTab
from tests.conftest import PASSPHRASE
from tests.visits.test_visit_services import REGISTERED, T10, T12, cancelled, held, make_case
from tests.helpers.questions import answer_soon

FIRST = REGISTERED + dt.timedelta(days=7)
DAY_AFTER = dt.timedelta(days=1)


@pytest.fixture
def english():
    set_language("en")


@pytest.fixture
def case_id(workspace):
    return make_case(workspace)[0]


def shown(qtbot, tab):
    qtbot.addWidget(tab)
    tab.resize(1100, 650)
    tab.show()
    return tab


def visits_tab(qtbot, workspace, case_id, *, planned: int = 0) -> VisitsTab:
    if planned:
        records.plan_series(workspace, case_id, FIRST, planned, 7, T10, T12)
    tab = shown(qtbot, VisitsTab(workspace))
    tab.load(case_id)
    return tab


def open_row(tab, row: int) -> int:
    tab.table.selectRow(row)
    tab.record_button.click()
    return tab.model.row_at(row).id


def visible(widget: QWidget) -> bool:
    return not widget.isHidden() and bool(getattr(widget, "text", lambda: "x")())


# ---- loading ---------------------------------------------------------------------------------------------------


def test_each_tab_loads_a_case_and_forgets_it_on_clear(qtbot, workspace, case_id):
    records.plan_series(workspace, case_id, FIRST, 3, 7, T10, T12)
    evaluations.save_evaluation(workspace, evaluations.EvaluationInput(case_id, FIRST, "midway", "Ouders"))
    attachments.add_attachment(workspace, case_id, "referral", "verwijzing.txt", b"Verwijzing")
    with workspace.session() as session:
        session.add(Letter(case_id=case_id, kind="start", recipient_name="Wijkteam Proefstad", state="sent"))
    tabs = [VisitsTab(workspace), EvaluationsTab(workspace), LettersTab(workspace), AttachmentsTab(workspace)]
    for tab, rows in zip(tabs, (3, 1, 1, 1)):
        shown(qtbot, tab).load(case_id)
        assert tab.model.rowCount() == rows
        assert tab.table.accessibleName()
        tab.clear()
        assert tab.model.rowCount() == 0 and tab.case_id is None


def test_a_lock_leaves_no_names_or_notes_in_the_widgets(qtbot, workspace, case_id):
    records.plan_series(workspace, case_id, FIRST, 2, 7, T10, T12)
    tabs = [visits_tab(qtbot, workspace, case_id), shown(qtbot, EvaluationsTab(workspace))]
    tabs[1].load(case_id)
    open_row(tabs[0], 0)
    tabs[0].editor.what_happened.setPlainText("Kiki speelde met de trein.")
    tabs[1].open_record(None)  # participants filled in with the parents' names
    for tab in tabs:
        tab.clear()
        texts = [w.text() for kind in (QLineEdit, QLabel) for w in tab.findChildren(kind)]
        texts += [w.toPlainText() for w in tab.findChildren(QPlainTextEdit)]
        texts += [c.itemText(i) for c in tab.findChildren(QComboBox) for i in range(c.count())]
        leaked = [t for t in texts if any(name in t for name in ("Vera", "Rianne", "Otto", "Kiki", "Speelkamer"))]
        assert leaked == [], type(tab).__name__


def test_an_empty_case_says_what_to_do(qtbot, workspace, case_id, english):
    tab = visits_tab(qtbot, workspace, case_id)
    assert tab.list_stack.currentWidget() is tab.empty
    assert "Plan a series" in tab.empty.text()
    letters = shown(qtbot, LettersTab(workspace))
    letters.load(case_id)
    assert letters.stack.currentWidget() is letters.empty


def test_every_control_has_an_accessible_name(qtbot, workspace, case_id):
    for tab in (VisitsTab(workspace), EvaluationsTab(workspace), LettersTab(workspace), AttachmentsTab(workspace)):
        shown(qtbot, tab).load(case_id)
        if hasattr(tab, "editor"):
            tab.open_record(None)
        for widget in tab.findChildren(QWidget):
            inner = any(isinstance(a, (QAbstractSpinBox, QComboBox, QCalendarWidget, QAbstractItemView))
                        for a in _ancestors(widget, tab))
            if inner or not isinstance(widget, (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox,
                                                QAbstractButton, QAbstractItemView)):
                continue
            assert widget.accessibleName(), f"{type(tab).__name__}: {type(widget).__name__} has no accessible name"


def test_the_tab_order_follows_reading_order(qtbot, workspace, case_id):
    tab = visits_tab(qtbot, workspace, case_id, planned=2)
    open_row(tab, 0)
    chain, widget = [], tab
    while (widget := widget.nextInFocusChain()) is not tab and len(chain) < 5000:
        chain.append(widget)
    order = [chain.index(w) for w in (tab.plan_button, tab.record_button, tab.add_button, tab.table, tab.editor.on,
                                      tab.editor.what_happened, tab.editor.close_button, tab.editor.save_button)]
    assert order == sorted(order)


def _ancestors(widget: QWidget, stop: QWidget):
    parent = widget.parentWidget()
    while parent is not None and parent is not stop:
        yield parent
        parent = parent.parentWidget()


# ---- visits ----------------------------------------------------------------------------------------------------


def test_plan_a_series_of_eight(qtbot, workspace, case_id, english):
    tab = visits_tab(qtbot, workspace, case_id)
    tab.plan_button.click()
    dialog = tab.series_dialog
    dialog.first_on.set_value(FIRST)
    dialog.count.setValue(8)
    dialog.every_days.setValue(14)
    dialog.start.set_value(T10)
    dialog.end.set_value(dt.time(9, 30))
    with qtbot.assertNotEmitted(tab.changed):
        dialog.plan_button.click()
    assert visible(dialog.messages["end_time"]) and dialog.isVisible()
    assert records.list_visits(workspace, case_id) == []
    dialog.end.set_value(T12)
    with qtbot.waitSignal(tab.changed):
        dialog.plan_button.click()
    assert tab.model.rowCount() == 8
    assert tab.counts.text() == "8 planned · 0 held · 0 cancelled"
    assert [v.on for v in records.list_visits(workspace, case_id)][-1] == FIRST + dt.timedelta(days=7 * 14)


def test_record_one_visit_held_and_one_cancelled_by_the_non_resident_parent(qtbot, workspace, case_id, english):
    tab = visits_tab(qtbot, workspace, case_id, planned=8)
    first = open_row(tab, 0)
    assert tab.editor.isVisible() and tab.editor.current_state() == "held"
    tab.editor.brought_by.setText("Verzorgende ouder")
    tab.editor.what_happened.setPlainText("Samen een toren gebouwd; Kiki lachte veel.")
    tab.editor.child_voice.setPlainText("Wil volgende keer naar de speeltuin.")
    with qtbot.waitSignal(tab.changed):
        tab.editor.save_button.click()
    assert tab.editor.isHidden()
    second = open_row(tab, 1)
    tab.editor.state_buttons["cancelled"].click()
    assert tab.editor.cancel_box.isVisible() and tab.editor.held_box.isHidden()
    tab.editor.cancelled_by.setCurrentIndex(tab.editor.cancelled_by.findData("other"))
    tab.editor.cancel_reason.setPlainText("Ziek, 's ochtends afgebeld.")
    tab.editor.notice_hours.setValue(3)
    with qtbot.waitSignal(tab.changed):
        tab.editor.save_button.click()
    saved = records.get_visit(workspace, first)
    assert (saved.state, saved.child_voice, saved.brought_by) == \
        ("held", "Wil volgende keer naar de speeltuin.", "Verzorgende ouder")
    assert (records.get_visit(workspace, second).cancelled_by, records.get_visit(workspace, second).notice_hours) == \
        ("other", 3)
    assert tab.counts.text() == "6 planned · 1 held · 1 cancelled (non-resident parent)"
    assert tab.model.index(1, 2).data() == "Cancelled (non-resident parent)"


def test_saving_as_cancelled_asks_before_the_report_text_typed_as_held_goes(qtbot, workspace, case_id, monkeypatch):
    """Typed as held, then switched to cancelled: the report text was thrown away without a word on Save."""
    tab = visits_tab(qtbot, workspace, case_id, planned=2)
    visit = open_row(tab, 0)
    qtbot.mouseClick(tab.editor.what_happened.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.editor.what_happened, "Samen getekend")
    qtbot.mouseClick(tab.editor.state_buttons["cancelled"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.editor.cancelled_by, records.canceller_label("other").split()[0])  # typed, as in a list
    qtbot.mouseClick(tab.editor.cancel_reason.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.editor.cancel_reason, "Ziek")
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _parent, _title, text, *a: asked.append(text) or QMessageBox.StandardButton.No)
    qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    assert asked and "Wat er gebeurde" in asked[0] and "afgezegd" in asked[0]
    assert records.get_visit(workspace, visit).state == "planned", "No: nothing saved"
    assert tab.editor.isVisible() and tab.editor.what_happened.toPlainText() == "Samen getekend"
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    saved = records.get_visit(workspace, visit)
    assert (saved.state, saved.cancelled_by, saved.cancel_reason, saved.what_happened) == (
        "cancelled", "other", "Ziek", "")
    second = open_row(tab, 1)
    qtbot.mouseClick(tab.editor.state_buttons["cancelled"], Qt.MouseButton.LeftButton)
    qtbot.wait(QApplication.keyboardInputInterval() + 50)  # a pause, or the list searches on from the last typing
    qtbot.keyClicks(tab.editor.cancelled_by, records.canceller_label("resident").split()[0])
    qtbot.mouseClick(tab.editor.cancel_reason.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.editor.cancel_reason, "Vakantie")
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("asked with nothing to lose"))
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    assert (records.get_visit(workspace, second).state, records.get_visit(workspace, second).cancelled_by) == (
        "cancelled", "resident")


def test_a_cancelled_visit_with_report_text_is_checked_first_and_asked_about_last(qtbot, workspace, case_id,
                                                                                  monkeypatch):
    """The walker was asked "Weggooien?", said Ja, and the save failed on "who cancelled", asking again each time."""
    tab = visits_tab(qtbot, workspace, case_id, planned=1)
    visit = open_row(tab, 0)
    qtbot.mouseClick(tab.editor.what_happened.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.editor.what_happened, "Samen getekend")
    qtbot.mouseClick(tab.editor.state_buttons["cancelled"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.editor.cancel_reason.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(tab.editor.cancel_reason, "Ziek")
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _parent, _title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    assert asked == [] and "wie heeft afgezegd" in tab.editor._messages["cancelled_by"].text()
    assert records.get_visit(workspace, visit).state == "planned"
    assert tab.editor.what_happened.toPlainText() == "Samen getekend", "nothing typed is lost"
    qtbot.keyClicks(tab.editor.cancelled_by, records.canceller_label("other").split()[0])
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and records.get_visit(workspace, visit).state == "cancelled"


def test_cancelling_a_visit_ahead_records_the_day_it_was_called_off(qtbot, workspace, case_id, monkeypatch):
    """Called off two days ago for a visit next week: the midway letter counts it as called off from that day."""
    from borapp.services.typed_dates import date_text

    today = dt.date.today()
    ahead = today + dt.timedelta(days=10)
    visit = records.plan_series(workspace, case_id, ahead, 1, 7, T10, T12)[0]
    tab = visits_tab(qtbot, workspace, case_id)
    open_row(tab, 0)
    editor = tab.editor
    qtbot.mouseClick(editor.state_buttons["cancelled"], Qt.MouseButton.LeftButton)
    assert editor.cancelled_on.text() == date_text(today), "choosing Cancelled dates it today"
    qtbot.keyClicks(editor.cancelled_by, records.canceller_label("resident").split()[0])
    qtbot.mouseClick(editor.cancel_reason.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.cancel_reason, "Vakantie")

    def retype(text: str) -> None:
        qtbot.mouseClick(editor.cancelled_on.edit, Qt.MouseButton.LeftButton)
        QTest.keyClick(editor.cancelled_on.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(editor.cancelled_on.edit, text)
        QTest.keyClick(editor.cancelled_on.edit, Qt.Key.Key_Tab)

    retype(date_text(ahead + DAY_AFTER))  # a slip: after the visit's own day
    with qtbot.assertNotEmitted(tab.changed):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert "voor de dag zelf of op die dag" in editor._messages["cancelled_on"].text()
    assert records.get_visit(workspace, visit).state == "planned"
    retype(date_text(today - dt.timedelta(days=2)))
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    saved = records.get_visit(workspace, visit)
    assert (saved.state, saved.cancelled_by, saved.cancelled_on) == (
        "cancelled", "resident", today - dt.timedelta(days=2))
    open_row(tab, 0)
    assert tab.editor.cancelled_on.text() == date_text(today - dt.timedelta(days=2)), "shown again as saved"


def test_retyping_a_refused_date_takes_the_old_refusal_away(qtbot, workspace, case_id):
    """A date before the registration was refused; retyped as 31-11-2026 the old refusal stayed under the field's
    own "cannot be read", two messages of which one no longer applied."""
    tab = visits_tab(qtbot, workspace, case_id, planned=1)
    open_row(tab, 0)
    field = tab.editor.on
    before = (REGISTERED - dt.timedelta(days=30)).strftime("%d-%m-%Y")
    for text in (before, None):
        qtbot.mouseClick(field.edit, Qt.MouseButton.LeftButton)
        qtbot.keyClick(field.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(field.edit, text or "31-11-2026")
        qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
        if text:
            qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
            refusal = tab.editor._messages["on"]
            assert "aanmelding" in refusal.text() and not refusal.isHidden()
    assert refusal.isHidden(), "the refusal of the date before is gone once the date is retyped"
    qtbot.mouseClick(tab.editor.save_button, Qt.MouseButton.LeftButton)
    assert "31-11-2026" in field.message.text() and refusal.isHidden()


def test_a_validation_message_shows_under_the_field_and_keeps_the_typing(qtbot, workspace, case_id):
    tab = visits_tab(qtbot, workspace, case_id)
    tab.add_button.click()  # a visit that was never planned
    editor = tab.editor
    editor.start.set_value(dt.time(14, 0))
    editor.end.set_value(dt.time(13, 0))
    editor.what_happened.setPlainText("Kiki was blij én moe; zei ‘tot gauw’.")
    with qtbot.assertNotEmitted(tab.changed):
        editor.save_button.click()
    message = editor.message_for("end_time")
    assert visible(message) and message.text() == visits_message("The end time must be after the start time.")
    assert visible(editor.problem)
    assert editor.what_happened.toPlainText() == "Kiki was blij én moe; zei ‘tot gauw’."
    assert editor.isVisible() and editor.dirty
    assert records.list_visits(workspace, case_id) == []
    editor.end.edit.selectAll()
    QTest.keyClicks(editor.end.edit, "15:30")
    QTest.keyClick(editor.end.edit, Qt.Key.Key_Tab)
    editor.end.commit()
    assert not visible(message), "fixed: the message goes at once, not only at the next save"
    with qtbot.waitSignal(tab.changed):
        editor.save_button.click()
    assert not visible(message)
    [row] = records.list_visits(workspace, case_id)
    assert records.get_visit(workspace, row.id).what_happened == "Kiki was blij én moe; zei ‘tot gauw’."


def test_a_time_it_cannot_read_is_said_under_the_row_without_moving_the_end_time(qtbot, workspace, case_id):
    """The start time's message was squeezed into the start field's width, three lines of a few words, and pushed
    "to" and the end time along and down."""
    tab = visits_tab(qtbot, workspace, case_id)
    tab.add_button.click()
    editor = tab.editor
    end_at = editor.end.mapTo(editor, QPoint(0, 0))
    qtbot.mouseClick(editor.start.edit, Qt.MouseButton.LeftButton)
    QTest.keyClick(editor.start.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor.start.edit, "25:99")
    QTest.keyClick(editor.start.edit, Qt.Key.Key_Tab)
    editor.start.commit()  # what leaving the field does (offscreen, Tab does not always move the focus)
    message = editor.start.message
    qtbot.waitUntil(lambda: message.isVisible() and message.height() == message.heightForWidth(message.width()))
    assert message.width() >= 300, message.width()
    assert message.height() <= 2 * message.fontMetrics().lineSpacing(), message.height()
    assert editor.end.mapTo(editor, QPoint(0, 0)) == end_at, "the end time stays where it was"


def visits_message(msgid: str) -> str:
    from borapp.i18n import _

    return _(msgid)


def test_only_a_planned_visit_can_be_deleted(qtbot, workspace, case_id, monkeypatch):
    records.plan_series(workspace, case_id, FIRST, 2, 7, T10, T12)
    first = records.list_visits(workspace, case_id)[0].id
    records.record_visit(workspace, held(case_id, first, FIRST))
    tab = visits_tab(qtbot, workspace, case_id)
    tab.table.selectRow(0)
    assert not tab.delete_button.isEnabled() and tab.delete_button.toolTip()
    tab.table.selectRow(1)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(tab.changed):
        tab.delete_button.click()
    assert [v.id for v in records.list_visits(workspace, case_id)] == [first]


# ---- drafts: typing survives a lock ----------------------------------------------------------------------------


def test_drafts_bring_the_typing_back_in_a_new_tab(qtbot, workspace, case_id):
    tab = visits_tab(qtbot, workspace, case_id, planned=3)
    assert tab.drafts() == {}
    visit_id = open_row(tab, 1)
    assert tab.drafts() == {}  # opened, nothing typed yet
    tab.editor.what_happened.setPlainText("Halverwege: Kiki wilde even naar mama bellen.")
    tab.editor.incidents.setPlainText("Geen.")
    found = tab.drafts()
    key = f"case/{case_id}/visits/{visit_id}"
    assert list(found) == [key]
    payload = json.loads(json.dumps(found[key]))  # JSON-able, as the vault keeps it

    again = shown(qtbot, VisitsTab(workspace))
    again.load(case_id)
    again.restore_drafts({key: payload, "case/999/family/x": {"ignored": True}})
    assert again.editor.isVisible() and again.editing_key == key
    assert again.editor.what_happened.toPlainText() == "Halverwege: Kiki wilde even naar mama bellen."
    assert again.editor.incidents.toPlainText() == "Geen."
    assert visible(again.editor.unsaved) and again.editor.dirty
    assert again.drafts() == {key: payload}
    with qtbot.waitSignal(again.draft_discarded, check_params_cb=lambda k: k == key):
        again.editor.save_button.click()
    assert again.drafts() == {}
    assert records.get_visit(workspace, visit_id).incidents == "Geen."


def test_record_a_visit_lock_unlock_and_find_the_unsaved_note_back(qtbot, workspace, case_id, vault_path):
    tab = visits_tab(qtbot, workspace, case_id)
    tab.add_button.click()
    tab.editor.child_voice.setPlainText("‘Ik wil papa vaker zien.’")
    for key, payload in tab.drafts().items():  # what the main window does on lock
        drafts.save_draft(workspace, "ui/" + key, payload)
    tab.clear()
    assert tab.editor.isHidden() and tab.editor.child_voice.toPlainText() == ""
    workspace.lock()

    unlocked = Workspace(Vault.open(vault_path, PASSPHRASE), workspace.coordinator)
    try:
        kept = {d.key[3:]: d.payload for d in drafts.list_drafts(unlocked, "ui/")}
        fresh = shown(qtbot, VisitsTab(unlocked))
        fresh.restore_drafts(kept)  # no case loaded yet: the draft says which
        assert fresh.case_id == case_id
        assert fresh.editor.isVisible() and fresh.editor.title.text()
        assert fresh.editor.child_voice.toPlainText() == "‘Ik wil papa vaker zien.’"
        assert visible(fresh.editor.unsaved)
        fresh.editor.start.set_value(T10)
        fresh.editor.end.set_value(T12)
        with qtbot.waitSignal(fresh.changed):
            fresh.editor.save_button.click()
        assert drafts.list_drafts(unlocked, "ui/") == []  # saved: the draft will not come back after the next lock
    finally:
        unlocked.lock()


def test_closing_a_changed_editor_asks_and_tells_the_draft_is_gone(qtbot, workspace, case_id, monkeypatch):
    tab = visits_tab(qtbot, workspace, case_id, planned=1)
    visit_id = open_row(tab, 0)
    tab.editor.handover.setPlainText("Vlot.")
    for key, payload in tab.drafts().items():  # the 20-second timer kept it
        drafts.save_draft(workspace, "ui/" + key, payload)
    answer_soon(QMessageBox.StandardButton.Cancel)
    tab.editor.close_button.click()
    assert tab.editor.isVisible() and tab.editor.handover.toPlainText() == "Vlot."
    answer_soon(QMessageBox.StandardButton.Discard)
    with qtbot.waitSignal(tab.draft_discarded, check_params_cb=lambda k: k.endswith(f"/visits/{visit_id}")):
        tab.editor.close_button.click()
    assert tab.editor.isHidden() and tab.drafts() == {}
    assert drafts.list_drafts(workspace, "ui/") == []


# ---- evaluations -----------------------------------------------------------------------------------------------


def test_add_an_evaluation_and_keep_its_typing_as_a_draft(qtbot, workspace, case_id):
    tab = shown(qtbot, EvaluationsTab(workspace))
    tab.load(case_id)
    tab.add_button.click()
    editor = tab.editor
    assert editor.isVisible() and "Rianne de Proef" in editor.participants.text()
    editor.held_on.set_value(FIRST + dt.timedelta(days=30))
    editor.agreements.setPlainText("Vanaf nu om de week, overdracht bij school.")
    key = f"case/{case_id}/evaluations/new"
    found = tab.drafts()
    assert list(found) == [key]
    again = shown(qtbot, EvaluationsTab(workspace))
    again.load(case_id)
    again.restore_drafts(found)
    assert again.editor.agreements.toPlainText() == "Vanaf nu om de week, overdracht bij school."
    with qtbot.waitSignal(again.changed):
        again.editor.save_button.click()
    [item] = evaluations.list_evaluations(workspace, case_id)
    assert (item.held_on, item.kind, item.agreements) == \
        (FIRST + dt.timedelta(days=30), "midway", "Vanaf nu om de week, overdracht bij school.")
    assert again.model.rowCount() == 1


def test_a_second_midway_evaluation_is_said_when_chosen(qtbot, workspace, case_id):
    """A second midway evaluation was saved without a word (and put the case back in "midway evaluation")."""
    evaluations.save_evaluation(workspace, evaluations.EvaluationInput(case_id, FIRST + dt.timedelta(days=30),
                                                                       "midway", "beide ouders"))
    tab = shown(qtbot, EvaluationsTab(workspace))
    tab.load(case_id)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    editor = tab.editor
    assert editor.kind.currentData() == "final", "after the midway evaluation, the final one is offered"
    qtbot.wait(20)  # the editor said its piece once it showed the record
    assert not visible(editor.message_for("kind"))
    editor.kind.setFocus()
    QTest.keyClick(editor.kind, Qt.Key.Key_Up)  # to the midway evaluation
    assert editor.kind.currentData() == "midway"
    message = editor.message_for("kind")
    assert visible(message) and message.text().startswith("Er is al een tussenevaluatie vastgelegd, op ")


def _midway(workspace, case_id: int, on: dt.date) -> None:
    evaluations.save_evaluation(workspace, evaluations.EvaluationInput(case_id, on, "midway", "beide ouders"))


def _choose_a_new_midway(qtbot, tab: EvaluationsTab):
    """Add an evaluation and choose "midway" under Kind, as she would; the message under Kind."""
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()  # the editor says its piece once it shows the record
    tab.editor.kind.setFocus()
    QTest.keyClick(tab.editor.kind, Qt.Key.Key_Home)  # midway is the first kind
    assert tab.editor.kind.currentData() == "midway"
    return tab.editor.message_for("kind")


def test_a_second_midway_evaluation_names_the_day_the_service_knows_in_any_order(qtbot, workspace, case_id):
    """The tab took "a midway evaluation was held, on ..." from its rows as sorted: newest first, it named the
    second one; `evaluations.midway_held_on` (what Today and the letters owed count) names the first."""
    first, second = FIRST + dt.timedelta(days=30), FIRST + dt.timedelta(days=60)
    _midway(workspace, case_id, first)
    _midway(workspace, case_id, second)
    tab = shown(qtbot, EvaluationsTab(workspace))
    tab.load(case_id)
    header = tab.table.horizontalHeader()
    on_date = QPoint(header.sectionViewportPosition(0) + header.sectionSize(0) // 2, header.height() // 2)
    for _click in range(2):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=on_date)
        if tab.model.row_at(0).held_on == second:
            break
    assert [tab.model.row_at(row).held_on for row in range(2)] == [second, first], "sorted newest first"
    message = _choose_a_new_midway(qtbot, tab)
    with workspace.reading() as session:
        assert evaluations.midway_held_on(session, case_id) == first
    assert visible(message) and long_date(first) in message.text() and long_date(second) not in message.text()


def test_the_tab_says_what_the_service_counts_not_what_its_rows_suggest(qtbot, workspace, case_id, monkeypatch):
    """Whether the midway evaluation was held has one answer, the service's: a tab that counted its own rows would
    disagree with Today and the case's next step as soon as the service counts otherwise (here: none counted)."""
    _midway(workspace, case_id, FIRST + dt.timedelta(days=30))
    monkeypatch.setattr(evaluations, "midway_held_on", lambda session, case_id: None)
    tab = shown(qtbot, EvaluationsTab(workspace))
    tab.load(case_id)
    assert [tab.model.row_at(0).kind] == ["midway"] and tab.model.rowCount() == 1, "the tab shows one"
    message = _choose_a_new_midway(qtbot, tab)
    assert not visible(message)


def test_an_evaluation_without_participants_is_not_saved(qtbot, workspace, case_id):
    tab = shown(qtbot, EvaluationsTab(workspace))
    tab.load(case_id)
    tab.add_button.click()
    tab.editor.participants.setText("")
    tab.editor.notes.setPlainText("Notitie")
    with qtbot.assertNotEmitted(tab.changed):
        tab.editor.save_button.click()
    assert visible(tab.editor.message_for("participants"))
    assert tab.editor.notes.toPlainText() == "Notitie"
    assert evaluations.list_evaluations(workspace, case_id) == []


# ---- attachments -----------------------------------------------------------------------------------------------


def _files(root) -> set:
    return {p for p in root.rglob("*") if p.is_file()}


def test_add_an_attachment_and_read_it_back_without_a_file_appearing(qtbot, workspace, case_id, tmp_path,
                                                                     monkeypatch):
    source = tmp_path / "picked" / "verwijzing wijkteam.txt"
    source.parent.mkdir()
    content = "Verwijzing: graag begeleide omgang voor Kiki.\nMet vriendelijke groet,\nJeugdteam Proefstad\n"
    source.write_bytes(content.encode())
    tab = shown(qtbot, AttachmentsTab(workspace))
    tab.load(case_id)
    before = _files(tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    tab.kind.setFocus()
    for _step in range(2):  # Beschikking, Aanmeldformulier
        qtbot.keyClick(tab.kind, Qt.Key.Key_Down)
    with qtbot.waitSignal(tab.changed):
        tab.add_button.click()
    [item] = attachments.list_attachments(workspace, case_id)
    assert (item.filename, item.kind, item.size) == ("verwijzing wijkteam.txt", "referral", len(content.encode()))
    assert attachments.read_attachment(workspace, item.id).content == source.read_bytes()
    tab.table.selectRow(0)
    tab.open_button.click()
    [dialog] = tab.viewers
    assert dialog.body.toPlainText() == content
    dialog.close()
    assert _files(tmp_path) == before  # nothing decrypted landed anywhere
    marker = b"graag begeleide omgang"
    assert [p for p in _files(tmp_path) if marker in p.read_bytes()] == [source]


def test_a_file_over_the_limit_is_refused_with_a_clear_message(qtbot, workspace, case_id, tmp_path, monkeypatch):
    source = tmp_path / "scan.pdf"
    source.write_bytes(b"%PDF-1.4 " + b"x" * 200)
    monkeypatch.setattr(attachments, "MAX_BYTES", 100)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    tab = shown(qtbot, AttachmentsTab(workspace))
    tab.load(case_id)
    tab.kind.setFocus()
    qtbot.keyClick(tab.kind, Qt.Key.Key_Down)  # Beschikking
    with qtbot.assertNotEmitted(tab.changed):
        tab.add_button.click()
    assert visible(tab.notice) and "de grens is" in tab.notice.text()
    assert attachments.list_attachments(workspace, case_id) == []


def test_each_file_gets_a_kind_chosen_for_it_and_the_kind_can_be_corrected(qtbot, workspace, case_id, tmp_path,
                                                                           monkeypatch):
    """Every file added was "Court decision", the first kind, unasked; and it could not be corrected."""
    source = tmp_path / "tekening.png"
    source.write_bytes(b"\x89PNG synthetic")
    tab = shown(qtbot, AttachmentsTab(workspace))
    tab.load(case_id)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: pytest.fail("picked before the kind"))
    assert tab.kind.currentText() == "Kies de soort…"
    tab.add_button.click()
    assert "Kies eerst de soort" in tab.notice.text()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    qtbot.keyClick(tab.kind, Qt.Key.Key_Down)
    qtbot.keyClick(tab.kind, Qt.Key.Key_Down)  # Aanmeldformulier
    with qtbot.waitSignal(tab.changed):
        tab.add_button.click()
    assert tab.kind.currentData() == ""  # the next file gets its own
    [item] = attachments.list_attachments(workspace, case_id)
    assert item.kind == "referral"
    tab.table.selectRow(0)
    assert tab.kind_button.isEnabled()
    assert [a.text() for a in tab.kind_button.menu().actions() if a.isChecked()] == ["Verwijsformulier"]
    other = next(a for a in tab.kind_button.menu().actions() if a.text() == "Overig")
    with qtbot.waitSignal(tab.changed):
        other.trigger()
    assert [a.kind for a in attachments.list_attachments(workspace, case_id)] == ["other"]
    assert tab.model.index(0, 0).data() == "Overig"
    assert [a.text() for a in tab.kind_button.menu().actions() if a.isChecked()] == ["Overig"]


def test_a_signed_copy_stays_a_signed_contract(workspace, case_id):
    from borapp.services.documents.contract_signing import record_signature
    from borapp.services.documents.contract_versions import current_contract, new_version_if_changed, \
        store_signed_copy

    new_version_if_changed(workspace, case_id)
    contract_id = current_contract(workspace, case_id).id
    record_signature(workspace, contract_id, "resident", "Rianne de Proef", dt.date.today())
    store_signed_copy(workspace, contract_id, "getekend.pdf", b"%PDF-1.4 scan")
    [copy] = attachments.list_attachments(workspace, case_id)
    with pytest.raises(ValidationError) as refused:
        attachments.set_kind(workspace, copy.id, "other")
    assert "blijft een ondertekende overeenkomst" in str(refused.value)
    assert [a.kind for a in attachments.list_attachments(workspace, case_id)] == ["signed_contract"]


def test_a_pdf_without_the_viewer_offers_a_copy_where_the_user_asks(qtbot, workspace, case_id, tmp_path,
                                                                     monkeypatch):
    monkeypatch.setattr(attachment_viewer, "PDF_VIEWER", False)
    content = b"%PDF-1.4\n% synthetic court decision\n"
    attachments.add_attachment(workspace, case_id, "court_decision", "beschikking.pdf", content)
    tab = shown(qtbot, AttachmentsTab(workspace))
    tab.load(case_id)
    tab.table.selectRow(0)
    tab.open_button.click()
    [dialog] = tab.viewers
    assert dialog.save_button is not None
    target = tmp_path / "kopie" / "beschikking.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    dialog.save_button.click()
    assert target.read_bytes() == content
    assert visible(tab.notice)
    tab.clear()  # a lock closes the viewer
    assert tab.viewers == []


def test_an_image_is_shown_from_memory(qtbot, workspace, case_id):
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#3366aa"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    attachments.add_attachment(workspace, case_id, "other", "tekening.png", bytes(data.data()))
    tab = shown(qtbot, AttachmentsTab(workspace))
    tab.load(case_id)
    tab.table.selectRow(0)
    tab.open_button.click()
    [dialog] = tab.viewers
    assert dialog.save_button is None
    assert dialog.body.widget().pixmap().width() == 40


# ---- table models ----------------------------------------------------------------------------------------------


def test_the_table_models_follow_the_qt_rules(qtbot, qtmodeltester, workspace, case_id):
    ids = records.plan_series(workspace, case_id, FIRST, 4, 7, T10, T12)
    records.record_visit(workspace, held(case_id, ids[0], FIRST))
    records.record_visit(workspace, cancelled(case_id, ids[1], FIRST + dt.timedelta(days=7)))
    evaluations.save_evaluation(workspace, evaluations.EvaluationInput(case_id, FIRST, "midway", "Ouders"))
    attachments.add_attachment(workspace, case_id, "other", "a.txt", b"a")
    with workspace.session() as session:
        session.add(Letter(case_id=case_id, kind="intake", recipient_name="Proefstad", state="draft"))
    for tab in (VisitsTab(workspace), EvaluationsTab(workspace), LettersTab(workspace), AttachmentsTab(workspace)):
        shown(qtbot, tab).load(case_id)
        qtmodeltester.check(tab.model)
        for column in range(tab.model.columnCount()):
            tab.model.sort(column)
        qtmodeltester.check(tab.model)


def test_a_pdf_is_shown_from_memory_and_the_viewer_closes_cleanly(qtbot):
    """Closing a PDF preview once crashed the process (the view outlived its document)."""
    import io

    from PySide6.QtCore import QCoreApplication
    from reportlab.pdfgen import canvas

    from borapp.services.cases.attachments import AttachmentContent
    from borapp.ui.pages.cases.tabs import attachment_viewer

    if not attachment_viewer.PDF_VIEWER:
        pytest.fail("the PDF viewer (PySide6-Pdf) is a dependency and must import")
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.drawString(100, 700, "Beschikking")
    pdf.showPage()
    pdf.save()
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = attachment_viewer.viewer(AttachmentContent("beschikking.pdf", "application/pdf", buf.getvalue()),
                                      parent, lambda: None)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.isVisible()
    with qtbot.waitSignal(dialog.destroyed, timeout=5000):  # gone for good, and the process still here
        dialog.close()
        dialog.deleteLater()
        QCoreApplication.processEvents()
    parent.deleteLater()
    QCoreApplication.processEvents()


def test_opening_a_case_reads_the_volunteers_only_when_a_visit_is_opened(qtbot, workspace, case_id, monkeypatch):
    """Every active volunteer fills the editor's list: read when a visit is first opened in a case, not each time
    a case file opens."""
    reads = []
    real = records.volunteer_choices
    monkeypatch.setattr(records, "volunteer_choices", lambda *a: reads.append(a[1]) or real(*a))
    tab = visits_tab(qtbot, workspace, case_id, planned=2)
    assert reads == []
    open_row(tab, 0)
    assert reads == [case_id] and tab.editor.volunteer.findText("Vera Voorbeeld") >= 0
    tab.close_editor()
    open_row(tab, 1)
    assert reads == [case_id], "read again for the same case"


def test_a_planned_visit_on_a_day_gone_by_says_so(qtbot, workspace, case_id):
    """A visit planned on a day that has passed (a slip of the year, or one not recorded yet) was taken silently."""
    tab = visits_tab(qtbot, workspace, case_id)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.editor.state_buttons["planned"], Qt.MouseButton.LeftButton)
    field = tab.editor.on
    assert tab.editor.planned_hint.text().startswith("Kies op of na de dag"), "today: the usual hint"
    yesterday = (dt.date.today() - dt.timedelta(days=1)).strftime("%d-%m-%Y")
    for typed in (yesterday, (dt.date.today() + dt.timedelta(days=7)).strftime("%d-%m-%Y")):
        qtbot.mouseClick(field.edit, Qt.MouseButton.LeftButton)
        qtbot.keyClick(field.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(field.edit, typed)
        qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
        if typed == yesterday:
            assert tab.editor.planned_hint.text().startswith("Deze dag is voorbij"), tab.editor.planned_hint.text()
    assert tab.editor.planned_hint.text().startswith("Kies op of na de dag"), "a day to come: the usual hint"


def test_deleting_the_signed_copy_is_refused_without_asking_first(qtbot, workspace, case_id, monkeypatch):
    """"Delete this file from the case?" was asked, and after Yes came "it stays in the case file"."""
    from borapp.services.documents.contract_signing import record_signature
    from borapp.services.documents.contract_versions import current_contract, new_version_if_changed, \
        store_signed_copy

    new_version_if_changed(workspace, case_id)
    contract_id = current_contract(workspace, case_id).id
    record_signature(workspace, contract_id, "resident", "Rianne de Proef", dt.date.today())
    store_signed_copy(workspace, contract_id, "getekend.pdf", b"%PDF-1.4 scan")
    tab = shown(qtbot, AttachmentsTab(workspace))
    tab.load(case_id)
    tab.table.setFocus()
    QTest.keyClick(tab.table, Qt.Key.Key_Down)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("asked, to refuse after"))
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert visible(tab.notice) and "ondertekende versie 1" in tab.notice.text(), tab.notice.text()
    assert len(attachments.list_attachments(workspace, case_id)) == 1


def test_a_closed_case_greys_out_planning_and_says_why_until_it_is_reopened(qtbot, workspace, case_id):
    from borapp.services.cases import actions

    records.plan_series(workspace, case_id, FIRST, 2, 7, T10, T12)
    actions.change_status(workspace, case_id, "closing", on=FIRST)
    actions.change_status(workspace, case_id, "closed", on=FIRST, outcome="successful")
    tab = visits_tab(qtbot, workspace, case_id)
    closed = "Dit dossier is afgesloten; heropen het voordat u omgangsmomenten toevoegt of plant."
    for button in (tab.plan_button, tab.add_button):  # refused only after the typing, before
        assert not button.isEnabled() and button.toolTip() == closed
    tab.table.selectRow(0)
    assert tab.record_button.isEnabled(), "a visit can still be read and its record corrected"
    actions.change_status(workspace, case_id, "reopen", on=FIRST + DAY_AFTER)
    tab.load(case_id)
    assert tab.plan_button.isEnabled() and tab.add_button.isEnabled()
    assert tab.plan_button.toolTip() != closed


def test_a_series_offers_what_is_left_of_the_agreed_trajectory(qtbot, workspace, case_id):
    """The contract agrees 8 visits and 2 were held: the series starts at 6 and says why (it offered 6 always)."""
    from borapp.models import Case

    with workspace.session() as session:
        session.get(Case, case_id).agreed_visits = 8
    records.plan_series(workspace, case_id, FIRST, 2, 7, T10, T12)
    for visit in records.list_visits(workspace, case_id):
        records.record_visit(workspace, held(case_id, visit.id, visit.on))
    tab = visits_tab(qtbot, workspace, case_id)
    qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
    dialog = tab.series_dialog
    assert dialog.count.value() == 6
    assert any(label.text().startswith("De overeenkomst spreekt 8 omgangsmomenten af; daarvan zijn er 2 gehouden of "
                                       "gepland.") for label in dialog.findChildren(QLabel))
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(dialog.plan_button, Qt.MouseButton.LeftButton)
    assert len(records.list_visits(workspace, case_id)) == 8
    assert tab.counts.text() == "6 gepland · 2 gehouden · 0 afgezegd · 8 afgesproken"
    assert "meer dan" not in dialog.preview.text()
    qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
    dialog = tab.series_dialog
    assert dialog.count.value() == 1, "the trajectory is planned in full: one more at most"
    assert dialog.preview.text().endswith("Dat is er 1 meer dan de 8 die in de overeenkomst zijn afgesproken.")
    qtbot.mouseClick(dialog.count, Qt.MouseButton.LeftButton)
    QTest.keyClick(dialog.count, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(dialog.count, "3")
    assert dialog.preview.text().endswith("Dat zijn er 3 meer dan de 8 die in de overeenkomst zijn afgesproken.")
    answer_soon(QMessageBox.StandardButton.Discard)  # the typing is thrown away on purpose
    dialog.reject()


def test_a_series_says_which_visits_fall_on_a_public_holiday_and_still_plans_them(qtbot, workspace, case_id):
    """Every Saturday from 19 December put a visit on Tweede Kerstdag without a word."""
    tab = visits_tab(qtbot, workspace, case_id)
    qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
    dialog = tab.series_dialog

    def retype(widget, text: str) -> None:  # click into the field, select what is there, type over it
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(widget, text)
        QTest.keyClick(widget, Qt.Key.Key_Tab)

    year = REGISTERED.year if REGISTERED <= dt.date(REGISTERED.year, 12, 12) else REGISTERED.year + 1
    retype(dialog.first_on.edit, f"12-12-{year}")  # 12, 19 and 26 December
    retype(dialog.count, "3")  # clicking here leaves the date, which reads it
    retype(dialog.every_days, "7")
    assert dialog.holidays.isVisible() and f"26 december {year} (Tweede Kerstdag)" in dialog.holidays.text()
    assert dialog.holidays.text().startswith("Op een feestdag:")
    retype(dialog.every_days, "6")
    assert not dialog.holidays.isVisible() or "Tweede Kerstdag" not in dialog.holidays.text()
    retype(dialog.every_days, "7")
    retype(dialog.start.edit, "10:00")
    retype(dialog.end.edit, "12:00")
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(dialog.plan_button, Qt.MouseButton.LeftButton)
    assert dt.date(year, 12, 26) in [v.on for v in records.list_visits(workspace, case_id)], "a warning, not a block"


def test_a_series_says_when_the_volunteer_is_not_available_by_her_profile(qtbot, workspace, case_id):
    """Planning did not look at the volunteer's availability: a series on Saturday afternoons was planned for a
    volunteer who gave only Saturday mornings, without a word. A warning, not a block."""
    from borapp.models import Volunteer

    with workspace.session() as session:
        session.scalar(select(Volunteer)).availability = "sat-morning;wed-afternoon"
    tab = visits_tab(qtbot, workspace, case_id)
    qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
    dialog = tab.series_dialog

    def retype(widget, text: str) -> None:
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        QTest.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        QTest.keyClicks(widget, text)
        QTest.keyClick(widget, Qt.Key.Key_Tab)

    saturday = dt.date.today() + dt.timedelta(days=(5 - dt.date.today().weekday()) % 7 + 7)
    retype(dialog.first_on.edit, saturday.strftime("%d-%m-%Y"))
    retype(dialog.every_days, "7")
    retype(dialog.start.edit, "14:00")
    dialog.start.commit()
    assert dialog.unavailable.isVisible() and dialog.unavailable.text() == (
        "Vera Voorbeeld is volgens het profiel niet beschikbaar op zaterdagmiddag. Overleg het met de "
        "vrijwilliger, of kies een andere dag of tijd.")
    retype(dialog.start.edit, "10:00")
    dialog.start.commit()
    assert not dialog.unavailable.isVisible(), "Saturday morning she gave as available"
    retype(dialog.every_days, "4")  # Saturday, Wednesday, Sunday, ...
    assert "zondagochtend" in dialog.unavailable.text() and "woensdagochtend" in dialog.unavailable.text()
    assert "zaterdag" not in dialog.unavailable.text()
    retype(dialog.end.edit, "12:00")
    with qtbot.waitSignal(tab.changed):
        qtbot.mouseClick(dialog.plan_button, Qt.MouseButton.LeftButton)
    assert len(records.list_visits(workspace, case_id)) == dialog.count.value(), "a warning, not a block"


def test_a_refused_first_date_reads_whole_and_clears_the_preview(qtbot, workspace, case_id):
    """The message was drawn over the row below, and the preview kept the last date it could read."""
    tab = visits_tab(qtbot, workspace, case_id)
    qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
    dialog = tab.series_dialog
    qtbot.waitExposed(dialog)
    assert dialog.preview.text()  # the offered first date
    field = dialog.first_on.edit
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, "1-1-2020")  # a date it reads, then one it cannot
    assert "januari 2020" in dialog.preview.text()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, "31-2-2027")
    assert dialog.preview.text() == ""  # while typing already
    qtbot.mouseClick(dialog.count, Qt.MouseButton.LeftButton)
    dialog.first_on.commit()  # what leaving the field does (offscreen, the click does not always take focus)
    message = dialog.first_on.message
    assert message.isVisible() and "februari 2027 heeft geen dag 31" in message.text()
    assert dialog.preview.text() == ""
    qtbot.waitUntil(lambda: _above(dialog, message, dialog.count))
    grown = dialog.height()
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, "2-1-2020")  # before the registration date: the service says so when planning
    dialog.first_on.commit()
    assert not message.isVisible()
    qtbot.waitUntil(lambda: dialog.height() < grown)  # corrected: no blank band where the message stood
    qtbot.mouseClick(dialog.plan_button, Qt.MouseButton.LeftButton)
    refused = dialog.messages["first_on"]
    assert refused.isVisible() and "aanmelding" in refused.text(), refused.text()
    qtbot.waitUntil(lambda: _above(dialog, refused, dialog.count))
    assert dialog.height() >= dialog.heightForWidth(dialog.width())
    answer_soon(QMessageBox.StandardButton.Discard)  # the typing is thrown away on purpose
    dialog.reject()


def _above(window, upper, lower) -> bool:
    """`upper` ends before `lower` starts: not drawn over it."""
    return upper.mapTo(window, upper.rect().bottomLeft()).y() <= lower.mapTo(window, lower.rect().topLeft()).y()


def test_one_visit_held_or_planned_is_said_in_the_singular(qtbot, workspace, case_id):
    """"daarvan zijn er 1 gehouden of gepland"."""
    from borapp.models import Case

    with workspace.session() as session:
        session.get(Case, case_id).agreed_visits = 8
    records.plan_series(workspace, case_id, FIRST, 1, 7, T10, T12)
    tab = visits_tab(qtbot, workspace, case_id)
    qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
    assert any(label.text().startswith("De overeenkomst spreekt 8 omgangsmomenten af; daarvan is er 1 gehouden of "
                                       "gepland.") for label in tab.series_dialog.findChildren(QLabel))
    tab.series_dialog.reject()
