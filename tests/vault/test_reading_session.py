"""A reading session (Vault.reading) holds no lock, so a long read such as the annual report on the Reports page
never keeps a save waiting; it cannot write; and the pooled connection it used writes again afterwards."""

from __future__ import annotations

import time

import pytest
import sqlcipher3
from sqlalchemy import func, select

from borapp.models import Municipality, db
from borapp.services.reports import annual
from tests.helpers import lock_midway


def _write_lock_is_free(vault) -> bool:
    """Whether another connection can take the write lock at once (no waiting: busy timeout 0)."""
    other = db.connect(vault.path, bytes(vault._key))
    try:
        other.execute("PRAGMA busy_timeout = 0")
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlcipher3.OperationalError:  # database is locked
        return False
    finally:
        other.close()


def test_a_reading_session_leaves_the_write_lock_free(vault):
    with vault.session() as session:
        session.scalar(select(func.count(Municipality.id)))
        assert not _write_lock_is_free(vault)  # what every other session does: the lock at BEGIN
    with vault.reading() as session:
        session.scalar(select(func.count(Municipality.id)))
        assert _write_lock_is_free(vault)


def test_a_reading_session_cannot_write_and_the_connection_writes_again_after(vault):
    with pytest.raises(Exception, match="readonly"):
        with vault.reading() as session:
            session.add(Municipality(name="Proefdorp"))
            session.flush()
    for _ in range(3):  # whichever pooled connection comes next
        with vault.session() as session:
            session.add(Municipality(name=f"Proefdorp {_}"))
    with vault.reading() as session:
        assert session.scalar(select(func.count()).where(Municipality.name.like("Proefdorp%"))) == 3


def test_the_annual_report_is_worked_out_without_the_write_lock(workspace, monkeypatch):
    seen = []
    real = annual.volunteer_figures
    monkeypatch.setattr(annual, "volunteer_figures",
                        lambda session, year, *rest: seen.append(_write_lock_is_free(workspace.vault))
                        or real(session, year, *rest))
    annual.annual_report(workspace, 2025)
    assert seen == [True]


def test_a_locked_vault_has_no_reading_session(vault):
    from borapp.services.errors import VaultLocked

    vault.lock()
    with pytest.raises(VaultLocked):
        with vault.reading():
            pass


def test_a_read_running_at_the_lock_is_stopped_and_its_connection_closed(vault):
    """A long read on another thread (the annual report) is interrupted by the lock, and its connection, which
    still holds the key inside SQLCipher, is closed when given back instead of staying open in the old pool."""
    import threading

    from sqlalchemy import text

    inside, go_on, held, ended = threading.Event(), threading.Event(), [], []

    def work():
        try:
            with vault.reading() as session:
                session.execute(text("SELECT count(*) FROM sqlite_master")).all()
                held.append(session.connection().connection.dbapi_connection)
                inside.set()
                go_on.wait(10)
                session.execute(text("SELECT count(*) FROM sqlite_master")).all()
            ended.append("finished")
        except Exception as exc:  # interrupted: the report is dropped
            ended.append(type(exc).__name__)

    lock_midway(work, inside, go_on, vault.lock)
    assert ended, "the read ended"
    with pytest.raises(sqlcipher3.ProgrammingError, match="closed"):
        held[0].execute("SELECT count(*) FROM sqlite_master")


def test_a_long_read_is_interrupted_by_the_lock(vault):
    """What the lock does to a statement under way on another thread: it stops at once, not when it is done."""
    import threading

    from sqlalchemy import text

    started, ended = threading.Event(), []
    endless = text("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n")

    def work():
        try:
            with vault.reading() as session:
                started.set()
                session.execute(endless).all()
        except Exception as exc:
            ended.append(str(exc))

    worker = threading.Thread(target=work, daemon=True)  # should the interrupt fail, the test still ends
    worker.start()
    assert started.wait(10)
    time.sleep(0.2)  # let the statement start; without the interrupt it never ends
    vault.lock()
    worker.join(30)
    assert not worker.is_alive() and ended and "interrupt" in ended[0]


def test_the_driver_connection_writes_after_a_reading_session_and_a_backup_follows_one(vault, tmp_path):
    """VACUUM INTO (a backup) runs on the driver connection, past SQLAlchemy: the reading session that used that
    pooled connection last left query_only on, and the backup was refused ("attempt to write a readonly database")
    unless something else had happened to begin a transaction on it first."""
    from borapp.services.vault import backup_file
    from borapp.services.vault.vault import key_path

    with vault.reading() as session:
        session.scalar(select(func.count(Municipality.id)))
    with db.driver_connection(vault.engine) as raw:
        assert raw.execute("PRAGMA query_only").fetchone()[0] == 0
    with vault.reading() as session:
        session.scalar(select(func.count(Municipality.id)))
    written = backup_file.write(vault.engine, key_path(vault.path), tmp_path / "after-reading.borbackup", "0029")
    assert written.exists()
