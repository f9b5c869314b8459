"""A finished visit report is a fact: visit.report_final_on, and its corrections as addenda (visit_addendum)

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("visit") as batch:
        batch.add_column(sa.Column("report_final_on", sa.Date(), nullable=True))
    op.create_table(
        "visit_addendum",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("written_on", sa.Date(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"], name="fk_visit_addendum_visit_id_visit",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_visit_addendum"),
    )
    op.create_index("ix_visit_addendum_visit_id", "visit_addendum", ["visit_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_visit_addendum_visit_id", table_name="visit_addendum")
    op.drop_table("visit_addendum")
    with op.batch_alter_table("visit") as batch:
        batch.drop_column("report_final_on")
