"""A letter says whether it goes to the commissioning party (letter.addressee): the closing report is the
commissioner's. Letters stored before keep "", the referrer (or the schedule's parent), and render as they did

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-06
"""
import sqlalchemy as sa
from alembic import op

revision = "0034"
down_revision = "0033"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("letter") as batch:
        batch.add_column(sa.Column("addressee", sa.String(length=20), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("letter") as batch:
        batch.drop_column("addressee")
