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
