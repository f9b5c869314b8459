"""The first start by keyboard alone: Enter on the recovery key page once the key is confirmed, and "Who is working?"
on a vault with nobody in it yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from borapp.i18n import _
from borapp.services.vault.workspace import CoordinatorItem
from borapp.ui.unlock.coordinator_page import CoordinatorPage
from borapp.ui.unlock.recovery_key_page import RecoveryKeyPage


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)
    return widget


def test_enter_after_ticking_the_recovery_key_written_down_goes_on(qtbot):
    """Continue was no default button: Enter on the tick box did nothing."""
    page = shown(qtbot, RecoveryKeyPage())
    page.show_key("ABCD-EFGH-IJKL-MNOP")
    page.confirm.setFocus(Qt.FocusReason.TabFocusReason)  # where Tab brings her, after Print and Save
    QTest.keyClick(page.confirm, Qt.Key.Key_Return)  # not yet ticked: nothing happens
    assert page.key_label.text()
    QTest.keyClick(page.confirm, Qt.Key.Key_Space)
    assert page.confirm.isChecked() and page.continue_button.isDefault()
    with qtbot.waitSignal(page.done):
        QTest.keyClick(page.confirm, Qt.Key.Key_Return)
    assert not page.key_label.text()


def test_a_vault_with_nobody_in_it_asks_for_her_name_without_an_empty_coordinator_row(qtbot):
    """An empty vault showed the label "Coordinator" with no field beside it, over "Or a new coordinator"."""
    page = shown(qtbot, CoordinatorPage())
    page.set_coordinators([])
    assert not page.form.labelForField(page.combo).isVisible() and not page.combo.isVisible()
    assert page.first_hint.isVisible() and page.new_name_label.text() == _("Your name")
    page.new_name.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(page.new_name, Qt.Key.Key_Return)
    assert page.message.text() == _("Enter your name.")
    QTest.keyClicks(page.new_name, "Anna de Vries")
    with qtbot.waitSignal(page.chosen) as chosen:
        QTest.keyClick(page.new_name, Qt.Key.Key_Return)
    assert chosen.args == [None]  # a new name: she is added as the first coordinator


def test_with_coordinators_the_list_comes_first_and_a_new_name_is_the_alternative(qtbot):
    page = shown(qtbot, CoordinatorPage())
    page.set_coordinators([CoordinatorItem(1, "Pippa Huisman")])
    assert page.combo.isVisible() and page.form.labelForField(page.combo).isVisible()
    assert not page.first_hint.isVisible() and page.new_name_label.text() == _("Or a new coordinator")
