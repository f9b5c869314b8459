"""The Cases screen through pytest-qt: the list, search, sorting, the case file, its header and dialogs, drafts."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
)

from borapp.i18n import _
from borapp.services import drafts
from borapp.services.cases import case_file as case_file_service
from borapp.services.cases import listing
from borapp.services.cases.listing import CaseFilter
from borapp.services.cases.status import outcome_label
from borapp.ui.pages.cases.case_table_model import KEYS, STATUS_COLUMN, CaseTableModel
from borapp.ui.pages.cases.cases_page import CasesPage
from borapp.ui.widgets.status_chip import chip_colours
from tests.cases.test_case_services import add_case, bulk_cases
from tests.helpers.cases_page import page  # noqa: F401 - fixture
from tests.helpers.keyboard import retype
from tests.helpers.questions import answer_soon
from tests.helpers.sort_arrow import arrow_points_down, click_header

TODAY = dt.date.today()


@pytest.fixture
def cases(workspace):
    with workspace.session() as session:
        from borapp.models import Coordinator, Volunteer

        session.add(Coordinator(name="Bert Coördinator"))
        session.add(Volunteer(name="Vera Vrijwilliger"))
    return {
        "intake": add_case(workspace, "BOR-2025-001", resident="Petra Jansen", status="intake",
                           coordinator_id=workspace.coordinator_id, municipality="Alkmaar",
                           registered_on=dt.date(2025, 1, 10)),
        "matching": add_case(workspace, "BOR-2025-002", resident="Ilse de Groot",
                             children=(("Noor de Groot", dt.date(2020, 3, 3)),), status="matching",
                             registered_on=dt.date(2025, 2, 10)),
        "secret": add_case(workspace, "BOR-2025-003", resident="Anouk Smit", status="visits", confidential=True,
                           registered_on=dt.date(2025, 3, 10), volunteer="Vera Vrijwilliger"),
    }


def model_of(page) -> CaseTableModel:
    return page.list_panel.model


def shown_refs(page) -> list[str]:
    model = model_of(page)
    return [model.row(r).ref for r in range(model.rowCount())]


# ---- the list -------------------------------------------------------------------------------------------------------

def test_list_shows_rows_with_status_chip_colours(page, cases):
    page.refresh()
    model = model_of(page)
    assert model.rowCount() == 3 and page.list_panel.stack.currentIndex() == 0
    assert shown_refs(page) == ["BOR-2025-003", "BOR-2025-002", "BOR-2025-001"]  # newest registration first
    status = model.index(2, STATUS_COLUMN)
    assert status.data() == "Intake"
    background, foreground = chip_colours("intake")
    assert status.data(Qt.ItemDataRole.BackgroundRole) == background
    assert status.data(Qt.ItemDataRole.ForegroundRole) == foreground
    children = model.index(1, KEYS.index("children")).data()
    assert children.startswith("Noor (")
    assert "3" in page.list_panel.count_label.text()


def test_table_model_passes_the_model_tester(qtmodeltester, workspace):
    bulk_cases(workspace, 450)
    model = CaseTableModel(workspace, page_size=200)
    model.set_filter(CaseFilter(sort="ref", descending=False))
    assert model.rowCount() == 200 and model.canFetchMore()
    qtmodeltester.check(model)
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    qtmodeltester.check(model)
    model.sort(KEYS.index("ref"), Qt.SortOrder.DescendingOrder)
    assert model.row(0).ref == "BULK-00449" and model.rowCount() == 200


def test_typing_in_search_filters_after_a_pause(qtbot, page, cases):
    page.refresh()
    qtbot.keyClicks(page.list_panel.search, "noor")
    qtbot.waitUntil(lambda: shown_refs(page) == ["BOR-2025-002"])
    page.list_panel.search.setText("Petra BOR")
    qtbot.waitUntil(lambda: shown_refs(page) == ["BOR-2025-001"])


def test_return_in_the_search_box_searches_at_once(qtbot, page, cases):
    """Typing waits for a pause (the debounce); Return does not wait: the rows are there before any timer runs,
    and the first of them is chosen, so a second Return opens it."""
    page.refresh()
    search = page.list_panel.search
    retype(search, "noor")
    assert len(shown_refs(page)) == 3, "typing searched at once: the debounce is gone"
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert shown_refs(page) == ["BOR-2025-002"]  # no wait, no processEvents: searched on the key itself
    assert not page.list_panel._search_timer.isActive()
    assert page.list_panel.selected_case_id() == model_of(page).row(0).id


def test_filters_narrow_the_list(page, cases):
    page.refresh()
    panel = page.list_panel
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("matching"))
    assert shown_refs(page) == ["BOR-2025-002"]
    panel.clear_filters()
    panel.mine_check.setChecked(True)
    assert shown_refs(page) == ["BOR-2025-001"]
    panel.mine_check.setChecked(False)
    panel.year_combo.setCurrentIndex(panel.year_combo.findData(2025))
    assert len(shown_refs(page)) == 3


def test_clicking_a_header_sorts_through_the_service(qtbot, page, cases):
    page.refresh()
    header = page.list_panel.table.horizontalHeader()
    column = KEYS.index("parents")

    def click():
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

    click()
    assert model_of(page).filter.sort == "parents"
    first = shown_refs(page)
    ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    by_name = ["BOR-2025-003", "BOR-2025-002", "BOR-2025-001"]  # Anouk, Ilse, Petra
    assert first == (by_name if ascending else by_name[::-1])
    click()
    assert shown_refs(page) == first[::-1]


def test_empty_states(page, workspace):
    page.refresh()
    assert page.list_panel.stack.currentIndex() == 1
    assert page.list_panel.empty_label.text() == _("No cases yet. Start an intake or import a spreadsheet.")
    assert not page.list_panel.empty_clear.isVisible()
    add_case(workspace, "BOR-2025-009")
    page.list_panel.search.setText("nergens")
    page.list_panel.apply_filter()
    assert page.list_panel.empty_label.text() == _("No cases match this search or these filters.")
    page.list_panel.empty_clear.click()
    assert shown_refs(page) == ["BOR-2025-009"]


def test_ten_thousand_cases_open_scroll_and_search(qtbot, page, workspace):
    bulk_cases(workspace, 10_000)
    page.refresh()
    model = model_of(page)
    assert model.total == 10_000 and model.rowCount() == 200
    page.list_panel.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() >= 400)
    page.list_panel.search.setText("Kind4321")
    qtbot.waitUntil(lambda: shown_refs(page) == ["BULK-04321"])
    page.list_panel.search.setText("bulk")
    qtbot.waitUntil(lambda: model.total == 10_000)


# ---- the case file --------------------------------------------------------------------------------------------------

def test_opening_a_case_from_the_list(qtbot, page, cases):
    page.refresh()
    table = page.list_panel.table
    table.setCurrentIndex(model_of(page).index(1, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)  # Enter opens the chosen case, as a double-click does
    assert page.showing_case_file()
    header = page.case_file.header
    assert "BOR-2025-002" in header.title.text()
    assert header.chip.text() == "Koppelen"
    assert header.values["children"].text().startswith("Noor (")
    assert header.next_button.isVisible() and header.next_button.text() == _("Match a volunteer") + "…"
    tabs = page.case_file.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        _("Family"), _("Referral"), _("Agreements"), _("Visits"), _("Evaluations"), _("Hours"), _("Letters"),
        _("Attachments"), _("Timeline")]
    header.back_button.click()
    assert not page.showing_case_file()


def test_the_header_of_a_closed_case_says_how_long_it_ran_not_how_long_since_registration(qtbot, page, workspace):
    """A case closed in 2017 showed "3.478 dagen" since its registration, and counted on every day."""
    from borapp.services.cases import actions

    case_id = add_case(workspace, "BOR-2017-001", resident="Petra Jansen", status="closing",
                       registered_on=dt.date(2017, 1, 10))
    actions.change_status(workspace, case_id, "closed", dt.date(2017, 3, 1), outcome="successful")
    page.open_case_file(case_id)
    header = page.case_file.header
    assert (header.captions["registered"].text(), header.values["registered"].text()) == ("Looptijd", "50 dagen")
    assert header.values["volunteer"].text() == "niemand"  # closed without a match: not "nog niet" (a walk)
    page.open_case_file(add_case(workspace, "BOR-2026-002", resident="Ilse de Groot", status="intake",
                            registered_on=TODAY - dt.timedelta(days=3)))
    assert (header.captions["registered"].text(), header.values["registered"].text()) == ("Sinds aanmelding",
                                                                                          "3 dagen")
    assert header.values["volunteer"].text() == "nog niet"


def test_draw_up_contract_in_the_header_opens_the_contract_and_the_status_follows(qtbot, page, workspace, cases):
    page.open_case_file(cases["intake"])
    header = page.case_file.header
    assert header.next_button.text() == _("Draw up contract")
    header.next_button.click()
    agreements = page.case_file.tab("agreements")
    assert page.case_file.tabs.currentWidget() is agreements and page.case_file.dialog is None
    panel = agreements.contract
    assert panel.draw_up.hasFocus() and "Controleer de afspraken hieronder" in panel.message.text()
    assert case_file_service.load_case(workspace, cases["intake"], record_open=False).status == "intake"  # not yet
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(panel.draw_up, Qt.MouseButton.LeftButton)
    assert case_file_service.load_case(workspace, cases["intake"], record_open=False).status == "contract"
    assert header.chip.text() == "BOR-overeenkomst"
    assert header.next_button.text() == _("Match a volunteer") + "…"
    # newest first, and within the day the step below what came of it (a closing letter stood below its closing)
    assert [e.title for e in page.case_file.facts.timeline[:2]] == ["BOR-overeenkomst versie 1 opgesteld",
                                                                    "BOR-overeenkomst"]


def test_the_status_dialog_offers_no_step_that_is_work(page, cases):
    page.open_case_file(cases["intake"])
    menu = page.case_file.header.more_menu
    next(a for a in menu.actions() if a.text() == _("Stop early (intake phase)")).trigger()
    dialog = page.case_file.dialog
    offered = [dialog.step.itemData(i).to for i in range(dialog.step.count())]
    assert offered == ["closed"]  # not "contract": drawing up the contract moves the case there
    dialog.reject()


def test_a_refused_step_shows_why_in_the_dialog_and_keeps_the_input(page, workspace, cases):
    page.open_case_file(cases["matching"])  # no volunteer yet
    menu = page.case_file.header.more_menu
    next(a for a in menu.actions() if a.text() == _("Stop early (intake phase)")).trigger()
    dialog = page.case_file.dialog
    dialog.reason.setCurrentIndex(dialog.reason.findData("other"))
    dialog.ok_button.click()  # "other" needs a note
    assert dialog.isVisible() and dialog.message.isVisible() and "toelichting" in dialog.message.text()
    assert dialog.reason.currentData() == "other"
    assert case_file_service.load_case(workspace, cases["matching"], record_open=False).status == "matching"
    dialog.reject()


def test_closing_early_from_the_more_menu_asks_for_a_reason(qtbot, page, workspace, cases):
    page.open_case_file(cases["intake"])
    menu = page.case_file.header.more_menu
    early = next(a for a in menu.actions() if a.text() == _("Stop early (intake phase)"))
    early.trigger()
    dialog = page.case_file.dialog
    assert dialog.chosen().to == "closed" and dialog.outcome.currentData() == "stopped_at_intake"
    assert dialog.reason.isVisible()
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.message.text()
    dialog.reason.setCurrentIndex(dialog.reason.findData("parents_reconciled"))
    with qtbot.waitSignal(page.changed):
        dialog.ok_button.click()
    facts = case_file_service.load_case(workspace, cases["intake"], record_open=False)
    assert (facts.status, facts.outcome, facts.next_step) == ("closed", "stopped_at_intake", None)
    assert not page.case_file.header.next_button.isVisible()
    assert page.case_file.header.outcome.text() == outcome_label("stopped_at_intake")


def test_hand_over_from_the_more_menu(qtbot, page, workspace, cases):
    page.open_case_file(cases["intake"])
    menu = page.case_file.header.more_menu
    next(a for a in menu.actions() if a.text() == _("Hand over to another coordinator")).trigger()
    dialog = page.case_file.dialog
    assert dialog.coordinator.currentText() == "Bert Coördinator"
    dialog.note.setPlainText("Ik ben met verlof.")
    with qtbot.waitSignal(page.changed):
        dialog.ok_button.click()
    assert page.case_file.header.values["coordinator"].text() == "Bert Coördinator"
    assert page.case_file.facts.timeline[0].kind == "handover"


def test_a_confidential_address_is_masked_until_show(page, workspace, cases):
    page.open_case_file(cases["secret"])
    form = page.case_file.tab("family").parent_forms["resident"]
    assert form.masked and form.masked_row.isVisible()
    assert not form.address.isVisible() and form.address.text() == ""
    assert not form.confidential.isEnabled() and form.confidential.toolTip()
    assert _reveals(workspace) == 0
    form.show_button.click()
    assert _reveals(workspace) == 1
    assert form.address.isVisible() and form.address.text() == "Dorpsstraat 1"
    assert form.postcode.text() == "1234 AB" and not form.masked_row.isVisible()
    assert not page.case_file.tab("family").is_dirty()  # showing is not editing
    page.show_list()
    page.open_case_file(cases["secret"])  # opened again: masked again
    assert form.masked and form.address.text() == ""


def test_a_confidential_address_typed_over_after_show_is_saved_without_a_question(qtbot, page, workspace, cases,
                                                                                monkeypatch):
    """Saving read the case again with the address masked, so the typed street looked changed by a colleague
    meanwhile ("now '', yours 'Kerkplein 4'") and "No" lost it (found by a walk)."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail(f"asked: {a[2]}"))
    page.open_case_file(cases["secret"])
    tab = page.case_file.tab("family")
    form = tab.parent_forms["resident"]
    qtbot.mouseClick(form.show_button, Qt.MouseButton.LeftButton)
    form.address.selectAll()
    QTest.keyClicks(form.address, "Kerkplein 4")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)  # as she saves
    from borapp.services.cases.editing import reveal_address
    assert reveal_address(workspace, cases["secret"], "resident") == "Kerkplein 4, 1234 AB Alkmaar"
    assert form.masked and form.address.text() == "", "saved: masked again"


