"""A throw-away PostgreSQL 15 for the whole session (Debian's binaries, 127.0.0.1 on a free port, its socket in a
temp dir, run as the unprivileged user `postgres` when the tests run as root), a database migrated once with the
server's Alembic scripts and emptied before each test, and the app driven in-process."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

PG_BIN = Path(os.environ.get("BORAPP_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))
TABLES = ("devices, enrolment_codes, records, change_log, applied_ops, conflicts, number_blocks, blobs, "
          "erased_numbers")


PREFIX = "borapp-pg-"


def _stop_orphans() -> None:
    """Clusters left by a test process that was killed (no teardown ran): stopped and removed. A cluster whose
    process still runs, or that does not say whose it is, is left alone."""
    for root in Path(tempfile.gettempdir()).glob(PREFIX + "*"):
        try:
            owner = int((root / "owner.pid").read_text())
            os.kill(owner, 0)
            continue  # still running
        except (OSError, ValueError) as exc:
            if not isinstance(exc, ProcessLookupError):
                continue
        subprocess.run(_as_postgres([str(PG_BIN / "pg_ctl"), "stop", "-w", "-m", "immediate", "-D",
                                     str(root / "data")]), check=False, capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


class Postgres:
    """One PostgreSQL cluster in a temp dir. `durable=False` (the tests) turns off fsync and synchronous commit;
    the benchmark measures with them on, as an office server runs."""

    def __init__(self, durable: bool = False) -> None:
        self.durable = durable
        _stop_orphans()
        self.root = Path(tempfile.mkdtemp(prefix=PREFIX))
        (self.root / "owner.pid").write_text(str(os.getpid()))
        self.data = self.root / "data"
        self.sockets = self.root / "sockets"
        self.sockets.mkdir()
        self.port = _free_port()
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            for path in (self.root, self.sockets):
                os.chown(path, user.pw_uid, user.pw_gid)
        self.user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name

    def run(self, *cmd: str) -> None:
        subprocess.run(_as_postgres([str(PG_BIN / cmd[0]), *cmd[1:]]), check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        self.run("initdb", "-D", str(self.data), "-U", self.user, "--auth=trust", "-E", "UTF8", "--no-sync",
                 "--locale=C")
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.sockets} -c max_connections=60"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self.run("pg_ctl", "start", "-w", "-D", str(self.data), "-l", str(self.root / "log"), "-o", options)

    def stop(self) -> None:
        try:
            self.run("pg_ctl", "stop", "-w", "-m", "immediate", "-D", str(self.data))
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str, exist_ok: bool = False) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            if not (exist_ok and conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()):
                conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


_SHARED: dict = {}  # one cluster per test process, also for modules that import these fixtures (tests/sync)


@pytest.fixture(scope="session")
def postgres():
    if not (PG_BIN / "initdb").exists() or not (PG_BIN / "pg_ctl").exists():
        pytest.fail(f"PostgreSQL 15 is not installed ({PG_BIN}/initdb missing): scripts/setup installs Debian's "
                    "postgresql; the sync tests need the real engine")
    if os.geteuid() == 0 and (shutil.which("runuser") is None or not _has_user("postgres")):
        pytest.fail("running as root, but there is no user 'postgres' (or no runuser) to start PostgreSQL as")
    if "server" not in _SHARED:
        server = Postgres()
        try:
            server.start()
        except subprocess.CalledProcessError as exc:
            log = server.root / "log"
            text = log.read_text() if log.exists() else ""
            shutil.rmtree(server.root, ignore_errors=True)
            raise RuntimeError(f"PostgreSQL did not start: {exc.stderr!r} {text}") from exc
        _SHARED.update(server=server, users=0)
    _SHARED["users"] += 1
    yield _SHARED["server"]
    _SHARED["users"] -= 1
    if _SHARED["users"] == 0:
        _SHARED.pop("server").stop()


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


@pytest.fixture(scope="session")
def migrated_url(postgres):
    from borapp.server import schema

    url = postgres.create_database("bor", exist_ok=True)
    schema.upgrade(url)
    return url


@pytest.fixture
def db_url(migrated_url):
    """The migrated database, empty."""
    import psycopg

    with psycopg.connect(migrated_url, autocommit=True) as conn:
        conn.execute(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE")
    return migrated_url


@pytest.fixture
def sql(db_url):
    """Run SQL on the server's database directly (as an auditor would), returning all rows."""
    import psycopg

    conn = psycopg.connect(db_url, autocommit=True)

    def run(query: str, *params):
        cur = conn.execute(query, params or None)
        return cur.fetchall() if cur.description else []

    yield run
    conn.close()


@pytest.fixture
def app(db_url):
    from borapp.models.schema import head
    from borapp.server.app import create_app

    application = create_app(db_url, client_schema=head(), pool_size=8)
    yield application
    application.state.pool.close()


@pytest.fixture
def office(app, db_url):
    """Adds devices to the server and enrols them over HTTP: office.device("anna") is a small laptop-side client."""
    from tests.server.support import Office

    return Office(app, db_url)
