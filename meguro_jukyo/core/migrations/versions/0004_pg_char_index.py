"""PostgreSQL: a per-character index for 1–2 character searches

Trigrams cannot answer a query shorter than three characters, so on PostgreSQL such a query
was a LIKE over every search document: fast for common characters (the newest matches come
first), but a scan of the whole table (~0.2 s at ward size) for rare ones. A GIN index on the
code points of each document's characters (search_doc.grams, one character per token) finds
the rare ones directly. Code points rather than text: the planner's element statistics for a
text[] expression were unusable here (every character estimated as rare), which made it pick
this index even for the most common characters; with int[] it estimates both kinds right.
SQLite answers these queries from its fts_uni index: nothing changes there.

Revision ID: 0004
Revises: 0003
"""
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE FUNCTION search_char_codes(text) RETURNS int[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
        "AS $$ SELECT array_agg(DISTINCT ascii(c)) FROM unnest(string_to_array($1, ' ')) AS c $$"
    )
    op.execute("CREATE INDEX ix_search_doc_char_codes ON search_doc USING gin (search_char_codes(grams))")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_search_doc_char_codes")
    op.execute("DROP FUNCTION IF EXISTS search_char_codes(text)")
