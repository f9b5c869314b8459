"""The office server's schema: devices and their enrolment codes, the shared records, the change log ordered by
the server's sequence, applied operations (idempotency by op_id), conflicts for a person, case-number blocks

Revision ID: s0001
Revises:
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "s0001"
down_revision = None
branch_labels = None
depends_on = None

NOW = sa.text("now()")


def upgrade() -> None:
    op.create_table(
        "devices",
        sa.Column("name", sa.Text(), primary_key=True),
        sa.Column("token_hash", sa.Text(), nullable=True, unique=True),  # null until the laptop enrols
        sa.Column("revoked", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.Column("enrolled", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "enrolment_codes",
        sa.Column("code_hash", sa.Text(), primary_key=True),
        sa.Column("device", sa.Text(), sa.ForeignKey("devices.name", ondelete="CASCADE"), nullable=False),
        sa.Column("expires", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_table(
        "records",
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("uuid", sa.Text(), nullable=False),
        sa.Column("fields", JSONB(), nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.Column("deleted", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("erased", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("version", sa.BigInteger(), nullable=False, server_default="0"),  # seq of its last change
        sa.PrimaryKeyConstraint("type", "uuid"),
    )
    op.create_table(
        "change_log",
        sa.Column("seq", sa.BigInteger(), sa.Identity(always=False), primary_key=True),
        sa.Column("op_id", sa.Text(), nullable=True),  # null for a resolution
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("uuid", sa.Text(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("fields", JSONB(), nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.Column("device", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.CheckConstraint("kind IN ('upsert', 'delete', 'erase')", name="ck_change_log_kind"),
    )
    op.create_index("ix_change_log_record", "change_log", ["type", "uuid", "seq"])
    op.create_table(
        "applied_ops",
        sa.Column("op_id", sa.Text(), primary_key=True),
        sa.Column("outcome", JSONB(), nullable=False),
        sa.Column("device", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
    )
    op.create_table(
        "conflicts",
        sa.Column("id", sa.BigInteger(), sa.Identity(always=False), primary_key=True),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("uuid", sa.Text(), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("base", JSONB(), nullable=True),
        sa.Column("server", JSONB(), nullable=True),
        sa.Column("mine", JSONB(), nullable=True),
        sa.Column("device", sa.Text(), nullable=False),
        sa.Column("server_device", sa.Text(), nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_by", sa.Text(), nullable=True),
        sa.Column("value", JSONB(), nullable=True),
    )
    op.create_index("ix_conflicts_record", "conflicts", ["type", "uuid", "field"])
    op.create_index("ix_conflicts_open", "conflicts", ["id"], postgresql_where=sa.text("resolved_at IS NULL"))
    op.create_table(
        "number_blocks",
        sa.Column("device", sa.Text(), sa.ForeignKey("devices.name"), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("year", "first"),
        sa.CheckConstraint('"first" <= "last"', name="ck_number_blocks_range"),
    )


def downgrade() -> None:
    for table in ("number_blocks", "conflicts", "applied_ops", "change_log", "records", "enrolment_codes",
                  "devices"):
        op.drop_table(table)
