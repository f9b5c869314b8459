"""The day a contract version was drawn up and the moment a letter was made, as facts of their own

Revision ID: 0042
Revises: 0041
Create Date: 2026-12-07

Both were read from `created_at`, which is when this laptop stored the record and never travels: on a colleague's
laptop a contract was "drawn up" (and a letter "made") on the day it arrived there, and a signature dated as on the
paper was refused as before the drawing up. They are now columns that travel; the rows stored before get the date
they had here.
"""
import sqlalchemy as sa
from alembic import op

revision = "0042"
down_revision = "0041"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no copy of the table: dropping the old contract would delete its signatures by CASCADE)
    op.add_column("contract", sa.Column("drawn_up_on", sa.Date(), nullable=True))
    op.add_column("letter", sa.Column("made_at", sa.DateTime(), nullable=True))
    op.execute("UPDATE contract SET drawn_up_on = date(created_at)")
    op.execute("UPDATE letter SET made_at = created_at")


def downgrade() -> None:
    op.execute("ALTER TABLE contract DROP COLUMN drawn_up_on")
    op.execute("ALTER TABLE letter DROP COLUMN made_at")