def test_a_shown_confidential_address_can_be_hidden_again(qtbot, page, workspace, cases, monkeypatch):
    """At a kitchen table the other parent may sit down beside her: "Hide" puts the address behind •••• again, no
    trace of it left in the form; a street typed over it before hiding is still saved."""
    page.open_case_file(cases["secret"])
    tab = page.case_file.tab("family")
    form = tab.parent_forms["resident"]
    assert not form.hide_button.isVisible()
    qtbot.mouseClick(form.show_button, Qt.MouseButton.LeftButton)
    assert form.hide_button.isVisible() and form.address.text() == "Dorpsstraat 1"
    qtbot.mouseClick(form.hide_button, Qt.MouseButton.LeftButton)
    assert form.masked and form.masked_row.isVisible() and not form.hide_button.isVisible()
    assert not form.address.isVisible()
    assert "Dorpsstraat" not in " ".join(w.text() for w in tab.findChildren(QLineEdit))
    assert not tab.is_dirty()
    qtbot.mouseClick(form.show_button, Qt.MouseButton.LeftButton)
    form.address.selectAll()
    QTest.keyClicks(form.address, "Kerkplein 4")
    qtbot.mouseClick(form.hide_button, Qt.MouseButton.LeftButton)
    assert form.masked and tab.is_dirty()
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail(f"asked: {a[2]}"))
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)  # as she saves
    from borapp.services.cases.editing import reveal_address
    assert reveal_address(workspace, cases["secret"], "resident").startswith("Kerkplein 4")


