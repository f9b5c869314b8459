"""The day a visit was called off

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-06

A visit called off on 10 March for 20 March counted as called off on 20 March: the midway letter, counting the
visits as they stood on an evaluation held between the two, had it still planned. Empty (NULL) for a visit called off
before this was kept; it is read as called off on its own date, as before.
"""
import sqlalchemy as sa
from alembic import op

revision = "0036"
down_revision = "0035"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("visit", sa.Column("cancelled_on", sa.Date(), nullable=True))  # ALTER TABLE: no copy


def downgrade() -> None:
    # SQLite's own DROP COLUMN: Alembic's drop_column copies the table, and dropping the old visit deletes its
    # addenda and expenses through ON DELETE CASCADE.
    op.execute("ALTER TABLE visit DROP COLUMN cancelled_on")
