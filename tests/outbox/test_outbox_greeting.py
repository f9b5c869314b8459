"""The e-mail's short text greets as the letter it carries does (a walk found "Geachte Hannah Jansen" in the PDF and
"Beste Hannah Jansen" in the message): formally to a referrer, "Beste" to a parent, or as the coordinator wrote it."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest

from borapp.services.outbox import export, letters, mail
from tests.helpers.documents_support import all_text, set_organisation
from tests.helpers.outbox_support import add_referred_case, stand_in  # noqa: F401 - fixture


def _exported(workspace, folder) -> dict[int, tuple[str, str]]:
    """Each exported letter's (first line of the message's text, the PDF's text)."""
    found = {}
    for letter_id, eml, pdf in export.export_ready(workspace, folder).exported:
        message = message_from_bytes(eml.read_bytes(), policy=policy.default)
        found[letter_id] = (message.get_body(("plain",)).get_content().splitlines()[0], all_text(pdf.read_bytes()))
    return found


@pytest.mark.parametrize(("lang", "to_referrer", "to_parent"), [
    ("nl", "Geachte Anna de Vries,", "Beste {name},"), ("en", "Dear Anna de Vries,", "Dear {name},")])
def test_the_message_greets_as_the_letter_does(workspace, tmp_path, lang, to_referrer, to_parent):
    set_organisation(workspace)
    case_id = add_referred_case(workspace, "BOR-2026-040", status="visits")
    referrer = letters.new_letter(workspace, case_id, "start", lang=lang)
    parent = letters.new_letter(workspace, case_id, "schedule", parent_role="other", lang=lang)
    name = letters.get_letter_row(workspace, parent).recipient_name
    exported = _exported(workspace, tmp_path / "uit")
    assert set(exported) == {referrer, parent}
    for letter_id, greeting in ((referrer, to_referrer), (parent, to_parent.format(name=name))):
        cover, pdf = exported[letter_id]
        assert cover == greeting and greeting in pdf, (letter_id, cover)


def test_an_edited_greeting_is_the_messages_too_and_a_text_without_one_is_greeted_formally(workspace, tmp_path,
                                                                                          stand_in):
    case_id = add_referred_case(workspace, "BOR-2026-041")
    own = letters.new_letter(workspace, case_id, "closing", state="draft")
    letters.set_body(workspace, own, "Eindverslag", "Geachte mevrouw De Vries,\n\nHet traject is afgerond.")
    none = letters.new_letter(workspace, case_id, "evaluation", state="draft")
    letters.set_body(workspace, none, "Tussenevaluatie", "De tussenevaluatie is gehouden.\nWij schrijven u weer.")
    for letter_id in (own, none):
        letters.mark_ready(workspace, letter_id)
    exported = _exported(workspace, tmp_path / "uit")
    assert exported[own][0] == "Geachte mevrouw De Vries,"
    assert exported[none][0] == "Geachte Anna de Vries,"


@pytest.mark.parametrize(("body", "greeting"), [
    ("Geachte Anna de Vries,\n\nTekst.", "Geachte Anna de Vries,"), ("Beste Karel,\r\n\r\nTekst.", "Beste Karel,"),
    ("\n  Dear Ms de Vries,  \n \nText.", "Dear Ms de Vries,"),
    ("Geachte Anna de Vries,\nTekst direct eronder.", ""),  # no blank line: the first line starts the text
    ("Wij hebben, zoals afgesproken, de ouders gesproken.\n\nTekst.", ""), ("", ""),
])
def test_the_salutation_is_the_texts_opening_line_ending_in_a_comma(body, greeting):
    assert mail.salutation(body) == greeting
