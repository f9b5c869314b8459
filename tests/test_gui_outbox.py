"""The Outbox screen through pytest-qt: the list, edit, mark ready, retry, preview from memory, print, save, export
and send against a real SMTP server on 127.0.0.1; and the contract printed through the same path."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFileDialog, QInputDialog, QMessageBox

from borapp.i18n import _
from borapp.models import Case, Letter
from borapp.services.documents.common import FILL
from borapp.services import drafts
from borapp.services.outbox import export
from borapp.services.outbox import letters as outbox_letters
from borapp.ui.pages.outbox import pdf_pages
from borapp.ui.pages.outbox.letters_model import LettersModel, state_colours
from borapp.ui.pages.outbox_page import OutboxPage
from tests.helpers.outbox_support import (  # noqa: F401 - fixtures
    add_gapped_case,
    add_referred_case,
    configure_smtp,
    fake_render_contract,
    renderer,
    smtp_server,
    stand_in,
)
from tests.helpers.sort_arrow import arrow_points_down, click_header


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def shown(monkeypatch):
    """Message boxes recorded instead of shown (a modal box would stop the test)."""
    messages: list[tuple[str, str, str]] = []
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(
            lambda parent, title, text, *a, kind=kind, **k: messages.append((kind, title, text))))
    return messages


@pytest.fixture
def letters(workspace):
    first = add_referred_case(workspace, "BOR-2026-014")
    second = add_referred_case(workspace, "BOR-2026-015", contact="Bram Bos", email="bram@jeugd.example")
    return {
        "ready": outbox_letters.new_letter(workspace, first, "closing"),
        "draft": outbox_letters.new_letter(workspace, second, "start", state="draft"),
        "case": first,
    }


@pytest.fixture
def page(qtbot, workspace, letters, shown):
    widget = OutboxPage(workspace)
    qtbot.addWidget(widget)
    widget.resize(1366 - 176, 720)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    return widget


def select(page, letter_id):
    row = page.model.row_of(letter_id)
    assert row >= 0
    page.table.selectRow(row)
    assert page.current().id == letter_id


def state_of(workspace, letter_id) -> str:
    with workspace.session() as session:
        return session.get(Letter, letter_id).state


# ---- the list -------------------------------------------------------------------------------------------------------

def test_list_shows_waiting_letters_and_all_on_request(page, workspace, letters, stand_in, tmp_path):
    assert {r.id for r in page.model.rows()} == {letters["ready"], letters["draft"]}
    assert page.stack.currentWidget() is page.table
    export.export_ready(workspace, tmp_path / "out")
    page.refresh()
    assert [r.id for r in page.model.rows()] == [letters["draft"]]
    page.show_all.setChecked(True)
    assert {r.id for r in page.model.rows()} == {letters["ready"], letters["draft"]}
    index = page.model.index(page.model.row_of(letters["ready"]), LettersModel.STATE_COLUMN)
    assert index.data() == _("Exported")
    assert index.data(Qt.ItemDataRole.BackgroundRole) == state_colours("exported")[0]


def test_empty_outbox_says_what_to_do(qtbot, workspace, shown):
    widget = OutboxPage(workspace)
    qtbot.addWidget(widget)
    widget.refresh()
    assert widget.stack.currentWidget() is widget.empty and widget.new_button.text().rstrip("…") in widget.empty.text()
    assert not widget.send_button.isEnabled() and not widget.preview_button.isEnabled()


def test_model_passes_the_model_tester(qtmodeltester, page):
    qtmodeltester.check(page.model)


def test_buttons_follow_the_state(page, letters):
    select(page, letters["draft"])
    assert page.ready_button.isEnabled() and page.edit_button.isEnabled() and not page.retry_button.isEnabled()
    select(page, letters["ready"])
    assert not page.ready_button.isEnabled() and page.edit_button.isEnabled()
    assert page.send_button.isEnabled() and page.send_button.text() == _("Send ready ({n})").format(n=1)


def test_a_colleagues_ready_letter_is_shown_but_not_counted_for_sending_here(qtbot, page, workspace, letters):
    with workspace.session() as session:  # as team sync brings it: made on anna's laptop, which sends it
        session.get(Letter, letters["ready"]).received_from = "anna"
    page.refresh()
    select(page, letters["ready"])
    assert _("made on {device}'s laptop, which sends it").format(device="anna") in page.details.text()
    assert not page.send_button.isEnabled() and page.send_button.text() == _("Send ready ({n})").format(n=0)


def test_double_click_opens_the_letter(qtbot, page, letters, renderer):
    row = page.model.row_of(letters["ready"])
    rect = page.table.visualRect(page.model.index(row, 0))
    with qtbot.assertNotEmitted(page.open_case):
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.preview is not None and page.preview.isVisible()
    assert page.preview.windowTitle().endswith("BOR-2026-014")
    page.preview.close()


def arrow_to(qtbot, page, letter_id: int) -> None:
    """The letter chosen with the keyboard: the list focused, then Ctrl+Home and Down until it is the current one."""
    with qtbot.waitActive(page):
        page.activateWindow()
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    while page.current().id != letter_id:
        QTest.keyClick(page.table, Qt.Key.Key_Down)


def test_enter_on_a_letter_opens_the_letter_and_open_case_its_case(qtbot, page, letters, renderer):
    """Enter on a letter opened its case file (a keyboard walk): the letter is what Enter opens, as a double click
    does; Open case is a button of its own."""
    arrow_to(qtbot, page, letters["draft"])
    with qtbot.assertNotEmitted(page.open_case):
        QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert page.preview is not None and page.preview.isVisible()
    assert page.preview.windowTitle().endswith("BOR-2026-015"), "the letter Enter was pressed on"
    page.preview.close()
    qtbot.waitUntil(lambda: page.preview is None)
    with qtbot.waitSignal(page.open_case, check_params_cb=lambda case_id: case_id != letters["case"]):
        qtbot.mouseClick(page.case_button, Qt.MouseButton.LeftButton)


# ---- making, editing and states -------------------------------------------------------------------------------------

def test_new_letter_from_the_outbox(page, workspace, letters, stand_in):
    page.new_button.click()
    dialog = page.new_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.case_ref.setText("BOR-1999-001")
    assert dialog.family.text() == ""
    dialog.make()
    assert dialog.case_message.isVisible() and dialog.isVisible()
    dialog.case_ref.setText("BOR-2026-015")
    assert dialog.family.text().startswith("Over: ") and "/" in dialog.family.text(), "whom the letter is about"
    dialog.kind.setCurrentIndex(dialog.kind.findData("evaluation"))
    assert not dialog.parent_role.isEnabled()
    dialog.make()
    made = page.current()
    assert page.new_dialog is None and made.case_ref == "BOR-2026-015" and made.kind == "evaluation"
    assert made.state == "ready"  # the stand-in fills everything: ready to send


def test_a_new_letter_of_a_kind_the_case_has_says_so(qtbot, page, workspace, letters, stand_in):
    """A second midway letter was made and set ready, listed above the one sent weeks before, without a word."""
    page.new_button.click()
    dialog = page.new_dialog
    qtbot.mouseClick(dialog.case_ref, Qt.MouseButton.LeftButton)
    QTest.keyClick(dialog.case_ref, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(dialog.case_ref, "BOR-2026-015")  # it has a draft "visits started" letter
    dialog.kind.setFocus()
    for _i in range(dialog.kind.count()):
        if dialog.kind.currentData() == "start":
            break
        QTest.keyClick(dialog.kind, Qt.Key.Key_Down)
    assert dialog.kind_message.isVisible()
    assert dialog.kind_message.text().startswith("Dit dossier heeft al een brief van deze soort: concept op ")
    QTest.keyClick(dialog.kind, Qt.Key.Key_Down)  # another kind: nothing to say
    assert dialog.kind.currentData() != "start" and not dialog.kind_message.isVisible()
    dialog.reject()


def test_a_new_letter_with_gaps_starts_as_draft(page, workspace, stand_in):
    case_id = add_referred_case(workspace, "BOR-2026-030", email="")  # the stand-in misses the address
    page.new_button.click()
    page.new_dialog.case_ref.setText("BOR-2026-030")
    page.new_dialog.make()
    assert page.current().case_id == case_id and page.current().state == "draft"
    assert "e-mailadres" in page.notice.text()


def test_edit_the_body_and_mark_ready(qtbot, page, workspace, letters, stand_in):
    select(page, letters["draft"])
    page.edit_button.click()
    editor = page.editor
    assert editor is not None and editor.isVisible()
    editor.subject.setText("")
    editor.save()
    assert editor.messages["subject"].isVisible() and editor.isVisible()
    editor.subject.setText("Start van de omgang")
    editor.body.setPlainText("Beste Bram,\n\nDe omgang is begonnen op 3 maart.")
    editor.save()
    assert page.editor is None
    text = outbox_letters.get_letter_text(workspace, letters["draft"])
    assert (text.subject, text.body) == ("Start van de omgang", "Beste Bram,\n\nDe omgang is begonnen op 3 maart.")
    assert page.current().subject == "Start van de omgang"
    page.ready_button.click()
    assert state_of(workspace, letters["draft"]) == "ready"
    assert page.send_button.text() == _("Send ready ({n})").format(n=2)


def test_a_subject_too_long_is_said_beside_it_and_the_typing_stays(qtbot, page, workspace, letters, stand_in):
    select(page, letters["draft"])
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    editor.subject.setFocus()
    qtbot.keyClick(editor.subject, Qt.Key.Key_End)
    qtbot.keyClicks(editor.subject, " en verder" * 31)
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    said = editor.messages["subject"]
    assert said.isVisible() and "Houd het onderwerp op hoogstens 300 tekens" in said.text()
    assert page.editor is editor and editor.subject.text().endswith(" en verder" * 31)  # nothing of it lost
    assert " en verder" not in outbox_letters.get_letter_text(workspace, letters["draft"]).subject


def test_mark_ready_refuses_a_letter_with_gaps_and_says_where_to_fill_each(qtbot, page, workspace, shown):
    case_id = add_gapped_case(workspace, "BOR-2026-040")
    with workspace.session() as session:  # assigned meanwhile: the signature is known, the address not yet
        session.get(Case, case_id).coordinator_id = workspace.coordinator_id
    letter_id = outbox_letters.new_letter(workspace, case_id, "start", state="draft")
    page.refresh()
    select(page, letter_id)
    qtbot.mouseClick(page.ready_button, Qt.MouseButton.LeftButton)  # "Klaarzetten"
    kind, _title, text = shown[-1]
    assert kind == "warning" and text.startswith("Deze brief heeft nog regels om in te vullen (______)")
    assert ("• Het postadres van de verwijzer: vul het in bij het dossier, tab Verwijzing (Organisatie "
            "bewerken…), of typ het in het adresblok van de brief (Bewerken).") in text
    assert "• De locatie van de omgang, in “Locatie: ______”: typ het over de lijn in de tekst van de brief" in text
    assert state_of(workspace, letter_id) == "draft" and page.current().id == letter_id

    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)  # filled in by hand, as the message says
    editor = page.editor
    editor.recipient_address.setPlainText("Jeugdteam Zonderadres\nPostbus 40\n1800 AA Alkmaar")
    body = editor.body.toPlainText()
    for typed in ("1 maart 2025", "5 april 2025", "om de week", "Speeltuin De Klimboom"):
        body = body.replace(FILL, typed, 1)
    editor.body.setPlainText(body)
    editor.save()
    assert page.editor is None
    qtbot.mouseClick(page.ready_button, Qt.MouseButton.LeftButton)
    assert state_of(workspace, letter_id) == "ready" and page.notice.text() == _("The letter is ready to send.")


def test_a_new_letter_for_a_case_with_gaps_says_what_is_missing(page, workspace):
    add_gapped_case(workspace, "BOR-2026-041")
    page.new_button.click()
    page.new_dialog.case_ref.setText("BOR-2026-041")
    page.new_dialog.kind.setCurrentIndex(page.new_dialog.kind.findData("intake"))
    page.new_dialog.make()
    assert page.current().state == "draft"
    assert "Het postadres van de verwijzer" in page.notice.text() and "Bewerken" in page.notice.text()


def test_mark_ready_by_keyboard_leaves_the_focus_on_the_letter_not_on_delete(qtbot, page, workspace, letters):
    """Space on "Klaarzetten" disabled it and Qt passed the focus on to "Verwijderen…": a second Space asked to delete
    the letter just made ready (a keyboard walk). The focus goes back to the list, on the same letter."""
    arrow_to(qtbot, page, letters["draft"])
    for _i in range(12):
        if QApplication.focusWidget() is page.ready_button:
            break
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is page.ready_button
    QTest.keyClick(page.ready_button, Qt.Key.Key_Space)
    assert state_of(workspace, letters["draft"]) == "ready"
    assert QApplication.focusWidget() is page.table and page.current().id == letters["draft"]


def test_retry_puts_a_failed_letter_back(page, workspace, letters):
    with workspace.session() as session:
        letter = session.get(Letter, letters["ready"])
        letter.state, letter.error = "failed", "550 rejected"
    page.refresh()
    select(page, letters["ready"])
    assert page.problem.isVisible() and "550" in page.problem.text()
    page.retry_button.click()
    assert state_of(workspace, letters["ready"]) == "ready"


def test_unsaved_edits_survive_a_lock_as_drafts(qtbot, page, workspace, letters, stand_in):
    select(page, letters["ready"])
    page.edit_button.click()
    page.editor.body.setPlainText("Half getypt")
    kept = page.drafts()
    assert kept == {f"outbox/letter/{letters['ready']}": page.editor.values()}
    drafts.save_draft(workspace, drafts.UI_PREFIX + next(iter(kept)), next(iter(kept.values())))
    page.clear()
    assert page.editor is None and drafts.list_drafts(workspace, drafts.UI_PREFIX)  # the draft stays
    page.restore_drafts(kept)
    assert page.editor is not None and page.editor.body.toPlainText() == "Half getypt"
    QTimer.singleShot(50, lambda: _answer(qtbot, QMessageBox.StandardButton.Discard))
    page.editor.reject()
    assert not drafts.list_drafts(workspace, drafts.UI_PREFIX)


def _answer(qtbot, button, asked: list | None = None) -> None:
    box = QApplication.activeModalWidget()
    if asked is not None:
        asked.append(box.text() if isinstance(box, QMessageBox) else repr(box))
    qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)


def test_escape_asks_before_typing_is_thrown_away(qtbot, page, workspace, letters, stand_in):
    """Esc or Cancel threw a letter's typing away without a word, and its kept draft with it (found by a walk)."""
    select(page, letters["draft"])
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    editor.body.setFocus()
    qtbot.keyClick(editor.body, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.body, " Vader kwam twee keer te laat.")
    asked: list[str] = []
    QTimer.singleShot(50, lambda: _answer(qtbot, QMessageBox.StandardButton.Cancel, asked))
    qtbot.keyClick(editor.body, Qt.Key.Key_Escape)
    assert asked == ["Deze brief heeft wijzigingen die niet zijn opgeslagen. Weggooien?"]
    assert page.editor is editor and editor.isVisible()
    assert editor.body.toPlainText().endswith("Vader kwam twee keer te laat.")  # kept, to save
    QTimer.singleShot(50, lambda: _answer(qtbot, QMessageBox.StandardButton.Discard, asked))
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert len(asked) == 2 and page.editor is None
    assert "te laat" not in outbox_letters.get_letter_text(workspace, letters["draft"]).body


