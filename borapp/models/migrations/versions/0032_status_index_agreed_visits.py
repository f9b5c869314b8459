"""Today's midway evaluations due read the agreed number of visits from the status index

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-05

"Halfway through the agreed trajectory" (seeds/002): a case is due for its midway evaluation once half the visits
its contract agrees are held. The status index (status, closed_on, id, registered_on, ref) answers every Today rule
without reading a case row; it gets agreed_visits at its end, so this one does too (tests/test_dashboard_plans.py).
"""
from alembic import op

revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None

OLD, OLD_COLUMNS = "ix_case_file_status_closed_on_id_registered_on_ref", [
    "status", "closed_on", "id", "registered_on", "ref"]
NEW, NEW_COLUMNS = "ix_case_file_status_closed_on_id_registered_on_ref_agreed_visits", [*OLD_COLUMNS, "agreed_visits"]


def upgrade() -> None:
    op.create_index(NEW, "case_file", NEW_COLUMNS, unique=False)
    op.drop_index(OLD, table_name="case_file")


def downgrade() -> None:
    op.create_index(OLD, "case_file", OLD_COLUMNS, unique=False)
    op.drop_index(NEW, table_name="case_file")
