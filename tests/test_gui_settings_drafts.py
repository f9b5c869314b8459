"""Typing in Settings that was not saved yet is not lost: it stays when the coordinator looks at another page and comes
back, and over a lock (an encrypted draft, said after the unlock); saved, its draft goes. A password is never kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton

from borapp.services import drafts, organisation_setup, settings
from borapp.ui.page_registry import PAGES
from tests.helpers.keyboard import retype
from tests.test_gui_app import _create_and_enter, _unlock, window  # noqa: F401 - fixture

NEW_NAME = "Stichting Omgang Zuid"


def go(qtbot, window, key: str):
    """Click the page's entry in the navigation rail, as a coordinator does."""
    rail = window.shell.rail
    row = [entry.key for entry in PAGES].index(key)
    qtbot.mouseClick(rail.viewport(), Qt.MouseButton.LeftButton, pos=rail.visualItemRect(rail.item(row)).center())
    return window.shell.pages[key]


def tab(qtbot, window, name: str):
    """Show Settings and click the tab `name` (its object name: "organisation", "municipalities", ...)."""
    page = go(qtbot, window, "settings")
    index = next(i for i in range(page.tabs.count()) if page.tabs.widget(i).objectName() == name)
    bar = page.tabs.tabBar()
    page.tabs.setUsesScrollButtons(False)  # every tab in reach of the mouse, as on a wide screen
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert page.tabs.currentIndex() == index
    return page.current_section()


def lock_and_unlock(qtbot, window) -> None:
    with qtbot.waitSignal(window.locked):
        QTest.keyClick(window.shell.rail, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    _unlock(qtbot, window)


def kept(window) -> dict[str, dict]:
    return {d.key: d.payload for d in drafts.list_drafts(window.workspace, drafts.UI_PREFIX + "settings/")}


def press_save(qtbot, section) -> None:
    button = next(b for b in section.findChildren(QPushButton) if b.text() == "Opslaan" and b.isVisible())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_typing_stays_when_another_page_is_looked_at(qtbot, window):
    _create_and_enter(qtbot, window)
    organisation = tab(qtbot, window, "organisation")
    retype(organisation.edits["organisation.name"], NEW_NAME)
    go(qtbot, window, "cases")
    go(qtbot, window, "settings")
    assert organisation.edits["organisation.name"].text() == NEW_NAME, "each visit reloaded the tab over the typing"
    assert settings.read_setting(window.workspace, "organisation.name") != NEW_NAME, "kept, not saved"


def test_typing_is_kept_over_a_lock_said_after_it_and_let_go_once_saved(qtbot, window):
    _create_and_enter(qtbot, window)
    organisation = tab(qtbot, window, "organisation")
    retype(organisation.edits["organisation.name"], NEW_NAME)
    go(qtbot, window, "dashboard")
    lock_and_unlock(qtbot, window)
    assert "Instellingen – Organisatie" in window.statusBar().currentMessage()
    assert list(kept(window)) == [drafts.UI_PREFIX + "settings/organisation"]
    organisation = tab(qtbot, window, "organisation")
    assert organisation.edits["organisation.name"].text() == NEW_NAME
    assert "voordat BOR Desk werd vergrendeld of gesloten" in organisation.status.text(), organisation.status.text()
    press_save(qtbot, organisation)
    assert settings.read_setting(window.workspace, "organisation.name") == NEW_NAME
    window.save_drafts()  # what the draft timer does every few seconds
    assert kept(window) == {}, "saved: its draft goes, or the next unlock would offer it again"
    lock_and_unlock(qtbot, window)
    assert "Instellingen" not in window.statusBar().currentMessage()


def test_typing_put_back_as_it_was_is_no_draft(qtbot, window):
    _create_and_enter(qtbot, window)
    organisation = tab(qtbot, window, "organisation")
    field = organisation.edits["organisation.name"]
    before = field.text()
    retype(field, NEW_NAME)
    window.save_drafts()
    assert list(kept(window)) == [drafts.UI_PREFIX + "settings/organisation"]
    retype(field, before)
    window.save_drafts()
    assert kept(window) == {}, "typed back to what is saved: nothing is kept"


def number_typed_then_locked(qtbot, window, box: str, text: str) -> None:
    """A first start, a number typed into Security and language and not saved, then a lock and an unlock."""
    _create_and_enter(qtbot, window)
    retype(getattr(tab(qtbot, window, "security"), box).lineEdit(), text)
    lock_and_unlock(qtbot, window)


def test_a_number_typed_in_security_is_back_after_a_lock(qtbot, window):
    number_typed_then_locked(qtbot, window, "waiting_weeks", "9")
    security = tab(qtbot, window, "security")
    assert security.waiting_weeks.value() == 9
    assert settings.read_setting(window.workspace, "waiting_alert_weeks") != "9"


def test_a_municipality_being_edited_is_shown_again_with_its_typing(qtbot, window):
    _create_and_enter(qtbot, window)
    for name in ("Aagemeente", "Beegemeente"):
        organisation_setup.save_municipality(window.workspace, name, "Regio Noord", None)
    municipalities = tab(qtbot, window, "municipalities")
    table = municipalities.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "Beegemeente")
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualItemRect(table.item(row, 1)).center())
    retype(municipalities.region, "Regio Zuid")
    lock_and_unlock(qtbot, window)
    municipalities = tab(qtbot, window, "municipalities")
    assert (municipalities.name.text(), municipalities.region.text()) == ("Beegemeente", "Regio Zuid")
    press_save(qtbot, municipalities)
    regions = {m.name: m.region for m in organisation_setup.municipalities(window.workspace)}
    assert regions == {"Aagemeente": "Regio Noord", "Beegemeente": "Regio Zuid"}, "saved into the row it was typed for"


