"""A key of its own for a retention hold, so that it travels in team sync

Revision ID: 0039
Revises: 0038
Create Date: 2026-12-07

A hold (why a case past its retention period is kept longer) had the case as its primary key; a synced record needs
one local id to hang its uuid on (sync_identity). A case still has one hold at most. Nothing refers to the table, so
it is copied into a new one and renamed. A vault that has already joined a team hands its holds to its next sync
(services/sync/snapshot.py, catch_up), not this migration.
"""
import sqlalchemy as sa
from alembic import op

revision = "0039"
down_revision = "0038"
branch_labels = None
depends_on = None

COLUMNS = "case_id, reason, until, noted_on, actor"


def _new_table(with_id: bool) -> None:
    key = [sa.Column("id", sa.Integer(), nullable=False)] if with_id else []
    constraints = ([sa.PrimaryKeyConstraint("id", name="pk_retention_hold"),
                    sa.UniqueConstraint("case_id", name="uq_retention_hold_case_id")] if with_id
                   else [sa.PrimaryKeyConstraint("case_id", name="pk_retention_hold")])
    op.create_table(
        "_new_retention_hold", *key,
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("until", sa.Date(), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"], name="fk_retention_hold_case_id_case_file",
                                ondelete="CASCADE"),
        *constraints,
    )


def _move(with_id: bool) -> None:
    _new_table(with_id)
    op.execute(f"INSERT INTO _new_retention_hold ({COLUMNS}) SELECT {COLUMNS} FROM retention_hold ORDER BY case_id")
    op.drop_table("retention_hold")
    op.rename_table("_new_retention_hold", "retention_hold")


def upgrade() -> None:
    _move(with_id=True)


def downgrade() -> None:
    _move(with_id=False)
