"""A contract version is frozen once signed: it keeps the document as it was signed (`pdf`), and its snapshot names
the parties as well as the agreements. Versions stored before name the parties the case has today

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-04
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

ROLES = ("resident", "other", "coordinator", "volunteer")  # as borapp.models.documents.SIGNER_ROLES on this day


def _parties(conn, case_id: int) -> dict[str, str]:
    names = {role: "" for role in ROLES}
    for role, name in conn.execute(sa.text("SELECT role, name FROM parent WHERE case_id = :id"), {"id": case_id}):
        if role in names:
            names[role] = name or ""
    row = conn.execute(sa.text(
        "SELECT co.name, v.name FROM case_file c LEFT JOIN coordinator co ON co.id = c.coordinator_id "
        "LEFT JOIN volunteer v ON v.id = c.volunteer_id WHERE c.id = :id"), {"id": case_id}).first()
    if row is not None:
        names["coordinator"], names["volunteer"] = row[0] or "", row[1] or ""
    return names


def upgrade() -> None:
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pdf", sa.LargeBinary(), nullable=True))
    conn = op.get_bind()
    for contract_id, case_id, text in conn.execute(sa.text("SELECT id, case_id, agreements FROM contract")).all():
        try:
            terms = json.loads(text or "{}")
        except ValueError:
            terms = {}
        if not isinstance(terms, dict) or isinstance(terms.get("parties"), dict):
            continue
        terms["parties"] = _parties(conn, case_id)
        conn.execute(sa.text("UPDATE contract SET agreements = :terms WHERE id = :id"),
                     {"id": contract_id, "terms": json.dumps(terms, ensure_ascii=False, sort_keys=True)})


def downgrade() -> None:
    """The parties may stay in the snapshots: an older version reads only the agreements."""
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.drop_column("pdf")
