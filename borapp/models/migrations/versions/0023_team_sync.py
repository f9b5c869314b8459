"""Team sync: a global uuid per synced record (sync_identity) and the operations waiting for the server (sync_op)

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_identity",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("type", sa.String(length=30), nullable=False),
        sa.Column("local_id", sa.Integer(), nullable=False),
        sa.Column("alias", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_sync_identity")),
    )
    op.create_index("ix_sync_identity_local", "sync_identity", ["type", "local_id"], unique=False)
    op.create_table(
        "sync_op",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("type", sa.String(length=30), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_op")),
        sa.UniqueConstraint("op_id", name=op.f("uq_sync_op_op_id")),
    )
    op.create_index(op.f("ix_sync_op_outcome"), "sync_op", ["outcome"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_sync_op_outcome"), table_name="sync_op")
    op.drop_table("sync_op")
    op.drop_index("ix_sync_identity_local", table_name="sync_identity")
    op.drop_table("sync_identity")
