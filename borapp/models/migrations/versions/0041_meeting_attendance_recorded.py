"""Whether who attended a volunteer meeting was recorded, even as nobody

Revision ID: 0041
Revises: 0040
Create Date: 2026-12-06

After a meeting's date its checklist starts from the sign-ups until who attended is saved. When nobody came, saving
left no one marked as attended, so the next time the sign-ups were ticked again, as if they had attended. A meeting
now says that its attendance was recorded; the meetings with someone marked as attended had theirs recorded.
"""
import sqlalchemy as sa
from alembic import op

revision = "0041"
down_revision = "0040"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN (no copy of the table: dropping the old meeting would delete its attendance by CASCADE)
    op.add_column("meeting", sa.Column("attendance_recorded", sa.Boolean(), nullable=False, server_default="0"))
    op.execute("UPDATE meeting SET attendance_recorded = 1 WHERE EXISTS (SELECT 1 FROM meeting_attendance a "
               "WHERE a.meeting_id = meeting.id AND a.attended)")


def downgrade() -> None:
    op.execute("ALTER TABLE meeting DROP COLUMN attendance_recorded")
