"""A letter's end (closing, signature, the note on a report's use) never starts a page alone: it stays on one
page with the body's last lines, and the note is never split (a walk found "Daniel Simonis / Coördinator BOR" alone
on page 2, and the note's last two lines)."""

from __future__ import annotations

import pytest

from borapp.services.documents.letters import render_letter
from tests.helpers.documents_support import TODAY, full_case, pages, set_organisation

LINE = "Dit is een extra alinea met feitelijke informatie over het verloop van de omgang, zoals afgesproken."
NOTE_START, NOTE_END = "Over dit verslag:", "zonder toestemming van de ouders."


@pytest.fixture
def case_id(workspace):
    set_organisation(workspace)
    return full_case(workspace)


def _body(paragraphs: int, last: str = "", closing: str = "") -> str:
    text = "Geachte Anna de Vries,\n\n" + "\n\n".join(f"{i + 1}. {LINE}" for i in range(paragraphs))
    return text + (f"\n\n{last}" if last else "") + (f"\n\n{closing}" if closing else "")


def _two_page_letters(workspace, case_id, kind, **body):
    """The letter with a body growing a paragraph at a time, from one page until well into the second."""
    found = []
    for paragraphs in range(1, 40):
        texts = pages(render_letter(workspace, case_id, kind, body=_body(paragraphs, **body), today=TODAY).pdf)
        if len(texts) == 2:
            found.append((paragraphs, texts))
        if len(found) == 8:
            return found
    raise AssertionError("the body never reached a second page")


def _page_with(texts: list[str], words: str) -> int:
    return next(i for i, page in enumerate(texts) if words in page)


@pytest.mark.parametrize("kind", ["intake", "evaluation", "closing"])
def test_the_closing_and_signature_stay_on_a_page_with_body_text(workspace, case_id, kind):
    for paragraphs, texts in _two_page_letters(workspace, case_id, kind):
        page = _page_with(texts, "Met vriendelijke groet,")
        assert page == _page_with(texts, "Carla Coördinator Coördinator BOR"), (kind, paragraphs)
        assert f"{paragraphs}. {LINE}" in texts[page], (kind, paragraphs)  # at least the last lines of the body
        if kind != "intake":
            assert _page_with(texts, NOTE_START) == _page_with(texts, NOTE_END) == page, (kind, paragraphs)
        assert not any("Afschrift aan" in text for text in texts), "nothing sends a copy: no line promises one"


def test_a_long_last_paragraph_breaks_over_the_page_and_takes_its_last_lines_with_the_closing(workspace, case_id):
    """The page is filled: the paragraph starts on the first page, and goes on with the closing on the second."""
    last = "Lang slot. " + " ".join([LINE] * 6) + " Einde van het slot."
    broken = 0
    for paragraphs, texts in _two_page_letters(workspace, case_id, "evaluation", last=last):
        closing = _page_with(texts, "Met vriendelijke groet,")
        assert closing == _page_with(texts, "Einde van het slot.") == _page_with(texts, "Carla Coördinator")
        if closing == 1 and "Lang slot." in texts[0]:
            broken += 1
            tail = texts[1].split("bor.kop.example", 1)[1].split("Met vriendelijke groet,")[0]
            assert len(tail.split()) > 18, (paragraphs, tail)  # two lines at least, not one
    assert broken, "no body length broke the last paragraph over the page"


def test_a_text_that_signs_off_itself_keeps_its_own_closing_with_the_signature_and_the_body(workspace, case_id):
    for paragraphs, texts in _two_page_letters(workspace, case_id, "evaluation",
                                               closing="Met hartelijke groet,\n\nCarla\nnamens het BOR-team"):
        page = _page_with(texts, "Met hartelijke groet,")
        assert page == _page_with(texts, "namens het BOR-team") == _page_with(texts, "Carla Coördinator")
        assert f"{paragraphs}. {LINE}" in texts[page], paragraphs
        assert "Met vriendelijke groet" not in " ".join(texts)
