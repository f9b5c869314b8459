"""The number of visits agreed in the BOR-overeenkomst

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-05

A trajectory is six to twelve supervised visits, with the midway evaluation halfway "through the agreed trajectory"
(seeds/002): the contract says how many. Empty (NULL) where nothing was agreed yet, as in every case before this.
"""
import sqlalchemy as sa
from alembic import op

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("case_file", sa.Column("agreed_visits", sa.Integer(), nullable=True))  # ALTER TABLE: no copy


def downgrade() -> None:
    # SQLite's own DROP COLUMN: Alembic's drop_column copies the table, and dropping the old case_file deletes
    # every visit, parent and letter through ON DELETE CASCADE.
    op.execute("ALTER TABLE case_file DROP COLUMN agreed_visits")
