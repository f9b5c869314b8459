"""What a trajectory costs: the coordinator's hours per case (case_hours) and the volunteer's expenses per visit
(visit_expense), in whole minutes and whole cents

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def _timestamps() -> list[sa.Column]:
    return [sa.Column("created_at", sa.DateTime(), nullable=False), sa.Column("updated_at", sa.DateTime(), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "case_hours",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("on", sa.Date(), nullable=False),
        sa.Column("coordinator_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        *_timestamps(),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"], name=op.f("fk_case_hours_case_id_case_file"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["coordinator_id"], ["coordinator.id"],
                                name=op.f("fk_case_hours_coordinator_id_coordinator"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_hours")),
    )
    with op.batch_alter_table("case_hours", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_hours_case_id"), ["case_id"], unique=False)
    op.create_table(
        "visit_expense",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("kilometres", sa.Integer(), nullable=False),
        sa.Column("rate_cents", sa.Integer(), nullable=False),
        sa.Column("other_cents", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        *_timestamps(),
        sa.ForeignKeyConstraint(["visit_id"], ["visit.id"], name=op.f("fk_visit_expense_visit_id_visit"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_expense")),
        sa.UniqueConstraint("visit_id", name=op.f("uq_visit_expense_visit_id")),
    )


def downgrade() -> None:
    op.drop_table("visit_expense")
    with op.batch_alter_table("case_hours", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_hours_case_id"))
    op.drop_table("case_hours")
