"""Who did not show up for a visit

Revision ID: 0038
Revises: 0037
Create Date: 2026-12-06

A parent who did not come, without calling the visit off, could only be recorded as a cancellation by that parent
"0 hours before": the visits list, the timeline and the letters to the referrer said "cancelled". A visit now has the
state "no_show" with the parent who did not come. Existing visits keep their state; the new column is empty for them.
"""
import sqlalchemy as sa
from alembic import op

revision = "0038"
down_revision = "0037"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("visit", sa.Column("no_show_by", sa.String(20), nullable=False, server_default=""))  # no copy


def downgrade() -> None:
    # SQLite's own DROP COLUMN, as 0036: Alembic's drop_column copies the table, and dropping the old visit deletes its
    # addenda and expenses through ON DELETE CASCADE. A no-show goes back to what it could only be before: cancelled
    # by that parent.
    op.execute("UPDATE visit SET state = 'cancelled', cancelled_by = no_show_by "
               "WHERE state = 'no_show'")
    op.execute("ALTER TABLE visit DROP COLUMN no_show_by")
