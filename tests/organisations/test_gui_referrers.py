"""Referrer organisations on screen, typed as a coordinator types them: Settings → Verwijzers (add, change, the
messages under the fields), the intake's "New organisation…" with its postal address, contact person and e-mail,
and the Verwijzing tab showing the organisation's address with "Edit organisation…". Synthetic names only."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from borapp.services.cases import case_file
from borapp.services.organisations import referrers
from borapp.services.organisations.referrers import OrganisationInput
from borapp.ui.pages.cases.case_file.referral_tab import ReferralTab
from borapp.ui.pages.settings.referrers_tab import ReferrersTab
from borapp.ui.pages.settings.settings_page import SettingsPage
from borapp.ui.wizards.intake.organisation_picker import NEW
from borapp.ui.wizards.intake.screenshots import fill_page
from tests.helpers.documents_support import full_case
from tests.test_gui_intake import municipality, page as cases_page, walk  # noqa: F401 - fixtures
from tests.helpers.keyboard import retype

WIJKTEAM = OrganisationInput("Wijkteam Bergdorp", "municipal_team", "Bea Buurt", "Dorpsplein 1\n1811 KL Bergdorp",
                             "wijkteam@bergdorp.example", "072-7654321")


def type_lines(qtbot, box, *lines: str) -> None:
    box.setFocus()
    for i, line in enumerate(lines):
        if i:
            qtbot.keyClick(box, Qt.Key.Key_Return)
        qtbot.keyClicks(box, line)


@pytest.fixture
def settings_page(qtbot, workspace):
    page = SettingsPage(workspace)
    qtbot.addWidget(page)
    page.resize(1366 - 176, 720)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    return page


@pytest.fixture
def tab(settings_page):
    settings_page.show_section("referrers")
    found = settings_page.current_section()
    assert isinstance(found, ReferrersTab)
    return found


# ---- Settings → Verwijzers ------------------------------------------------------------------------------------------

def test_the_tab_is_among_the_settings_and_says_what_to_do_when_empty(settings_page, tab):
    assert settings_page.tabs.tabText(settings_page.tabs.currentIndex()) == "Verwijzers"
    assert tab.empty.isVisible() and not tab.table.isVisible()
    kinds = {tab.form.kind.itemData(i): tab.form.kind.itemText(i) for i in range(tab.form.kind.count())}
    assert kinds["municipality"] == "Gemeente" and kinds[""] == "Kiezen…" and len(kinds) == 9


def test_adding_an_organisation_by_typing(qtbot, tab, workspace):
    qtbot.keyClicks(tab.form.name, "Gemeente Bergdorp, team Jeugd")
    tab.form.kind.setCurrentIndex(tab.form.kind.findText("Gemeente"))
    qtbot.keyClicks(tab.form.contact_person, "Ans Adres")
    type_lines(qtbot, tab.form.address, "Postbus 53", "1800bc Bergdorp")
    qtbot.keyClicks(tab.form.email, "jeugd@bergdorp.example")
    qtbot.keyClicks(tab.form.phone, "072-1234567")
    tab.save_button.click()
    assert tab.status.text() == "Opgeslagen."
    [row] = referrers.list_organisations(workspace)
    assert (row.name, row.kind, row.contact_person, row.address, row.email, row.phone) == (
        "Gemeente Bergdorp, team Jeugd", "municipality", "Ans Adres", "Postbus 53\n1800 BC Bergdorp",
        "jeugd@bergdorp.example", "072-1234567")
    assert tab.table.isVisible() and not tab.empty.isVisible()
    assert [tab.table.item(0, c).text() for c in range(3)] == [
        "Gemeente Bergdorp, team Jeugd", "Gemeente", "Postbus 53, 1800 BC Bergdorp"]
    assert tab.form.address.toPlainText() == "Postbus 53\n1800 BC Bergdorp"  # the saved one stays in the form


def test_the_messages_under_the_fields(qtbot, tab, workspace):
    tab.save_button.click()
    assert tab.form.messages["name"].isVisible()
    assert tab.form.messages["name"].text() == "Vul de naam van de organisatie in."
    assert tab.form.messages["kind"].text() == "Kies de soort organisatie."
    assert tab.status.text() == "Niet opgeslagen: controleer de gemarkeerde velden."
    qtbot.keyClicks(tab.form.name, "Wijkteam Bergdorp")
    assert not tab.form.messages["name"].isVisible()  # a refusal goes once the field is changed
    tab.form.kind.setCurrentIndex(tab.form.kind.findData("municipal_team"))
    qtbot.keyClicks(tab.form.email, "wijkteam@bergdorp")
    tab.save_button.click()
    assert tab.form.messages["email"].text() == "Geen geldig e-mailadres (naam@voorbeeld.nl)."
    assert referrers.list_organisations(workspace) == []
    retype(tab.form.email, "wijkteam@bergdorp.example")
    type_lines(qtbot, tab.form.address, "Dorpsplein 1", "Bergdorp")
    tab.save_button.click()
    assert tab.status.text() == "Opgeslagen."  # an address without a postcode is saved, with a hint that stays
    assert tab.form.messages["address"].isVisible()
    assert tab.form.messages["address"].text().startswith("Geen postcode gevonden")
    retype(tab.form.address, "Dorpsplein 1\n1811 KL Bergdorp")
    assert not tab.form.messages["address"].isVisible()
    tab.new_button.click()
    qtbot.keyClicks(tab.form.name, "wijkteam BERGDORP")
    tab.form.kind.setCurrentIndex(tab.form.kind.findData("other"))
    tab.save_button.click()
    assert tab.form.messages["name"].text() == "Er is al een organisatie met de naam Wijkteam Bergdorp."
    assert len(referrers.list_organisations(workspace)) == 1


def test_changing_an_organisation_chosen_in_the_list(qtbot, settings_page, tab, workspace):
    referrers.save_organisation(workspace, OrganisationInput("Rechtbank Testland", "court"))
    org_id = referrers.save_organisation(workspace, WIJKTEAM)
    settings_page.refresh()
    assert tab.select(org_id)
    assert tab.form.name.text() == "Wijkteam Bergdorp" and tab.form.address.toPlainText() == WIJKTEAM.address
    tab.form.address.clear()
    type_lines(qtbot, tab.form.address, "Postbus 7", "1811 AA Bergdorp")
    tab.save_button.click()
    assert referrers.get_organisation(workspace, org_id).address == "Postbus 7\n1811 AA Bergdorp"
    assert len(referrers.list_organisations(workspace)) == 2
    assert tab.form.name.text() == "Wijkteam Bergdorp"  # still the one chosen


# ---- the intake -----------------------------------------------------------------------------------------------------

def test_the_intake_takes_a_new_organisations_address_contact_and_email(qtbot, cases_page, workspace):
    cases_page.start_intake()
    wizard = cases_page.intake.wizard
    walk(wizard, 2)
    page = wizard.currentPage()
    fill_page(wizard, 2)
    page.referrer.address.clear()
    type_lines(qtbot, page.referrer.address, "Postbus 1234", "1800 BC Voorbeeldstad")
    page.commissioner.set_choice(NEW)
    retype(page.commissioner.name, "Gemeente Voorbeeldstad")
    page.commissioner.set_kind("municipality")
    qtbot.keyClicks(page.commissioner.contact, "Ans Adres")
    page.commissioner.address.clear()
    type_lines(qtbot, page.commissioner.address, "Postbus 53", "1800 BC Voorbeeldstad")
    qtbot.keyClicks(page.commissioner.email, "jeugd@voorbeeldstad")
    wizard.next()
    assert wizard.currentId() == 2  # refused, the message under the new organisation's e-mail
    assert page.commissioner.messages["email"].isVisible()
    assert page.commissioner.messages["email"].text() == "Geen geldig e-mailadres (naam@voorbeeld.nl)."
    qtbot.keyClicks(page.commissioner.email, ".example")
    wizard.next()
    assert wizard.currentId() == 3
    walk(wizard, 10)
    assert "Postbus 1234, 1800 BC Voorbeeldstad" in wizard.currentPage().left.text()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    orgs = {o.name: o for o in referrers.list_organisations(workspace)}
    assert orgs["Rechtbank Voorbeeldstad"].address == "Postbus 1234\n1800 BC Voorbeeldstad"
    assert orgs["Rechtbank Voorbeeldstad"].contact_person == "mr. J. de Griffier"
    gemeente = orgs["Gemeente Voorbeeldstad"]
    assert (gemeente.kind, gemeente.contact_person, gemeente.address, gemeente.email) == (
        "municipality", "Ans Adres", "Postbus 53\n1800 BC Voorbeeldstad", "jeugd@voorbeeldstad.example")


def test_a_known_organisation_shows_its_address_or_where_to_add_it(qtbot, cases_page, workspace):
    with_address = referrers.save_organisation(workspace, WIJKTEAM)
    without = referrers.save_organisation(workspace, OrganisationInput("Rechtbank Testland", "court"))
    cases_page.start_intake()
    wizard = cases_page.intake.wizard
    walk(wizard, 2)
    picker = wizard.currentPage().referrer
    picker.set_choice(with_address)
    assert picker.known.isVisible() and picker.known.text() == "Postadres: Dorpsplein 1, 1811 KL Bergdorp"
    picker.set_choice(without)
    assert "Instellingen → Verwijzers" in picker.known.text()
    picker.set_choice(NEW)
    assert not picker.known.isVisible() and picker.new_box.isVisible()
    assert not picker.contact.isVisibleTo(picker)  # the referrer's contact person is the page's own row


# ---- the Verwijzing tab ---------------------------------------------------------------------------------------------

@pytest.fixture
def referral(qtbot, workspace):
    case_id = full_case(workspace, closed=False)
    tab = ReferralTab(workspace)
    qtbot.addWidget(tab)
    tab.resize(1100, 700)
    tab.show()
    tab.load(case_id)
    return tab


def test_the_referral_tab_shows_the_address_and_edits_the_organisation(qtbot, referral, workspace):
    assert referral.referrer_address.label.text() == "Postadres: Postbus 100, 1800 AA Alkmaar"
    assert referral.commissioner_address.label.text() == (
        "Nog geen postadres: brieven krijgen een regel om in te vullen.")
    referral.commissioner_address.button.click()
    dialog = referral.organisation_dialog
    assert dialog is not None and dialog.form.name.text() == "Gemeente Alkmaar"
    dialog.form.kind.setCurrentIndex(dialog.form.kind.findData("municipality"))
    type_lines(qtbot, dialog.form.address, "Postbus 10", "1800 AA Alkmaar")
    dialog.save()
    assert referral.organisation_dialog is None
    assert referral.commissioner_address.label.text() == "Postadres: Postbus 10, 1800 AA Alkmaar"
    saved = next(o for o in referrers.list_organisations(workspace) if o.name == "Gemeente Alkmaar")
    assert (saved.kind, saved.address) == ("municipality", "Postbus 10\n1800 AA Alkmaar")
    assert not referral.is_dirty()


def test_a_renamed_organisation_stays_chosen_in_typing_not_yet_saved(qtbot, referral, workspace):
    retype(referral.fields["court_frequency"], "Eens per week")
    referral.referrer_address.button.click()
    dialog = referral.organisation_dialog
    retype(dialog.form.name, "Wijkteam Alkmaar-Noord")
    dialog.save()
    assert referral.referrer.currentText() == "Wijkteam Alkmaar-Noord"
    assert referral.fields["court_frequency"].text() == "Eens per week"
    assert referral.save()
    facts = case_file.load_case(workspace, referral.case_id, record_open=False)
    assert facts.referral.referrer_name == "Wijkteam Alkmaar-Noord"
    assert [o.name for o in referrers.list_organisations(workspace)].count("Wijkteam Alkmaar") == 0


def test_a_new_name_typed_says_where_the_address_goes(referral):
    referral.referrer.setEditText("Buurtteam Nieuw")
    assert "Organisatie bewerken" in referral.referrer_address.label.text()
    assert not referral.referrer_address.button.isEnabled()


# ---- the screenshot tool --------------------------------------------------------------------------------------------

def test_the_screenshot_tool_saves_the_referrers_screen(qtbot, workspace, vault_path, settings_page):
    from borapp.app import build_window, make_application
    from borapp.tools.screenshots import _tab_name
    from borapp.ui.pages.settings.screenshots import shoot

    tabs = settings_page.tabs
    assert "referrers" in [_tab_name(tabs, i) for i in range(tabs.count())]  # "settings-referrers.png"
    referrers.save_organisation(workspace, WIJKTEAM)
    make_application()
    window = build_window(vault_path, "nl")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.open_workspace(workspace)
    saved = []
    shoot(window, lambda widget, name: saved.append((name, widget.grab().isNull())))
    assert saved == [("settings-referrers-edit", False)]


def test_the_build_up_box_stands_beside_its_label(qtbot, referral):
    """The court decision's box took the height of the box beside it and put 'Opbouw' high above its text box."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QFormLayout

    qtbot.wait(50)
    box = referral.fields["court_buildup"]
    form = next(f for f in referral.findChildren(QFormLayout) if f.labelForField(box.parentWidget()))
    label = form.labelForField(box.parentWidget())
    top_of = lambda widget: widget.mapTo(referral, QPoint(0, 0)).y()  # noqa: E731
    assert abs(top_of(box) - top_of(label)) <= 8, (top_of(box), top_of(label))