def test_escape_without_typing_closes_without_a_question(qtbot, page, letters, stand_in):
    select(page, letters["draft"])
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    asked: list[str] = []
    guard = QTimer(editor)  # a question, had there been one, is answered and recorded instead of waited for
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: _answer(qtbot, QMessageBox.StandardButton.Discard, asked))
    guard.start(500)
    editor.body.setFocus()
    qtbot.keyClick(editor.body, Qt.Key.Key_Escape)
    assert page.editor is None and not asked


# ---- preview, print, save -------------------------------------------------------------------------------------------

def test_preview_opens_from_memory(qtbot, page, letters, tmp_path, renderer):
    before = sorted(tmp_path.rglob("*"))
    select(page, letters["ready"])
    page.preview_button.click()
    assert page.preview is not None and page.preview.isVisible() and page.preview.page_count() >= 1
    assert sorted(tmp_path.rglob("*")) == before  # no temporary file anywhere in the test's folder
    assert page.preview.save_button.text() == page.save_button.text() == "Opslaan als PDF…", "PDF, as elsewhere"
    page.preview.close()
    qtbot.waitUntil(lambda: page.preview is None)


class AcceptingPrintDialog:
    """Stands in for QPrintDialog: the user pressed Print with the printer as it was set up."""

    def __init__(self, printer, parent=None):
        self.printer = printer

    def setWindowTitle(self, title):  # noqa: N802 - Qt API
        pass

    def exec(self):
        return QDialog.DialogCode.Accepted


