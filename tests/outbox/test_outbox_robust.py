"""The outbox survives what people and machines do: an export killed halfway exports nothing twice, a name typed with
a line break does not stop an export or a send, and `letters list` into a cp1252 console prints every letter."""

from __future__ import annotations

import os
import subprocess
import sys
from email import message_from_bytes, policy

import pytest

from borapp.models import Letter, Parent
from borapp.services import audit
from borapp.services.errors import BorError, ValidationError
from borapp.services.outbox import export
from borapp.services.outbox import letters, sending
from tests.helpers.outbox_support import add_referred_case, configure_smtp, smtp_server, stand_in  # noqa: F401


class Killed(BaseException):
    """Stands for the process dying: nothing after it runs."""


def test_an_export_killed_after_writing_a_letter_exports_nothing_twice(workspace, tmp_path, stand_in, monkeypatch):
    case_id = add_referred_case(workspace, "BOR-2026-081")
    ids = [letters.new_letter(workspace, case_id, kind) for kind in ("intake", "start", "closing")]
    record = audit.record

    def die_at_the_second(session, action, record_type, record_id, actor):
        if action == "export" and record_id == ids[1]:
            raise Killed()  # its files are written; the record that it went is not
        return record(session, action, record_type, record_id, actor)

    monkeypatch.setattr(audit, "record", die_at_the_second)
    folder = tmp_path / "uit"
    with pytest.raises(Killed):
        export.export_ready(workspace, folder)
    monkeypatch.setattr(audit, "record", record)
    before = {i: letters.get_letter_row(workspace, i).state for i in ids}
    assert before[ids[1]] == "ready"  # killed: its files are there, its record is not
    again = export.export_ready(workspace, folder)
    assert sorted(i for i, _eml, _pdf in again.exported) == sorted(i for i, state in before.items() if state == "ready")
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 6, names  # three letters, one .eml and one .pdf each: nothing twice
    assert [letters.get_letter_row(workspace, i).state for i in ids] == ["exported"] * 3


def test_a_name_with_a_line_break_does_not_stop_an_export_or_a_send(workspace, tmp_path, stand_in, smtp_server):
    case_id = add_referred_case(workspace, "BOR-2026-082")
    first = letters.new_letter(workspace, case_id, "intake")
    with workspace.session() as session:
        session.get(Letter, first).recipient_name = "Anna\nde Vries"
    letters.new_letter(workspace, case_id, "start")
    result = export.export_ready(workspace, tmp_path / "uit")
    assert not result.problems and len(result.exported) == 2
    eml = next(p for p in (tmp_path / "uit").iterdir() if p.suffix == ".eml" and f"-{first}" in p.name)
    assert "Anna de Vries" in str(message_from_bytes(eml.read_bytes(), policy=policy.default)["To"])
    second = letters.new_letter(workspace, case_id, "closing")
    with workspace.session() as session:
        session.get(Letter, second).recipient_name = "Bram\r\nBos"
    server = smtp_server()
    configure_smtp(workspace, server.port)
    assert [o.letter_id for o in sending.send_ready(workspace, timeout=5).sent] == [second]


def test_letters_list_into_a_cp1252_console(workspace, vault_path, passphrase_file, stand_in):
    case_id = add_referred_case(workspace, "BOR-2026-083")
    with workspace.session() as session:
        session.query(Parent).filter_by(case_id=case_id, role="resident").one().name = "Ayşe Kowalczył"
    letters.new_letter(workspace, case_id, "start", parent_role="resident")
    workspace.lock()
    env = dict(os.environ, PYTHONIOENCODING="cp1252")
    done = subprocess.run([sys.executable, "-m", "borapp", "letters", "list", "--vault", str(vault_path),
                           "--passphrase-file", str(passphrase_file)], env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode("cp1252", "replace")
    assert b"BOR-2026-083" in done.stdout and b"Traceback" not in done.stderr


def test_a_subject_or_name_too_long_for_the_letter_is_refused_beside_its_field(workspace):
    """A 5,000-character subject was saved, and then no preview, export or send worked (found by a walk)."""
    case_id = add_referred_case(workspace, "BOR-2026-084")
    letter_id = letters.new_letter(workspace, case_id, "intake")
    with pytest.raises(ValidationError) as refused:
        letters.set_body(workspace, letter_id, "Verslag van de omgang " * 230, "Tekst")
    assert refused.value.field == "subject" and "300" in str(refused.value) and "(het heeft er 5.059)" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        letters.set_body(workspace, letter_id, "Verslag", "Tekst", recipient_name="Anna de Vries " * 15)
    assert refused.value.field == "recipient_name" and "200" in str(refused.value)
    longest = ("Verslag van de omgang " * 14)[:300]
    letters.set_body(workspace, letter_id, longest, "Tekst", recipient_name="A" * 200)
    assert letters.get_letter_row(workspace, letter_id).subject == longest.strip()
    assert letters.render_stored(workspace, letter_id).pdf.startswith(b"%PDF")  # the longest allowed fits


def test_one_letter_that_cannot_be_laid_out_stops_no_other(workspace, tmp_path, smtp_server):
    """A subject kept from before the limit (or made on another laptop) is one letter's problem, said in words; the
    export and the send go on with the others."""
    case_id = add_referred_case(workspace, "BOR-2026-085")
    bad, good = (letters.new_letter(workspace, case_id, kind) for kind in ("intake", "start"))
    with workspace.session() as session:
        session.get(Letter, bad).subject = "Verslag van de omgang " * 230
    with pytest.raises(BorError) as said:
        letters.render_stored(workspace, bad)
    assert "past niet op de pagina's" in str(said.value)
    result = export.export_ready(workspace, tmp_path / "uit")
    assert [i for i, _eml, _pdf in result.exported] == [good]
    assert [(i, "past niet op de pagina's" in why) for i, why in result.problems] == [(bad, True)]
    third = letters.new_letter(workspace, case_id, "closing")
    server = smtp_server()
    configure_smtp(workspace, server.port)
    outcome = sending.send_ready(workspace, timeout=5)
    assert [o.letter_id for o in outcome.sent] == [third]
    row = letters.get_letter_row(workspace, bad)
    assert row.state == "failed" and "past niet op de pagina's" in row.error  # said in the outbox, to shorten
