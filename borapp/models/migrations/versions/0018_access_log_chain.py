"""The audit trail becomes a hash-chained access log (the case a line is about, the device, the chain), and
erased cases leave a tombstone

Revision ID: 0018
Revises: 0003
Create Date: 2026-12-02
"""
import datetime as dt

import sqlalchemy as sa
from alembic import op

from borapp.models.audit import GENESIS, event_hash

revision = "0018"
down_revision = "0003"
branch_labels = None
depends_on = None

CASE_TABLES = {"letter": "letter", "visit": "visit", "evaluation": "evaluation", "attachment": "attachment",
               "contract": "contract", "parent": "parent", "child": "child"}


def upgrade() -> None:
    op.create_table(
        "erasure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_ref", sa.String(length=40), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("backups_before", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erasure")),
        sa.UniqueConstraint("case_ref", name=op.f("uq_erasure_case_ref")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("case_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("device", sa.String(length=120), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_audit_event_case_id"), ["case_id"], unique=False)
    conn = op.get_bind()
    conn.execute(sa.text("UPDATE audit_event SET case_id = record_id WHERE record_type = 'case'"))
    for record_type, table in CASE_TABLES.items():
        conn.execute(sa.text(f"UPDATE audit_event SET case_id = (SELECT case_id FROM {table} "
                             f"WHERE {table}.id = audit_event.record_id) WHERE record_type = :kind"),
                     {"kind": record_type})
    head = GENESIS
    rows = conn.execute(sa.text("SELECT id, at, actor, action, record_type, record_id, case_id, device "
                                "FROM audit_event ORDER BY id")).all()
    for row in rows:
        at = dt.datetime.fromisoformat(row.at) if isinstance(row.at, str) else row.at
        digest = event_hash(head, at, row.actor, row.action, row.record_type, row.record_id, row.case_id,
                            row.device)
        conn.execute(sa.text("UPDATE audit_event SET prev_hash = :prev, hash = :hash WHERE id = :id"),
                     {"prev": head, "hash": digest, "id": row.id})
        head = digest
    if rows:
        conn.execute(sa.text("DELETE FROM setting WHERE key = 'audit.head'"))
        conn.execute(sa.text("INSERT INTO setting (key, value) VALUES ('audit.head', :value)"),
                     {"value": f"{rows[-1].id}:{head}"})


def downgrade() -> None:
    op.drop_table("erasure")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_case_id"))
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("device")
        batch_op.drop_column("case_id")
