"""The access log: every line chained to the one before, so that changing one byte, removing a line or cutting
the tail is caught by verify; lines name the case and the device, never content."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text

from borapp.models import AuditEvent, Case, Letter
from borapp.services import audit
from borapp.services.cases.case_file import load_case
from borapp.services.demo.builder import fill_demo
from borapp.services.privacy import access_log
from tests.cases.test_case_services import add_case


def _some_lines(workspace) -> int:
    case_id = add_case(workspace, "BOR-2026-001")
    for _ in range(3):
        load_case(workspace, case_id)  # an open of the case file is logged
    with workspace.session() as session:
        letter = Letter(case_id=case_id, kind="intake", state="draft", recipient_name="x")
        session.add(letter)
        session.flush()
        audit.record(session, "create", "letter", letter.id, "tester")
    return case_id


def test_a_fresh_log_verifies(workspace):
    _some_lines(workspace)
    result = access_log.verify(workspace)
    assert result.ok and result.lines >= 4


def test_lines_name_their_case_and_device_never_content(workspace):
    case_id = _some_lines(workspace)
    lines = access_log.log_lines(workspace, case_id=case_id)
    assert {line.action for line in lines} >= {"open", "create"}
    assert all(line.case_id == case_id for line in lines)
    assert all(line.device == audit.device_name() for line in lines)
    letter_line = next(line for line in lines if line.record_type == "letter")
    assert letter_line.case_id == case_id  # found through the letter, not given by the caller


def _tamper(workspace, sql: str, **params) -> None:
    with workspace.session() as session:
        session.execute(text(sql), params)


def test_changing_one_byte_of_a_line_is_caught(workspace):
    _some_lines(workspace)
    with workspace.session() as session:
        target = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()[1]
        target_id, actor = target.id, target.actor
    _tamper(workspace, "UPDATE audit_event SET actor = :actor WHERE id = :id",
            actor=("X" + actor[1:]) if actor else "X", id=target_id)
    result = access_log.verify(workspace)
    assert not result.ok
    assert [p.line_id for p in result.problems] == [target_id]


def test_changing_the_time_of_a_line_is_caught(workspace):
    _some_lines(workspace)
    _tamper(workspace, "UPDATE audit_event SET at = :at WHERE id = 2", at=dt.datetime(2020, 1, 1))
    assert [p.line_id for p in access_log.verify(workspace).problems] == [2]


def test_removing_a_line_in_the_middle_is_caught(workspace):
    _some_lines(workspace)
    _tamper(workspace, "DELETE FROM audit_event WHERE id = 2")
    problems = access_log.verify(workspace).problems
    assert [p.line_id for p in problems] == [3]  # the line after the gap no longer follows its predecessor


def test_cutting_the_tail_is_caught(workspace):
    _some_lines(workspace)
    _tamper(workspace, "DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)")
    problems = access_log.verify(workspace).problems
    assert len(problems) == 1 and problems[0].line_id is None


def test_rewriting_a_line_with_a_fresh_hash_breaks_the_next_line(workspace):
    """Even a forger who recomputes the changed line's own hash is caught by the line after it."""
    _some_lines(workspace)
    with workspace.session() as session:
        line = session.get(AuditEvent, 2)
        line.actor = "someone else"
        line.hash = audit.event_hash(line.prev_hash, line.at, line.actor, line.action, line.record_type,
                                     line.record_id, line.case_id, line.device)
    assert [p.line_id for p in access_log.verify(workspace).problems] == [3]


def test_a_demo_vault_has_a_whole_chain(vault):
    fill_demo(vault, cases=12, seed=3, today=dt.date(2026, 11, 30))
    from borapp.services.vault.workspace import Workspace

    workspace = Workspace(vault)
    result = access_log.verify(workspace)
    assert result.ok and result.lines > 12
    with workspace.session() as session:
        case_id = session.scalar(select(Case.id).limit(1))
    assert access_log.log_lines(workspace, case_id=case_id)


def test_an_older_vaults_log_is_chained_by_the_migration(vault, vault_path):
    """Lines written before the chain existed get it when the vault is upgraded, and then verify."""
    from alembic import command

    from borapp.models.schema import _config
    from borapp.services.vault.vault import Vault
    from borapp.services.vault.workspace import Workspace
    from tests.conftest import PASSPHRASE

    cfg = _config()
    with vault.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
    with vault.engine.begin() as conn:
        for action in ("create", "open", "open"):
            conn.execute(text("INSERT INTO audit_event (at, actor, action, record_type, record_id) "
                              "VALUES ('2025-03-01 10:00:00.000000', 'Ans', :action, 'case', 7)"),
                         {"action": action})
    vault.lock()
    reopened = Vault.open(vault_path, PASSPHRASE)
    try:
        workspace = Workspace(reopened)
        assert access_log.verify(workspace).ok
        assert len(access_log.log_lines(workspace, case_id=7)) == 3
    finally:
        reopened.lock()