def _reveals(workspace) -> int:
    from sqlalchemy import func, select

    from borapp.models import AuditEvent

    with workspace.session() as session:
        return session.scalar(select(func.count()).where(AuditEvent.action == "reveal_address"))


def test_saving_a_masked_address_keeps_it(page, workspace, cases):
    page.open_case_file(cases["secret"])
    family = page.case_file.tab("family")
    family.parent_forms["resident"].phone.setText("06-11112222")
    assert family.save()
    from borapp.services.cases.editing import reveal_address

    assert reveal_address(workspace, cases["secret"], "resident") == "Dorpsstraat 1, 1234 AB Alkmaar"


def test_editing_family_shows_messages_under_fields_and_saves(page, workspace, cases):
    page.open_case_file(cases["intake"])
    family = page.case_file.tab("family")
    form = family.parent_forms["resident"]
    assert not family.save_button.isEnabled() and family.state_label.text() == _("No changes to save.")
    form.email.setText("petra@")
    form.name.setText("Petra Jansen-de Vries")
    assert family.save_button.isEnabled() and family.state_label.text() == _("Unsaved changes.")
    family.save_button.click()
    message = family.messages["resident.email"]
    assert message.isVisible() and message.text() == _("Not an e-mail address (name@example.nl).")
    assert form.name.text() == "Petra Jansen-de Vries" and form.email.text() == "petra@"  # nothing lost
    form.email.setText("petra@example.nl")
    family.children.add_button.click()
    family.children.rows[-1].name.setText("Daan Jansen")
    family.children.rows[-1].birth.set_value(dt.date(TODAY.year - 13, 1, 1))
    assert "12" in family.children.rows[-1].message.text()  # a warning, not a block
    family.save_button.click()
    assert not message.isVisible() and family.state_label.text() == _("Saved.")
    facts = case_file_service.load_case(workspace, cases["intake"], record_open=False)
    assert facts.parent("resident").name == "Petra Jansen-de Vries"
    assert [c.name for c in facts.children] == ["Daan Jansen", "Sanne Jansen"]  # eldest first
    assert page.case_file.header.values["children"].text().startswith("Daan (13)")
    assert listing.list_cases(workspace, CaseFilter(text="daan"))[0].id == cases["intake"]


