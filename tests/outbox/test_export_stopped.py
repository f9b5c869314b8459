"""An export stopped by a folder that cannot be written (read-only, full, a system folder): what it wrote is
recorded, and a letter none of whose files got there is plainly ready again, to send, change or delete. A file left
in the folder keeps the letter's mark, so the next export finishes it instead of writing it twice
(tests/outbox/test_outbox_robust.py)."""

from __future__ import annotations

import pytest

from borapp.models import Letter
from borapp.services.errors import ValidationError
from borapp.services.outbox import export, letters, sending
from borapp.services.outbox.listing import EXPORT_MARK
from tests.helpers.outbox_support import (  # noqa: F401 - fixtures
    add_referred_case,
    configure_smtp,
    failing_after,
    smtp_server,
    stand_in,
)


@pytest.fixture
def three(workspace, stand_in):
    case_id = add_referred_case(workspace, "BOR-2026-095")
    return [letters.new_letter(workspace, case_id, kind) for kind in ("intake", "start", "closing")]


def raw_error(workspace, letter_id) -> str:
    with workspace.session() as session:
        return session.get(Letter, letter_id).error


def test_an_export_that_writes_nothing_leaves_the_letters_plainly_ready(workspace, three, tmp_path, monkeypatch,
                                                                        smtp_server):
    with workspace.session() as session:  # a send earlier kept this one for later, with the server's words
        session.get(Letter, three[0]).error = "421 Probeer het later opnieuw"
    failing_after(monkeypatch, 0)
    folder = tmp_path / "uit"
    result = export.export_ready(workspace, folder)
    assert result.exported == [] and result.stopped == f"In {folder} kan niet worden geschreven (alleen-lezen, of geen toestemming). Kies een andere plek of vraag om schrijfrechten." and not result.ok
    assert [raw_error(workspace, i) for i in three] == ["421 Probeer het later opnieuw", "", ""]  # no mark left
    letters.delete_letter(workspace, three[2])
    server = smtp_server()
    configure_smtp(workspace, server.port)
    sent = sending.send_ready(workspace, timeout=5)
    assert sorted(o.letter_id for o in sent.sent) == sorted(three[:2]) and len(server.handler.messages) == 2


def test_an_export_stopped_halfway_records_what_it_wrote_and_gives_back_the_rest(workspace, three, tmp_path,
                                                                                monkeypatch):
    written = failing_after(monkeypatch, 3)  # the first letter's two files, the second's PDF, then the disk is full
    folder = tmp_path / "uit"
    result = export.export_ready(workspace, folder)
    [(first, eml, pdf)] = result.exported
    assert result.stopped and sorted(folder.iterdir()) == sorted([eml, pdf])  # the lone PDF was taken back
    assert len(written) == 3 and not written[2].exists()
    rows = {i: letters.get_letter_row(workspace, i) for i in three}
    assert rows[first].state == "exported"
    assert [(rows[i].state, rows[i].raw_error) for i in three if i != first] == [("ready", ""), ("ready", "")]
    monkeypatch.undo()
    again = export.export_ready(workspace, folder)
    assert sorted(i for i, _eml, _pdf in again.exported) == sorted(i for i in three if i != first) and again.ok
    assert len(list(folder.iterdir())) == 6  # three letters, each once


def test_a_letter_with_a_file_left_in_the_folder_keeps_its_mark(workspace, three, tmp_path, monkeypatch):
    """Its PDF could not be taken back: the letter is not given back, as after an export that was killed."""
    failing_after(monkeypatch, 1)
    monkeypatch.setattr(export, "_take_back", lambda path: None)
    result = export.export_ready(workspace, tmp_path / "uit")
    assert result.exported == [] and result.stopped
    marks = [raw_error(workspace, i).startswith(EXPORT_MARK) for i in three]
    assert sorted(marks) == [False, False, True]
    marked = next(i for i, mark in zip(three, marks) if mark)
    with pytest.raises(ValidationError, match="werd geëxporteerd toen de export stopte"):  # not "this letter is ready"
        letters.delete_letter(workspace, marked)


def test_a_folder_that_cannot_be_made_stops_the_export_before_any_letter_is_touched(workspace, three, tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    result = export.export_ready(workspace, blocker / "uit")
    assert result.exported == [] and result.stopped.startswith("Kan de map") and not result.ok
    assert [raw_error(workspace, i) for i in three] == ["", "", ""]
