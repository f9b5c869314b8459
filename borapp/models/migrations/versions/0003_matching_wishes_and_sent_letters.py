"""Matching wishes and exclusions per case; the PDF of a letter as it was sent

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.add_column(sa.Column("wish_gender", sa.String(length=1), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("wish_languages", sa.String(length=100), nullable=False, server_default=""))
    op.create_table(
        "case_exclusion",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["case_file.id"], name=op.f("fk_case_exclusion_case_id_case_file"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["volunteer_id"], ["volunteer.id"], name=op.f("fk_case_exclusion_volunteer_id_volunteer"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("case_id", "volunteer_id", name=op.f("pk_case_exclusion")),
    )
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pdf", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("letter", schema=None) as batch_op:
        batch_op.drop_column("pdf")
    op.drop_table("case_exclusion")
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_column("wish_languages")
        batch_op.drop_column("wish_gender")
