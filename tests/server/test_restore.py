"""The office server restored from its nightly pg_dump, as deploy/README.md (section 5) says: the laptops go on
syncing with it, and the laptop with the most recent work, leaving and joining again, brings back what was synced
after the dump."""

from __future__ import annotations

import subprocess
import uuid

import psycopg
from fastapi.testclient import TestClient

from borapp.models.schema import head
from borapp.server import devices, schema
from borapp.server.app import create_app
from borapp.services.sync.join import join, leave
from tests.server.conftest import PG_BIN, app, db_url, migrated_url, postgres  # noqa: F401 - fixtures
from tests.sync.test_team_scenarios import URL, team  # noqa: F401 - fixture


def test_a_restored_dump_serves_the_team_again(team, postgres, db_url, tmp_path):
    from borapp.models import Municipality  # noqa: F401 - the team's vaults hold one

    anna, bram = team
    before = anna.register(parent="Ria Voor")
    anna.sync()
    bram.sync()
    dump = tmp_path / "bor.dump"
    subprocess.run([str(PG_BIN / "pg_dump"), "-Fc", "-f", str(dump), "--dbname", db_url], check=True,
                   capture_output=True, timeout=120)
    after = anna.register(parent="Ria Na")  # synced after the night's dump: on the laptops, not in the dump
    anna.sync()
    bram.sync()

    name = f"bor_restored_{uuid.uuid4().hex[:8]}"
    restored = postgres.create_database(name)
    subprocess.run([str(PG_BIN / "pg_restore"), "--no-owner", "--dbname", restored, str(dump)], check=True,
                   capture_output=True, timeout=120)
    schema.upgrade(restored)  # borapp server init: nothing to do on a current dump
    with psycopg.connect(restored, autocommit=True) as conn:  # the change numbers past any a laptop saw
        conn.execute("SELECT setval(pg_get_serial_sequence('change_log', 'seq'), "
                     "(SELECT coalesce(max(seq), 0) FROM change_log) + 1000000)")
    service = create_app(restored, client_schema=head(), pool_size=4)
    try:
        for laptop in (anna, bram):
            laptop.http = TestClient(service, raise_server_exceptions=False)
        new = bram.register(parent="Ria Nieuw")  # the laptops go on syncing with the restored server
        bram.sync()
        anna.sync()
        assert {before, new} <= set(anna.cases()) and {before, new, after} <= set(bram.cases())

        leave(anna.workspace)  # the laptop with the most recent work joins again: its snapshot goes to the server
        with psycopg.connect(restored, autocommit=True) as conn:
            code = devices.add(conn, "anna-2")[0]
        join(anna.workspace, URL, code, "anna-2", http=anna.http)
        anna.sync()
        with psycopg.connect(restored) as conn:
            refs = {row[0] for row in conn.execute(
                "SELECT fields->>'ref' FROM records WHERE type = 'case' AND NOT deleted")}
            assert {before, after, new} <= refs, "what was synced after the dump is back on the server"
            assert conn.execute("SELECT count(*) FROM conflicts").fetchone()[0] == 0
        assert len(bram.cases()) == len(set(bram.cases()))
    finally:
        service.state.pool.close()
        with psycopg.connect(postgres.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
