"""Today's counts read indexes instead of rows: six one- or two-column indexes get the columns Today checks

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-04

Today counts every open case that needs something (issue 16). With these, SQLite answers each check from an index
and reads rows only for the few items shown:
- case_file (status, closed_on, id, registered_on, ref): open cases with their number, and the waiting ones by
  registration date (still the retention review's (status, closed_on) range);
- visit (case_id, id, on, state): a case's first visit, and its visits held or scheduled;
- status_change (case_id, id, to_status, on): when a case first went into visits;
- contract_signature (contract_id, id, role): which parties signed a contract version;
- evaluation (case_id, id, kind): whether a case has its midway evaluation;
- letter (state, id, state_changed_at): draft and ready letters, the longest waiting first.
Each replaces the index it starts with and keeps its order: after the old columns comes the row id, which ended
every entry of the old index, so a query without ORDER BY that was served by the old index reads the rows in the
same order (search_index.reindex_case reads a case's visits that way). tests/test_dashboard_plans.py checks
Today's plans with EXPLAIN QUERY PLAN.
"""
from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None

# (table, the index it replaces, its columns; the new index, its columns)
INDEXES = (
    ("case_file", "ix_case_file_status_closed_on", ("status", "closed_on"),
     "ix_case_file_status_closed_on_id_registered_on_ref", ("status", "closed_on", "id", "registered_on", "ref")),
    ("visit", "ix_visit_case_id", ("case_id",), "ix_visit_case_id_id_on_state", ("case_id", "id", "on", "state")),
    ("status_change", "ix_status_change_case_id", ("case_id",),
     "ix_status_change_case_id_id_to_status_on", ("case_id", "id", "to_status", "on")),
    ("contract_signature", "ix_contract_signature_contract_id", ("contract_id",),
     "ix_contract_signature_contract_id_id_role", ("contract_id", "id", "role")),
    ("evaluation", "ix_evaluation_case_id", ("case_id",), "ix_evaluation_case_id_id_kind", ("case_id", "id", "kind")),
    ("letter", "ix_letter_state", ("state",),
     "ix_letter_state_id_state_changed_at", ("state", "id", "state_changed_at")),
)


def upgrade() -> None:
    for table, old, _old_columns, new, columns in INDEXES:
        op.create_index(new, table, list(columns), unique=False)
        op.drop_index(old, table_name=table)


def downgrade() -> None:
    for table, old, old_columns, new, _columns in INDEXES:
        op.create_index(old, table, list(old_columns), unique=False)
        op.drop_index(new, table_name=table)
