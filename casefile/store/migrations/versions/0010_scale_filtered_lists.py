"""indexes for combined filters, date ranges, sorts by count or place, and substrings

What migration 0008 left slow at a million incidents (bench/list_queries.py,
docs/performance.md):

- the type and the region together: one index on both, then the lists' order;
- ``since``: the intervals (a start and a different end) that start before the day and
  reach it, found by their end in a partial index that holds only intervals (an incident
  with one date that reaches the day is found by its start, see ``View._since_parts``);
- the sorts by count (both ways) and by place: an index on the sort's keys, the missing
  values last as ``View._order`` writes them (``count_best IS NULL`` first);
- the documents in ingest order, which ``analyze`` reads a batch at a time
  (``View.iter_documents``), each batch after the last one's (ingested_at, id);
- on PostgreSQL, substrings of a unit's, a place's or a region's name, of the summary and
  of the documents' text (``lower(x) LIKE '%...%'``): trigram indexes (the ``pg_trgm``
  extension, in PostgreSQL's contrib and trusted, so the store's owner may create it).
  Where the server lacks it the
  indexes are skipped and those filters scan, as before; ``casefile db`` works either way.

Revision ID: 0010
Revises: 0009_day
Create Date: 2026-12-06 23:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009_day"
branch_labels = None
depends_on = None

DATE_LAST = sa.text("coalesce(date_start, '9999')")
INDEXES: dict[str, list[str | sa.TextClause]] = {
    "ix_incidents_type_admin1_date_last": ["type", "admin1", DATE_LAST, "id"],
    "ix_incidents_count_date_last": [
        sa.text("(count_best IS NULL)"),
        "count_best",
        DATE_LAST,
        "id",
    ],
    "ix_incidents_count_desc_date_last": [
        sa.text("(count_best IS NULL)"),
        sa.text("count_best DESC"),
        DATE_LAST,
        "id",
    ],
    "ix_incidents_place_date_last": [
        sa.text("(place_name IS NULL)"),
        "place_name",
        DATE_LAST,
        "id",
    ],
}
# only the intervals: few, and the only ones whose end differs from their start
INTERVAL = "ix_incidents_interval_reach"
INTERVAL_WHERE = sa.text("date_end <> date_start")
# PostgreSQL with pg_trgm: the substring filters of View._filtered, on lower(column)
TRIGRAMS = {
    "ix_incidents_perpetrators_trgm": "perpetrator_names",
    "ix_incidents_place_trgm": "place_name",
    "ix_incidents_admin1_trgm": "admin1",
    "ix_incidents_summary_trgm": "summary",
}
# ... and the documents' text (the `text` filter reads the summary or the document): about
# as large as the text itself, the price of finding a substring in an archive by index
TEXT_TRIGRAMS = "ix_documents_text_trgm"


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "incidents", columns)
    op.create_index("ix_documents_ingested", "documents", ["ingested_at", "id"])
    op.create_index(
        INTERVAL,
        "incidents",
        [sa.text("coalesce(date_end, date_start)")],
        postgresql_where=INTERVAL_WHERE,
        sqlite_where=INTERVAL_WHERE,
    )
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    if _trigrams(bind):
        for name, column in TRIGRAMS.items():
            op.execute(f"CREATE INDEX {name} ON incidents USING gin (lower({column}) gin_trgm_ops)")
        op.execute(
            f"CREATE INDEX {TEXT_TRIGRAMS} ON documents USING gin (lower(text) gin_trgm_ops)"
        )
    # the statistics of the indexes' expressions (how common a unit's name is): without
    # them the planner takes a common substring for a rare one and reads every match
    op.execute("ANALYZE incidents")


def _trigrams(bind: sa.Connection) -> bool:
    """Whether pg_trgm is there or could be created (in a savepoint: a refusal, for want of
    the privilege, leaves the migration's transaction as it was)."""
    found = "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'"
    if bind.execute(sa.text(found)).first() is None:
        return False
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        return False
    return True


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for name in [*TRIGRAMS, TEXT_TRIGRAMS]:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_index("ix_documents_ingested", table_name="documents")
    op.drop_index(INTERVAL, table_name="incidents")
    for name in INDEXES:
        op.drop_index(name, table_name="incidents")