def test_referral_and_agreements_save(page, workspace, cases):
    page.open_case_file(cases["intake"])
    referral = page.case_file.show_tab("referral")
    referral.referrer.setEditText("Wijkteam Noord")
    referral.fields["referrer_email"].setText("wijkteam@example.nl")
    referral.fields["court_frequency"].setText("1x per 2 weken")
    assert referral.save()
    agreements = page.case_file.show_tab("agreements")
    agreements.fields["visit_place"].setText("Speelhuis De Kikker")
    agreements.fields["staggered_arrival"].setChecked(True)
    assert agreements.save()
    facts = case_file_service.load_case(workspace, cases["intake"], record_open=False)
    assert facts.referral.referrer_name == "Wijkteam Noord" and facts.referral.court_frequency == "1x per 2 weken"
    assert facts.agreements.visit_place == "Speelhuis De Kikker" and facts.agreements.staggered_arrival
    assert agreements.contract_label.text() == _("Contract: not drawn up yet. The agreements below go into it.")


def test_an_unreadable_date_alone_is_an_unsaved_change_not_nothing_to_save(qtbot, page, cases):
    """31-11-2026 typed into the court's decision date showed its error beside "Geen wijzigingen om op te slaan.",
    with Save and Undo greyed out."""
    page.open_case_file(cases["intake"])
    referral = page.case_file.show_tab("referral")
    field = referral.fields["court_decision_on"]
    qtbot.mouseClick(field.edit, Qt.MouseButton.LeftButton)
    QTest.keyClicks(field.edit, "31-11-2026")
    QTest.keyClick(field.edit, Qt.Key.Key_Tab)
    assert field.message.text() and referral.state_label.text() == "Niet-opgeslagen wijzigingen."
    assert referral.revert_button.isEnabled() and referral.save_button.isEnabled()


def test_timeline_lists_the_steps_and_notes_save(page, workspace, cases):
    page.open_case_file(cases["intake"])
    timeline = page.case_file.show_tab("timeline")
    assert timeline.tree.topLevelItemCount() == 1
    timeline.fields["notes"].setPlainText("Belt liever na 17 uur.")
    assert timeline.save()
    assert case_file_service.load_case(workspace, cases["intake"], record_open=False).notes == "Belt liever na 17 uur."


def test_a_baby_typed_in_the_family_tab_is_so_many_months_as_in_the_header(qtbot, page, workspace, cases):
    """Beside the birth date the age in words: a child of ten months was "0 jaar" there, "10 mnd" in the header."""
    page.open_case_file(cases["intake"])
    family = page.case_file.tab("family")
    qtbot.mouseClick(family.children.add_button, Qt.MouseButton.LeftButton)
    row = family.children.rows[-1]
    qtbot.mouseClick(row.name, Qt.MouseButton.LeftButton)
    QTest.keyClicks(row.name, "Lotte Jansen")
    born = TODAY - dt.timedelta(days=310)
    qtbot.mouseClick(row.birth.edit, Qt.MouseButton.LeftButton)
    QTest.keyClicks(row.birth.edit, f"{born.day}-{born.month}-{born.year}")
    QTest.keyClick(row.birth.edit, Qt.Key.Key_Tab)
    months = (TODAY.year - born.year) * 12 + TODAY.month - born.month - (TODAY.day < born.day)
    assert row.age.text() == f"{months} maanden"
    assert family.children.rows[0].age.text().endswith(" jaar")
    qtbot.mouseClick(family.save_button, Qt.MouseButton.LeftButton)
    assert f"Lotte ({months} mnd)" in page.case_file.header.values["children"].text()


