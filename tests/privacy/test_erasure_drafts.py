"""Erasing a case takes along every draft about it: typing kept over a lock in a dialog or screen keyed by one of the
case's records (a letter in the outbox editor, a visit's addendum, a contract's signature), not only the drafts
keyed under the case. They stayed in the vault with the family's names, through the erasure and a restore."""

from __future__ import annotations

import ast
import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from borapp.services import drafts
from borapp.services.documents import contract_versions
from borapp.services.outbox import letters as outbox_letters
from borapp.services.privacy import erasure
from borapp.services.visits import addenda
from tests.helpers.documents_support import full_case, set_organisation
from tests.test_gui_app import _create_and_enter, _unlock, window  # noqa: F401 - fixture

REF = "BOR-2026-005"
TYPED = "Quirina Zwavelstok belde"


def lock(qtbot, window, widget) -> None:
    """Ctrl+L in `widget`, as the coordinator leaves the laptop, and back in."""
    with qtbot.waitSignal(window.locked):
        QTest.keyClick(widget, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    _unlock(qtbot, window)


def holding_typing(workspace) -> list[str]:
    return [d.key for d in drafts.list_drafts(workspace) if "Zwavelstok" in json.dumps(d.payload, ensure_ascii=False)]


def erase(workspace) -> None:
    erasure.erase_case(workspace, REF, "verzoek van de ouder", confirm=REF)


@pytest.fixture
def case(qtbot, window):
    window.resize(1366, 768)
    _create_and_enter(qtbot, window)
    set_organisation(window.workspace)
    return full_case(window.workspace, REF, closed=False)


def test_a_letter_being_edited_in_the_outbox(qtbot, window, case):
    letter_id = outbox_letters.new_letter(window.workspace, case, "start", state="draft")
    page = window.shell.show_page("outbox")
    page.refresh()
    page.table.selectRow(page.model.row_of(letter_id))
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    body = page.editor.body
    body.setFocus()
    QTest.keyClicks(body, TYPED)
    lock(qtbot, window, body)
    kept = holding_typing(window.workspace)  # the editor's own key, or the page's ("ui/outbox/letter/<id>")
    assert kept and all(f"letter/{letter_id}/" in key + "/" for key in kept), kept
    erase(window.workspace)
    assert holding_typing(window.workspace) == []


def test_an_addendum_being_typed(qtbot, window, case):
    workspace = window.workspace
    with workspace.session() as session:
        from borapp.models import Visit

        visit = session.query(Visit).filter_by(case_id=case, state="held").order_by(Visit.on).first()
        visit.what_happened, visit_id = "Samen getekend.", visit.id
    addenda.finish_report(workspace, visit_id, dt.date(2026, 4, 5))
    window.shell.open_case(case)
    tab = window.shell.pages["cases"].case_file.show_tab("visits")
    tab.open_record(visit_id)
    qtbot.mouseClick(tab.editor.report.add_button, Qt.MouseButton.LeftButton)
    text = tab.addendum_dialog.text
    QTest.keyClicks(text, TYPED)
    lock(qtbot, window, text)
    assert holding_typing(window.workspace) == [f"ui/dialog/visit/{visit_id}/addendum"]
    erase(window.workspace)
    assert holding_typing(window.workspace) == []


def test_a_signature_being_recorded(qtbot, window, case):
    workspace = window.workspace
    contract_versions.new_version_if_changed(workspace, case)
    contract_id = contract_versions.current_contract(workspace, case).id
    window.shell.open_case(case)
    panel = window.shell.pages["cases"].case_file.tab("agreements").contract

    def type_and_lock():
        dialog = QApplication.activeModalWidget()
        dialog.name.setFocus()
        QTest.keyClicks(dialog.name, TYPED)
        QTest.keyClick(dialog.name, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    QTimer.singleShot(100, type_and_lock)
    with qtbot.waitSignal(window.locked, timeout=10_000):
        qtbot.mouseClick(panel.sign, Qt.MouseButton.LeftButton)  # runs the dialog's own loop until the lock
    _unlock(qtbot, window)
    assert holding_typing(window.workspace) == [f"ui/dialog/contract/{contract_id}/signature"]
    erase(window.workspace)
    assert holding_typing(window.workspace) == []


@pytest.mark.parametrize("key", ["ui/outbox/letter/{letter}", "ui/dialog/letter/{letter}/edit",
                                 "ui/dialog/visit/{visit}/addendum", "ui/dialog/contract/{contract}/signature",
                                 "ui/dialog/case/{ref}/erase", "ui/case/{case}/visits/{visit}"])
def test_a_restore_that_erases_again_takes_the_drafts_along(workspace, key):
    """A backup made before the erasure holds the case and its drafts: the restore erases both again."""
    from borapp.models import Visit

    set_organisation(workspace)
    case = full_case(workspace, REF, closed=False)
    letter = outbox_letters.new_letter(workspace, case, "start", state="draft")
    contract_versions.new_version_if_changed(workspace, case)
    contract = contract_versions.current_contract(workspace, case).id
    with workspace.session() as session:
        visit = session.query(Visit.id).filter_by(case_id=case).first()[0]
    other = full_case(workspace, "BOR-2026-006", closed=False)  # another family's drafts stay
    kept = key.format(letter=letter, visit=visit, contract=contract, ref=REF, case=case)
    drafts.save_draft(workspace, kept, {"body": TYPED})
    drafts.save_draft(workspace, f"ui/case/{other}/visits/new", {"body": "Zwavelstok is ook een achternaam"})
    drafts.save_draft(workspace, "ui/volunteer/1", {"body": "Zwavelstok als vrijwilliger"})
    with workspace.session() as session:
        assert erasure.carry_erasures(session, [(REF, "2026-12-01T10:00:00", "verzoek", "Carla", "")]) == [REF]
    assert sorted(holding_typing(workspace)) == [f"ui/case/{other}/visits/new", "ui/volunteer/1"]


def test_every_kept_typing_key_names_a_case_record_erasure_knows():
    """A dialog or screen keying its typing by a record: the record's kind must be one erasure looks for, or one
    that is of no case. So a new dialog cannot forget to go with the case."""
    of_no_case = {"organisation", "volunteer", "volunteers", "intake", "settings"}
    kinds = set(erasure.DRAFT_KINDS) | {"case", "conflict"}
    found = []
    for path in Path("borapp/ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "keep_as":
                key = node.args[1]
                first = key.values[0].value if isinstance(key, ast.JoinedStr) else None
                found.append((path.name, first))
            elif (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                  and any(getattr(t, "id", "").startswith("DRAFT_KEY") for t in node.targets)
                  and path.name != "kept_typing.py"):  # there: the Qt property holding a dialog's key
                found.append((path.name, node.value.value))
    assert len(found) > 10
    for where, start in found:
        if start is None:
            continue  # a key made elsewhere (the conflict's: under its case)
        parts = [p for p in start.split("/") if p]
        assert parts and (parts[0] in of_no_case or any(p in kinds for p in parts)), (where, start)