def test_a_template_is_kept_for_the_letter_it_was_typed_in(qtbot, window):
    _create_and_enter(qtbot, window)
    templates = tab(qtbot, window, "letter-templates")
    first = templates.kind.currentText()
    templates.kind.setFocus()
    QTest.keyClick(templates.kind, Qt.Key.Key_Down)  # the next letter
    chosen = templates.kind.currentText()
    assert chosen != first
    qtbot.mouseClick(templates.editor.viewport(), Qt.MouseButton.LeftButton)
    QTest.keyClick(templates.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(templates.editor, " Met vriendelijke groet van het team.")
    typed = templates.editor.toPlainText()
    lock_and_unlock(qtbot, window)
    templates = tab(qtbot, window, "letter-templates")
    assert templates.kind.currentText() == chosen, "shown for the letter it was typed in"
    assert templates.editor.toPlainText() == typed
    assert templates.dirty, "still not saved: switching letters asks before it goes"


def test_a_mail_password_is_never_kept_in_a_draft(qtbot, window):
    _create_and_enter(qtbot, window)
    mail = tab(qtbot, window, "mail")
    retype(mail.host, "smtp.voorbeeld.nl")
    retype(mail.password, "geheim-wachtwoord-42")
    window.save_drafts()
    stored = kept(window)
    assert list(stored) == [drafts.UI_PREFIX + "settings/mail"]
    assert "smtp.voorbeeld.nl" in str(stored) and "geheim-wachtwoord-42" not in str(stored)



def test_a_referrer_being_edited_is_shown_again_with_its_typing(qtbot, window):
    from borapp.services.organisations import referrers

    _create_and_enter(qtbot, window)
    for name in ("Rechtbank Noord", "Wijkteam Zuid"):
        referrers.save_organisation(window.workspace, referrers.OrganisationInput(name=name, kind="court"))
    section = tab(qtbot, window, "referrers")
    table = section.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "Wijkteam Zuid")
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                     pos=table.visualItemRect(table.item(row, 0)).center())
    retype(section.form.contact_person, "Mevr. De Jong")
    lock_and_unlock(qtbot, window)
    section = tab(qtbot, window, "referrers")
    assert (section.form.name.text(), section.form.contact_person.text()) == ("Wijkteam Zuid", "Mevr. De Jong")
    press_save(qtbot, section)
    people = {o.name: o.contact_person for o in referrers.list_organisations(window.workspace)}
    assert people == {"Rechtbank Noord": "", "Wijkteam Zuid": "Mevr. De Jong"}


