"""A letter made on a colleague's laptop says so (letter.received_from): only the laptop that made it sends it

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("letter") as batch:
        batch.add_column(sa.Column("received_from", sa.String(length=40), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("letter") as batch:
        batch.drop_column("received_from")
