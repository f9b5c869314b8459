"""Erased case numbers: an erased case's record keeps no fields, so its number is kept here (a number, no name, as a
vault's own tombstone keeps it), and the service never lets it be given to another family

Revision ID: s0004
Revises: s0003
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "s0004"
down_revision = "s0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "erased_numbers",
        sa.Column("ref", sa.Text(), primary_key=True),
        sa.Column("uuid", sa.Text(), nullable=False),  # the erased case's
        sa.Column("erased", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")),
    )


def downgrade() -> None:
    op.drop_table("erased_numbers")
