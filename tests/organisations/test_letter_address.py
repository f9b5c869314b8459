"""The address block of a letter to the referrer: the organisation's postal address from Settings → Referrers
instead of a blank ______ line, or a block of the letter's own typed in the outbox's editor and kept with the
letter. Read back from the real PDF with pypdf. Synthetic names only."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from borapp.models import Letter
from borapp.services.documents.common import FILL
from borapp.services.errors import ValidationError
from borapp.services.organisations import referrers
from borapp.services.outbox import letters as outbox
from borapp.ui.pages.outbox_page import OutboxPage
from tests.helpers.documents_support import all_text, full_case, set_organisation
from tests.helpers.keyboard import retype

ADDRESS_MISSING = "Het adres van de verwijzende organisatie"


@pytest.fixture
def case_id(workspace):
    """A case whose referrer, Wijkteam Alkmaar, has no postal address yet."""
    set_organisation(workspace)
    found = full_case(workspace, closed=False)
    org = _referrer(workspace)
    referrers.save_organisation(workspace, _input(org, address=""), org.id)
    return found


def _referrer(workspace) -> referrers.OrganisationRow:
    return next(o for o in referrers.list_organisations(workspace) if o.name == "Wijkteam Alkmaar")


def _input(row: referrers.OrganisationRow, **changes) -> referrers.OrganisationInput:
    values = {f.name: getattr(row, f.name) for f in dataclasses.fields(referrers.OrganisationInput)}
    return referrers.OrganisationInput(**{**values, "kind": row.kind or "municipal_team", **changes})


def block(pdf: bytes) -> str:
    """The address block as pypdf reads it: what stands between the letterhead and "Datum"."""
    text = all_text(pdf)
    return text[text.index("Anna de Vries"):text.index(" Datum ")]


def stored_address(workspace, letter_id: int) -> str:
    with workspace.session() as session:
        return session.get(Letter, letter_id).recipient_address


def test_without_an_address_the_letter_has_a_line_to_fill_in(workspace, case_id):
    made = outbox.create_letter(workspace, case_id, "start", state="draft")
    assert ADDRESS_MISSING in made.missing
    assert block(outbox.letter_pdf(workspace, made.id)) == f"Anna de Vries Wijkteam Alkmaar {FILL}"


def test_the_address_typed_in_settings_goes_on_the_letter(workspace, case_id):
    letter_id = outbox.create_letter(workspace, case_id, "start", state="draft").id
    org = _referrer(workspace)
    referrers.save_organisation(workspace, _input(org, address="Postbus 53\n1800bc Alkmaar"), org.id)
    pdf = outbox.letter_pdf(workspace, letter_id)
    assert block(pdf) == "Anna de Vries Wijkteam Alkmaar Postbus 53 1800 BC Alkmaar"
    assert FILL not in all_text(pdf)
    assert ADDRESS_MISSING not in outbox.render_stored(workspace, letter_id).missing


def test_a_block_of_the_letters_own_is_kept_and_printed(workspace, case_id):
    letter_id = outbox.create_letter(workspace, case_id, "start", state="draft").id
    text = outbox.get_letter_text(workspace, letter_id)
    assert text.recipient_address == "Wijkteam Alkmaar"  # what the case gives, offered to change
    outbox.set_body(workspace, letter_id, text.subject, text.body, recipient_name="mevrouw A. de Vries",
                    recipient_address="Wijkteam Alkmaar\nt.a.v. team Jeugd\n\n  Kanaalkade 9 \n1811 LN Alkmaar")
    assert stored_address(workspace, letter_id) == "Wijkteam Alkmaar\nt.a.v. team Jeugd\nKanaalkade 9\n1811 LN Alkmaar"
    rendered = outbox.render_stored(workspace, letter_id)
    assert ADDRESS_MISSING not in rendered.missing
    text_of_pdf = all_text(outbox.letter_pdf(workspace, letter_id))
    assert "mevrouw A. de Vries Wijkteam Alkmaar t.a.v. team Jeugd Kanaalkade 9 1811 LN Alkmaar Datum" in text_of_pdf
    assert FILL not in text_of_pdf
    org = _referrer(workspace)  # the organisation's own address, added later, does not change this letter
    referrers.save_organisation(workspace, _input(org, address="Postbus 53\n1800 BC Alkmaar"), org.id)
    assert "Kanaalkade 9" in all_text(outbox.letter_pdf(workspace, letter_id))


def test_a_block_left_as_the_case_gives_it_keeps_following_the_organisation(workspace, case_id):
    letter_id = outbox.create_letter(workspace, case_id, "start", state="draft").id
    text = outbox.get_letter_text(workspace, letter_id)
    outbox.set_body(workspace, letter_id, text.subject, "Beste Anna,\n\nDe omgang is gestart.",
                    recipient_address=text.recipient_address)
    assert stored_address(workspace, letter_id) == ""
    org = _referrer(workspace)
    referrers.save_organisation(workspace, _input(org, address="Postbus 53\n1800 BC Alkmaar"), org.id)
    assert block(outbox.letter_pdf(workspace, letter_id)).endswith("Wijkteam Alkmaar Postbus 53 1800 BC Alkmaar")
    offered = outbox.get_letter_text(workspace, letter_id).recipient_address
    assert offered == "Wijkteam Alkmaar\nPostbus 53\n1800 BC Alkmaar"


def test_a_block_too_long_is_refused_under_its_field(workspace, case_id):
    letter_id = outbox.create_letter(workspace, case_id, "start", state="draft").id
    text = outbox.get_letter_text(workspace, letter_id)
    with pytest.raises(ValidationError) as refused:
        outbox.set_body(workspace, letter_id, text.subject, text.body, recipient_address="\n".join("abcdefg"))
    assert refused.value.field == "recipient_address"
    assert str(refused.value) == "Houd het adres op ten hoogste 6 regels."


def test_a_confidential_address_typed_into_the_block_is_printed_on_her_own_letter_only(workspace):
    """Her schedule letter goes to her address (offered as its block); typed into the father's, it is taken out."""
    set_organisation(workspace)
    case_id = full_case(workspace, confidential="resident", closed=False)
    hers = outbox.create_letter(workspace, case_id, "schedule", parent_role="resident", state="draft").id
    assert outbox.get_letter_text(workspace, hers).recipient_address == "Dorpsstraat 1\n1234 AB Alkmaar"
    his = outbox.create_letter(workspace, case_id, "schedule", parent_role="other", state="draft").id
    text = outbox.get_letter_text(workspace, his)
    outbox.set_body(workspace, his, text.subject, text.body, recipient_address="Dorpsstraat 1\n1234 AB Alkmaar")
    printed = all_text(outbox.letter_pdf(workspace, his))
    assert "Dorpsstraat" not in printed and "1234 AB" not in printed
    assert "Dorpsstraat" not in stored_address(workspace, his)


