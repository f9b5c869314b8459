"""The Outbox after what a walk through the letters found: an export to a folder that cannot be written left every
ready letter "Klaar ⚠", unsendable and undeletable; a send of 0 letters did not say which it left alone; the line
under a letter spoke of the one chosen before, and a draft did not say why it was one; and "Versturen" without a
mail server named setting keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from borapp import i18n
from borapp.services.outbox import letters as outbox_letters
from tests.helpers.outbox_support import (  # noqa: F401 - fixtures
    add_gapped_case,
    configure_smtp,
    failing_after,
    smtp_server,
    stand_in,
)
from tests.helpers.questions import answer_soon
from tests.test_gui_outbox import letters, page, shown, state_of  # noqa: F401 - fixtures


def click_row(qtbot, page, letter_id) -> None:
    """Choose a letter as a person does: a click on its row."""
    rect = page.table.visualRect(page.model.index(page.model.row_of(letter_id), 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.current().id == letter_id


def state_cell(page, letter_id) -> str:
    return page.model.data(page.model.index(page.model.row_of(letter_id), page.model.STATE_COLUMN))


def test_an_export_that_cannot_write_leaves_the_letters_ready_to_send_and_delete(
        qtbot, page, workspace, letters, tmp_path, monkeypatch, shown, stand_in, smtp_server):
    second = outbox_letters.new_letter(workspace, letters["case"], "intake")
    page.refresh()
    folder = tmp_path / "alleen-lezen"
    failing_after(monkeypatch, 0)  # the folder refuses every file, as /sys/kernel or a full disk does
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))
    with qtbot.waitSignal(page.task_done, timeout=20_000):
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    kind, _title, text = shown[-1]
    assert kind == "warning"
    assert text == (f"Er is niets geëxporteerd. In {folder} kan niet worden geschreven (alleen-lezen, of geen "
                    f"toestemming). Kies een andere plek of vraag om schrijfrechten. De brieven staan nog klaar: kies "
                    f"een andere map en exporteer opnieuw."), text
    click_row(qtbot, page, second)
    assert state_cell(page, second) == "Klaar" and "geëxporteerd" not in page.problem.text()
    assert page.send_button.text() == "Klaarstaande verzenden (2)"

    answer_soon(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.model.row_of(second) < 0 and page.notice.text() == "De brief is verwijderd."
    server = smtp_server()
    configure_smtp(workspace, server.port)
    with qtbot.waitSignal(page.task_done, timeout=20_000):
        qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    assert shown[-1][:2] == ("information", "Verzenden") and shown[-1][2].startswith("1 brief verzonden.")
    assert state_of(workspace, letters["ready"]) == "sent" and len(server.handler.messages) == 1


def test_a_send_that_leaves_a_letter_alone_names_it_and_says_why(qtbot, page, workspace, letters, tmp_path, shown,
                                                                  stand_in, smtp_server):
    """A letter an export was cut off writing may be in that folder already: not sent as well, and said so."""
    with workspace.session() as session:
        outbox_letters.mark_export(session, letters["ready"], tmp_path / "uit" / "brief.eml")
    server = smtp_server()
    configure_smtp(workspace, server.port)
    page.refresh()
    with qtbot.waitSignal(page.task_done, timeout=20_000):
        qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    kind, _title, text = shown[-1]
    assert kind == "warning" and text.startswith("0 brieven verzonden.\n\n1 brief is niet verzonden; hij blijft "
                                                 "klaarstaan:"), text
    assert f"Een export naar {tmp_path / 'uit'} schrijft hem" in text
    assert "• BOR-2026-014 Eindverslag (brief" in text, text
    assert server.handler.messages == [] and state_of(workspace, letters["ready"]) == "ready"


def test_the_line_under_the_list_speaks_of_the_letter_chosen_and_a_draft_says_what_stands_in_its_way(
        qtbot, page, workspace, letters, shown):
    gapped = outbox_letters.new_letter(workspace, add_gapped_case(workspace, "BOR-2026-040"), "start", state="draft")
    page.refresh()
    click_row(qtbot, page, letters["draft"])
    assert page.problem.text() == "Niets staat in de weg: controleer hem met Voorbeeld en kies dan Klaarzetten."
    qtbot.mouseClick(page.ready_button, Qt.MouseButton.LeftButton)
    assert page.notice.text() == "De brief staat klaar voor verzending."

    click_row(qtbot, page, gapped)  # another letter: what was said of the one before goes
    assert page.notice.text() == ""
    said = page.problem.text()
    assert page.problem.isVisible() and said.startswith("Deze brief heeft nog regels om in te vullen (______)")
    assert "• Het postadres van de verwijzer" in said
    qtbot.mouseClick(page.ready_button, Qt.MouseButton.LeftButton)  # refused: the reasons stay under it
    assert shown[-1][0] == "warning" and shown[-1][2] == said
    assert page.notice.text() == "" and page.problem.text() == said and state_of(workspace, gapped) == "draft"


def test_send_without_a_mail_server_points_to_the_settings_in_words(qtbot, page, shown):
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    i18n.set_language("en")
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    assert [text for _kind, _title, text in shown] == [
        "Er is nog geen mailserver ingesteld. Stel die eerst in: Instellingen → E-mail.",
        "No mail server is set up yet. Set it up first: Settings → Mail."]
