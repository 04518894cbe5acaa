"""an index of the reviews that moved an incident's date, by that date; on PostgreSQL,
the intervals' partial index by a predicate the planner can estimate

Every incident list reads the values in force, and a date is a key of every sort: so each
list statement looked up, by id, every incident whose review moved its date (2,023 lookups
at 1,000,000 incidents with 1% reviewed, a fifth of those with a new date;
bench/list_queries.py, docs/performance.md), whichever page it wanted. With the reviews'
dates in order (``View._matching``'s part of the reviews that moved a date), a page reads
them from the index in the list's order as far as the page, and a date range reads only its
own range of them. A partial index: only incidents' reviews that set a date.

PostgreSQL only: the intervals (an end that differs from the start) are few, but the planner
estimates ``date_end <> date_start`` (two columns compared) as true of nearly every incident,
and prices a read of their partial index (``ix_incidents_interval_reach``, migration 0010)
as a read of most of the table; since migration 0011_day's index of latitudes, which holds
both dates and the id, it read that whole index instead (a million entries, 150 ms, for a
list of three months). Statistics on the comparison (``CREATE STATISTICS``, PostgreSQL 14
and later) give its true share where it is written ``(date_end <> date_start) IS TRUE``:
the partial index is rebuilt with that predicate, which ``View._since_parts`` writes.
Where the server refuses the statistics the index is left as it was.

Revision ID: 0012_scale
Revises: 0011_day
Create Date: 2026-12-07 05:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_scale"
down_revision = "0011_day"
branch_labels = None
depends_on = None

NAME = "ix_reviews_incident_date"
WHERE = sa.text("target_type = 'incident' AND date_start IS NOT NULL")
INTERVAL = "ix_incidents_interval_reach"
REACH = "coalesce(date_end, date_start)"
STATISTICS = "st_incidents_interval"


def upgrade() -> None:
    op.create_index(
        NAME,
        "reviews",
        ["date_start", "target_id"],
        postgresql_where=WHERE,
        sqlite_where=WHERE,
    )
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute("ANALYZE reviews")
    try:
        with bind.begin_nested():  # (PostgreSQL 14 and later)
            bind.execute(
                sa.text(
                    f"CREATE STATISTICS {STATISTICS} ON ((date_end <> date_start)) FROM incidents"
                )
            )
    except sa.exc.DBAPIError:
        return
    op.execute(f"DROP INDEX {INTERVAL}")
    op.execute(
        f"CREATE INDEX {INTERVAL} ON incidents ({REACH}) WHERE (date_end <> date_start) IS TRUE"
    )
    op.execute("ANALYZE incidents")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        found = bind.execute(
            sa.text("SELECT 1 FROM pg_statistic_ext WHERE stxname = :n"), {"n": STATISTICS}
        ).first()
        if found:
            op.execute(f"DROP STATISTICS {STATISTICS}")
            op.execute(f"DROP INDEX {INTERVAL}")
            op.execute(
                f"CREATE INDEX {INTERVAL} ON incidents ({REACH}) WHERE date_end <> date_start"
            )
    op.drop_index(NAME, table_name="reviews")
