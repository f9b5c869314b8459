"""Who signed up for a volunteer meeting, and why a meeting was cancelled

Revision ID: 0040
Revises: 0039
Create Date: 2026-12-06

A meeting is cancelled when fewer than four volunteers sign up, but only who attended could be recorded, and only
after the date: too late to cancel. A meeting's row per volunteer now says whether they signed up and whether they
attended (the rows recorded before were who attended). A cancelled meeting keeps its reason: too few sign-ups or
another, with a few words. The meetings cancelled before were counted as "too few" when under four attended (none
had attendance recorded), as another reason otherwise; that is what they are given here.
"""
import sqlalchemy as sa
from alembic import op

revision = "0040"
down_revision = "0039"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no copy of the tables: dropping the old meeting would delete its attendance by CASCADE)
    op.add_column("meeting", sa.Column("cancel_reason", sa.String(20), nullable=False, server_default=""))
    op.add_column("meeting", sa.Column("cancel_note", sa.String(300), nullable=False, server_default=""))
    op.add_column("meeting_attendance", sa.Column("signed_up", sa.Boolean(), nullable=False, server_default="0"))
    op.add_column("meeting_attendance", sa.Column("attended", sa.Boolean(), nullable=False, server_default="1"))
    op.execute("UPDATE meeting SET cancel_reason = CASE WHEN (SELECT count(*) FROM meeting_attendance a "
               "WHERE a.meeting_id = meeting.id) < 4 THEN 'too_few' ELSE 'other' END WHERE cancelled")


def downgrade() -> None:
    # Before 0040 a row was someone who attended: a sign-up alone goes
    op.execute("DELETE FROM meeting_attendance WHERE NOT attended")
    for table, column in (("meeting_attendance", "attended"), ("meeting_attendance", "signed_up"),
                          ("meeting", "cancel_note"), ("meeting", "cancel_reason")):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
