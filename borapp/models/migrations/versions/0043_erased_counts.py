"""An anonymous count of each erased case, so last year's annual figures stay as they were sent

Revision ID: 0043
Revises: 0042
Create Date: 2026-12-08

Erasing a case took it out of every annual report made afterwards: figures already sent to a municipality no
longer matched. What the report counted of it (registration year and month, municipality, funding, its state at each
year's end, how soon it started, its hours and expenses) is kept in a row without name, number, text or day. Cases
erased before this revision are gone; nothing can be counted for them.
"""
import sqlalchemy as sa
from alembic import op

revision = "0043"
down_revision = "0042"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erased_count",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("registered_year", sa.Integer(), nullable=False),
        sa.Column("registered_month", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), sa.ForeignKey("municipality.id", ondelete="SET NULL"),
                  nullable=True),
        sa.Column("funding", sa.String(20), nullable=False),
        sa.Column("year_ends", sa.Text(), nullable=False),
        sa.Column("closed_month", sa.String(7), nullable=False),
        sa.Column("start", sa.String(20), nullable=False),
        sa.Column("start_days", sa.Integer(), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("expenses_cents", sa.Integer(), nullable=False),
        sa.Column("expenses", sa.Text(), nullable=False),
    )
    op.create_index("ix_erased_count_municipality_id", "erased_count", ["municipality_id"])


def downgrade() -> None:
    op.drop_index("ix_erased_count_municipality_id", "erased_count")
    op.drop_table("erased_count")
