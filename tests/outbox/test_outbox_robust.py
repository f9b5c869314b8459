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
