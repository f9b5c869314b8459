"""The search index also holds what visits and evaluations record (the search box promises notes): every case's
words are written again, with its visits' and evaluations' texts

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03
"""
import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

# As borapp.services.cases.search_index has them on this day; a migration keeps its own copy.
VISIT_TEXTS = ("place", "cancel_reason", "handover", "what_happened", "child_wellbeing", "child_voice", "incidents",
               "ended_early_reason", "brought_by", "collected_by", "others_present")
EVALUATION_TEXTS = ("participants", "agreements", "notes")


def _words(conn, sql: str, case_id: int) -> list[str]:
    return [value for row in conn.execute(sa.text(sql), {"id": case_id}) for value in row if value]


def upgrade() -> None:
    conn = op.get_bind()
    for case_id, ref, contact, notes, referrer in conn.execute(sa.text(
            "SELECT c.id, c.ref, c.referrer_contact, c.notes, o.name FROM case_file c "
            "LEFT JOIN organisation o ON o.id = c.referrer_id")).all():
        parts = [ref, contact, notes]
        parts += _words(conn, "SELECT name FROM parent WHERE case_id = :id", case_id)
        parts += _words(conn, "SELECT name FROM child WHERE case_id = :id", case_id)
        parts.append(referrer)
        parts += _words(conn, f"SELECT {', '.join(VISIT_TEXTS)} FROM visit WHERE case_id = :id", case_id)
        parts += _words(conn, f"SELECT {', '.join(EVALUATION_TEXTS)} FROM evaluation WHERE case_id = :id", case_id)
        conn.execute(sa.text("DELETE FROM case_search WHERE rowid = :id"), {"id": case_id})
        conn.execute(sa.text("INSERT INTO case_search(rowid, case_id, body) VALUES (:id, :id, :body)"),
                     {"id": case_id, "body": " ".join(p for p in parts if p)})


def downgrade() -> None:
    """The extra words may stay: search finds more, nothing is lost."""