def pdf_printer(path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_print_to_a_pdf_printer_has_the_letters_text(page, workspace, letters, tmp_path, monkeypatch, shown,
                                                    renderer):
    target = tmp_path / "afdruk.pdf"
    monkeypatch.setattr(pdf_pages, "QPrintDialog", AcceptingPrintDialog)
    monkeypatch.setattr(pdf_pages, "new_printer", lambda: pdf_printer(target))
    outbox_letters.set_body(workspace, letters["ready"], "Eindverslag", "Een zin om terug te vinden in de afdruk.")
    page.refresh()
    select(page, letters["ready"])
    page.print_button.click()
    assert not shown, shown
    assert "terug te vinden in de afdruk" in pdf_text(target.read_bytes())
    assert page.notice.text() == _("The letter went to the printer.")


def test_print_paints_pages_on_a_printer(qtbot, workspace, letters, tmp_path, renderer):
    data = outbox_letters.letter_pdf(workspace, letters["ready"])
    target = tmp_path / "geschilderd.pdf"
    printer = pdf_printer(target)
    printer.setFromTo(1, 1)  # a page range: the pages are painted, as on a paper printer
    pdf_pages.print_to(printer, data, outbox_letters.write_pdf_copy)
    painted = PdfReader(io.BytesIO(target.read_bytes()))
    assert len(painted.pages) == 1 and painted.pages[0].images


def test_save_as_pdf_where_the_user_chooses(page, workspace, letters, tmp_path, monkeypatch, stand_in):
    chosen = tmp_path / "gekozen" / "brief"
    chosen.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(chosen), "")))
    select(page, letters["ready"])
    page.save_button.click()
    saved = chosen.with_suffix(".pdf")
    assert saved.read_bytes() == outbox_letters.letter_pdf(workspace, letters["ready"])
    assert str(saved) in page.notice.text()


