"""Settings → E-mail through pytest-qt, typed and clicked as a coordinator does: every field saved and read back
after the tab is opened again, the password to the keyring and never shown back, the explicit tick for a login
without encryption, and "Send a test message" against a real SMTP server on 127.0.0.1 without freezing the
screen, its outcome said in words in Dutch and in English."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from borapp.i18n import set_language
from borapp.services import settings
from borapp.services.outbox import mail_setup, smtp_secret
from borapp.ui.pages.settings.mail_tab import MailTab
from borapp.ui.pages.settings.settings_page import SettingsPage
from tests.helpers.outbox_support import fake_keyring, free_port, smtp_server  # noqa: F401 - fixtures
from tests.helpers.keyboard import retype

SENDER = "bor@desk.example"


def open_tab(qtbot, workspace) -> MailTab:
    """Settings opened afresh, on the E-mail tab (as after a restart or a lock)."""
    page = SettingsPage(workspace)
    qtbot.addWidget(page)
    page.resize(1366 - 176, 720)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    page.show_section("mail")
    tab = page.findChild(MailTab, "mail")
    assert page.current_section() is tab
    tab.settings_page = page  # the page owns the tab: keep it alive as long as the test holds the tab
    return tab


@pytest.fixture
def tab(qtbot, workspace):
    return open_tab(qtbot, workspace)


def choose_security(qtbot, tab, data: str) -> None:
    """Step through the list with the arrow keys, as from the keyboard."""
    tab.security.setFocus()
    key = Qt.Key.Key_Down if tab.security.findData(data) > tab.security.currentIndex() else Qt.Key.Key_Up
    while tab.security.currentData() != data:
        qtbot.keyClick(tab.security, key)


def tick(qtbot, box) -> None:
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)


def save(qtbot, tab) -> None:
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)


def fill(qtbot, tab, *, host="127.0.0.1", security="none", port=None, sender=SENDER, name="BOR Noord", user="",
         allow: bool = True):
    """`allow`: with security none, tick that it is allowed (the local test server speaks plain SMTP)."""
    retype(tab.host, host)
    choose_security(qtbot, tab, security)
    if port is not None:
        retype(tab.port, str(port))
    retype(tab.sender_email, sender)
    retype(tab.sender_name, name)
    retype(tab.user, user)
    qtbot.keyClick(tab.user, Qt.Key.Key_Tab)  # on to the password: the hint says whether one is stored
    if security == "none" and allow and not tab.allow_plaintext.isChecked():
        tick(qtbot, tab.allow_plaintext)


def send_test(qtbot, tab, to: str = ""):
    retype(tab.test_to, to)
    with qtbot.waitSignal(tab.test_done, timeout=30_000) as done:
        qtbot.mouseClick(tab.test_button, Qt.MouseButton.LeftButton)
        assert tab.testing and not tab.test_button.isEnabled()  # the screen is free while the test runs
    assert not tab.testing and tab.test_button.isEnabled()
    return done.args[0]


# ---- the form -------------------------------------------------------------------------------------------------------

def test_the_tab_is_among_the_settings_with_its_fields_named(tab):
    page = tab.settings_page
    assert page.tabs.tabText(page.tabs.currentIndex()) == "E-mail" and page.current_section() is tab
    names = {w.accessibleName() for w in (tab.host, tab.security, tab.port, tab.sender_email, tab.sender_name,
                                          tab.user, tab.password, tab.allow_plaintext, tab.test_to)}
    assert names == {"Mailserver", "Beveiliging", "Poort", "Afzenderadres", "Naam afzender", "Gebruikersnaam",
                     "Wachtwoord", "Onversleutelde verbinding toestaan", "Testbericht naar"}
    assert [tab.security.itemData(i) for i in range(tab.security.count())] == ["starttls", "ssl", "none"]
    assert tab.port.limits == settings.limits("smtp.port") == (1, 65535)
    assert not tab.plaintext_row.isVisible()  # the tick shows only with "none"


def test_every_field_typed_saved_and_read_back_after_reopening(qtbot, tab, workspace):
    fill(qtbot, tab, host="smtp.bor-noord.example", security="ssl", port=2465, name="BOR Noord, team Alkmaar",
         user="bor-noord")
    save(qtbot, tab)
    assert tab.status.text() == "Opgeslagen."
    again = open_tab(qtbot, workspace)
    assert (again.host.text(), again.security.currentData(), again.port.value(), again.sender_email.text(),
            again.sender_name.text(), again.user.text(), again.allow_plaintext.isChecked()) == (
        "smtp.bor-noord.example", "ssl", 2465, SENDER, "BOR Noord, team Alkmaar", "bor-noord", False)
    assert mail_setup.read(workspace).sender_name == "BOR Noord, team Alkmaar"


def test_the_port_follows_the_security_unless_typed_and_stays_in_range(qtbot, tab):
    assert tab.port.value() == 587
    choose_security(qtbot, tab, "ssl")
    assert tab.port.value() == 465
    retype(tab.port, "99999")  # more than a port can be: kept as typed (not cut to 9999) and refused on Save
    assert tab.port.value() == 99999
    save(qtbot, tab)
    assert tab.messages["port"].isVisible() and "65535" in tab.messages["port"].text()
    assert settings.read_setting(tab.workspace, "smtp.port") == "587"
    retype(tab.port, "2525")
    choose_security(qtbot, tab, "starttls")
    assert tab.port.value() == 2525  # a port the user typed is kept


def test_problems_are_said_under_the_fields_they_name(qtbot, tab, workspace):
    fill(qtbot, tab, host="smtp://mail example", security="starttls", sender="bor-at-desk")
    save(qtbot, tab)
    assert tab.messages["host"].isVisible() and tab.messages["host"].text().startswith("Mailserver:")
    assert tab.messages["sender_email"].isVisible() and tab.messages["sender_email"].text().startswith(
        "Afzenderadres:")
    assert tab.status.text() == "Niet opgeslagen. Controleer: Mailserver, Afzenderadres."
    assert settings.read_setting(workspace, "smtp.host") == ""
    retype(tab.host, "smtp.bor-noord.example")
    assert not tab.messages["host"].isVisible()  # typing in the field takes its message away


@pytest.mark.parametrize("user", ["bor-noord", ""])
def test_no_encryption_needs_the_explicit_tick_with_or_without_a_login(qtbot, tab, workspace, user):
    fill(qtbot, tab, host="smtp.bor-noord.example", security="none", user=user, allow=False)
    assert tab.plaintext_row.isVisible() and tab.plaintext_warning.isVisible()
    assert not tab.allow_plaintext.isChecked()
    save(qtbot, tab)
    assert tab.messages["allow_plaintext"].isVisible() and settings.read_setting(workspace, "smtp.host") == ""
    assert "Onversleutelde verbinding toestaan" in tab.status.text()
    tick(qtbot, tab.allow_plaintext)
    save(qtbot, tab)
    assert tab.status.text() == "Opgeslagen."
    assert settings.read_setting(workspace, "smtp.allow_plaintext") == "1"
    assert open_tab(qtbot, workspace).allow_plaintext.isChecked()


def test_the_password_goes_to_the_keyring_and_is_never_shown_back(qtbot, tab, workspace, fake_keyring):
    fill(qtbot, tab, host="smtp.bor-noord.example", security="starttls", user="bor-noord")
    assert "Er is geen wachtwoord voor bor-noord bewaard" in tab.password_hint.text()
    assert tab.password.echoMode() == tab.password.EchoMode.Password
    qtbot.keyClicks(tab.password, "geheim-123")
    save(qtbot, tab)
    assert tab.status.text() == "Opgeslagen." and tab.password.text() == ""
    assert fake_keyring.stored == {(smtp_secret.SERVICE, "bor-noord"): "geheim-123"}
    assert all("geheim" not in value for value in settings.read_all(workspace).values())
    again = open_tab(qtbot, workspace)
    assert again.password.text() == "" and "geheim" not in again.password.placeholderText()
    assert "bewaard in de sleutelhanger" in again.password_hint.text()


def test_without_a_keyring_saving_says_the_password_was_not_kept(qtbot, tab, workspace):
    fill(qtbot, tab, host="smtp.bor-noord.example", security="starttls", user="bor-noord")
    assert "geen sleutelhanger" in tab.password_hint.text()
    qtbot.keyClicks(tab.password, "geheim")
    save(qtbot, tab)
    assert "wachtwoord is niet bewaard. D" in tab.status.text() and "sleutelhanger" in tab.status.text()
    assert settings.read_setting(workspace, "smtp.user") == "bor-noord"  # the rest is saved


# ---- the test message -----------------------------------------------------------------------------------------------

def test_the_test_message_arrives(qtbot, tab, smtp_server):
    server = smtp_server()
    fill(qtbot, tab, port=server.port)
    result = send_test(qtbot, tab, "coordinator@desk.example")
    assert result.ok and "coordinator@desk.example" in tab.test_result.text()
    assert tab.test_result.text().startswith("De mailserver 127.0.0.1 heeft het testbericht")
    [(mail_from, to, data)] = server.handler.messages
    assert mail_from == SENDER and to == ["coordinator@desk.example"] and b"BOR Desk: testbericht" in data


def test_the_test_goes_to_the_sender_when_no_address_is_typed_and_uses_the_typed_password(qtbot, tab, smtp_server,
                                                                                         monkeypatch):
    from aiosmtpd.smtp import AuthResult

    logins = []
    server = smtp_server(auth_require_tls=False, authenticator=lambda *a: logins.append(a[4].password) or AuthResult(
        success=a[4].password == b"geheim", handled=False))
    fill(qtbot, tab, port=server.port, user="bor-noord")
    qtbot.keyClicks(tab.password, "geheim")
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: pytest.fail("asked again")))
    assert send_test(qtbot, tab).ok
    assert server.handler.messages[0][1] == [SENDER] and logins == [b"geheim"]


def test_with_a_login_and_no_password_it_asks_and_a_cancel_sends_nothing(qtbot, tab, smtp_server, monkeypatch):
    server = smtp_server()
    fill(qtbot, tab, port=server.port, user="bor-noord")
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: asked.append(a) or ("", False)))
    qtbot.mouseClick(tab.test_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and not tab.testing and server.handler.messages == []


def test_plaintext_with_a_login_is_refused_unless_ticked(qtbot, tab, smtp_server, monkeypatch):
    server = smtp_server()
    fill(qtbot, tab, port=server.port, user="bor-noord", allow=False)
    qtbot.keyClicks(tab.password, "geheim")
    qtbot.mouseClick(tab.test_button, Qt.MouseButton.LeftButton)
    assert not tab.testing and server.handler.messages == []  # refused before anything went out
    assert tab.test_result.text().startswith("Geen testbericht verstuurd.")
    assert tab.messages["allow_plaintext"].isVisible()


def test_a_wrong_port_is_a_message_not_a_traceback(qtbot, tab):
    closed = free_port()
    fill(qtbot, tab, port=closed)
    result = send_test(qtbot, tab)
    assert not result.ok and result.kind == "unreachable"
    assert tab.test_result.text() == (f"De mailserver 127.0.0.1:{closed} was niet bereikbaar (verbinding geweigerd). "
                                      "Controleer de naam van de server en de poort.")
    assert "Traceback" not in tab.test_result.text()


def test_an_unknown_host_is_a_message(qtbot, tab):
    fill(qtbot, tab, host="geen-server.invalid", port=25)
    result = send_test(qtbot, tab)
    assert not result.ok and "geen-server.invalid" in tab.test_result.text()


def test_tls_against_a_server_without_it_is_said(qtbot, tab, smtp_server):
    server = smtp_server()
    fill(qtbot, tab, security="ssl", port=server.port)
    result = send_test(qtbot, tab)
    assert result.kind == "tls" and tab.test_result.text().startswith("Geen beveiligde verbinding met de mailserver")


def test_in_english(qtbot, workspace, smtp_server):
    set_language("en")
    tab = open_tab(qtbot, workspace)
    page = tab.settings_page
    assert page.tabs.tabText(page.tabs.currentIndex()) == "Mail" and page.current_section() is tab
    assert tab.test_button.text() == "Send a test message"
    closed = free_port()
    fill(qtbot, tab, port=closed)
    send_test(qtbot, tab)
    assert tab.test_result.text().startswith(f"The mail server 127.0.0.1:{closed} could not be reached")
    server = smtp_server()
    retype(tab.port, str(server.port))
    send_test(qtbot, tab)
    assert tab.test_result.text().startswith("The mail server 127.0.0.1 accepted the test message")
    assert b"BOR Desk: test message" in server.handler.messages[0][2]


def test_a_lock_while_testing_leaves_nothing_on_screen(qtbot, tab, smtp_server):
    server = smtp_server()
    fill(qtbot, tab, port=server.port)
    with qtbot.waitSignal(tab.test_done, timeout=30_000):
        qtbot.mouseClick(tab.test_button, Qt.MouseButton.LeftButton)
        tab.clear()  # what a lock does to every settings tab
    assert tab.test_result.text() == "" and tab.host.text() == ""


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # the offscreen platform, showing the tooltip
def test_a_tab_whose_name_is_cut_short_gives_it_whole_when_pointed_at(qtbot, tab):
    """On a narrow screen the tabs end in "…", and pointing at one said nothing more."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    page = tab.settings_page
    page.resize(page.minimumSizeHint().width(), 720)
    bar = page.tabs.tabBar()
    qtbot.wait(50)
    where = bar.tabRect(6).center()
    QApplication.sendEvent(bar, QHelpEvent(QHelpEvent.Type.ToolTip, where, bar.mapToGlobal(where)))
    assert QToolTip.isVisible() and QToolTip.text() == "Reservekopieën" == bar.tabText(6)
    QToolTip.hideText()
    assert bar.tabAt(QPoint(-5, -5)) == -1
