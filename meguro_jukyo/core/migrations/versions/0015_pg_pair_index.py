"""PostgreSQL: an index of each document's adjacent character pairs, for 2-character searches

A 2-character term (駅前, ごみ, えき) was found through the per-character index of 0004, asking it
for one character (the rarer): for two common kana that is a tenth or more of the ward's
documents (え: ~110,000), each then read and rejected by LIKE (えき: 386 ms at ward size, issue
13); asking for both characters made the planner multiply their frequencies and sort tens of
thousands of matches of a common pair (ごみ 5× slower). Both failures are the index not knowing
the pair. This one does: a GIN index on the codes of the pairs of adjacent characters of
``body`` (``first << 21 | second``: code points are below 2**21), so a 2-character term is one
probe that finds exactly the documents holding it, and the planner's element statistics for a
pair are the pair's own (a common pair is then walked newest first and stops after the page, as
a common character is). Pairs holding the space between words are left out: a term has none.
Built here for existing stores; SQLite answers these queries from fts_uni and is unchanged.

Revision ID: 0015
Revises: 0014
"""
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # the characters of the text zipped with themselves one on: no window function, no substr
    # (which walks a UTF-8 text from its start each time)
    op.execute(
        "CREATE FUNCTION search_pair_codes(text) RETURNS bigint[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE "
        "AS $$ SELECT array_agg(DISTINCT (ascii(a)::bigint << 21) | ascii(b)) "
        "FROM (SELECT string_to_array($1, NULL) AS s) AS chars, unnest(s[1:cardinality(s) - 1], s[2:]) AS p(a, b) "
        "WHERE ascii(a) <> 32 AND ascii(b) <> 32 $$"
    )
    op.execute("CREATE INDEX ix_search_doc_pair_codes ON search_doc USING gin (search_pair_codes(body))")
    op.execute("ANALYZE search_doc")  # the pairs' statistics the planner chooses by, from the start


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_search_doc_pair_codes")
    op.execute("DROP FUNCTION IF EXISTS search_pair_codes(text)")
