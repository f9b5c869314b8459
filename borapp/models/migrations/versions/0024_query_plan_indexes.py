"""Two-column indexes the query plans use: the case list's order, Today's open cases, the retention review, a case's
newest contract version

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-03

Each replaces the one-column index it starts with (a prefix serves every query the shorter one served):
- (registered_on, ref): the case list's default order (newest first, the case number breaking ties) is read from the
  index and stops after one page, without sorting every case;
- (status, closed_on): the retention review reads the closed cases up to a date as an index range, not every closed
  case;
- contract (case_id, version): the newest version per case comes from the index, without reading contract rows.
tests/test_query_plans.py checks the plans with EXPLAIN QUERY PLAN.
"""
from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

# (table, old one-column index, new index, its columns)
INDEXES = (
    ("case_file", "ix_case_file_registered_on", "ix_case_file_registered_on_ref", ("registered_on", "ref")),
    ("case_file", "ix_case_file_status", "ix_case_file_status_closed_on", ("status", "closed_on")),
    ("contract", "ix_contract_case_id", "ix_contract_case_id_version", ("case_id", "version")),
)


def upgrade() -> None:
    for table, old, new, columns in INDEXES:
        op.create_index(new, table, list(columns), unique=False)
        op.drop_index(old, table_name=table)


def downgrade() -> None:
    for table, old, new, columns in INDEXES:
        op.create_index(old, table, [columns[0]], unique=False)
        op.drop_index(new, table_name=table)
