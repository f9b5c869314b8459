"""A contract version's snapshot says whose address it keeps out, so a parent's address made confidential after
someone signed makes a new version (the signed one prints the address). Versions stored before get the flags the
parents have today: what the version was drawn up under, as far as the vault knows

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-05
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0033"
down_revision = "0032"
branch_labels = None
depends_on = None

PARENT_ROLES = ("resident", "other")  # as borapp.services.cases.contract_terms on this day


def upgrade() -> None:
    conn = op.get_bind()
    flags: dict[int, dict[str, bool]] = {}
    for case_id, role, confidential in conn.execute(sa.text(
            "SELECT case_id, role, address_confidential FROM parent")):
        if role in PARENT_ROLES:
            flags.setdefault(case_id, {r: False for r in PARENT_ROLES})[role] = bool(confidential)
    for contract_id, case_id, text in conn.execute(sa.text("SELECT id, case_id, agreements FROM contract")).all():
        try:
            terms = json.loads(text or "{}")
        except ValueError:
            continue
        if not isinstance(terms, dict) or "confidential" in terms:
            continue
        terms["confidential"] = flags.get(case_id, {r: False for r in PARENT_ROLES})
        conn.execute(sa.text("UPDATE contract SET agreements = :terms WHERE id = :id"),
                     {"id": contract_id, "terms": json.dumps(terms, ensure_ascii=False, sort_keys=True)})


def downgrade() -> None:
    """The flags may stay in the snapshots: an older version reads only the agreements and the parties."""
