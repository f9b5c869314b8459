"""Indexes for the case list: registration date, coordinator, municipality, volunteer

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

With 10,000 cases, sorting and filtering the list read the whole (encrypted) case table; these make them index scans.
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

COLUMNS = ("registered_on", "coordinator_id", "municipality_id", "volunteer_id")


def upgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.create_index(batch_op.f(f"ix_case_file_{column}"), [column], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        for column in COLUMNS:
            batch_op.drop_index(batch_op.f(f"ix_case_file_{column}"))
