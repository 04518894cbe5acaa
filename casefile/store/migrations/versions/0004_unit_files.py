"""user unit files kept in the database

`casefile units load` (#4) kept a copy of each user unit file in a folder beside a SQLite
database, so a PostgreSQL store could keep none. The files now live in ``unit_files``, on
SQLite and PostgreSQL alike: the text as loaded, its SHA-256, when and by whom, and its
place in the load order (a file loaded again under the same name keeps its place).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit_files",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("loaded_by", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_unit_files")),
        sa.UniqueConstraint("name", name=op.f("uq_unit_files_name")),
    )


def downgrade() -> None:
    op.drop_table("unit_files")
