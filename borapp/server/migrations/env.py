"""Alembic environment of the office server's PostgreSQL schema: run on the connection `borapp.server.schema`
hands over (never a URL in a file)."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
