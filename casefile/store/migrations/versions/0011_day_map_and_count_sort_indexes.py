"""indexes for the map's lists (a bounding box) and a type's list sorted by count

What bench/api_load.py found slow at 100,000 incidents on SQLite (docs/performance.md):

- a bounding box (``bbox``, what the map sends for its view) had no index: its count read
  every incident from the day on (120 ms for a box of one oblast and a year). An index on
  latitude and longitude, holding the dates and the id besides, serves the box's range of
  latitudes from the index alone: the longitude, the dates a ``since`` or ``until`` reads
  and the id (the reviewed are left out by it) are there, and no row is read;
- a type's list sorted by count (``type=...&sort=-count``) read every incident of the type
  and sorted them: an index on the type, then the sort's keys as View._order writes them
  (the missing counts last), holds the page in order.

Revision ID: 0011_day
Revises: 0010
Create Date: 2026-12-07 02:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_day"
down_revision = "0010"
branch_labels = None
depends_on = None

DATE_LAST = sa.text("coalesce(date_start, '9999')")
INDEXES: dict[str, list[str | sa.TextClause]] = {
    "ix_incidents_lat_lon": ["lat", "lon", "date_start", "date_end", "id"],
    "ix_incidents_type_count_desc_date_last": [
        "type",
        sa.text("(count_best IS NULL)"),
        sa.text("count_best DESC"),
        DATE_LAST,
        "id",
    ],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "incidents", columns)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ANALYZE incidents")


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="incidents")
