"""Alembic environment: always run on the open, keyed connection the vault hands over (never a URL)."""

from alembic import context

from borapp.models import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
