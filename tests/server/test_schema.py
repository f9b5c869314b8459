"""The server's schema comes from its own Alembic environment, not the vault's."""

from __future__ import annotations

import psycopg


def test_init_creates_the_schema_at_the_server_head(postgres):
    from borapp.server import schema

    url = postgres.create_database("fresh_schema")
    assert schema.current(url) is None
    before, after = schema.upgrade(url)
    assert (before, after) == (None, schema.head())
    assert schema.current(url) == schema.head()
    assert schema.upgrade(url) == (schema.head(), schema.head())  # again: nothing to do
    with psycopg.connect(url) as conn:
        tables = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
    assert {"devices", "enrolment_codes", "records", "change_log", "applied_ops", "conflicts",
            "number_blocks", "alembic_version"} <= tables


def test_the_server_head_is_not_the_vaults():
    from borapp.models.schema import head as vault_head
    from borapp.server import schema

    assert schema.head() != vault_head()
