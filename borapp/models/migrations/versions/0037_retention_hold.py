"""Why a case past its retention period is kept longer

Revision ID: 0037
Revises: 0036
Create Date: 2026-12-06

The list of cases due for destruction asked the coordinator to note why a case is kept longer, but there was nowhere
to note it: every case stayed on the list until erased. A hold keeps the reason and the day the case comes back on
the list; it goes with the case (ON DELETE CASCADE).
"""
import sqlalchemy as sa
from alembic import op

revision = "0037"
down_revision = "0036"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "retention_hold",
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("case_file.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("retention_hold")