def test_a_failure_is_a_message_not_a_traceback(page, letters, shown, monkeypatch):
    def broken(workspace, letter_id):
        raise RuntimeError("boom with personal data")

    monkeypatch.setattr(outbox_letters, "letter_pdf", broken)
    select(page, letters["ready"])
    page.preview_button.click()
    [(kind, _title, text)] = shown
    assert kind == "warning" and "RuntimeError" in text and "personal data" not in text
    assert page.preview is None


# ---- export and send ------------------------------------------------------------------------------------------------

def test_export_to_a_folder(qtbot, page, workspace, letters, tmp_path, monkeypatch, shown, stand_in):
    folder = tmp_path / "export"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))
    with qtbot.waitSignal(page.task_done, timeout=20_000):
        page.export_button.click()
    assert len(list(folder.glob("*.eml"))) == 1 and len(list(folder.glob("*.pdf"))) == 1
    assert shown[-1][0] == "information" and str(folder) in shown[-1][2]
    assert state_of(workspace, letters["ready"]) == "exported"
    assert [r.id for r in page.model.rows()] == [letters["draft"]]


def test_send_with_the_local_server(qtbot, page, workspace, letters, smtp_server, shown, stand_in):
    server = smtp_server()
    configure_smtp(workspace, server.port)
    with qtbot.waitSignal(page.task_done, timeout=20_000):
        page.send_button.click()
    assert len(server.handler.messages) == 1 and state_of(workspace, letters["ready"]) == "sent"
    kind, _title, text = shown[-1]
    assert kind == "information" and text.startswith(_("{n} letter sent.").format(n=1)[:2])
    assert not page.send_button.isEnabled()  # nothing ready any more


