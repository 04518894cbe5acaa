"""text columns without a length limit

SQLite ignores a VARCHAR's length and PostgreSQL enforces it, so on PostgreSQL a long
extractor name or publisher failed to store. Every string without a fixed width becomes
TEXT (see tables.py); hashes, ISO dates and country codes keep theirs.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 12:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# table -> {column: its VARCHAR length before this revision}
WIDENED = {
    "documents": {"name": 500, "publisher": 500, "language": 16, "media_type": 100},
    "analyses": {"extractor": 200},
    "incidents": {
        "type": 40,
        "place_name": 300,
        "admin1": 200,
        "precision": 20,
        "victim_category": 20,
        "certainty": 20,
    },
    "statistics": {"counted": 20, "category": 20, "by": 300},
    "units": {"name": 300},
    "unit_relations": {"child": 300, "parent": 300, "source": 500},
    "statements": {"kind": 20, "speaker": 300},
    "persons": {"name": 300, "title": 500, "affiliation": 300},
    "spans": {"fact_table": 30},
}


def upgrade() -> None:
    # SQLite never enforced the lengths, so nothing changes there; and altering a column
    # there rebuilds its table, which the foreign keys (PRAGMA foreign_keys=ON) refuse.
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, columns in WIDENED.items():
        for column in columns:
            op.alter_column(table, column, type_=sa.Text())


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, columns in WIDENED.items():
        for column, length in columns.items():
            op.alter_column(table, column, type_=sa.String(length))