def test_today_names_the_kept_settings_typing_and_takes_the_coordinator_there(qtbot, window):
    number_typed_then_locked(qtbot, window, "auto_lock", "25")
    dashboard = go(qtbot, window, "dashboard")
    card = dashboard.cards["drafts"]
    [item] = dashboard.board.section("drafts").items
    assert item.title == "Instellingen – Beveiliging en taal", "it said 'Niet-opgeslagen formulier', leading nowhere"
    card.list.setFocus()
    QTest.keyClick(card.list, Qt.Key.Key_Down)
    QTest.keyClick(card.list, Qt.Key.Key_Return)
    assert window.shell.current_key() == "settings"
    section = window.shell.pages["settings"].current_section()
    assert section.objectName() == "security" and section.auto_lock.value() == 25


def test_typing_in_mail_comes_back_after_a_restart_in_english_and_is_named_in_english(qtbot, window, tmp_path):
    """Kept under the fields' Dutch words, the typing was not found in English: the tab said "what you typed here
    before the lock is back" (after a quit) over the saved values, and the status bar said "Instellingen – E-mail"."""
    from borapp.app import build_window
    from borapp.i18n import set_language

    _create_and_enter(qtbot, window)
    mail = tab(qtbot, window, "mail")
    retype(mail.host, "smtp.omgang.example")
    retype(mail.sender_email, "bor@omgang.example")
    window.close()  # quit: the drafts are kept, the vault locks
    set_language("en")
    again = build_window(tmp_path / "vault.bordb", "en")
    qtbot.addWidget(again)
    again.show()
    _unlock(qtbot, again)
    assert again.statusBar().currentMessage() == (
        "Kept from before BOR Desk was locked or closed: “Settings – Mail”. Open it again and your typing is "
        "back.")
    mail = tab(qtbot, again, "mail")
    assert (mail.host.text(), mail.sender_email.text()) == ("smtp.omgang.example", "bor@omgang.example")
    assert mail.status.text() == ("Not saved yet: what you typed here before BOR Desk was locked or closed is back. "
                                  "Press Save to keep it.")
    assert settings.read_setting(again.workspace, "smtp.host") == ""
    again.close()


def test_no_note_when_nothing_typed_differs_from_the_vault(qtbot, window):
    _create_and_enter(qtbot, window)
    mail = tab(qtbot, window, "mail")
    retype(mail.host, "smtp.omgang.example")
    window.save_drafts()
    settings.write_settings(window.workspace, {"smtp.host": "smtp.omgang.example"})  # saved meanwhile elsewhere
    lock_and_unlock(qtbot, window)
    mail = tab(qtbot, window, "mail")
    assert mail.host.text() == "smtp.omgang.example"
    assert mail.status.text() == "", "nothing is back that the vault does not hold"


def test_saved_its_kept_draft_goes_at_once_so_a_crash_brings_nothing_back(qtbot, window):
    """Kept against a crash while typing, then saved ("Opgeslagen."): a crash before the next pause left the draft in
    the vault, and the next unlocks offered "Instellingen – Organisatie" though nothing was unsaved."""
    _create_and_enter(qtbot, window)
    organisation = tab(qtbot, window, "organisation")
    retype(organisation.edits["organisation.name"], NEW_NAME)
    window.keep_typing()  # typing stopped: kept against a crash
    assert list(kept(window)) == [drafts.UI_PREFIX + "settings/organisation"]
    press_save(qtbot, organisation)
    assert "Opgeslagen" in organisation.status.text(), organisation.status.text()
    assert kept(window) == {}, "the crash right after saving must find no draft"
