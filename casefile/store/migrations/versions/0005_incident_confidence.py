"""incidents.confidence

Extraction gives every incident a confidence (#8): the probability that it is a real
incident of its type. Analysts' queues sort and filter on it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 21:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(sa.Column("confidence", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        batch.drop_column("confidence")
