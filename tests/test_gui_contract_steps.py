"""Clicking as a coordinator would: a signed contract version stays as signed while matching makes version 2, the
volunteer signs only once matched, the timeline lists versions and signatures, the court decision typed in the intake
is in the agreements, the volunteer form says what matching needs, and a wizard with nobody to match says what to
do instead of only offering to close the case."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWizard

from borapp.i18n import _
from borapp.models import Municipality, MunicipalityFunding, Volunteer
from borapp.services.cases import case_file as case_file_service
from borapp.services.cases.editing import AgreementsInput, save_agreements
from borapp.services.documents import contract_versions
from borapp.services.documents.contract import render_contract
from borapp.ui.pages.cases.case_file import contract_panel
from borapp.ui.pages.cases.case_file.contract_panel import SignatureDialog
from borapp.ui.pages.volunteers.volunteers_page import VolunteersPage
from borapp.ui.wizards.intake.screenshots import fill_page
from borapp.ui.wizards.matching import MatchingWizard
from tests.helpers.cases_page import page  # noqa: F401 - fixture
from tests.helpers.documents_support import AGREEMENTS, all_text
from tests.helpers.questions import answer_soon
from tests.matching.test_matching import add_matching_case, add_volunteer

TODAY = dt.date.today()


def sign(qtbot, monkeypatch, panel, role: str, seen: dict | None = None) -> None:
    """Record signature…: choose the party (its known name is offered) and press OK."""

    def as_a_person(dialog):
        if seen is not None:
            seen["roles"] = [dialog.role.itemData(i) for i in range(dialog.role.count())]
            seen["later"] = dialog.later.isVisibleTo(dialog) and dialog.later.text()
        dialog.role.setCurrentIndex(dialog.role.findData(role))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SignatureDialog, "exec", as_a_person)
    qtbot.mouseClick(panel.sign, Qt.MouseButton.LeftButton)


def previewed(monkeypatch, panel, index: int) -> bytes:
    """Choose a version in the list and press Preview…; the bytes the preview shows."""
    shown = []
    monkeypatch.setattr(contract_panel, "PreviewDialog", lambda data, *a, **k: shown.append(data) or _Quiet())
    panel.version.setCurrentIndex(index)
    panel.preview.click()
    return shown[0]


class _Quiet:
    def open(self):
        pass


def test_matching_after_signing_makes_version_2_and_version_1_stays_as_signed(qtbot, page, workspace, monkeypatch):
    add_volunteer(workspace, "Anke Best")
    case_id = add_matching_case(workspace, "BOR-2026-400", status="intake")
    save_agreements(workspace, case_id, AgreementsInput(**AGREEMENTS))
    page.open_case_file(case_id)
    page.case_file.header.next_button.click()  # Draw up contract: opens the contract
    panel = page.case_file.tab("agreements").contract
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(panel.draw_up, Qt.MouseButton.LeftButton)

    seen: dict = {}
    for role in ("resident", "other", "coordinator"):
        sign(qtbot, monkeypatch, panel, role, seen if role == "resident" else None)
    assert seen["roles"] == ["resident", "other", "coordinator"]  # version 1 names no volunteer
    assert seen["later"] == _("No volunteer is matched yet: the volunteer signs the version of the contract that "
                              "names them, once matched.")
    label = page.case_file.tab("agreements").contract_label.text()
    assert _("Signed by everyone.") in label  # every party version 1 names
    signed_v1 = render_contract(workspace, case_id).pdf

    page.case_file.header.next_button.click()  # Match a volunteer…
    wizard = page.case_file.dialog
    wizard.candidates.eligible_table.selectRow(0)
    wizard.button(QWizard.WizardButton.NextButton).click()
    assert "Anke Best" in wizard.confirm.next_steps.text() and "nieuwe versie" in wizard.confirm.next_steps.text()
    with qtbot.waitSignal(page.changed):
        wizard.button(QWizard.WizardButton.FinishButton).click()

    newest, old = contract_versions.signature_status(workspace, case_id)
    assert (newest.contract.version, newest.contract.signatures) == (2, ())
    assert newest.contract.unsigned_roles == ("resident", "other", "coordinator", "volunteer")
    tab = page.case_file.tab("agreements")
    assert "versie 2" in tab.contract_label.text() and "Vrijwilliger" in tab.contract_label.text()
    versions = [panel.version.itemText(i) for i in range(panel.version.count())]
    assert versions == ["Versie 2", "Versie 1, door iedereen ondertekend"]
    kept = previewed(monkeypatch, panel, 1)
    assert kept == signed_v1 and "Anke Best" not in all_text(kept)
    assert "Anke Best" in all_text(previewed(monkeypatch, panel, 0))

    sign(qtbot, monkeypatch, panel, "volunteer", seen)  # now the volunteer is a party and signs version 2
    assert "volunteer" in seen["roles"] and not seen["later"]
    assert [s.role for s in contract_versions.current_contract(workspace, case_id).signatures] == ["volunteer"]

    timeline = page.case_file.tab("timeline").tree
    rows = [(timeline.topLevelItem(i).text(1), timeline.topLevelItem(i).text(2))
            for i in range(timeline.topLevelItemCount())]
    for row in (("BOR-overeenkomst versie 2 ondertekend", "Vrijwilliger: Anke Best"),
                ("BOR-overeenkomst versie 1 door iedereen ondertekend", ""),
                ("BOR-overeenkomst versie 1 ondertekend", "Verzorgende ouder: Petra Jansen"),
                ("BOR-overeenkomst versie 1 ondertekend", "Coördinator: Test Coördinator")):
        assert row in rows, rows
    drawn = [detail for title, detail in rows if title in ("BOR-overeenkomst versie 2 opgesteld",
                                                            "BOR-overeenkomst versie 1 opgesteld")]
    assert drawn == ["Te ondertekenen door: Verzorgende ouder, Uitwonende ouder, Coördinator, Vrijwilliger",
                     "Te ondertekenen door: Verzorgende ouder, Uitwonende ouder, Coördinator"]


def test_a_volunteer_signature_before_matching_is_refused_with_the_reason(qtbot, page, workspace):
    case_id = add_matching_case(workspace, "BOR-2026-401", status="contract")
    contract_versions.new_version_if_changed(workspace, case_id)
    contract = contract_versions.current_contract(workspace, case_id)
    from borapp.services.documents.contract_signing import record_signature

    dialog = SignatureDialog(contract, page, names={}, save=lambda role, name, on: record_signature(
        workspace, contract.id, "volunteer", name, on))
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.name, "Iemand")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert dialog.problem.text() == _("No volunteer is matched to this case yet. The volunteer signs once matched, "
                                      "on the version of the contract that names them.")
    answer_soon(QMessageBox.StandardButton.Discard)  # typed: Cancel asks first
    dialog.reject()


def test_the_court_decision_typed_in_the_intake_is_in_the_agreements(qtbot, page, workspace):
    with workspace.session() as session:
        place = Municipality(name="Voorbeeldstad", region="Kop")
        place.fundings.append(MunicipalityFunding(year=TODAY.year, funding="purchased"))
        session.add(place)
    page.refresh()
    page.list_panel.new_intake_button.click()
    wizard = page.intake.wizard
    while wizard.currentId() < 10:
        number = wizard.currentId()
        if number == 7:  # the court page, typed
            court = wizard.currentPage()
            court.decided_on.set_value(TODAY - dt.timedelta(days=30))
            QTest.keyClicks(court.frequency, "Eens per twee weken, twee uur")
            QTest.keyClicks(court.buildup, "Na drie keer alleen bij de overdracht")
        else:
            fill_page(wizard, number)
        wizard.next()
    with qtbot.waitSignal(page.changed):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    tab = page.case_file.show_tab("agreements")
    assert tab.fields["visit_frequency"].text() == "Eens per twee weken, twee uur"
    assert tab.fields["buildup"].toPlainText() == "Na drie keer alleen bij de overdracht"
    text = all_text(render_contract(workspace, page.case_file.case_id).pdf)
    assert text.count("Eens per twee weken, twee uur") == 2  # the court's line and the agreement
    assert "Na drie keer alleen bij de overdracht" in text


def test_the_volunteer_form_says_what_matching_needs(qtbot, workspace):
    with workspace.session() as session:
        volunteer = Volunteer(name="Nina Nieuw", region="Kop", vog_date=TODAY - dt.timedelta(days=30))
        session.add(volunteer)
        session.flush()
        volunteer_id = volunteer.id
    page = VolunteersPage(workspace)
    qtbot.addWidget(page)
    page.resize(1190, 740)
    page.show()
    page.refresh()
    page.open_volunteer_profile(volunteer_id)
    editor = page.editor
    needs = editor.matching.text()
    assert "Nog niet te koppelen" in needs and "Heeft de trainingsdag nog niet gevolgd" in needs
    assert "trainingsdag" in needs.splitlines()[-1] and "VOG" in needs.splitlines()[-1]  # what matching needs
    assert "trainingsdag" in editor.messages["trainings"].text()
    editor.trainings.kind.setCurrentIndex(editor.trainings.kind.findData("initial"))
    qtbot.keyClicks(editor.trainings.date.edit, "1-9-2026")
    qtbot.mouseClick(editor.trainings.add_button, Qt.MouseButton.LeftButton)
    assert editor.matching.text().startswith(_("Nothing in this profile stands in the way of matching."))
    assert editor.messages["trainings"].text() == ""
    answer_soon("Pauzeert")  # leaving or pausing: asked when Actief is unticked without a leaving date
    editor.active.click()  # not active any more
    assert "Nog niet te koppelen" in editor.matching.text()


def test_with_nobody_to_match_the_wizard_says_what_to_do(qtbot, page, workspace):
    new = add_volunteer(workspace, "Nina Nieuw", trained=False)
    add_volunteer(workspace, "Olga Oud", vog=dt.date(2019, 1, 1))
    case_id = add_matching_case(workspace, "BOR-2026-402")
    opened = []
    page.open_volunteer.connect(opened.append)
    page.open_case_file(case_id)
    page.case_file.header.next_button.click()
    wizard = page.case_file.dialog
    assert isinstance(wizard, MatchingWizard)
    candidates = wizard.candidates
    assert candidates.nobody.isVisible()
    ways = candidates.ways.text()
    assert "1 vrijwilliger heeft geen trainingsdag vastgelegd" in ways
    assert "1 vrijwilliger heeft geen VOG of een te oude" in ways
    assert "Profiel openen" in ways and "blijft zolang op “Koppelen”" in ways
    assert candidates.hint.text() == _("Nobody can be matched yet: see above what you can do.")
    assert candidates.no_match.isVisible()  # closing the case is there, but last and not alone
    candidates.other_table.selectRow(candidates.other_model.row_of(new))
    assert candidates.detail.profile_button.isVisible()
    qtbot.mouseClick(candidates.detail.profile_button, Qt.MouseButton.LeftButton)
    assert opened == [new] and page.case_file.dialog is None  # the wizard closed, the profile asked for
    assert case_file_service.load_case(workspace, case_id, record_open=False).status == "matching"


def test_a_signed_copy_kept_from_the_agreements_shows_in_attachments_at_once(qtbot, page, workspace, tmp_path,
                                                                             monkeypatch):
    """The message said "kept in the vault (Bijlagen)", and Bijlagen still said "Nog geen bijlagen"."""
    from PySide6.QtWidgets import QFileDialog

    case_id = add_matching_case(workspace, "BOR-2026-403", status="intake")
    save_agreements(workspace, case_id, AgreementsInput(**AGREEMENTS))
    page.open_case_file(case_id)
    page.case_file.header.next_button.click()
    panel = page.case_file.tab("agreements").contract
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(panel.draw_up, Qt.MouseButton.LeftButton)
    from borapp.services.documents.contract_signing import record_signature
    from borapp.services.documents.contract_versions import current_contract

    record_signature(workspace, current_contract(workspace, case_id).id, "resident", "Petra Jansen", dt.date.today())
    page.case_file.reload()  # a signed copy belongs with a signed version
    attachments = page.case_file.tab("attachments")
    assert attachments.model.rowCount() == 0
    scan = tmp_path / "getekend.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(scan), ""))
    with qtbot.waitSignal(page.changed):
        qtbot.mouseClick(panel.signed_copy, Qt.MouseButton.LeftButton)
    assert attachments.model.rowCount() == 1


def test_the_signature_dialog_grows_to_show_its_date_message_whole(qtbot, page, workspace):
    """'Typ dag-maand-jaar, bijvoorbeeld …' was drawn under the next row: the dialog kept its height."""
    case_id = add_matching_case(workspace, "BOR-2026-402", status="contract")
    contract_versions.new_version_if_changed(workspace, case_id)
    contract = contract_versions.current_contract(workspace, case_id)
    dialog = SignatureDialog(contract, page, names={}, save=lambda *a: None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    before = dialog.height()
    dialog.signed_on.edit.setFocus()
    dialog.signed_on.edit.selectAll()
    QTest.keyClick(dialog.signed_on.edit, Qt.Key.Key_Delete)
    QTest.keyClicks(dialog.signed_on.edit, "31-11-2026")
    QTest.keyClick(dialog.signed_on.edit, Qt.Key.Key_Tab)
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    message = dialog.signed_on.message
    assert dialog.isVisible() and message.isVisible() and "31-11-2026" in message.text()

    def whole() -> bool:
        return message.visibleRegion().boundingRect().height() == message.height() >= message.heightForWidth(
            message.width())

    qtbot.waitUntil(whole, timeout=2000)  # fails when the message stays partly covered
    assert dialog.height() > before
    answer_soon(QMessageBox.StandardButton.Discard)  # typed: Cancel asks first
    dialog.reject()
