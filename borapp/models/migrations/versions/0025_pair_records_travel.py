"""A key of their own for a case's excluded volunteers and a meeting's attendance, so that they travel in team sync

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-04

Both tables had the pair (case, volunteer) and (meeting, volunteer) as their primary key; a synced record needs one
local id to hang its uuid on (sync_identity). The pair stays unique. Nothing refers to these tables, so each is
copied into a new one and renamed. A vault that has already joined a team hands the rows to its next sync
(services/sync/catch_up.py), not this migration.
"""
import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

# (table, the other column of the pair, the table it refers to, other columns (name, type))
PAIRS = (
    ("case_exclusion", "case_id", "case_file", (("reason", sa.String(length=300)),)),
    ("meeting_attendance", "meeting_id", "meeting", ()),
)


def _new_table(name: str, owner: str, owner_table: str, extra, with_id: bool) -> None:
    key = ([sa.Column("id", sa.Integer(), nullable=False)] if with_id else [])
    constraints = ([sa.PrimaryKeyConstraint("id", name=f"pk_{name}"),
                    sa.UniqueConstraint(owner, "volunteer_id", name=f"uq_{name}_{owner}")] if with_id
                   else [sa.PrimaryKeyConstraint(owner, "volunteer_id", name=f"pk_{name}")])
    op.create_table(
        f"_new_{name}", *key,
        sa.Column(owner, sa.Integer(), nullable=False),
        sa.Column("volunteer_id", sa.Integer(), nullable=False),
        *[sa.Column(column, kind, nullable=False) for column, kind in extra],
        sa.ForeignKeyConstraint([owner], [f"{owner_table}.id"], name=f"fk_{name}_{owner}_{owner_table}",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["volunteer_id"], ["volunteer.id"], name=f"fk_{name}_volunteer_id_volunteer",
                                ondelete="CASCADE"),
        *constraints,
    )


def _move(with_id: bool) -> None:
    for name, owner, owner_table, extra in PAIRS:
        _new_table(name, owner, owner_table, extra, with_id)
        columns = ", ".join([owner, "volunteer_id", *[column for column, _kind in extra]])
        op.execute(f"INSERT INTO _new_{name} ({columns}) SELECT {columns} FROM {name} ORDER BY rowid")
        op.drop_table(name)
        op.rename_table(f"_new_{name}", name)
        if with_id:
            op.create_index(f"ix_{name}_volunteer_id", name, ["volunteer_id"], unique=False)


def upgrade() -> None:
    _move(with_id=True)


def downgrade() -> None:
    for name, *_ in PAIRS:
        op.drop_index(f"ix_{name}_volunteer_id", table_name=name)
    _move(with_id=False)
