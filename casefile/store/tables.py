"""The database schema (SQLAlchemy Core). Migrations in ``migrations/`` create and change it.

Documents are immutable; extracted facts belong to one document's analysis and are
replaced as a whole when it is analysed again. Every fact has its provenance spans
in ``spans``.

Strings without a fixed width are TEXT: SQLite ignores a VARCHAR's length, PostgreSQL
enforces it, and the store must accept the same data on both. Fixed widths remain for
hashes (64), ISO dates (10) and country codes (2).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    func,
    text,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 of the bytes (of the text for JSONL)
    Column("sha256", String(64), nullable=False),  # SHA-256 of `original`, for chain of custody
    Column("name", Text, nullable=False, index=True),
    Column("title", Text),
    Column("publisher", Text),
    Column("url", Text),
    Column("published", String(10), index=True),
    Column("language", Text),
    Column("media_type", Text, nullable=False),
    Column("source_path", Text),
    Column("text", Text, nullable=False),
    Column("original", LargeBinary, nullable=False),
    Column("notes", JSON, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # the ingest order, which analyze reads a batch at a time (migration 0010)
    Index("ix_documents_ingested", "ingested_at", "id"),
)

analyses = Table(
    "analyses",
    metadata,
    Column("document_id", String(64), ForeignKey("documents.id"), primary_key=True),
    Column("extractor", Text, nullable=False),
    Column("analysed_at", DateTime(timezone=True), nullable=False),
    Column("record", JSON, nullable=False),  # the spec's analysis record, as emitted
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(64), primary_key=True),  # hash of document id + key fields
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False, index=True),
    Column("seq", Integer, nullable=False),  # position in the document's analysis
    Column("type", Text, nullable=False, index=True),
    Column("summary", Text, nullable=False),
    Column("date_start", String(10), index=True),
    Column("date_end", String(10)),
    Column("place_name", Text, index=True),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("precision", Text),
    Column("victim_category", Text, nullable=False),
    Column("count_low", Integer),
    Column("count_best", Integer),
    Column("count_high", Integer),
    Column("certainty", Text, nullable=False),
    Column("perpetrators", JSON, nullable=False),  # [{"name", "kind"}]
    Column("perpetrator_names", Text, nullable=False),  # "|name|name|", for filtering
    Column("evidence", JSON, nullable=False),
    Column("attribution", JSON, nullable=False),
    Column("case_id", String(64), index=True),
    Column("confidence", Float),  # the extractor's probability that it is a real incident
    # The orders of the incident list (migration 0008): the undated last, or first.
    Index("ix_incidents_date_last", func.coalesce(text("date_start"), text("'9999'")), "id"),
    Index("ix_incidents_date_first", func.coalesce(text("date_start"), text("'0000'")), "id"),
    Index(
        "ix_incidents_type_date_last",
        "type",
        func.coalesce(text("date_start"), text("'9999'")),
        "id",
    ),
    Index(
        "ix_incidents_admin1_date_last",
        "admin1",
        func.coalesce(text("date_start"), text("'9999'")),
        "id",
    ),
    Index(
        "ix_incidents_date_reach",
        func.coalesce(text("date_end"), text("date_start")),
        func.coalesce(text("date_start"), text("'9999'")),
    ),
    # Migration 0009: the type and region together, the sorts by count (both ways) and by
    # place; besides, a partial index of the intervals by their end (ix_incidents_interval_reach)
    # and, on PostgreSQL with pg_trgm, trigram indexes of the substring filters' columns.
    Index(
        "ix_incidents_type_admin1_date_last",
        "type",
        "admin1",
        func.coalesce(text("date_start"), text("'9999'")),
        "id",
    ),
    Index(
        "ix_incidents_count_date_last",
        text("(count_best IS NULL)"),
        "count_best",
        func.coalesce(text("date_start"), text("'9999'")),
        "id",
    ),
    Index(
        "ix_incidents_count_desc_date_last",
        text("(count_best IS NULL)"),
        text("count_best DESC"),
        func.coalesce(text("date_start"), text("'9999'")),
        "id",
    ),
    Index(
        "ix_incidents_place_date_last",
        text("(place_name IS NULL)"),
        "place_name",
        func.coalesce(text("date_start"), text("'9999'")),
        "id",
    ),
    # Migration 0011_day: the map's bounding box (the dates and the id beside, so that a
    # box's count reads the index alone), and a type's list sorted by count.
    Index("ix_incidents_lat_lon", "lat", "lon", "date_start", "date_end", "id"),
    Index(
        "ix_incidents_type_count_desc_date_last",
        "type",
        text("(count_best IS NULL)"),
        text("count_best DESC"),
        func.coalesce(text("date_start"), text("'9999'")),
        "id",
    ),
)

statistics = Table(
    "statistics",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False, index=True),
    Column("seq", Integer, nullable=False),
    Column("value", Integer, nullable=False),
    Column("counted", Text, nullable=False),
    Column("category", Text, nullable=False),
    Column("period_start", String(10)),
    Column("period_end", String(10)),
    Column("as_of", String(10)),
    Column("by", Text),
)

units = Table(
    "units",
    metadata,
    Column("name", Text, primary_key=True),  # canonical name
    Column("first_seen", String(64), ForeignKey("documents.id")),
)

unit_relations = Table(
    "unit_relations",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("child", Text, nullable=False, index=True),
    Column("parent", Text, nullable=False, index=True),
    Column(
        "document_id", String(64), ForeignKey("documents.id"), index=True
    ),  # null: knowledge base
    Column("source", Text, nullable=False),
    Column("valid_from", String(10)),
    Column("valid_to", String(10)),
)

statements = Table(
    "statements",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False, index=True),
    Column("seq", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    Column("speaker", Text, nullable=False, index=True),
    Column("target", Text),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
)

persons = Table(
    "persons",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False, index=True),
    Column("seq", Integer, nullable=False),
    Column("name", Text, nullable=False, index=True),
    Column("title", Text),
    Column("affiliation", Text),
)

spans = Table(
    "spans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False),
    Column("fact_table", Text, nullable=False),
    Column("fact_id", String(64), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Index("ix_spans_fact", "fact_table", "fact_id"),
)

FACT_TABLES = (incidents, statistics, unit_relations, statements, persons)

# -- serve (#5): users and their log-ins, analysts' judgements, the audit log ----------------
# Machine values stay in the fact tables above; an analyst's value lives beside them in
# `reviews` (the current state) and `judgements` (every act, never changed), so both are kept.

users = Table(
    "users",
    metadata,
    Column("name", Text, primary_key=True),
    Column("role", Text, nullable=False),  # vocab.ROLES
    Column("password_hash", Text, nullable=False),  # argon2id, with its parameters and salt
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("disabled_at", DateTime(timezone=True)),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 of the cookie's value, never the value
    Column("user_name", Text, ForeignKey("users.name"), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 of the token
    Column("user_name", Text, ForeignKey("users.name"), nullable=False, index=True),
    Column("label", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
)

# The analyst's current value of an incident (or, later, a fused case): a group of columns
# counts as edited when its key column is set (see view.EDIT_GROUPS); status is vocab.REVIEW_STATUS.
reviews = Table(
    "reviews",
    metadata,
    Column("target_type", Text, primary_key=True),  # incident | case
    Column("target_id", String(64), primary_key=True),
    Column("status", Text, nullable=False),
    Column("type", Text),
    Column("summary", Text),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("place_name", Text),
    Column("country", String(2)),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("precision", Text),
    Column("victim_category", Text),
    Column("count_low", Integer),
    Column("count_best", Integer),
    Column("count_high", Integer),
    Column("certainty", Text),
    Column("perpetrators", JSON),
    Column("perpetrator_names", Text),
    Column("case_id", String(64), index=True),  # merge and split move incidents between cases
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", Text, nullable=False),
    # Migration 0012_scale: the incidents' reviews that moved a date, by that date (the
    # lists read them in order, View._matching's part 2a)
    Index(
        "ix_reviews_incident_date",
        "date_start",
        "target_id",
        postgresql_where=text("target_type = 'incident' AND date_start IS NOT NULL"),
        sqlite_where=text("target_type = 'incident' AND date_start IS NOT NULL"),
    ),
)

judgements = Table(
    "judgements",
    metadata,
    Column("id", String(64), primary_key=True),  # hash of what was judged, by whom, when
    Column("target_type", Text, nullable=False),
    Column("target_id", String(64), nullable=False),
    Column("action", Text, nullable=False),  # confirm reject reopen edit create merge split
    Column("field", Text),
    Column("machine", JSON),  # the machine's value of the field, as extracted
    Column("before", JSON),  # the value in force before this judgement
    Column("after", JSON),  # the analyst's value
    Column("reason", Text, nullable=False),
    Column("user_name", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Index("ix_judgements_target", "target_type", "target_id"),
)

# Append-only (triggers refuse UPDATE and DELETE) and hash-chained; see store/audit.py.
# Every value is stored as the exact text that was hashed, so verifying needs no re-encoding.
audit_log = Table(
    "audit_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", Text, nullable=False),  # ISO 8601 UTC
    Column("actor", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("object_type", Text, nullable=False),
    Column("object_id", Text, nullable=False),
    Column("before", Text, nullable=False),  # canonical JSON
    Column("after", Text, nullable=False),  # canonical JSON
    Column("reason", Text, nullable=False),
    Column("prev", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

# One row; appending updates it first, so concurrent appenders (two processes, SQLite or
# PostgreSQL) queue on its lock instead of both reading the same last entry.
audit_lock = Table(
    "audit_lock",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("appends", Integer, nullable=False),
)

# -- user unit files (#4): the order of battle's records that users load over the built-in
# ones (casefile/units.py), kept whole so that every store, SQLite or PostgreSQL, has them.

unit_files = Table(
    "unit_files",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),  # load order, from 1
    Column("name", Text, nullable=False, unique=True),  # the file's name: mine.yaml
    Column("sha256", String(64), nullable=False),  # of the file's bytes, as loaded
    Column("content", Text, nullable=False),  # the YAML text
    Column("loaded_at", DateTime(timezone=True), nullable=False),
    Column("loaded_by", Text, nullable=False),  # the actor, as the audit log names it
)

# -- fuse (#11): what fusion says about each case it made (the members are incidents.case_id):
# the reconciled values, the corroboration grade with its reasons, and the scored features of
# the pairs that joined it. Rewritten for the cases a fusion run touches.
cases = Table(
    "cases",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("corroboration", Text, nullable=False, index=True),  # vocab.CORROBORATION
    Column("size", Integer, nullable=False),  # incidents in the case when fused
    Column("record", JSON, nullable=False),  # fuse.Case.to_record()
    Column("fused_at", DateTime(timezone=True), nullable=False),
)
