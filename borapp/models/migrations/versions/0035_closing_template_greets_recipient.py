"""An organisation's own closing-report template greets whom the letter goes to: its greeting's {referrer_contact}
becomes {recipient_contact}. The closing report now goes to the commissioning party (0034), and a template kept from
before greeted the referrer's contact person in a letter to another organisation. For a letter to the referrer the
two are the same person, so nothing else changes; the rest of the text is left as the organisation wrote it

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0035"
down_revision = "0034"
branch_labels = None
depends_on = None

KEYS = ("template.closing.nl", "template.closing.en")  # services.documents.templates.template_key on this day
OLD, NEW = "{referrer_contact}", "{recipient_contact}"


def greeting_to_recipient(text: str) -> str:
    """The first line with words in it (the greeting) greets the recipient; the other lines stay."""
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None:
        lines[first] = lines[first].replace(OLD, NEW)
    return "\n".join(lines)


def upgrade() -> None:
    conn = op.get_bind()
    for key, value in conn.execute(sa.text("SELECT key, value FROM setting WHERE key IN :keys").bindparams(
            sa.bindparam("keys", expanding=True)), {"keys": list(KEYS)}).all():
        changed = greeting_to_recipient(value or "")
        if changed != value:
            conn.execute(sa.text("UPDATE setting SET value = :value WHERE key = :key"), {"key": key, "value": changed})


def downgrade() -> None:
    """An older version does not know {recipient_contact}: the greeting goes back to the referrer's contact."""
    conn = op.get_bind()
    for key, value in conn.execute(sa.text("SELECT key, value FROM setting WHERE key IN :keys").bindparams(
            sa.bindparam("keys", expanding=True)), {"keys": list(KEYS)}).all():
        conn.execute(sa.text("UPDATE setting SET value = :value WHERE key = :key"),
                     {"key": key, "value": (value or "").replace(NEW, OLD)})