# ---- the editor -----------------------------------------------------------------------------------------------------

@pytest.fixture
def page(qtbot, workspace, case_id):
    widget = OutboxPage(workspace)
    qtbot.addWidget(widget)
    widget.resize(1366 - 176, 720)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_typing_the_address_block_in_the_editor_puts_it_on_the_pdf(qtbot, page, workspace, case_id):
    letter_id = outbox.create_letter(workspace, case_id, "start", state="draft").id
    page.refresh()
    page.table.selectRow(page.model.row_of(letter_id))
    page.edit_button.click()
    editor = page.editor
    assert editor.recipient_address.toPlainText() == "Wijkteam Alkmaar"
    editor.recipient_address.setFocus()
    editor.recipient_address.moveCursor(editor.recipient_address.textCursor().MoveOperation.End)
    for line in ("Postbus 53", "1800 BC Alkmaar"):
        qtbot.keyClick(editor.recipient_address, Qt.Key.Key_Return)
        qtbot.keyClicks(editor.recipient_address, line)
    editor.save()
    assert page.editor is None
    assert stored_address(workspace, letter_id) == "Wijkteam Alkmaar\nPostbus 53\n1800 BC Alkmaar"
    pdf = outbox.letter_pdf(workspace, letter_id)
    assert block(pdf) == "Anna de Vries Wijkteam Alkmaar Postbus 53 1800 BC Alkmaar"
    assert FILL not in all_text(pdf)


def test_the_editor_says_why_a_block_is_refused_and_keeps_the_typing(qtbot, page, workspace, case_id):
    letter_id = outbox.create_letter(workspace, case_id, "start", state="draft").id
    page.refresh()
    page.table.selectRow(page.model.row_of(letter_id))
    page.edit_button.click()
    editor = page.editor
    retype(editor.recipient_address, "\n".join("abcdefg"))
    editor.save()
    assert editor.isVisible() and editor.messages["recipient_address"].isVisible()
    assert editor.messages["recipient_address"].text() == "Houd het adres op ten hoogste 6 regels."
    assert editor.values()["recipient_address"] == "\n".join("abcdefg")
    QTimer.singleShot(50, lambda: _answer(qtbot, QMessageBox.StandardButton.Discard))
    editor.reject()  # asks first: the typing is not saved


def _answer(qtbot, button) -> None:
    box = QApplication.activeModalWidget()
    qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)
