"""A case's midway evaluation date from the index: the evaluations index gets the date

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-05

Today's letters owed to the referrer (services/dashboard/letters_owed.py) asks every open case in visits when its
midway evaluation was held; with (case_id, id, kind) SQLite read each evaluation's row for its date.
tests/test_dashboard_plans.py checks Today's plans with EXPLAIN QUERY PLAN. Replaces the index it starts with.
"""
from alembic import op

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None

OLD, OLD_COLUMNS = "ix_evaluation_case_id_id_kind", ["case_id", "id", "kind"]
NEW, NEW_COLUMNS = "ix_evaluation_case_id_id_kind_held_on", ["case_id", "id", "kind", "held_on"]


def upgrade() -> None:
    op.create_index(NEW, "evaluation", NEW_COLUMNS, unique=False)
    op.drop_index(OLD, table_name="evaluation")


def downgrade() -> None:
    op.create_index(OLD, "evaluation", OLD_COLUMNS, unique=False)
    op.drop_index(NEW, table_name="evaluation")