def test_send_with_the_server_down_says_what_stays(qtbot, page, workspace, letters, smtp_server, shown, stand_in):
    server = smtp_server(start=False)
    configure_smtp(workspace, server.port)
    with qtbot.waitSignal(page.task_done, timeout=20_000):
        page.send_button.click()
    kind, _title, text = shown[-1]
    assert kind == "warning" and "BOR-2026-014" in text and "127.0.0.1" in text
    assert state_of(workspace, letters["ready"]) == "ready"
    select(page, letters["ready"])
    assert page.problem.isVisible()


def test_send_asks_for_the_password_when_the_keyring_has_none(qtbot, page, workspace, letters, smtp_server,
                                                              monkeypatch, shown, stand_in):
    from aiosmtpd.smtp import AuthResult

    server = smtp_server(auth_require_tls=False, authenticator=lambda *a: AuthResult(
        success=a[4].password == b"geheim", handled=False))
    configure_smtp(workspace, server.port, user="bor@desk.example")
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: asked.append(a) or ("", False)))
    page.send_button.click()  # cancelled: nothing happens
    assert len(asked) == 1
    assert state_of(workspace, letters["ready"]) == "ready" and server.handler.messages == []
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("geheim", True)))
    with qtbot.waitSignal(page.task_done, timeout=20_000):
        page.send_button.click()
    assert len(server.handler.messages) == 1 and state_of(workspace, letters["ready"]) == "sent"


