"""Blobs: the bytes of attachments, signed contracts and sent letters, stored once under their SHA-256; and the
erased records by uuid (a push asks which records its operations refer to were erased)

Revision ID: s0002
Revises: s0001
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "s0002"
down_revision = "s0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blobs",
        sa.Column("sha256", sa.Text(), primary_key=True),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("device", sa.Text(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False, server_default=sa.text("now()")),
        sa.CheckConstraint("sha256 ~ '^[0-9a-f]{64}$'", name="ck_blobs_sha256"),
    )
    op.create_index("ix_records_erased_uuid", "records", ["uuid"], postgresql_where=sa.text("erased"))


def downgrade() -> None:
    op.drop_index("ix_records_erased_uuid", table_name="records")
    op.drop_table("blobs")
