"""full-text search of documents

Searching documents matched whole substrings (LIKE), with no ranking and no highlighted hits.
Each backend now keeps a full-text index of a document's name, title and text:

- SQLite: an FTS5 table ``documents_fts`` over ``documents`` (external content, the porter
  stemmer over unicode61), kept in step by triggers, filled from the documents there are;
- PostgreSQL: a stored generated ``tsvector`` column ``documents.search`` (the ``english``
  configuration, which stems as porter does; the text's first million characters) with a
  GIN index.

View.search_documents reads either (casefile/store/view.py).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 21:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SQLITE_UP = [
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
        name, title, text, content='documents', content_rowid='rowid',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, name, title, text)
        VALUES (new.rowid, new.name, new.title, new.text);
    END""",
    """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, name, title, text)
        VALUES ('delete', old.rowid, old.name, old.title, old.text);
    END""",
    """CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, name, title, text)
        VALUES ('delete', old.rowid, old.name, old.title, old.text);
        INSERT INTO documents_fts(rowid, name, title, text)
        VALUES (new.rowid, new.name, new.title, new.text);
    END""",
    "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER documents_fts_update",
    "DROP TRIGGER documents_fts_delete",
    "DROP TRIGGER documents_fts_insert",
    "DROP TABLE documents_fts",
]
POSTGRES_UP = [
    # The first million characters of the text: a tsvector holds at most 1 MB, and a
    # document over it must still be stored (its first pages are still found).
    """ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS (
        to_tsvector('english', coalesce(name, '') || ' ' || coalesce(title, '') || ' '
                    || left(coalesce(text, ''), 1000000))) STORED""",
    "CREATE INDEX ix_documents_search ON documents USING gin (search)",
]
POSTGRES_DOWN = ["DROP INDEX ix_documents_search", "ALTER TABLE documents DROP COLUMN search"]


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_UP if sqlite else POSTGRES_UP:
        op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_DOWN if sqlite else POSTGRES_DOWN:
        op.execute(statement)
