"""An emoji the typeface lacks (copied from a parent's message into a letter or note) printed as an empty box and
cut the rest of its line from the PDF's text: it is left out of the PDF now, and the words around it stay."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from borapp.services.documents import layout
from borapp.services.documents.facts import Organisation
from borapp.services.documents.fonts import printable, register_fonts
from borapp.services.documents.letters import render_letter
from tests.helpers.documents_support import TODAY, all_text, full_case, set_organisation


def test_a_letter_with_emoji_keeps_every_word_around_them(workspace):
    set_organisation(workspace)
    case_id = full_case(workspace)
    body = ("Geachte mevrouw,\n\nSanne was blij 🙂 👍🏽 en zwaaide naar haar vader.\n\n"
            "- de overdracht ging goed 👨\u200d👩\u200d👧 zonder ruzie\n- volgende keer weer 🙂 in de speeltuin")

    text = " ".join(all_text(render_letter(workspace, case_id, "start", body=body, today=TODAY).pdf).split())

    assert "Sanne was blij en zwaaide naar haar vader." in text
    assert "de overdracht ging goed zonder ruzie" in text
    assert "volgende keer weer in de speeltuin" in text


def test_the_letterhead_and_footer_leave_them_out_too():
    """Drawn on the canvas line by line, not as paragraphs."""
    drawn = []

    class Recording(Canvas):
        def drawString(self, x, y, value, *args, **kwargs):  # noqa: N802 (reportlab's name)
            drawn.append(value)
            super().drawString(x, y, value, *args, **kwargs)

    register_fonts()
    canvas = Recording(io.BytesIO())
    layout.draw_letterhead(canvas, Organisation("BOR Kop 🙂 van Noord-Holland", "Postbus 77 👍", "", "", "", b""))
    layout.draw_footer(canvas, "Brief 🙂 dossier BOR-2026-001", "Pagina 1 van 1")

    assert drawn == ["BOR Kop van Noord-Holland", "Postbus 77", "Brief dossier BOR-2026-001"]


def test_what_the_typeface_has_stays():
    assert printable("ĳs € ✓ ❤️ ☺ Zoë") == "ĳs € ✓ ❤️ ☺ Zoë"
    assert printable("Zhāng 张伟") == "Zhāng 张伟"  # letters stay, even without their glyphs: something is there
