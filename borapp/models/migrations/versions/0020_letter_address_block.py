"""A letter keeps its own address block (the lines under the recipient's name); an organisation's postal address
typed on one line with commas becomes one line each, as it goes on an envelope

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.add_column(sa.Column("recipient_address", sa.Text(), nullable=False, server_default=""))
    conn = op.get_bind()
    for org_id, address in conn.execute(sa.text("SELECT id, address FROM organisation")).all():
        if not address or "\n" in address or "," not in address:
            continue
        lines = "\n".join(" ".join(part.split()) for part in address.split(",") if part.strip())
        conn.execute(sa.text("UPDATE organisation SET address = :address WHERE id = :id"),
                     {"address": lines, "id": org_id})


def downgrade() -> None:
    """The address lines stay one a line: the letters read them either way."""
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.drop_column("recipient_address")