def test_a_lock_during_an_export_says_nothing_over_it_and_the_page_works_after(qtbot, page, workspace, vault_path,
                                                                                letters, tmp_path, monkeypatch, shown):
    """The export ends after the key went: no message over the lock (it names the letters' cases), and after the
    unlock the buttons are not left disabled as if the export still ran, and a line says the lock interrupted it."""
    import threading

    from borapp.services.vault.vault import Vault
    from borapp.services.vault.workspace import Workspace
    from tests.conftest import PASSPHRASE

    started, go_on = threading.Event(), threading.Event()

    def held(*_args):
        started.set()
        go_on.wait(10)
        raise RuntimeError("BOR-2026-014 could not be written")

    monkeypatch.setattr(export, "export_ready", held)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(tmp_path)))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert started.wait(10) and page.busy and not page.export_button.isEnabled()
    page.clear()  # what the lock does to every page, and then the key goes
    workspace.lock()
    go_on.set()
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    qtbot.wait(50)
    assert shown == [] and "BOR-2026-014" not in page.notice.text()
    page.set_workspace(Workspace(Vault.open(vault_path, PASSPHRASE), workspace.coordinator))
    page.refresh()
    assert page.export_button.isEnabled() and page.send_button.isEnabled()
    assert page.notice.text().startswith("Het vergrendelen onderbrak de export.")  # not a silent stop (a walk)
    page.workspace.lock()


def test_send_without_settings_is_a_clear_message(page, shown):
    page.send_button.click()
    [(kind, _title, text)] = shown
    assert kind == "warning" and "Instellingen → E-mail" in text and "smtp." not in text  # words, not keys


# ---- the contract prints through the same path ----------------------------------------------------------------------

@pytest.fixture(params=["stand-in", "real"])
def contract_pdf(request, workspace, letters):
    if request.param == "stand-in":
        return fake_render_contract(workspace, letters["case"]).pdf
    from borapp.services.documents.contract import render_contract

    return render_contract(workspace, letters["case"]).pdf


