"""Case numbers by value: a laptop restored from an older backup asks which numbers of its blocks are taken already
(numbers.taken), so it does not give them out again

Revision ID: s0003
Revises: s0002
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "s0003"
down_revision = "s0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_records_case_ref", "records", [sa.text("(fields->>'ref')")],
                    postgresql_where=sa.text("type = 'case' AND NOT erased"))


def downgrade() -> None:
    op.drop_index("ix_records_case_ref", table_name="records")
