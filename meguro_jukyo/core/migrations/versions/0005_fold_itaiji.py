"""Search documents fold 異体字 (櫻→桜, 邊→辺, 髙→高 …: resources/itaiji.json)

Queries are folded from this version on, so documents written before it must be too, or 櫻 in
an old record would no longer be found by 櫻. A document's body was ``normalize(text)`` and is
now ``search_key(text)``, which is the same text with the table's variants replaced one
character for one: so only the documents holding a variant change, and they are found through
the per-character indexes (SQLite fts_uni, PostgreSQL ix_search_doc_char_codes) instead of by
re-reading every record. On SQLite the FTS5 triggers on search_doc update both indexes.

Revision ID: 0005
Revises: 0004
"""
from alembic import op

from meguro_jukyo.core.japanese import search_chars, variant_table
from sqlalchemy import text

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    con = op.get_bind()
    table = variant_table()
    variants = sorted(table)
    if con.dialect.name == "sqlite":
        expr = " OR ".join(f'"{chr(code)}"' for code in variants)
        rows = con.exec_driver_sql(
            "SELECT d.rowid, d.body FROM fts_uni f CROSS JOIN search_doc d ON d.rowid = f.rowid "
            "WHERE fts_uni MATCH ?", (expr,)).all()
    else:
        listed = ",".join(str(code) for code in variants)
        rows = con.exec_driver_sql(
            f"SELECT rowid, body FROM search_doc WHERE search_char_codes(grams) && ARRAY[{listed}]::int[]").all()
    updates = []
    for rowid, body in rows:
        folded = body.translate(table)
        if folded != body:
            updates.append({"body": folded, "grams": search_chars(folded), "rowid": rowid})
    if updates:
        con.execute(text("UPDATE search_doc SET body = :body, grams = :grams WHERE rowid = :rowid"), updates)


def downgrade() -> None:
    # A folded document is still found by every query the older version can send except one
    # holding a variant itself; the unfolded text is not kept, so `check --repair` of that
    # version rebuilds it if wanted.
    pass