def test_contract_prints_through_the_same_path(qtbot, contract_pdf, tmp_path, monkeypatch):
    target = tmp_path / "overeenkomst.pdf"
    monkeypatch.setattr(pdf_pages, "QPrintDialog", AcceptingPrintDialog)
    printed = pdf_pages.ask_and_print(None, contract_pdf, "Overeenkomst", outbox_letters.write_pdf_copy,
                                      printer=pdf_printer(target))
    text = pdf_text(target.read_bytes())
    assert printed and "BOR-2026-014" in text and text == pdf_text(contract_pdf)
    source_pages = len(PdfReader(io.BytesIO(contract_pdf)).pages)
    painted_target = tmp_path / "overeenkomst-geschilderd.pdf"
    printer = pdf_printer(painted_target)
    printer.setFromTo(1, source_pages)
    pdf_pages.print_to(printer, contract_pdf, outbox_letters.write_pdf_copy)
    assert len(PdfReader(io.BytesIO(painted_target.read_bytes())).pages) == source_pages


# ---- in the main window ---------------------------------------------------------------------------------------------

def test_in_the_main_window_shots_and_opening_a_case(qtbot, workspace, vault_path, letters, stand_in, tmp_path):
    from borapp.app import build_window, make_application
    from borapp.ui.pages.outbox.screenshots import shoot

    make_application()
    window = build_window(vault_path, "nl")
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.open_workspace(workspace)
    saved = []
    shoot(window, lambda widget, name: saved.append((name, widget.grab().isNull())))
    assert saved == [("outbox-preview", False), ("outbox-edit", False)]
    page = window.shell.pages["outbox"]
    assert page.editor is None and page.preview is None
    select(page, letters["ready"])
    page.case_button.click()
    assert window.shell.current_key() == "cases"


def test_the_editor_of_a_schedule_speaks_of_a_parent_and_of_a_referrer_otherwise(qtbot, page, workspace, letters):
    """The visit schedule goes to a parent: the editor asked to keep it factual about attendance and outcome, and
    offered an organisation's address lines."""
    from PySide6.QtWidgets import QLabel

    schedule = outbox_letters.new_letter(workspace, letters["case"], "schedule", parent_role="resident",
                                         state="draft")
    page.refresh()
    for letter_id, intro, placeholder in (
            (schedule, "Een brief aan één ouder: de data, tijden en plaats",
             "Straat en huisnummer\nPostcode en plaats"),
            (letters["draft"], "Houd het feitelijk:", "Organisatie\nStraat en huisnummer\nPostcode en plaats")):
        select(page, letter_id)
        qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
        editor = page.editor
        assert any(label.text().startswith(intro) for label in editor.findChildren(QLabel)), letter_id
        assert editor.recipient_address.placeholderText() == placeholder
        editor.reject()


def test_a_schedule_letter_gone_stale_says_so_when_chosen_and_by_name_after_an_export(
        qtbot, page, workspace, letters, tmp_path, monkeypatch, shown):
    """Its visits changed after it was made: the row said "Klaar" with nothing under it, and the export summary
    named it "brief 7", a number the list does not show."""
    import datetime as dt

    from borapp.services.visits import records
    from borapp.services.visits.records import VisitInput

    from borapp.services import settings

    case_id = add_referred_case(workspace, "BOR-2026-016", status="visits")
    settings.write_settings(workspace, {"organisation.phone": "0224-123456", "organisation.email": "bor@kop.example"})
    first = dt.date.today() + dt.timedelta(days=7)
    records.plan_series(workspace, case_id, first, 2, 14, dt.time(10), dt.time(12))
    schedule = outbox_letters.create_letter(workspace, case_id, "schedule", parent_role="resident").id
    visit = records.list_visits(workspace, case_id)[-1]
    records.record_visit(workspace, VisitInput(case_id=case_id, visit_id=visit.id, on=visit.on + dt.timedelta(days=1),
                                               state="planned", start_time=dt.time(14), end_time=dt.time(16)))
    page.refresh()
    select(page, schedule)
    assert page.problem.isVisible() and "De geplande omgangsmomenten zijn gewijzigd" in page.problem.text()
    folder = tmp_path / "export"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))
    with qtbot.waitSignal(page.task_done, timeout=20_000):
        page.export_button.click()
    summary = shown[-1][2]
    assert "• Omgangsschema — BOR-2026-016: De geplande omgangsmomenten zijn gewijzigd" in summary, summary


