"""The contract in the case file: draw up, preview from memory, print to a PDF printer, record a signature,
keep the signed copy in the vault."""

from __future__ import annotations

import datetime as dt

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QFileDialog

from borapp.services.cases.attachments import list_attachments
from borapp.services.documents import contract_versions
from borapp.ui.pages.cases.case_file.agreements_tab import AgreementsTab
from borapp.ui.pages.cases.case_file.contract_panel import SignatureDialog
from tests.cases.test_case_services import add_case
from tests.test_gui_date_fields import type_into


def _tab(qtbot, workspace, case_id):
    tab = AgreementsTab(workspace)
    qtbot.addWidget(tab)
    tab.resize(1100, 650)
    tab.show()
    tab.load(case_id)
    return tab


def test_opening_the_agreements_lists_what_is_missing_without_making_a_pdf(qtbot, workspace, monkeypatch):
    case_id = add_case(workspace, "BOR-2026-501", status="contract")
    monkeypatch.setattr("borapp.services.documents.contract.build_pdf", lambda *a, **k: pytest.fail("a PDF was made"))
    panel = _tab(qtbot, workspace, case_id).contract
    assert panel.missing.isVisible() and "De locatie van de omgang" in panel.missing.text()


def test_draw_up_sign_and_keep_the_signed_copy(qtbot, workspace, tmp_path, monkeypatch):
    case_id = add_case(workspace, "BOR-2026-500", status="contract", volunteer="Vera Vrijwilliger")
    tab = _tab(qtbot, workspace, case_id)
    panel = tab.contract
    assert panel.missing.isVisible() and panel.missing.text()  # no place agreed yet: a line to fill in by hand
    assert not panel.sign.isEnabled()
    with qtbot.waitSignal(tab.changed):
        panel.draw_up.click()
    contract = contract_versions.current_contract(workspace, case_id)
    assert contract is not None and contract.version == 1
    tab.load(case_id)
    assert not panel.signed_copy.isEnabled(), "nobody signed yet: the paper would not match a version that follows"
    assert panel.signed_copy.toolTip().startswith("Leg eerst vast wie heeft ondertekend")

    seen = {}

    def sign_as_resident(dialog):
        """As a person: choose the signer (the app offers the name it knows), try a date in the future (refused,
        the typing stays), then today, and press OK."""
        dialog.role.setCurrentIndex(dialog.role.findData("resident"))
        seen["offered"] = dialog.name.text()
        dialog.name.clear()
        QTest.keyClicks(dialog.name, "Petra Jansen-de Vries")
        later = dt.date.today() + dt.timedelta(days=3)
        type_into(dialog.signed_on, f"{later.day}-{later.month}-{later.year}")
        dialog.accept()
        seen["refused"] = (dialog.result(), dialog.problem.text(), dialog.name.text())
        type_into(dialog.signed_on, "")  # emptied: it was recorded as signed today, unasked
        dialog.accept()
        seen["empty"] = (dialog.result(), dialog.signed_on.message.text())
        type_into(dialog.signed_on, "vandaag")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SignatureDialog, "exec", sign_as_resident)
    with qtbot.waitSignal(tab.changed):
        panel.sign.click()
    signed = contract_versions.current_contract(workspace, case_id)
    assert [(s.role, s.name) for s in signed.signatures] == [("resident", "Petra Jansen-de Vries")]
    assert seen["offered"] == "Petra Jansen"  # the resident parent of add_case
    result, problem, typed = seen["refused"]
    assert result != QDialog.DialogCode.Accepted and "toekomst" in problem and typed == "Petra Jansen-de Vries"
    assert seen["empty"][0] != QDialog.DialogCode.Accepted and "datum" in seen["empty"][1]

    tab.load(case_id)  # as the case file does after a change
    assert panel.signed_copy.isEnabled() and panel.signed_copy.toolTip() == ""
    scan = tmp_path / "getekend.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(scan), ""))
    with qtbot.waitSignal(tab.changed):
        panel.signed_copy.click()
    assert [a.filename for a in list_attachments(workspace, case_id)] == ["getekend.pdf"]


def test_the_contract_prints_to_a_pdf_printer(qtbot, workspace, tmp_path, monkeypatch):
    case_id = add_case(workspace, "BOR-2026-501", resident="Anna Proef", status="contract")
    tab = _tab(qtbot, workspace, case_id)
    before = set(tmp_path.iterdir())
    tab.contract.preview.click()  # from memory: no file appears
    assert set(tmp_path.iterdir()) == before
    out = tmp_path / "afdruk.pdf"

    def accept(dialog):
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    from borapp.services.documents.contract import render_contract

    tab.contract._print(render_contract(workspace, case_id))
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Anna Proef" in text and "Handtekening" in text
