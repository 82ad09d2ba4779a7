"""The reading index: search_word holds the reading of every kanji word of the search documents

A query in kana (ぼうさい) is also looked for as the words read that way (防災); see search.py.
Documents written from this version on add their new words as they are written; this fills the
table from the documents already in the store, reading each distinct word once.

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

BATCH = 20_000


def upgrade() -> None:
    op.create_table(
        "search_word",
        sa.Column("word", sa.String(), nullable=False),
        sa.Column("reading", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("word"),
    )
    op.create_index("ix_search_word_reading", "search_word", ["reading"], unique=False)
    if op.get_bind().dialect.name == "postgresql":  # readings are looked up by prefix, in code-point order
        op.execute('CREATE INDEX ix_search_word_reading_c ON search_word (reading COLLATE "C")')
    from meguro_jukyo.core.search_index import index_words  # alembic reads every script to map revisions: today's code loads when this step runs

    con = op.get_bind()
    last = -1
    while True:  # in batches by rowid: a ward store has over half a million documents
        rows = con.exec_driver_sql(
            f"SELECT rowid, body FROM search_doc WHERE rowid > {last} ORDER BY rowid LIMIT {BATCH}").all()
        if not rows:
            break
        index_words(con, [body for _rowid, body in rows])
        last = rows[-1][0]


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_search_word_reading_c")
    op.drop_index("ix_search_word_reading", table_name="search_word")
    op.drop_table("search_word")