def test_a_schedule_letter_taken_back_at_closing_says_why_when_chosen(qtbot, page, workspace, letters):
    """Closed, the case's schedule letter stood "Klaar" and was counted for sending; now a draft that says why."""
    import datetime as dt

    from borapp.services import settings
    from borapp.services.cases import actions
    from borapp.services.visits import records

    case_id = add_referred_case(workspace, "BOR-2026-017", status="closing")
    settings.write_settings(workspace, {"organisation.phone": "0224-123456", "organisation.email": "bor@kop.example"})
    records.plan_series(workspace, case_id, dt.date.today() + dt.timedelta(days=7), 2, 14, dt.time(10), dt.time(12))
    schedule = outbox_letters.create_letter(workspace, case_id, "schedule", parent_role="resident").id
    actions.change_status(workspace, case_id, "closed", dt.date.today(), outcome="successful")
    page.refresh()
    assert page.model.data(page.model.index(page.model.row_of(schedule), page.model.STATE_COLUMN)) == "Concept ⚠"
    row = page.model.row_of(schedule)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=page.table.visualRect(page.model.index(row, 1)).center())
    assert page.current().id == schedule
    assert page.problem.isVisible() and page.problem.text().startswith("Terug naar concept: het dossier is afgesloten")


def test_delete_asks_first_and_removes_a_letter_not_gone_out(qtbot, page, workspace, letters):
    from PySide6.QtWidgets import QMessageBox

    from tests.helpers.questions import answer_soon

    select(page, letters["draft"])
    assert page.delete_button.isEnabled()
    asked: list[str] = []
    answer_soon(QMessageBox.StandardButton.No, asked)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert asked and "Begeleide omgang gestart" in asked[0] and page.model.row_of(letters["draft"]) >= 0
    answer_soon(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.model.row_of(letters["draft"]) < 0 and page.notice.text() == "De brief is verwijderd."
    with workspace.session() as session:
        assert session.get(Letter, letters["draft"]) is None


def test_the_case_header_sorts_and_its_arrow_points_the_way_the_list_runs(page, qtbot):
    """The outbox's arrow pointed the other way than its list ran (Fusion draws Qt's ascending as "sort down")."""
    header, column = page.table.horizontalHeader(), 0

    def first_case() -> str:
        return page.table.model().index(0, column).data()

    click_header(qtbot, header, column)
    if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
        click_header(qtbot, header, column)
    assert first_case() == "BOR-2026-014" and not arrow_points_down(header, column)  # smallest first: ▲
    click_header(qtbot, header, column)
    assert first_case() == "BOR-2026-015" and arrow_points_down(header, column)  # largest first: ▼


def test_case_numbers_sort_by_year_then_number(page, qtbot, workspace):
    """As text, BOR-2026-1000 stood between BOR-2026-100 and BOR-2026-101."""
    for ref in ("BOR-2026-1000", "BOR-2026-101", "BOR-2026-100"):
        outbox_letters.new_letter(workspace, add_referred_case(workspace, ref), "closing")
    page.refresh()
    header, column = page.table.horizontalHeader(), 0

    def shown() -> list[str]:
        return [page.table.model().index(r, column).data() for r in range(page.table.model().rowCount())]

    click_header(qtbot, header, column)
    if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
        click_header(qtbot, header, column)
    natural = ["BOR-2026-014", "BOR-2026-015", "BOR-2026-100", "BOR-2026-101", "BOR-2026-1000"]
    assert shown() == natural
    click_header(qtbot, header, column)
    assert shown() == natural[::-1]
