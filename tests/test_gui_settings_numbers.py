"""A number typed into Settings is the number saved, or refused in words: a spin box held to its range dropped the
key that left it, so "31" years of retention became 3 and "500" minutes of auto-lock 50, saved without a word."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from borapp.services import settings
from borapp.ui.pages.settings.privacy_tab import PrivacyTab
from borapp.ui.pages.settings.security_tab import SecurityTab


def shown(qtbot, tab, workspace):
    qtbot.addWidget(tab)
    tab.resize(900, 900)
    tab.show()
    tab.load(workspace)
    return tab


def type_number(qtbot, box, text: str) -> None:
    qtbot.mouseClick(box.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box.lineEdit(), text)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Tab)


def save_button(tab) -> QPushButton:
    return next(b for b in tab.findChildren(QPushButton) if b.text() == "Opslaan")


def test_a_retention_period_over_the_limit_is_refused_not_cut_to_its_first_digit(qtbot, workspace):
    tab = shown(qtbot, PrivacyTab(), workspace)
    type_number(qtbot, tab.years, "31")
    assert tab.years.value() == 31, "the 1 was dropped"
    qtbot.mouseClick(save_button(tab), Qt.MouseButton.LeftButton)
    assert "1 tot 30" in tab.status.text() and "Bewaartermijn" in tab.status.text(), tab.status.text()
    assert settings.read_setting(workspace, "privacy.retention_years") == "20"
    type_number(qtbot, tab.years, "25")
    qtbot.mouseClick(save_button(tab), Qt.MouseButton.LeftButton)
    assert settings.read_setting(workspace, "privacy.retention_years") == "25"


def test_auto_lock_and_the_vog_period_as_typed_or_refused(qtbot, workspace):
    tab = shown(qtbot, SecurityTab(), workspace)
    type_number(qtbot, tab.auto_lock, "500")
    type_number(qtbot, tab.vog_years, "15")
    qtbot.mouseClick(save_button(tab), Qt.MouseButton.LeftButton)
    assert "1 tot 120" in tab.status.text(), tab.status.text()
    assert (settings.read_setting(workspace, "auto_lock_minutes"),
            settings.read_setting(workspace, "vog_renewal_years")) == ("10", "3")
    type_number(qtbot, tab.auto_lock, "15")
    qtbot.mouseClick(save_button(tab), Qt.MouseButton.LeftButton)
    assert "1 tot 10" in tab.status.text(), "the VOG period is said next"
    type_number(qtbot, tab.vog_years, "5")
    qtbot.mouseClick(save_button(tab), Qt.MouseButton.LeftButton)
    assert (settings.read_setting(workspace, "auto_lock_minutes"),
            settings.read_setting(workspace, "vog_renewal_years")) == ("15", "5")


def test_the_arrows_stay_within_the_range(qtbot, workspace):
    tab = shown(qtbot, SecurityTab(), workspace)
    type_number(qtbot, tab.auto_lock, "120")
    qtbot.mouseClick(tab.auto_lock.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(tab.auto_lock.lineEdit(), Qt.Key.Key_Up)
    assert tab.auto_lock.value() == 120