def test_the_family_tab_keeps_a_child_and_its_birth_date_as_the_intake_asks(qtbot, page, workspace, cases):
    """A birth date cleared, or every child removed, was saved ("Kinderen: niet vastgelegd")."""
    page.open_case_file(cases["intake"])
    family = page.case_file.tab("family")
    row = family.children.rows[0]
    qtbot.mouseClick(row.birth.edit, Qt.MouseButton.LeftButton)
    row.birth.edit.selectAll()
    QTest.keyClick(row.birth.edit, Qt.Key.Key_Delete)
    QTest.keyClick(row.birth.edit, Qt.Key.Key_Tab)
    qtbot.mouseClick(family.save_button, Qt.MouseButton.LeftButton)
    row = family.children.rows[0]
    assert row.message.text() == _("Enter the birth date; the age decides whether BOR fits.")
    assert row.birth.edit.text() == "" and row.name.text() == "Sanne Jansen"
    qtbot.mouseClick(row.remove, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(family.save_button, Qt.MouseButton.LeftButton)
    assert _("Add at least one child.") in family.state_label.text()
    assert [c.birth_date for c in case_file_service.load_case(workspace, cases["intake"]).children] == [
        dt.date(2019, 5, 1)]


def test_a_birth_date_that_cannot_be_read_leaves_no_age_and_keeps_the_row_on_its_line(qtbot, page, cases):
    """31-02-2026 typed over a birth date: "6 jaar" stayed beside it, and the name field dropped below the date."""
    page.open_case_file(cases["intake"])
    family = page.case_file.tab("family")
    row = family.children.rows[0]
    assert row.age.text().endswith(" jaar")
    name_top = row.name.mapTo(row, row.name.rect().topLeft()).y()
    qtbot.mouseClick(row.birth.edit, Qt.MouseButton.LeftButton)
    QTest.keyClick(row.birth.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(row.birth.edit, "31-02-2026")
    QTest.keyClick(row.birth.edit, Qt.Key.Key_Tab)
    row.birth.commit()  # what leaving the field does (offscreen, Tab does not always move the focus)
    assert row.birth.problem() and row.age.text() == ""
    assert family.save_button.isEnabled(), "a change, though unreadable: Save is there to say why"
    qtbot.waitUntil(lambda: row.birth.message.isVisible())
    assert row.name.mapTo(row, row.name.rect().topLeft()).y() == name_top, "the name stays on the date's line"
    assert row.birth.edit.mapTo(row, row.birth.edit.rect().topLeft()).y() == name_top


def test_a_birth_date_message_reads_as_lines_under_the_row_not_as_a_column_of_words(qtbot, page, cases):
    """The message under a child's birth date had the date's narrow column: three lines of a few words each."""
    page.open_case_file(cases["intake"])
    family = page.case_file.tab("family")
    row = family.children.rows[0]
    line = (row.name, row.birth, row.age, row.remove)
    before = [widget.geometry() for widget in line]
    qtbot.mouseClick(row.birth.edit, Qt.MouseButton.LeftButton)
    QTest.keyClick(row.birth.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(row.birth.edit, "32-13-2026")
    QTest.keyClick(row.birth.edit, Qt.Key.Key_Tab)
    row.birth.commit()  # what leaving the field does (offscreen, Tab does not always move the focus)
    message = row.birth.message
    qtbot.waitUntil(lambda: message.isVisible() and message.height() == message.heightForWidth(message.width()))
    assert message.width() >= 300, message.width()
    assert message.height() <= 2 * message.fontMetrics().lineSpacing(), message.height()
    assert message.mapTo(row, QPoint(0, 0)).x() == row.birth.mapTo(row, QPoint(0, 0)).x(), "under the date"
    assert [widget.geometry() for widget in line] == before, "the row does not move"


# ---- drafts ---------------------------------------------------------------------------------------------------------

def test_drafts_bring_typing_back_on_a_fresh_page(qtbot, page, workspace, cases):
    page.open_case_file(cases["intake"])
    family = page.case_file.tab("family")
    family.parent_forms["other"].name.setText("Karel Bakker-Ünal")
    family.children.rows[0].name.setText("Sanne Bakker")
    page.show_list()  # going back to the list keeps the typing
    saved = page.drafts()
    key = f"case/{cases['intake']}/family/form"
    assert list(saved) == [key]
    for k, payload in saved.items():  # as MainWindow.save_drafts does on lock
        drafts.save_draft(workspace, "ui/" + k, payload)
    page.clear()
    assert page.drafts() == {} and model_of(page).rowCount() == 0

    fresh = CasesPage(workspace)
    qtbot.addWidget(fresh)
    fresh.refresh()
    stored = {d.key[len("ui/"):]: d.payload for d in drafts.list_drafts(workspace, "ui/")}
    fresh.restore_drafts(stored)
    assert fresh.showing_case_file()
    restored = fresh.case_file.tab("family")
    assert restored.parent_forms["other"].name.text() == "Karel Bakker-Ünal"
    assert restored.children.rows[0].name.text() == "Sanne Bakker"
    assert restored.is_dirty() and restored.save_button.isEnabled()
    assert restored.state_label.text() == _("Unsaved changes, brought back after the vault was locked.")
    assert restored.save()
    assert drafts.load_draft(workspace, "ui/" + key) is None
    assert fresh.drafts() == {}


def test_opening_another_case_with_unsaved_typing_asks(page, cases, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    page.open_case_file(cases["intake"])
    page.case_file.tab("family").parent_forms["resident"].phone.setText("06-99999999")
    answer_soon(QMessageBox.StandardButton.Cancel)
    page.open_case_file(cases["matching"])
    assert page.case_file.case_id == cases["intake"] and page.drafts()
    answer_soon(QMessageBox.StandardButton.Discard)
    page.open_case_file(cases["matching"])
    assert page.case_file.case_id == cases["matching"] and page.drafts() == {}


# ---- lock, keyboard, accessibility, size ----------------------------------------------------------------------------

def test_clear_drops_everything_shown(page, cases):
    page.refresh()
    page.open_case_file(cases["secret"])
    page.clear()
    assert not page.showing_case_file() and model_of(page).rowCount() == 0
    assert page.case_file.facts is None and page.case_file.header.title.text() == ""
    family = page.case_file.tab("family")
    assert family.parent_forms["resident"].name.text() == "" and family.children.rows == []


def test_focus_search_leaves_the_case_file(page, cases):
    page.open_case_file(cases["intake"])
    page.focus_search()
    assert not page.showing_case_file()


def test_every_control_has_an_accessible_name(page, cases):
    page.refresh()
    page.open_case_file(cases["secret"])
    nameless = []
    for kind in (QLineEdit, QComboBox, QPlainTextEdit, QCheckBox, QAbstractButton):
        for widget in page.findChildren(kind):
            if isinstance(widget, QAbstractButton) and widget.text():
                continue
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
                continue  # the combo's or date field's own edit: its owner carries the name
            if widget.metaObject().className() in ("QtPrivate::QCalendarView", "QCalendarWidget"):
                continue
            if not widget.accessibleName() and widget.isVisibleTo(page):
                nameless.append(f"{type(widget).__name__} {widget.objectName()} {widget.toolTip()}")
    assert not nameless, nameless


def test_fits_1366_by_768_without_sideways_scrolling(page, cases):
    page.refresh()
    table = page.list_panel.table
    header = table.horizontalHeader()
    assert header.length() <= table.viewport().width()
    page.open_case_file(cases["secret"])
    for key in ("family", "referral", "agreements", "timeline"):
        tab = page.case_file.show_tab(key)
        scroll = tab.findChild(QScrollArea)
        assert scroll.widget().minimumSizeHint().width() <= scroll.viewport().width(), key


def test_every_tab_fits_1366_even_with_a_long_count_of_visits(qtbot, page, cases, workspace):
    """Visits cancelled by everyone make the count beside the visits' buttons long: it wraps instead of widening
    the window past a 1366-pixel screen (1459 pixels before)."""
    from borapp.services.visits import records
    from tests.visits.test_visit_services import T10, T12, cancelled

    start = dt.date(2025, 4, 1)
    ids = records.plan_series(workspace, cases["secret"], start, 8, 7, T10, T12)
    for n, who in enumerate(("resident", "other", "child", "volunteer", "coordinator", "external")):
        records.record_visit(workspace, cancelled(cases["secret"], ids[n], start + dt.timedelta(days=7 * n),
                                                  cancelled_by=who))
    page.open_case_file(cases["secret"])
    tabs = page.case_file.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        qtbot.wait(10)  # the tab's rows are loaded and laid out
        assert page.minimumSizeHint().width() <= 1366 - 176, tabs.tabText(index)
    counts = page.case_file.show_tab("visits").counts
    assert "6 afgezegd" in counts.text() and counts.isVisible()
    assert counts.height() >= counts.heightForWidth(counts.width()) > counts.fontMetrics().height()  # all of it


def test_typing_survives_a_lock_in_the_main_window(qtbot, vault, workspace, cases):
    """The real round trip: MainWindow keeps the typing as drafts on lock and the Cases page puts it back."""
    from borapp.services.vault.vault import Vault
    from borapp.services.vault.workspace import Workspace
    from borapp.ui.main_window import MainWindow
    from tests.conftest import PASSPHRASE

    window = MainWindow(vault.path)
    qtbot.addWidget(window)
    window.open_workspace(workspace)
    window.shell.open_case(cases["intake"])
    page = window.shell.pages["cases"]
    page.case_file.tab("family").parent_forms["resident"].phone.setText("06-55554444")
    window.lock()
    assert page.case_file.facts is None and page.drafts() == {}

    reopened = Vault.open(vault.path, PASSPHRASE)
    try:
        window.open_workspace(Workspace(reopened, workspace.coordinator))
        assert page.showing_case_file() and page.case_file.case_id == cases["intake"]
        family = page.case_file.tab("family")
        assert family.parent_forms["resident"].phone.text() == "06-55554444" and family.is_dirty()
        assert family.save()
        assert drafts.list_drafts(window.workspace, "ui/") == []
    finally:
        window.lock()


def test_ctrl_s_saves_the_tab_being_edited(qtbot, page, workspace, cases):
    page.open_case_file(cases["intake"])
    page.activateWindow()
    agreements = page.case_file.show_tab("agreements")
    place = agreements.fields["visit_place"]
    place.setFocus()
    qtbot.waitUntil(place.hasFocus)
    place.setText("Speelhuis De Kikker")
    qtbot.keyClick(place, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not agreements.is_dirty()
    assert case_file_service.load_case(workspace, cases["intake"], record_open=False).agreements.visit_place == (
        "Speelhuis De Kikker")


def test_a_number_of_visits_typed_in_words_is_said_not_cut_short(qtbot, page, workspace, cases):
    """The field kept two characters: "acht" was saved... as "ac", refused without the word typed (found by a walk)."""
    page.open_case_file(cases["intake"])
    agreements = page.case_file.show_tab("agreements")
    number = agreements.fields["agreed_visits"]
    number.setFocus()
    qtbot.keyClicks(number, "acht")
    qtbot.mouseClick(agreements.save_button, Qt.MouseButton.LeftButton)
    assert number.text() == "acht" and agreements.is_dirty()
    message = agreements.message_for("agreed_visits")
    assert message.isVisible() and message.text() == "Typ een aantal omgangsmomenten van 1 tot 30."
    number.selectAll()
    qtbot.keyClicks(number, "10")
    qtbot.mouseClick(agreements.save_button, Qt.MouseButton.LeftButton)
    assert not agreements.is_dirty()
    assert case_file_service.load_case(workspace, cases["intake"], record_open=False).agreements.agreed_visits == "10"


def test_the_note_of_a_closing_says_the_referrer_reads_it(qtbot, page, cases):
    """The step's note becomes the closing report's explanation (outcome_note): typed as an internal remark, it went
    to the referrer unannounced."""
    page.open_case_file(cases["intake"])
    next(a for a in page.case_file.header.more_menu.actions() if a.text() == _("Stop early (intake phase)")).trigger()
    dialog = page.case_file.dialog
    label = dialog.form.labelForField(dialog.note)
    assert label.text() == "Toelichting voor de verwijzer"
    assert dialog.note.placeholderText() == "Deze tekst staat in het eindverslag aan de verwijzer."
    dialog.reason.setFocus()
    while dialog.reason.currentData() != "other":
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Down)
    assert dialog.note.placeholderText() == ("Beschrijf de andere reden. Deze tekst staat in het eindverslag aan de "
                                             "verwijzer.")
    dialog.reject()
    page.open_case_file(cases["secret"])  # in visits: "Close the case" moves it to closing, and closes nothing yet
    next(a for a in page.case_file.header.more_menu.actions() if a.text() == _("Close the case")).trigger()
    dialog = page.case_file.dialog
    assert dialog.chosen().to == "closing"
    assert dialog.form.labelForField(dialog.note).text() == "Notitie" and dialog.note.placeholderText() == ""
    dialog.reject()


def _close_dialog(page, case_id):
    page.open_case_file(case_id)
    page.case_file.header.next_button.click()  # in closing, the next step is closing the case
    return page.case_file.dialog


def test_closing_asks_for_the_agreements_the_closing_report_shows(qtbot, page, workspace, cases):
    """The closing report's "Agreements made" reads the final evaluation, which nothing asked for: it stayed
    "______". Closing now asks, and keeps what is typed as the final evaluation."""
    from borapp.services.cases import editing, evaluations
    from borapp.services.documents.letters import render_letter

    case_id = cases["secret"]
    editing.change_status(workspace, case_id, "closing", TODAY)
    dialog = _close_dialog(page, case_id)
    assert dialog.chosen().to == "closed" and dialog.agreements.isVisible()
    assert dialog.form.labelForField(dialog.agreements).text() == "Gemaakte afspraken"
    assert dialog.agreements.placeholderText() == "Het eindverslag aan de verwijzer toont deze afspraken."
    dialog.outcome.setFocus()
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Down)
    assert dialog.outcome.currentData() == "stagnated" and dialog.agreements.isVisible()
    qtbot.keyClick(dialog.outcome, Qt.Key.Key_Up)
    assert dialog.outcome.currentData() == "successful"
    QTest.keyClicks(dialog.agreements, "Omgang om de week bij vader thuis, zonder begeleiding.")
    with qtbot.waitSignal(page.changed):
        dialog.ok_button.click()
    assert case_file_service.load_case(workspace, case_id, record_open=False).status == "closed"
    final = [e for e in evaluations.list_evaluations(workspace, case_id) if e.kind == "final"]
    assert len(final) == 1 and final[0].held_on == TODAY and final[0].participants == "", "no meeting made up"
    timeline = case_file_service.load_case(workspace, case_id, record_open=False).timeline
    assert "Afspraken vastgelegd bij het afsluiten" in [e.title for e in timeline]
    assert "Eindevaluatie gehouden" not in [e.title for e in timeline]
    page.open_case_file(cases["intake"])  # stopped at intake: nothing was agreed, and the report says "none"
    next(a for a in page.case_file.header.more_menu.actions() if a.text() == _("Stop early (intake phase)")).trigger()
    assert page.case_file.dialog.outcome.currentData() == "stopped_at_intake"
    assert not page.case_file.dialog.agreements.isVisible()
    page.case_file.dialog.reject()
    letter = render_letter(workspace, case_id, "closing")
    assert "Omgang om de week bij vader thuis, zonder begeleiding." in letter.body
    assert "De afspraken bij de afronding" not in letter.missing


def test_closing_shows_the_final_evaluations_agreements_and_changes_them_there(qtbot, page, workspace, cases):
    from borapp.services.cases import editing, evaluations
    from borapp.services.cases.evaluations import EvaluationInput

    case_id = cases["secret"]
    evaluations.save_evaluation(workspace, EvaluationInput(case_id, TODAY, "final", "Anouk Smit, Vera",
                                                           "Telefonisch contact op zondag."))
    editing.change_status(workspace, case_id, "closing", TODAY)
    dialog = _close_dialog(page, case_id)
    assert dialog.agreements.toPlainText() == "Telefonisch contact op zondag."
    dialog.agreements.setFocus()
    qtbot.keyClick(dialog.agreements, Qt.Key.Key_End)
    QTest.keyClicks(dialog.agreements, " En een bezoek per maand.")
    with qtbot.waitSignal(page.changed):
        dialog.ok_button.click()
    final = [e for e in evaluations.list_evaluations(workspace, case_id) if e.kind == "final"]
    assert [(e.agreements, e.participants) for e in final] == [
        ("Telefonisch contact op zondag. En een bezoek per maand.", "Anouk Smit, Vera")]


def test_a_visit_held_waits_for_a_volunteer_and_the_first_one_starts_the_visits(qtbot, page, workspace, cases):
    """In intake, a visit could be recorded as held with nobody to supervise it. Now the editor says why not, and
    once a volunteer is matched the first visit held moves the case to visits, header and all."""
    from borapp.services.visits import records

    for key in ("intake", "matching"):
        records.plan_series(workspace, cases[key], TODAY - dt.timedelta(days=3), 2, 7, dt.time(10), dt.time(12))
    page.open_case_file(cases["intake"])
    file = page.case_file
    file.tabs.setCurrentWidget(file.case_tabs["visits"])
    tab = file.case_tabs["visits"]
    tab.table.selectRow(0)
    tab.record_button.click()
    assert tab.editor.current_state() == "held"
    tab.editor.save_button.click()
    assert tab.editor.isVisible() and "nog op 'Intake'" in tab.editor.message_for("state").text()
    assert [v.state for v in records.list_visits(workspace, cases["intake"])] == ["planned", "planned"]
    tab.editor.close_button.click()
    with workspace.session() as session:
        from borapp.models import Case, Volunteer
        from sqlalchemy import select
        session.get(Case, cases["matching"]).volunteer = session.scalar(select(Volunteer))
    page.open_case_file(cases["matching"])
    file.tabs.setCurrentWidget(file.case_tabs["visits"])
    tab.table.selectRow(0)
    tab.record_button.click()
    with qtbot.waitSignal(tab.changed):
        tab.editor.save_button.click()
    assert file.header.chip.text() == "Omgangsmomenten"
    assert case_file_service.load_case(workspace, cases["matching"], record_open=False).status == "visits"


def test_a_new_letter_from_the_case_file_offers_the_letter_the_case_is_due(qtbot, page, workspace, cases):
    """From the Letters tab, "New letter…" offered the intake letter for a case at its midway evaluation."""
    from borapp.services.cases import evaluations
    from borapp.services.cases.evaluations import EvaluationInput
    from borapp.services.outbox import letters as outbox_letters

    case_id = cases["secret"]  # in visits, no letter yet: the visits started is the latest moment untold
    page.open_case_file(case_id)
    file = page.case_file
    file.tabs.setCurrentWidget(file.case_tabs["letters"])
    file.case_tabs["letters"].new_button.click()
    assert file.dialog.kind.currentData() == "start" and file.dialog.case_ref.text() == "BOR-2025-003"
    file.dialog.reject()
    evaluations.save_evaluation(workspace, EvaluationInput(case_id, TODAY, "midway", "Anouk Smit, Vera"))
    page.open_case_file(case_id)
    file.case_tabs["letters"].new_button.click()
    assert file.dialog.kind.currentData() == "evaluation"
    file.dialog.reject()
    outbox_letters.create_letter(workspace, case_id, "evaluation", state="draft")
    page.open_case_file(case_id)
    file.case_tabs["letters"].new_button.click()
    assert file.dialog.kind.currentData() == "start", "told the evaluation: the start is still untold"
    file.dialog.reject()


def test_a_case_stopped_at_intake_is_offered_no_letter_about_visits(qtbot, page, workspace, cases):
    from borapp.services.cases import editing
    from borapp.services.outbox import letters as outbox_letters

    case_id = cases["intake"]
    editing.change_status(workspace, case_id, "closed", TODAY, outcome="stopped_at_intake",
                          reason="parents_reconciled")
    outbox_letters.create_letter(workspace, case_id, "intake", state="draft")
    outbox_letters.create_letter(workspace, case_id, "closing", state="draft")
    page.open_case_file(case_id)
    page.case_file.case_tabs["letters"].new_button.click()
    assert page.case_file.dialog.kind.currentData() == "closing", "told all it reached: the latest, not a midway"
    page.case_file.dialog.reject()


def test_the_sort_arrow_points_the_way_the_list_runs(qtbot, page, cases):
    """Newest first showed ▲ on "Aangemeld" (Qt gives the style descending as "sort up", drawn ▲ by Fusion)."""
    page.refresh()
    header = page.list_panel.table.horizontalHeader()
    column = KEYS.index("registered_on")
    assert shown_refs(page)[0] == "BOR-2025-003" and arrow_points_down(header, column)  # newest first: ▼
    click_header(qtbot, header, column)
    assert shown_refs(page)[0] == "BOR-2025-001" and not arrow_points_down(header, column)  # oldest first: ▲


def test_case_numbers_sort_by_year_then_number_on_a_header_click(qtbot, page, workspace):
    """As text, BOR-2021-1000 stood between BOR-2021-100 and BOR-2021-101."""
    for ref in ("BOR-2021-1000", "BOR-2021-101", "BOR-2022-7", "BOR-2021-99", "BOR-2021-100"):
        add_case(workspace, ref)
    page.refresh()
    table = page.list_panel.table
    header, column = table.horizontalHeader(), KEYS.index("ref")

    def shown() -> list[str]:
        return [table.model().index(r, column).data() for r in range(table.model().rowCount())]

    natural = ["BOR-2021-99", "BOR-2021-100", "BOR-2021-101", "BOR-2021-1000", "BOR-2022-7"]
    click_header(qtbot, header, column)
    if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
        click_header(qtbot, header, column)  # the first click may take the other way: the second gives A–Z
    assert shown() == natural and not arrow_points_down(header, column)  # smallest first: ▲
    click_header(qtbot, header, column)
    assert shown() == natural[::-1] and arrow_points_down(header, column)  # largest first: ▼
