"""The intake wizard through pytest-qt: start to finish, Next refused with the reason under the field, duplicates,
Continue later and Discard, and an interrupted intake resumed after a lock and after a restart. Synthetic names."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication, QLabel, QMessageBox, QPlainTextEdit, QPushButton, QScrollArea, QWizard,
)

from borapp.i18n import _
from borapp.models import Municipality, MunicipalityFunding
from borapp.services import drafts
from borapp.services.cases import case_file
from borapp.services.cases import letters as cases_letters
from borapp.ui.pages.cases.cases_page import CasesPage
from borapp.ui.wizards.intake.screenshots import fill_page
from tests.conftest import PASSPHRASE
from tests.cases.test_case_services import add_case
from tests.helpers.questions import answer_soon

INTAKE_DRAFTS = drafts.UI_PREFIX + "intake/"
FINISH = QWizard.WizardButton.FinishButton


@pytest.fixture
def municipality(workspace):
    with workspace.session() as session:
        place = Municipality(name="Voorbeeldstad", region="Kop")
        place.fundings.append(MunicipalityFunding(year=dt.date.today().year, funding="purchased"))
        session.add(place)


@pytest.fixture
def page(qtbot, workspace, municipality):
    widget = CasesPage(workspace)
    qtbot.addWidget(widget)
    widget.resize(1366 - 176, 720)  # the content area of the main window at 1366×768
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    return widget


def walk(wizard, to: int, route: str = "court") -> None:
    """Fill and leave every page before `to`, as a coordinator would."""
    while wizard.currentId() < to:
        number = wizard.currentId()
        fill_page(wizard, number, route)
        wizard.next()
        assert wizard.currentId() != number, wizard.currentPage().page_message.text()


def saved_intakes(workspace) -> list:
    return drafts.list_drafts(workspace, INTAKE_DRAFTS)


# ---- start to finish ------------------------------------------------------------------------------------------------

def test_start_to_finish_makes_the_case_opens_it_and_tells_about_the_letter(page, qtbot, workspace):
    page.list_panel.new_intake_button.click()
    wizard = page.intake.wizard
    assert page.stack.currentWidget() is page.intake and wizard.currentPage().objectName() == "intake-1-route"
    seen = []
    while wizard.currentId() < 10:
        seen.append(wizard.currentPage().objectName())
        fill_page(wizard, wizard.currentId())
        wizard.next()
    assert seen == ["intake-1-route", "intake-2-referrer", "intake-3-municipality", "intake-4-resident",
                    "intake-5-other-parent", "intake-6-children", "intake-7-court", "intake-8-safety",
                    "intake-9-wishes"]
    summary = wizard.currentPage()
    assert summary.objectName() == "intake-10-summary"
    assert "Marieke Voorbeeld" in summary.left.text() and "Rechtbank Voorbeeldstad" in summary.left.text()
    assert "Daan Voorbeeld" in summary.warnings.text()  # older than 12: a warning, not a block
    assert saved_intakes(workspace), "every page change keeps the intake as a draft"
    assert wizard.button(FINISH).isEnabled()
    with qtbot.waitSignal(page.changed):
        wizard.button(FINISH).click()

    assert page.showing_case_file() and page.intake.wizard is None
    facts = case_file.load_case(workspace, page.case_file.case_id, record_open=False)
    assert facts.status == "intake" and facts.ref.startswith(f"BOR-{dt.date.today().year}-")
    assert not page.notice.isHidden() and facts.ref in page.notice.label.text()
    letters = cases_letters.list_letters(workspace, facts.id)
    assert [(x.kind, x.state, x.recipient) for x in letters] == [("intake", "draft", "mr. J. de Griffier")]
    assert saved_intakes(workspace) == []  # the draft goes once the case exists


def type_date(qtbot, field, day: dt.date) -> None:
    """Into a date field as a person: select what is there, type over it (d-m-yyyy), leave with Tab."""
    field.edit.setFocus()
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(field.edit, f"{day.day}-{day.month}-{day.year}")
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    field.commit()


def test_the_intake_talk_date_is_asked_and_dates_the_intake_in_the_timeline_and_the_letter(page, qtbot, workspace):
    from borapp.formatting import long_date
    from borapp.services.outbox import letters as outbox

    today = dt.date.today()
    registered, talk = today - dt.timedelta(days=9), today - dt.timedelta(days=4)
    page.start_intake()
    wizard = page.intake.wizard
    route = wizard.currentPage()
    assert route.intake_on.value() == today  # today unless said otherwise
    assert route.intake_on.accessibleName() == _("Date of the intake talk")
    type_date(qtbot, route.registered_on, registered)
    route.buttons["court"].setChecked(True)
    type_date(qtbot, route.intake_on, registered - dt.timedelta(days=1))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == 1
    assert route.messages["intake_on"].text() == _("The intake talk cannot be before the registration ({date}).") \
        .format(date=long_date(registered))
    type_date(qtbot, route.intake_on, today + dt.timedelta(days=1))
    assert route.messages["intake_on"].text() == _("This date is in the future.")
    type_date(qtbot, route.intake_on, talk)
    assert route.messages["intake_on"].isHidden()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == 2
    walk(wizard, 10)
    assert long_date(talk) in wizard.currentPage().left.text()  # the summary reads it back
    with qtbot.waitSignal(page.changed):
        wizard.button(FINISH).click()

    facts = case_file.load_case(workspace, page.case_file.case_id, record_open=False)
    steps = [(entry.on, entry.title) for entry in facts.timeline if entry.kind == "status"]
    assert steps == [(talk, _("Intake")), (registered, _("Registered"))]  # the timeline, newest first
    [letter] = cases_letters.list_letters(workspace, facts.id)
    body = outbox.get_letter_text(workspace, letter.id).body
    assert long_date(talk) in body and long_date(registered) in body and long_date(today) not in body


def test_the_own_initiative_route_skips_the_court_page(page, workspace):
    page.start_intake()
    wizard = page.intake.wizard
    walk(wizard, 6, route="self")
    fill_page(wizard, 6)
    wizard.next()
    assert wizard.currentPage().objectName() == "intake-8-safety"
    wizard.back()
    assert wizard.currentPage().objectName() == "intake-6-children"


def test_next_is_refused_with_the_message_under_the_field(page, qtbot):
    page.start_intake()
    wizard = page.intake.wizard
    route_page = wizard.currentPage()
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert wizard.currentId() == 1
    message = route_page.messages["route"]
    assert message.isVisible() and message.text() == _("Choose a route.")
    route_page.buttons["ots"].setChecked(True)
    assert message.isHidden()  # once refused, the message follows the typing
    walk(wizard, 4, route="ots")
    resident = wizard.currentPage()
    resident.edits["name"].setText("Zoë Voorbeeld")
    resident.edits["postcode"].setText("12345")
    wizard.next()
    assert wizard.currentId() == 4
    assert resident.messages["resident.postcode"].text() == _("Not a Dutch postcode (1234 AB).")
    resident.edits["postcode"].setText("1234 AB")
    wizard.next()
    assert wizard.currentId() == 5


def test_children_need_a_birth_date_and_the_court_route_a_decision_date(page):
    page.start_intake()
    wizard = page.intake.wizard
    walk(wizard, 6)
    children = wizard.currentPage()
    children.editor.set_value([{"id": None, "name": "Noor Voorbeeld", "birth_date": None}])
    wizard.next()
    assert wizard.currentId() == 6
    assert children.editor.rows[0].message.text() == _("Enter the birth date; the age decides whether BOR fits.")
    fill_page(wizard, 6)
    wizard.next()
    court = wizard.currentPage()
    wizard.next()
    assert wizard.currentId() == 7 and court.messages["court_decision_on"].text() == _("Required.")


# ---- duplicates, Continue later, Discard ----------------------------------------------------------------------------

def test_a_known_child_holds_create_back_until_continue_anyway(page, workspace):
    born = dt.date(dt.date.today().year - 7, 4, 2)
    known = add_case(workspace, "BOR-2024-031", resident="Anja Anders", children=(("Noor Voorbeeld", born),),
                     status="waiting")
    page.start_intake()
    wizard = page.intake.wizard
    walk(wizard, 10)
    summary = wizard.currentPage()
    assert [d.case_id for d in summary.duplicates] == [known]
    shown = " ".join(label.text() for label in summary.duplicates_box.findChildren(QLabel))
    assert not summary.duplicates_box.isHidden() and "BOR-2024-031" in shown
    assert not wizard.button(FINISH).isEnabled()
    summary.continue_button.click()
    assert wizard.button(FINISH).isEnabled()
    assert saved_intakes(workspace)[0].payload["acknowledged"]


def test_open_existing_case_keeps_the_intake_as_a_draft(page, workspace):
    known = add_case(workspace, "BOR-2024-032", resident="Marieke Voorbeeld", other="Kees Anders", children=())
    page.start_intake()
    wizard = page.intake.wizard
    walk(wizard, 10)
    summary = wizard.currentPage()
    opener = next(b for b in summary.duplicates_box.findChildren(QPushButton) if b.text() == _("Open existing case"))
    opener.click()
    assert page.showing_case_file() and page.case_file.case_id == known
    assert page.intake.wizard is None and saved_intakes(workspace)[0].payload["page"] == 10


def test_continue_later_keeps_it_and_discard_asks_then_deletes(page, workspace, monkeypatch):
    page.start_intake()
    walk(page.intake.wizard, 3)
    page.intake.wizard.button(QWizard.WizardButton.CancelButton).click()  # "Continue later"
    assert page.stack.currentWidget() is page.list_panel and page.intake.wizard is None
    [kept] = saved_intakes(workspace)
    assert page.open_draft(kept.key[len(drafts.UI_PREFIX):])
    wizard = page.intake.wizard
    assert wizard.currentId() == 3 and wizard.pages[2].contact.text() == "mr. J. de Griffier"
    answer_soon(QMessageBox.StandardButton.Cancel)
    wizard.button(QWizard.WizardButton.CustomButton1).click()
    assert page.intake.wizard is wizard and saved_intakes(workspace)
    answer_soon(QMessageBox.StandardButton.Discard)
    wizard.button(QWizard.WizardButton.CustomButton1).click()
    assert page.intake.wizard is None and saved_intakes(workspace) == []


def _type_text(qtbot, field, typed: str) -> None:
    """Into a date field as a person: click, select what is there, type over it, leave with Tab."""
    qtbot.mouseClick(field.edit, Qt.MouseButton.LeftButton)
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(field.edit, typed)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)


def test_continue_later_keeps_a_date_that_could_not_be_read_as_it_was_typed(page, qtbot, workspace):
    """31 November came back as today's date (the registration) or an empty field (a birth date), with no message."""
    page.start_intake()
    wizard = page.intake.wizard
    _type_text(qtbot, wizard.currentPage().registered_on, "31-11-2026")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    [kept] = saved_intakes(workspace)
    assert page.open_draft(kept.key[len(drafts.UI_PREFIX):])
    route = page.intake.wizard.currentPage()
    assert route.registered_on.edit.text() == "31-11-2026" and route.registered_on.message.text()
    walk(page.intake.wizard, 6)  # the registration date filled in again
    child = page.intake.wizard.currentPage().editor.rows[0]
    qtbot.keyClicks(child.name, "Noor Proef")
    _type_text(qtbot, child.birth, "30-2-2019")
    qtbot.mouseClick(page.intake.wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    [kept] = saved_intakes(workspace)
    assert page.open_draft(kept.key[len(drafts.UI_PREFIX):])
    wizard = page.intake.wizard
    assert wizard.currentId() == 6
    child = wizard.currentPage().editor.rows[0]
    assert (child.name.text(), child.birth.edit.text()) == ("Noor Proef", "30-2-2019")
    assert child.birth.problem()


def test_an_unreadable_date_does_not_hide_the_other_problems_of_the_page(page, qtbot):
    """No route and 31-02-2026 as the day of the talk: Next said only the date; "Choose a route." came a Next later."""
    page.start_intake()
    wizard = page.intake.wizard
    route = wizard.currentPage()
    _type_text(qtbot, route.intake_on, "31-02-2026")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == 1
    assert route.intake_on.message.isVisible() and route.intake_on.problem() == route.intake_on.message.text()
    assert route.messages["route"].isVisible() and route.messages["route"].text() == _("Choose a route.")
    assert route.messages["intake_on"].isHidden(), "the date says itself why: no 'Required.' under it as well"
    assert route.intake_on.edit.hasFocus(), "the first problem in reading order"
    route.buttons["court"].setFocus()
    qtbot.keyClick(route.buttons["court"], Qt.Key.Key_Space)
    assert route.messages["route"].isHidden() and route.messages["intake_on"].isHidden()
    _type_text(qtbot, route.intake_on, "vandaag")
    assert route.intake_on.message.isHidden() and route.messages["intake_on"].isHidden()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == 2


def test_an_unreadable_birth_date_does_not_hide_the_other_problems_of_the_children(page, qtbot):
    page.start_intake()
    wizard = page.intake.wizard
    walk(wizard, 6)
    children = wizard.currentPage()
    qtbot.mouseClick(children.editor.add_button, Qt.MouseButton.LeftButton)
    first, second = children.editor.rows
    qtbot.keyClicks(first.name, "Noor Proef")
    _type_text(qtbot, first.birth, "30-2-2019")
    _type_text(qtbot, second.birth, "3-4-2020")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == 6
    assert first.birth.message.text() == first.birth.problem() != ""
    assert first.message.text() == "", "said once, under the date itself"
    assert second.message.text() == _("Required.")
    assert first.birth.edit.hasFocus()


def test_tab_on_a_parent_page_follows_the_fields_as_shown(page, qtbot):
    """"Confidential address" stands between City and E-mail, but Tab reached it only after Phone."""
    page.start_intake()
    wizard = page.intake.wizard
    walk(wizard, 4)
    for number in (4, 5):
        parent = wizard.currentPage()
        qtbot.mouseClick(parent.edits["name"], Qt.MouseButton.LeftButton)
        reached = [parent.edits["name"]]
        for _step in range(6):
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            reached.append(QApplication.focusWidget())
        edits = parent.edits
        assert reached == [edits["name"], edits["address"], edits["postcode"], edits["city"], parent.confidential,
                           edits["email"], edits["phone"]], [w.accessibleName() for w in reached]
        if number == 4:
            fill_page(wizard, 4)
            wizard.next()


# ---- the funding follows the registration year ---------------------------------------------------------------------

THIS_YEAR = dt.date.today().year
LAST_YEAR = THIS_YEAR - 1
BACK, NEXT = QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton


@pytest.fixture
def alkmaar(workspace):
    """Per trajectory last year, purchased this year."""
    with workspace.session() as session:
        place = Municipality(name="Alkmaar", region="Noord")
        place.fundings.append(MunicipalityFunding(year=LAST_YEAR, funding="per_case"))
        place.fundings.append(MunicipalityFunding(year=THIS_YEAR, funding="purchased"))
        session.add(place)


def _press(qtbot, wizard, which, times: int = 1) -> None:
    for _time in range(times):
        qtbot.mouseClick(wizard.button(which), Qt.MouseButton.LeftButton)


def _to_municipality(qtbot, wizard, registered: str | None = None) -> None:
    """From step 1 (the route chosen, step 2 filled or not) to step 3, the registration date typed on the way."""
    route = wizard.pages[1]
    if registered:
        _type_text(qtbot, route.registered_on, registered)
    if not route.route():
        route.buttons["court"].setFocus()
        qtbot.keyClick(route.buttons["court"], Qt.Key.Key_Space)
    _press(qtbot, wizard, NEXT)
    if not wizard.currentPage().contact.text():
        fill_page(wizard, 2)
    _press(qtbot, wizard, NEXT)
    assert wizard.currentId() == 3, wizard.currentPage().page_message.text()


def _choose_alkmaar(qtbot, municipality_page) -> None:
    combo = municipality_page.municipality
    combo.setFocus()
    while combo.currentText() != "Alkmaar":
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def _click_funding(qtbot, municipality_page, code: str) -> None:
    button = municipality_page.funding[code]
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def _funding(municipality_page) -> str:
    return next((code for code, b in municipality_page.funding.items() if b.isChecked()), "")


def test_the_funding_follows_the_registration_year_when_it_changes_later(page, qtbot, workspace, alkmaar):
    """Chosen with today's registration (purchased, "in 2026"), then the registration retyped as 15-12-2025: the
    case was saved as BOR-2025-… with the funding of 2026."""
    page.start_intake()
    wizard = page.intake.wizard
    _to_municipality(qtbot, wizard)
    municipality = wizard.currentPage()
    _choose_alkmaar(qtbot, municipality)
    assert _funding(municipality) == "purchased" and str(THIS_YEAR) in municipality.suggestion.text()
    _press(qtbot, wizard, BACK, 2)
    _to_municipality(qtbot, wizard, f"15-12-{LAST_YEAR}")
    assert municipality.municipality.currentText() == "Alkmaar"
    assert _funding(municipality) == "per_case"
    assert municipality.suggestion.text() == _("Chosen from how {name} pays in {year}; change it if this case is "
                                               "paid differently.").format(name="Alkmaar", year=LAST_YEAR)
    walk(wizard, 10)
    with qtbot.waitSignal(page.changed):
        wizard.button(FINISH).click()
    facts = case_file.load_case(workspace, page.case_file.case_id, record_open=False)
    assert facts.ref.startswith(f"BOR-{LAST_YEAR}-") and facts.referral.funding == "per_case"


def test_her_own_choice_of_funding_stays_for_the_same_municipality_and_year(page, qtbot, workspace, alkmaar):
    page.start_intake()
    wizard = page.intake.wizard
    _to_municipality(qtbot, wizard)
    municipality = wizard.currentPage()
    _choose_alkmaar(qtbot, municipality)
    _click_funding(qtbot, municipality, "per_case")  # this case is paid otherwise
    own = _("Your own choice for this case (how {name} pays in {year}: {funding}).").format(
        name="Alkmaar", year=THIS_YEAR, funding=_("Purchased trajectory"))
    assert municipality.suggestion.text() == own
    _press(qtbot, wizard, BACK, 2)
    _to_municipality(qtbot, wizard)  # the same year: her choice stays, and says so
    assert _funding(municipality) == "per_case" and municipality.suggestion.text() == own
    fill_page(wizard, 3)
    _press(qtbot, wizard, NEXT)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    [kept] = saved_intakes(workspace)  # and after Continue later (a lock does the same)
    assert page.open_draft(kept.key[len(drafts.UI_PREFIX):])
    wizard = page.intake.wizard
    municipality = wizard.pages[3]
    _press(qtbot, wizard, BACK, 2)
    _press(qtbot, wizard, NEXT)
    assert wizard.currentId() == 3 and _funding(municipality) == "per_case"
    assert municipality.suggestion.text() == own
    _press(qtbot, wizard, BACK, 2)
    _to_municipality(qtbot, wizard, f"15-12-{LAST_YEAR - 1}")  # another year: suggested anew
    assert _funding(municipality) == "", "no funding recorded then: none is taken from another year"
    assert "Alkmaar" in municipality.suggestion.text() and str(LAST_YEAR - 1) in municipality.suggestion.text()
    _press(qtbot, wizard, NEXT)
    assert wizard.currentId() == 3 and municipality.messages["funding"].text() == _("Choose a funding type.")


def test_an_untouched_wizard_leaves_no_draft(page, workspace):
    page.start_intake()
    assert page.drafts() == {}
    page.show_list()
    assert saved_intakes(workspace) == []


def test_the_empty_case_list_offers_a_new_intake(page):
    assert not page.list_panel.empty_intake.isHidden()
    page.list_panel.empty_intake.click()
    assert page.intake.wizard is not None


# ---- lock, unlock, restart ------------------------------------------------------------------------------------------

def _window(qtbot, path):
    from borapp.ui.main_window import MainWindow

    window = MainWindow(path)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def _unlock(qtbot, window):
    screen = window.unlock_screen
    screen.passphrase_page.passphrase.setText(PASSPHRASE)
    screen.passphrase_page.unlock_button.click()
    qtbot.waitUntil(lambda: screen.stack.currentWidget() is screen.coordinator_page)
    with qtbot.waitSignal(window.unlocked):
        screen.coordinator_page.continue_button.click()


def _interrupted_intake(qtbot, workspace):
    """A main window with an intake on page 5, the non-resident parent's name typed but not yet left."""
    window = _window(qtbot, workspace.path)
    window.open_workspace(workspace)
    cases = window.shell.show_page("cases")
    cases.start_intake()
    wizard = cases.intake.wizard
    walk(wizard, 5)
    wizard.currentPage().edits["name"].setText("Ruud Pröefmans")
    wizard.currentPage().confidential.setChecked(True)
    return window, cases


def _assert_back_on_page_5(wizard):
    assert wizard.currentPage().objectName() == "intake-5-other-parent"
    assert wizard.currentPage().edits["name"].text() == "Ruud Pröefmans"
    assert wizard.currentPage().confidential.isChecked()
    assert wizard.pages[4].edits["name"].text() == "Marieke Voorbeeld" and wizard.pages[4].confidential.isChecked()
    assert wizard.pages[2].referrer.name.text() == "Rechtbank Voorbeeldstad"
    assert wizard.pages[1].buttons["court"].isChecked()
    wizard.back()  # the way back is there too
    assert wizard.currentPage().objectName() == "intake-4-resident"


def test_an_interrupted_intake_comes_back_after_a_lock(qtbot, workspace, municipality):
    window, cases = _interrupted_intake(qtbot, workspace)
    window.lock()
    assert cases.intake.wizard is None  # closed by the lock, nothing of it on screen
    _unlock(qtbot, window)
    assert window.shell.current_key() == "cases" and cases.stack.currentWidget() is cases.intake
    _assert_back_on_page_5(cases.intake.wizard)
    window.lock()


def test_an_interrupted_intake_comes_back_after_a_restart_through_today(qtbot, workspace, municipality):
    window, _cases = _interrupted_intake(qtbot, workspace)
    window.lock()
    window.close()
    again = _window(qtbot, workspace.path)  # a new start of the app on the same vault
    _unlock(qtbot, again)
    cases = again.shell.pages["cases"]
    assert cases.intake.wizard is None  # not pushed at anyone: Today offers it
    dashboard = again.shell.show_page("dashboard")
    card = dashboard.cards["drafts"]
    [item] = [i for i in dashboard.board.section("drafts").items if i.draft_key]
    assert item.title == _("New intake: {family}").format(family="Marieke Voorbeeld")
    assert card.list.count() == 1
    card.list.setFocus()
    card.list.setCurrentRow(0)
    qtbot.keyClick(card.list, Qt.Key.Key_Return)
    assert again.shell.current_key() == "cases" and cases.stack.currentWidget() is cases.intake
    _assert_back_on_page_5(cases.intake.wizard)
    again.lock()


def test_the_main_window_keeps_the_typing_every_few_seconds(qtbot, workspace, municipality):
    window, cases = _interrupted_intake(qtbot, workspace)
    window.save_drafts()  # what the 20 s timer does: a crash after this loses nothing
    [kept] = saved_intakes(workspace)
    assert kept.payload["page"] == 5 and kept.payload["data"]["other"]["name"] == "Ruud Pröefmans"
    window.lock()


def test_typing_is_kept_a_breath_after_it_stops_without_a_page_change(qtbot, workspace, municipality):
    """A crash 3 s after typing lost it: it was kept only at a page change, a lock and every 20 s. Now the draft
    holds it once typing stops for a moment, and not at every key."""
    window, cases = _interrupted_intake(qtbot, workspace)
    window._draft_timer.stop()  # only the pause after typing keeps it here
    address = cases.intake.wizard.currentPage().edits["address"]
    address.setFocus()
    QTest.keyClicks(address, "Havenkade 3")
    assert window.typing_pause.waiting
    [kept] = saved_intakes(workspace)
    assert "address" not in kept.payload["data"].get("other", {}) or not kept.payload["data"]["other"]["address"]
    with qtbot.waitSignal(window.typing_pause.paused, timeout=10_000):
        pass
    [kept] = saved_intakes(workspace)  # what a restart after a kill would find
    assert kept.payload["page"] == 5 and kept.payload["data"]["other"]["address"] == "Havenkade 3"
    assert kept.payload["data"]["other"]["name"] == "Ruud Pröefmans"
    window.lock()


def test_the_screenshot_hook_saves_every_page_and_leaves_the_vault_as_it_was(qtbot, workspace, municipality):
    from borapp.ui.wizards.intake.screenshots import shoot

    window = _window(qtbot, workspace.path)
    window.open_workspace(workspace)
    names = []
    shoot(window, lambda widget, name: names.append((widget.size().toTuple(), name)))
    assert [n for _size, n in names] == [
        "intake-1-route", "intake-2-referrer", "intake-3-municipality", "intake-4-resident", "intake-5-other-parent",
        "intake-6-children", "intake-7-court", "intake-8-safety", "intake-9-wishes", "intake-10-summary"]
    assert {size for size, _n in names} == {(1366, 768)}
    assert saved_intakes(workspace) == [] and window.shell.pages["cases"].list_panel.model.total == 0
    window.lock()


def test_the_summary_masks_a_confidential_address_until_show(page, qtbot):
    page.list_panel.new_intake_button.click()
    wizard = page.intake.wizard
    walk(wizard, 10)  # the resident parent's address (Lindelaan 12, 1811 KL) is marked confidential
    summary = wizard.currentPage()
    text = summary.left.text()
    assert "Lindelaan" not in text and "1811" not in text
    assert "••••" in text and "show:resident" in text
    assert "Havenkade 3" in text  # the other parent's address is not confidential
    summary.left.linkActivated.emit("show:resident")  # the "Show" link
    assert "Lindelaan 12" in summary.left.text()
    wizard.back()
    wizard.next()
    assert "Lindelaan" not in wizard.currentPage().left.text(), "masked again when the page is shown anew"


def test_an_intake_before_any_municipality_says_where_to_add_one(qtbot, workspace):
    widget = CasesPage(workspace)  # no municipality fixture: the vault has none
    qtbot.addWidget(widget)
    widget.show()
    widget.refresh()
    widget.list_panel.new_intake_button.click()
    wizard = widget.intake.wizard
    walk(wizard, 3)
    page = wizard.currentPage()
    assert page.objectName() == "intake-3-municipality"
    assert not page.none_yet.isHidden() and "Instellingen → Gemeenten" in page.none_yet.text()


def test_a_registration_date_years_back_is_a_warning_under_it_and_in_the_summary_not_a_block(page, qtbot):
    """16-2-2016 for 16-2-2026 went through silently, with a 2016 case number and a place in 2016's report."""
    from borapp.formatting import long_date

    long_ago = dt.date.today().replace(day=1) - dt.timedelta(days=3 * 365)
    page.start_intake()
    wizard = page.intake.wizard
    route = wizard.currentPage()
    type_date(qtbot, route.registered_on, long_ago)
    note = route.messages["registered_on"]
    assert note.isVisible() and str(long_ago.year) in note.text() and long_date(long_ago) in note.text()
    type_date(qtbot, route.registered_on, dt.date.today() - dt.timedelta(days=20))
    assert not note.isVisible(), "weeks back is an ordinary registration"
    type_date(qtbot, route.registered_on, long_ago)
    route.buttons["self"].setFocus()
    qtbot.keyClick(route.buttons["self"], Qt.Key.Key_Space)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == 2, "a warning, not a block"
    walk(wizard, 10, route="self")
    summary = wizard.currentPage()
    assert summary.warnings.isVisible() and summary.warnings.text().startswith(_("Registration date"))
    assert str(long_ago.year) in summary.warnings.text()


def test_new_intake_offers_the_one_kept_to_continue_later(page, workspace):
    """"Later verdergaan" kept it where only Today listed it, and "Nieuwe intake…" opened an empty first step as if it
    were gone (found by a walk): now she is asked, and can still start another."""
    page.start_intake()
    walk(page.intake.wizard, 3)
    page.intake.wizard.button(QWizard.WizardButton.CancelButton).click()  # "Continue later"
    [kept] = saved_intakes(workspace)
    asked: list[str] = []
    answer_soon("Verder met deze", asked)
    page.list_panel.new_intake_button.click()
    assert "Nieuwe intake" in asked[0] and "stap 3 van" in asked[0], asked
    assert page.intake.wizard.key == kept.key[len(drafts.UI_PREFIX):] and page.intake.wizard.currentId() == 3
    page.intake.wizard.button(QWizard.WizardButton.CancelButton).click()
    answer_soon("Een nieuwe intake beginnen")
    page.list_panel.new_intake_button.click()
    assert page.intake.wizard.currentId() == 1 and page.intake.wizard.key != kept.key[len(drafts.UI_PREFIX):]
    answer_soon(QMessageBox.StandardButton.Cancel)  # asked again later, and Cancel leaves things as they are
    page.intake.wizard.button(QWizard.WizardButton.CancelButton).click()
    page.list_panel.new_intake_button.click()
    assert page.stack.currentWidget() is page.list_panel and saved_intakes(workspace) == [kept]  # an empty one is not kept


def test_a_gender_is_asked_as_a_demand_and_a_language_as_a_wish(page, qtbot):
    """The intake asked "wishes" about the volunteer while matching blocks on the gender as a demand and only weighs
    the language: the page now says which is which, and what a demand does."""
    from PySide6.QtWidgets import QLabel

    page.start_intake()
    wizard = page.intake.wizard
    walk(wizard, 9)
    wishes = wizard.currentPage()
    shown = " ".join(w.text() for w in wishes.findChildren(QLabel) if w.isVisible())
    assert _("Gender (demand)") in shown and _("Speaks (wish)") in shown
    assert _("A demand: every volunteer of the other gender is ruled out.\nMatching can fail on it.") in shown
    assert _("A wish: who speaks it ranks higher;\nnobody is ruled out for it.") in shown
    assert wishes.gender.currentText() == _("No demand")
    wishes.gender.setFocus()
    qtbot.keyClick(wishes.gender, Qt.Key.Key_Down)
    walk(wizard, 10)
    text = " ".join(w.text() for w in wizard.currentPage().findChildren(QLabel))
    assert _("Volunteer's gender (demand)") in text and _("Volunteer speaks (wish)") in text


def test_a_registration_date_months_back_is_a_gentle_warning_not_a_block(page, qtbot):
    """1-2-26 typed on 6-12-2026 (308 days back) went through without a word: only years back were warned of."""
    from borapp.formatting import long_date

    today = dt.date.today()
    back = dt.date(today.year - (today.month <= 10), (today.month - 11) % 12 + 1, 1)  # ten months back
    page.start_intake()
    wizard = page.intake.wizard
    route = wizard.currentPage()
    type_date(qtbot, route.registered_on, back)
    note = route.messages["registered_on"]
    assert note.isVisible() and note.text() == _("Registered on {date}, {months} months ago: is that right?").format(
        date=long_date(back), months=10)
    route.buttons["self"].setFocus()
    qtbot.keyClick(route.buttons["self"], Qt.Key.Key_Space)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == 2, "a warning, not a block"


def test_a_wish_for_another_language_is_typed_in_the_intake(page, qtbot, workspace):
    """The wishes page offered only the eleven checkboxes: a family's wish for Tarifit could not be recorded."""
    page.list_panel.new_intake_button.click()
    wizard = page.intake.wizard
    walk(wizard, 9)
    fill_page(wizard, 9)
    picker = wizard.currentPage().languages
    qtbot.mouseClick(picker.other, Qt.MouseButton.LeftButton)
    QTest.keyClicks(picker.other, "Tarifit")
    QTest.keyClick(picker.other, Qt.Key.Key_Return)
    assert picker.boxes["rif"].isChecked() and picker.other.text() == ""
    assert wizard.currentId() == 9, "Enter adds the language; it does not go on to the next page"
    QTest.keyClicks(picker.other, "Farsi")  # typed, not added: Next takes it along
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == 10
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(wizard.button(FINISH), Qt.MouseButton.LeftButton)
    facts = case_file.load_case(workspace, page.case_file.case_id, record_open=False)
    assert facts.wishes.wish_languages == "nl;tr;rif;fa"


# ---- the keyboard: Enter, the first field of each page, the Tab order -----------------------------------------------

CANCEL_LATER, DISCARD_BUTTON = QWizard.WizardButton.CancelButton, QWizard.WizardButton.CustomButton1


def _focus():
    return QApplication.focusWidget()


def _tab_through(qtbot, limit: int = 60) -> list:
    """Press Tab from the focus until it is back where it started; every widget reached on the way, in order. (Alone
    in the test, the wizard is all there is to reach; in the main window Tab goes on to the rest after it.)"""
    start, reached = _focus(), []
    for _step in range(limit):
        qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
        if _focus() is start:
            return reached
        reached.append(_focus())
    raise AssertionError(f"Tab never came back: {[w.accessibleName() or w.text() for w in reached]}")


def _buttons(wizard, *which) -> list:
    return [wizard.button(w) for w in which]


def test_enter_in_a_field_presses_next_also_after_tab_went_round_the_buttons(page, qtbot):
    """Once Tab had passed through Next, no button was the default any more and Enter did nothing (Alt+V did)."""
    page.start_intake()
    wizard = page.intake.wizard
    walk(wizard, 2)
    fill_page(wizard, 2)
    referrer = wizard.currentPage()
    start = _focus()
    assert start is referrer.referrer.combo
    for _step in range(30):  # a whole round: the fields, the wizard's buttons, out and back in
        qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
        if _focus() is start:
            break
    assert _focus() is start
    assert wizard.button(NEXT).isDefault(), "drawn as the button Enter presses"
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    assert wizard.currentId() == 3


def test_enter_on_remove_child_asks_before_typing_goes_and_an_empty_row_just_goes(page, qtbot):
    page.start_intake()
    wizard = page.intake.wizard
    walk(wizard, 6)
    editor = wizard.currentPage().editor
    assert _focus() is editor.rows[0].name, "the page starts in the first child's name"
    qtbot.keyClicks(_focus(), "Noor Voorbeeld")
    for _step in range(3):  # birth date, Remove, Add child
        qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    assert _focus() is editor.add_button
    qtbot.keyClick(_focus(), Qt.Key.Key_Space)
    QApplication.processEvents()  # the new row is shown
    assert _focus() is editor.rows[1].name
    qtbot.keyClicks(_focus(), "Daan Voorbeeld")
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    assert _focus() is editor.rows[1].remove
    asked: list[str] = []
    answer_soon(QMessageBox.StandardButton.Cancel, asked)
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    assert asked == [_("Remove child {n}? What was typed for this child is thrown away.").format(n=2)]
    assert [r.name.text() for r in editor.rows] == ["Noor Voorbeeld", "Daan Voorbeeld"], "Cancel keeps the child"
    answer_soon(QMessageBox.StandardButton.Discard, asked)
    qtbot.keyClick(editor.rows[1].remove, Qt.Key.Key_Return)
    assert [r.name.text() for r in editor.rows] == ["Noor Voorbeeld"]
    page.activateWindow()  # no window manager here to give it back after the question
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    editor.add_button.setFocus()
    qtbot.keyClick(_focus(), Qt.Key.Key_Space)
    QApplication.processEvents()
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    assert _focus() is editor.rows[1].remove
    qtbot.keyClick(_focus(), Qt.Key.Key_Space)  # nothing typed in it: no question
    assert len(editor.rows) == 1 and len(asked) == 2


def test_every_page_starts_in_its_first_field_and_enter_on_the_summary_creates_the_case(page, qtbot):
    page.start_intake()
    wizard = page.intake.wizard
    pages = wizard.pages
    first = {1: pages[1].registered_on.edit, 2: pages[2].referrer.combo, 3: pages[3].municipality,
             4: pages[4].edits["name"], 5: pages[5].edits["name"], 6: pages[6].editor.rows[0].name,
             7: pages[7].decided_on.edit, 8: pages[8].motivation_resident,
             9: pages[9].slots.boxes[("mon", "morning")], 10: wizard.button(FINISH)}
    while True:
        number = wizard.currentId()
        assert _focus() is first[number], (number, _focus().accessibleName())
        if number == 10:
            break
        fill_page(wizard, number)
        QApplication.processEvents()  # the children the helper put in are shown
        wizard.currentPage().focus_first()
        while isinstance(_focus(), QPlainTextEdit):  # Enter there is a new line: on to a field that is not
            qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
        qtbot.keyClick(_focus(), Qt.Key.Key_Return)
        assert wizard.currentId() != number, wizard.currentPage().page_message.text()
    assert wizard.button(FINISH).isDefault()
    with qtbot.waitSignal(page.changed):
        qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    assert page.showing_case_file() and page.intake.wizard is None


def test_tab_goes_down_the_page_then_to_the_buttons_as_drawn(page, qtbot):
    """Tab went from the last field to the status bar's lock button and the navigation before the wizard's buttons,
    then stopped on the page's empty scroll area."""
    page.start_intake()
    wizard = page.intake.wizard
    walk(wizard, 2)
    referrer = wizard.currentPage()
    buttons = _buttons(wizard, DISCARD_BUTTON, CANCEL_LATER, BACK, NEXT)
    assert _tab_through(qtbot) == [referrer.contact, referrer.email, referrer.commissioner.combo, *buttons]
    assert not any(isinstance(w, QScrollArea) for w in _tab_through(qtbot))
    walk(wizard, 6)
    editor = wizard.currentPage().editor
    qtbot.keyClicks(_focus(), "Noor Voorbeeld")
    editor.add_button.setFocus()
    qtbot.keyClick(_focus(), Qt.Key.Key_Space)  # a row added later is reached where it is drawn
    QApplication.processEvents()
    editor.rows[0].name.setFocus()
    one, two = editor.rows
    assert _tab_through(qtbot) == [one.birth.edit, one.remove, two.name, two.birth.edit, two.remove,
                                           editor.add_button, *buttons]
    walk(wizard, 10)
    assert _focus() is wizard.button(FINISH)
    summary = wizard.currentPage()  # its Change and Show links: Tab stays in a column from link to link
    assert _tab_through(qtbot) == [summary.left] * 6 + [summary.right] * 4 + _buttons(
        wizard, DISCARD_BUTTON, CANCEL_LATER, BACK)


def test_the_summary_s_change_and_show_links_are_reached_by_tab_and_followed_by_enter_or_space(page, qtbot):
    """Tab went from Create case straight to the buttons: the links were for the mouse only."""
    page.start_intake()
    wizard = page.intake.wizard
    walk(wizard, 10)  # the resident parent's address is confidential: a Show link in the left column
    summary = wizard.currentPage()
    change, show = _("Change"), _("Show")
    seen = []
    for _step in range(10):
        qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
        seen.append((_focus(), _focus().selectedText()))
    assert seen == [(summary.left, change)] * 4 + [(summary.left, show), (summary.left, change)] + \
        [(summary.right, change)] * 4, "route, referrer, municipality, resident (and Show), other parent; then right"
    qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    assert _focus() is wizard.button(DISCARD_BUTTON)
    qtbot.keyClick(_focus(), Qt.Key.Key_Backtab)
    assert (_focus(), _focus().selectedText()) == (summary.right, change), "Shift+Tab comes in at the last link"
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    assert wizard.currentId() == 9, "Change of the wishes goes back to that page"
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)  # Next, back to the summary
    assert wizard.currentId() == 10 and _focus() is wizard.button(FINISH)
    for _step in range(5):
        qtbot.keyClick(_focus(), Qt.Key.Key_Tab)
    assert (_focus(), _focus().selectedText()) == (summary.left, show)
    assert "Lindelaan" not in summary.left.text()
    qtbot.keyClick(_focus(), Qt.Key.Key_Space)
    assert "Lindelaan 12" in summary.left.text() and wizard.currentId() == 10
