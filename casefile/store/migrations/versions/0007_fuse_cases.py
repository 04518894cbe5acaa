"""cases made by fusion

`casefile fuse` (#11) groups incidents of different documents into cases (incidents.case_id)
and keeps, per case, its reconciled values, its corroboration grade and the features of the
pairs that joined it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 21:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("corroboration", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("fused_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
    )
    op.create_index(op.f("ix_cases_corroboration"), "cases", ["corroboration"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_cases_corroboration"), table_name="cases")
    op.drop_table("cases")
