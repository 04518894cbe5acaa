"""indexes that keep the incident lists fast at a million incidents

The incident list (``View.page_incidents``) orders by the start date with the undated last,
``coalesce(date_start, '9999')``, then the id; newest first by ``coalesce(date_start,
'0000')`` descending. These indexes hold that order, alone and after the filters a list
is most often cut by (the type, the region), and the end of an incident's interval (the
``since`` filter), so that a page (by keyset cursor) is read from
an index as far as it goes, never sorted from every match (bench/list_queries.py,
docs/performance.md).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 21:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

DATE_LAST = sa.text("coalesce(date_start, '9999')")
DATE_FIRST = sa.text("coalesce(date_start, '0000')")
INDEXES: dict[str, list[str | sa.TextClause]] = {
    "ix_incidents_date_last": [DATE_LAST, "id"],
    "ix_incidents_date_first": [DATE_FIRST, "id"],
    "ix_incidents_type_date_last": ["type", DATE_LAST, "id"],
    "ix_incidents_admin1_date_last": ["admin1", DATE_LAST, "id"],
    # the `since` filter: the interval ends on or after a day
    "ix_incidents_date_reach": [sa.text("coalesce(date_end, date_start)"), DATE_LAST],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "incidents", columns)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="incidents")
