"""Each VOG a volunteer was given, and the times a volunteer paused, so that a past year's report stays as it was

Revision ID: 0044
Revises: 0043
Create Date: 2026-12-09

The annual report counted a volunteer deployable on 31 December by her latest VOG date and by today's "Active" tick:
renewing a VOG today, or pausing today, changed every past year's figures. Each VOG is now a row with its date of
issue (`volunteer.vog_date` stays the latest), and each pause a row with its first and last day. The VOG date a
volunteer has becomes her first VOG. A volunteer not active now and not gone gets a pause with no start (as far back
as the records go, as the report counted her until now); one who has left stopped on her leaving date, which the
report reads already.
"""
import sqlalchemy as sa
from alembic import op

revision = "0044"
down_revision = "0043"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vog_issue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["volunteer_id"], ["volunteer.id"], name="fk_vog_issue_volunteer_id_volunteer",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_vog_issue"),
        sa.UniqueConstraint("volunteer_id", "issued_on", name="uq_vog_issue_volunteer_id"),
    )
    op.create_index("ix_vog_issue_volunteer_id", "vog_issue", ["volunteer_id"])
    op.create_table(
        "volunteer_pause",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(["volunteer_id"], ["volunteer.id"],
                                name="fk_volunteer_pause_volunteer_id_volunteer", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_volunteer_pause"),
    )
    op.create_index("ix_volunteer_pause_volunteer_id", "volunteer_pause", ["volunteer_id"])
    op.execute("INSERT INTO vog_issue (volunteer_id, issued_on) SELECT id, vog_date FROM volunteer "
               "WHERE vog_date IS NOT NULL ORDER BY id")
    op.execute("INSERT INTO volunteer_pause (volunteer_id) SELECT id FROM volunteer "
               "WHERE NOT active AND (left_on IS NULL OR left_on > date('now')) ORDER BY id")


def downgrade() -> None:
    op.drop_index("ix_volunteer_pause_volunteer_id", "volunteer_pause")
    op.drop_table("volunteer_pause")
    op.drop_index("ix_vog_issue_volunteer_id", "vog_issue")
    op.drop_table("vog_issue")
