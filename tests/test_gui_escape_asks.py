"""Escape in the case file's places that take typing, by keyboard only: it is Cancel, and like Cancel it asks before
what was typed is thrown away, with Annuleren focused (Enter keeps the typing); with nothing typed it closes unasked.
"Reeks plannen…" closed at Escape and, opened again, was back at one visit and the old place (a keyboard walk)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from borapp.services.visits import records
from borapp.ui.widgets.discard_question import CANCEL
from tests.cases.test_start_step_warning import step_dialog
from tests.test_gui_case_tabs import case_id, shown, visits_tab  # noqa: F401 - fixture
from tests.visits.test_visit_services import T10, T12

PLACE = "Bibliotheek Hoorn"


def focused() -> QWidget | None:
    """The focus in the active window; offscreen, with no window manager, a window closing over another leaves
    none active: then in the window the test works in."""
    window = QApplication.activeModalWidget() or QApplication.activeWindow() or WORKING[-1]
    return window.focusWidget()


WORKING: list[QWidget] = []


@pytest.fixture(autouse=True)
def _forget_windows():
    yield
    WORKING.clear()


def tab_to(widget: QWidget, limit: int = 30) -> None:
    """Press Tab until `widget` (or the line edit inside it) has the focus."""
    for _i in range(limit):
        if focused() is widget or widget.isAncestorOf(focused()):
            return
        QTest.keyClick(focused(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab did not reach {widget.accessibleName()!r}; at {focused()!r}")


def type_over(widget: QWidget, text: str) -> None:
    tab_to(widget)
    QTest.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(focused(), text)


def answer(asked: list, throw_away: bool = False) -> None:
    """Answer the next question by keyboard, as it opens: Enter on the button that has the focus (Annuleren), or
    Tab to Weggooien and Space. What it asked, and whether Annuleren had the focus, go to `asked`."""
    def press() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press)
            return
        cancel, discard = box.button(QMessageBox.StandardButton.Cancel), box.button(QMessageBox.StandardButton.Discard)
        asked.append((box.text(), box.focusWidget() is cancel))
        for _i in range(4 if throw_away else 0):
            if box.focusWidget() is discard:
                break
            QTest.keyClick(box.focusWidget() or box, Qt.Key.Key_Tab)
        QTest.keyClick(box.focusWidget() or box, Qt.Key.Key_Space if throw_away else Qt.Key.Key_Return)
        if box.isVisible():
            box.reject()  # not left open: the test fails instead of waiting for ever
            raise AssertionError(f"the question stayed open at {box.focusWidget()!r}")

    QTimer.singleShot(0, press)


def activate(qtbot, window: QWidget) -> None:
    """What a window manager does when a window opens (offscreen there is none)."""
    WORKING.append(window)
    with qtbot.waitActive(window):
        window.activateWindow()


def escape() -> None:
    QTest.keyClick(focused(), Qt.Key.Key_Escape)


def test_escape_in_plan_a_series_asks_and_keeps_the_typing(qtbot, workspace, case_id):
    tab = visits_tab(qtbot, workspace, case_id)
    activate(qtbot, tab)
    qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
    dialog = tab.series_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # as a window manager does
    type_over(dialog.count, "4")
    type_over(dialog.place, PLACE)
    asked: list = []
    answer(asked)
    escape()
    assert asked == [("Wat u hebt getypt is niet opgeslagen. Weggooien?", True)]
    assert dialog.isVisible() and dialog.count.value() == 4 and dialog.place.text() == PLACE
    answer(asked, throw_away=True)
    with qtbot.waitSignal(dialog.rejected):
        escape()
    assert [a[0] for a in asked] == [asked[0][0]] * 2 and records.list_visits(workspace, case_id) == []
    qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
    again = tab.series_dialog
    assert again is not dialog and again.place.text() != PLACE, "thrown away when asked to"


def test_escape_in_plan_a_series_with_nothing_typed_closes_unasked(qtbot, workspace, case_id, monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail(f"asked: {box.text()}"))
    tab = visits_tab(qtbot, workspace, case_id)
    activate(qtbot, tab)
    qtbot.mouseClick(tab.plan_button, Qt.MouseButton.LeftButton)
    dialog = tab.series_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # as a window manager does
    tab_to(dialog.place)  # moving through the fields types nothing
    with qtbot.waitSignal(dialog.rejected):
        escape()


def test_escape_in_a_visit_report_asks_then_closes_the_editor(qtbot, workspace, case_id):
    """The inline editor took no Escape at all: it stayed open."""
    records.plan_series(workspace, case_id, records.planning_defaults(workspace, case_id).first_on, 2, 7, T10, T12)
    tab = visits_tab(qtbot, workspace, case_id)
    activate(qtbot, tab)
    tab.table.setFocus()  # focus entering a table chooses no row (list_table); the first arrow does
    QTest.keyClick(tab.table, Qt.Key.Key_Down)
    QTest.keyClick(tab.table, Qt.Key.Key_Return)
    assert tab.editor.isVisible() and tab.editor.isAncestorOf(focused())
    escape()
    assert not tab.editor.isVisible() and focused() is tab.table, "nothing typed: closed unasked"
    QTest.keyClick(tab.table, Qt.Key.Key_Return)
    type_over(tab.editor.what_happened, "Samen getekend.")
    asked: list = []
    answer(asked)
    escape()
    assert asked == [("Wat u over dit omgangsmoment hebt getypt is niet opgeslagen. Weggooien?", True)]
    assert tab.editor.isVisible() and tab.editor.what_happened.toPlainText() == "Samen getekend."
    activate(qtbot, tab)  # the question closed: the tab's window is active again
    assert focused() is tab.editor.what_happened
    answer(asked, throw_away=True)
    escape()
    qtbot.waitUntil(lambda: not tab.editor.isVisible())
    assert tab.drafts() == {}


def test_escape_in_an_evaluation_asks(qtbot, workspace, case_id):
    from borapp.ui.pages.cases.tabs.evaluations_tab import EvaluationsTab

    tab = shown(qtbot, EvaluationsTab(workspace))
    tab.load(case_id)
    activate(qtbot, tab)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    type_over(tab.editor.agreements, "Om de week.")
    asked: list = []
    answer(asked)
    escape()
    assert len(asked) == 1 and asked[0][1], asked
    assert tab.editor.isVisible() and tab.editor.agreements.toPlainText() == "Om de week."


def test_escape_in_the_next_step_asks_before_the_note_goes(qtbot, workspace, case_id):
    dialog = step_dialog(qtbot, workspace, case_id)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # as a window manager does
    type_over(dialog.note, "Laatste omgang gehouden")
    asked: list = []
    answer(asked)
    escape()
    assert asked == [("Wat u hebt getypt is niet opgeslagen. Weggooien?", True)]
    assert dialog.isVisible() and dialog.note.toPlainText() == "Laatste omgang gehouden"
    answer(asked, throw_away=True)
    with qtbot.waitSignal(dialog.rejected):
        escape()


class _Contract:
    id, version, unsigned_roles = 7, 1, ("resident", "other")
    signer_roles = ("resident", "other", "coordinator", "volunteer")


def _dialog(kind: str, workspace, case_id: int) -> tuple[QWidget, str]:
    """A dialog that takes typing, built as its screen builds it, and the attribute of the field to type into."""
    from borapp.services.cases.case_file import load_case
    from borapp.services.organisations import referrers

    facts = load_case(workspace, case_id, record_open=False)
    if kind == "handover":
        from borapp.ui.pages.cases.case_file.handover_dialog import HandoverDialog
        return HandoverDialog(workspace, facts), "note"
    if kind == "step date":
        from borapp.ui.pages.cases.case_file.step_date_dialog import StepDateDialog
        entry = next(e for e in facts.timeline if e.step_id in facts.step_spans)
        return StepDateDialog(workspace, case_id, facts.ref, entry, facts.step_spans[entry.step_id]), "on"
    if kind == "signature":
        from borapp.ui.pages.cases.case_file.contract_panel import SignatureDialog
        return SignatureDialog(_Contract(), names={"resident": "Rianne de Proef", "other": "Otto"}), "name"
    if kind == "organisation":
        from borapp.ui.pages.cases.case_file.organisation_address import OrganisationDialog
        row = next(iter(referrers.list_organisations(workspace)), None) or referrers.get_organisation(
            workspace, referrers.save_organisation(workspace, referrers.OrganisationInput(
                "Wijkteam Hoorn", "municipal_team", "", "", "", "")))
        return OrganisationDialog(workspace, row), "contact_person"
    if kind == "erase":
        from borapp.ui.pages.cases.privacy.erase_dialog import EraseDialog
        return EraseDialog(workspace, facts.ref), "reason"
    if kind == "access request":
        from borapp.ui.pages.cases.privacy.access_export_dialog import AccessExportDialog
        return AccessExportDialog(workspace, facts.ref), "reason"
    if kind == "exclusion":
        from borapp.ui.wizards.matching.exclusion_dialog import ExclusionDialog
        return ExclusionDialog(case_id, facts.ref, 1, "Vera Voorbeeld"), "reason"
    from borapp.ui.dialogs.typed_value_dialog import TypedValueDialog
    return TypedValueDialog("Een andere waarde typen", "Zaak, plaats:", "Hoorn"), "text"


def _opened(qtbot, kind: str, workspace, case_id: int) -> tuple[QWidget, str]:
    dialog, name = _dialog(kind, workspace, case_id)
    if not dialog.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose):  # else gone once closed
        qtbot.addWidget(dialog)
    dialog.show()
    return dialog, name


def _field(dialog: QWidget, name: str) -> QWidget:
    field = getattr(dialog, name, None) or getattr(dialog.form, name)
    return getattr(field, "edit", field)  # a date field is typed into through its line edit


TYPED = {"step date": "01-02-2026"}


@pytest.mark.parametrize("kind", ["handover", "step date", "signature", "organisation", "erase", "access request",
                                  "exclusion", "typed value"])
def test_escape_in_each_dialog_that_takes_typing_asks_before_it_goes(qtbot, workspace, case_id, kind, monkeypatch):
    """These dialogs closed at Escape and threw away what was typed, unasked (a keyboard walk); with nothing typed
    (in the signature dialog: only another signer chosen, its name offered) Escape still closes them unasked."""
    from borapp.ui.kept_typing import typing

    dialog, name = _opened(qtbot, kind, workspace, case_id)
    activate(qtbot, dialog)
    if kind == "signature":
        tab_to(dialog.role)
        QTest.keyClick(focused(), Qt.Key.Key_Down)
        assert dialog.name.text() == "Otto", "the offered name follows the signer"
    unasked: list = []
    with monkeypatch.context() as patched:  # a question asked anyway is answered Annuleren: the dialog stays
        patched.setattr(QMessageBox, "exec", lambda box: unasked.append(box.text()) or CANCEL)
        escape()
    assert unasked == [] and not dialog.isVisible()
    dialog, name = _opened(qtbot, kind, workspace, case_id)
    activate(qtbot, dialog)
    type_over(_field(dialog, name), TYPED.get(kind, "Getypt in " + kind))
    kept = typing(dialog)
    asked: list = []
    answer(asked)
    escape()
    assert asked == [("Wat u hebt getypt is niet opgeslagen. Weggooien?", True)], "asked, Annuleren focused"
    assert dialog.isVisible() and typing(dialog) == kept, "Annuleren keeps the dialog and the typing"
    answer(asked, throw_away=True)
    with qtbot.waitSignal(dialog.rejected):
        escape()
    assert len(asked) == 2
