"""The annual report reads indexes instead of rows: two indexes get the columns the report groups by

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-04

The report finds every case's state at two year ends from its dated history, and groups the cases by registration,
municipality and funding (issue 16). Without the columns in an index SQLite read every status change's row and every
case's row, and a case row holds the contract texts: at 100,000 demo cases the report took 2.2 s, 1.3 s with these.
- status_change (case_id, id, to_status, on, outcome, reason): a case's state at a date, with its outcome and reason;
- case_file (registered_on, ref, municipality_id, funding): the cases registered by a year's end, with what the
  report groups them by (still the case list's order, so its walks are unchanged).
An index on (to_status, on) for the costs section's closings of a year saved 0.1-0.25 s at 100,000 cases, but SQLite
(without statistics in the vault) then took it for Today's "first step into visits" too, a walk over every such
step: Today went from 25 to 770 ms. It was left out.
Each replaces the index it starts with and keeps its order (the row id still ends every entry);
tests/reports/test_report_plans.py checks the report's plans with EXPLAIN QUERY PLAN.
"""
from alembic import op

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None

# (table, the index it replaces, its columns; the new index, its columns)
INDEXES = (
    ("status_change", "ix_status_change_case_id_id_to_status_on", ("case_id", "id", "to_status", "on"),
     "ix_status_change_case_id_id_to_status_on_outcome_reason",
     ("case_id", "id", "to_status", "on", "outcome", "reason")),
    ("case_file", "ix_case_file_registered_on_ref", ("registered_on", "ref"),
     "ix_case_file_registered_on_ref_municipality_id_funding", ("registered_on", "ref", "municipality_id", "funding")),
)


def upgrade() -> None:
    for table, old, _old_columns, new, columns in INDEXES:
        op.create_index(new, table, list(columns), unique=False)
        op.drop_index(old, table_name=table)


def downgrade() -> None:
    for table, old, old_columns, new, _columns in INDEXES:
        op.create_index(old, table, list(old_columns), unique=False)
        op.drop_index(new, table_name=table)
