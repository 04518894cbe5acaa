"""full-text search of incidents, on the values in force

Incidents could be found by a substring of their summary only. Each backend now keeps a
full-text index of every incident's summary, place (name and region), perpetrators and type,
as analysts left them (an analyst's value wins, as everywhere in View):

- SQLite: an FTS5 table ``incidents_fts`` (the id, then the four texts; porter stemmer over
  unicode61, as ``documents_fts``), its rowid the incident's; triggers on ``incidents`` and on
  ``reviews`` (an edit, a review moved by re-analysis) write an incident's row again;
- PostgreSQL: a ``tsvector`` column ``incidents.search`` (the ``english`` configuration, as
  ``documents.search``) with a GIN index, set by a trigger on ``incidents`` and set again by
  one on ``reviews``.

The texts in force live in the index rather than in a query, so that one condition holds
for every incident, reviewed or not (View._matching reads unreviewed and reviewed incidents
in two parts). View.page_incidents reads it through IncidentQuery.search.

SQLite's index is keyed by the incidents' rowids, as ``documents_fts`` is by the documents':
a VACUUM may renumber the rowids of a table whose key is not an INTEGER PRIMARY KEY, so after
one, run this migration's down and up again (``casefile db`` never vacuums).

Revision ID: 0009_day
Revises: 0008
Create Date: 2026-12-06 23:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0009_day"
down_revision = "0008"
branch_labels = None
depends_on = None

# One incident's texts in force (the analyst's where a review edited the group), {where}
# picking which incidents.
SQLITE_IN_FORCE = """INSERT INTO incidents_fts(rowid, id, summary, place, perpetrators, kind)
    SELECT i.rowid, i.id, coalesce(r.summary, i.summary),
        CASE WHEN r.place_name IS NOT NULL
             THEN r.place_name || ' ' || coalesce(r.admin1, '')
             ELSE coalesce(i.place_name, '') || ' ' || coalesce(i.admin1, '') END,
        replace(coalesce(r.perpetrator_names, i.perpetrator_names), '|', ' '),
        replace(coalesce(r.type, i.type), '_', ' ')
    FROM incidents i
    LEFT JOIN reviews r ON r.target_type = 'incident' AND r.target_id = i.id
    WHERE {where}"""


def _again(target: str) -> str:
    """The statements that write incident ``target``'s row of the index again."""
    return (
        "DELETE FROM incidents_fts WHERE rowid IN "
        f"(SELECT rowid FROM incidents WHERE id = {target});\n"
        + SQLITE_IN_FORCE.format(where=f"i.id = {target}")
        + ";"
    )


TEXTS = "summary, place_name, admin1, perpetrator_names, type"
SQLITE_UP = [
    """CREATE VIRTUAL TABLE incidents_fts USING fts5(
        id UNINDEXED, summary, place, perpetrators, kind,
        tokenize='porter unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER incidents_fts_insert AFTER INSERT ON incidents BEGIN
        {SQLITE_IN_FORCE.format(where="i.id = new.id")};
    END""",
    """CREATE TRIGGER incidents_fts_delete AFTER DELETE ON incidents BEGIN
        DELETE FROM incidents_fts WHERE rowid = old.rowid;
    END""",
    f"""CREATE TRIGGER incidents_fts_update AFTER UPDATE OF {TEXTS} ON incidents BEGIN
        DELETE FROM incidents_fts WHERE rowid = old.rowid;
        {SQLITE_IN_FORCE.format(where="i.id = new.id")};
    END""",
    f"""CREATE TRIGGER reviews_fts_insert AFTER INSERT ON reviews
        WHEN new.target_type = 'incident' BEGIN
        {_again("new.target_id")}
    END""",
    f"""CREATE TRIGGER reviews_fts_update AFTER UPDATE OF target_id, {TEXTS} ON reviews
        WHEN new.target_type = 'incident' BEGIN
        {_again("old.target_id")}
        {_again("new.target_id")}
    END""",
    f"""CREATE TRIGGER reviews_fts_delete AFTER DELETE ON reviews
        WHEN old.target_type = 'incident' BEGIN
        {_again("old.target_id")}
    END""",
    SQLITE_IN_FORCE.format(where="1"),
]
SQLITE_DOWN = [
    "DROP TRIGGER reviews_fts_delete",
    "DROP TRIGGER reviews_fts_update",
    "DROP TRIGGER reviews_fts_insert",
    "DROP TRIGGER incidents_fts_update",
    "DROP TRIGGER incidents_fts_delete",
    "DROP TRIGGER incidents_fts_insert",
    "DROP TABLE incidents_fts",
]
POSTGRES_UP = [
    "ALTER TABLE incidents ADD COLUMN search tsvector",
    """CREATE FUNCTION incidents_search() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE r reviews%ROWTYPE;
    BEGIN
        SELECT * INTO r FROM reviews WHERE target_type = 'incident' AND target_id = NEW.id;
        NEW.search := to_tsvector('english', concat_ws(' ',
            coalesce(r.summary, NEW.summary),
            CASE WHEN r.place_name IS NOT NULL THEN concat_ws(' ', r.place_name, r.admin1)
                 ELSE concat_ws(' ', NEW.place_name, NEW.admin1) END,
            replace(coalesce(r.perpetrator_names, NEW.perpetrator_names), '|', ' '),
            replace(coalesce(r.type, NEW.type), '_', ' ')));
        RETURN NEW;
    END $$""",
    f"""CREATE TRIGGER incidents_search BEFORE INSERT OR UPDATE OF {TEXTS}, search
        ON incidents FOR EACH ROW EXECUTE FUNCTION incidents_search()""",
    # a review's edit sets the incident's `search` again (NULL: the trigger above fills it)
    """CREATE FUNCTION reviews_search() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' AND OLD.target_type = 'incident' THEN
            UPDATE incidents SET search = NULL WHERE id = OLD.target_id;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.target_type = 'incident' THEN
            UPDATE incidents SET search = NULL WHERE id = NEW.target_id;
        END IF;
        RETURN NULL;
    END $$""",
    f"""CREATE TRIGGER reviews_search AFTER INSERT OR DELETE OR UPDATE OF target_id, {TEXTS}
        ON reviews FOR EACH ROW EXECUTE FUNCTION reviews_search()""",
    "UPDATE incidents SET search = NULL",
    "CREATE INDEX ix_incidents_search ON incidents USING gin (search)",
]
POSTGRES_DOWN = [
    "DROP INDEX ix_incidents_search",
    "DROP TRIGGER reviews_search ON reviews",
    "DROP FUNCTION reviews_search()",
    "DROP TRIGGER incidents_search ON incidents",
    "DROP FUNCTION incidents_search()",
    "ALTER TABLE incidents DROP COLUMN search",
]


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_UP if sqlite else POSTGRES_UP:
        op.execute(statement)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for statement in SQLITE_DOWN if sqlite else POSTGRES_DOWN:
        op.execute(statement)
