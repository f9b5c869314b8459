"""Settings by keyboard alone: a tab shown from Today starts in its first field with no empty Tab stop before it,
Ctrl+S saves on every tab that has a Save button, and Enter in Organisation's and a coordinator's contact fields
saves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QSignalSpy, QTest
from PySide6.QtWidgets import QApplication, QPushButton

from borapp.services import organisation_setup, settings
from borapp.ui.pages.settings.settings_page import SettingsPage
from tests.helpers.keyboard import retype


def focus():
    return QApplication.focusWidget()


def shown(qtbot, workspace) -> SettingsPage:
    page = SettingsPage(workspace)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.refresh()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    return page


def save_buttons(section) -> list[QPushButton]:
    return [b for b in section.findChildren(QPushButton) if b.text() == "Opslaan"]


def test_a_tab_shown_from_today_starts_in_its_first_field_with_no_empty_stop_before_it(qtbot, workspace):
    """"Set up" on Today left the keyboard on the tab bar, and Tab went first to the tab's empty scroll area."""
    page = shown(qtbot, workspace)
    page.show_section("organisation")  # what "Set up" on Today's card asks
    organisation = page.current_section()
    assert focus() is organisation.edits["organisation.name"]
    QTest.keyClick(focus(), Qt.Key.Key_Backtab)
    assert focus() is page.tabs.tabBar(), focus()
    QTest.keyClick(focus(), Qt.Key.Key_Tab)
    assert focus() is organisation.edits["organisation.name"], "the scroll area is no Tab stop"
    page.show_section("coordinators")
    assert focus() is page.current_section().list


def test_ctrl_s_saves_on_every_tab_that_has_a_save_button(qtbot, workspace):
    page = shown(qtbot, workspace)
    tried = []
    for section in page.sections:
        buttons = save_buttons(section)
        if not buttons:
            continue
        page.show_section(section.objectName())
        save = buttons[0]
        if not save.isEnabled():  # a coordinator's contact: one is chosen first
            QTest.keyClick(focus(), Qt.Key.Key_Down)  # the list, where the tab starts
        if not (save.isVisible() and save.isEnabled()):
            continue  # nothing chosen to save (a template, a referrer): Save waits
        spy = QSignalSpy(save.clicked)
        QTest.keyClick(focus(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert spy.count() == 1, section.objectName()
        tried.append(section.objectName())
    assert {"organisation", "coordinators", "security", "backups", "privacy", "costs"} <= set(tried), tried


def test_enter_in_an_organisation_field_saves_and_a_bad_address_is_said(qtbot, workspace):
    page = shown(qtbot, workspace)
    page.show_section("organisation")
    organisation = page.current_section()
    QTest.keyClicks(focus(), "Stichting Omgang Oost")
    for _step in range(3):
        QTest.keyClick(focus(), Qt.Key.Key_Tab)
    email = organisation.edits["organisation.email"]
    assert focus() is email
    QTest.keyClicks(email, "info-omgangoost.nl")
    QTest.keyClick(email, Qt.Key.Key_Return)
    assert organisation.messages["organisation.email"].text(), "said under the field"
    assert settings.read_setting(workspace, "organisation.name") != "Stichting Omgang Oost"
    retype(email, "info@omgangoost.nl")
    QTest.keyClick(email, Qt.Key.Key_Return)
    assert settings.read_setting(workspace, "organisation.name") == "Stichting Omgang Oost"
    assert settings.read_setting(workspace, "organisation.email") == "info@omgangoost.nl"


def test_enter_in_a_coordinators_contact_field_saves_it(qtbot, workspace):
    page = shown(qtbot, workspace)
    page.show_section("coordinators")
    coordinators = page.current_section()
    QTest.keyClick(focus(), Qt.Key.Key_Down)  # the first coordinator
    retype(coordinators.phone, "020 123 4567")
    QTest.keyClick(coordinators.phone, Qt.Key.Key_Return)
    rows = organisation_setup.coordinators(workspace)
    assert "020 123 4567" in [row.phone for row in rows]
