"""The search index: one ``search_doc`` row for every searchable row, written with the change.

Every searchable row has one ``search_doc`` row holding its text normalised by
:func:`japanese.search_key` (NFKC, katakana folded to hiragana, case folded, 異体字 folded to
their standard form by ``resources/itaiji.json``), so full/half-width, kana and 旧字体/異体字
variants match. On SQLite two FTS5 indexes read ``search_doc`` as external content
and are kept current by SQL triggers (plain SQL, so any SQLite tool can write the store):
``fts_tri`` (trigram tokenizer) and ``fts_uni`` (one token per character). On PostgreSQL
``body`` has a pg_trgm GIN index. Writers call :func:`index_rows` in the same transaction as
the change; a bulk of rows goes through :class:`BulkIndex`. Reading the index is
:mod:`.search`.

Readings: ``search_word`` holds the reading (Sudachi, :mod:`.analysis`) of every kanji word of
the documents, filled as documents are written (:func:`index_words`). Reading each distinct
word once, not each document, keeps a ward-size load to seconds more (the analyser reads
~2,000 short documents a second: every document would add minutes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.engine import Connection
from sqlmodel import col

from .analysis import word_readings
from .dialect import insert_or_replace
from .fields import searched_fields
from .japanese import search_chars, search_key
from .models import USER_TABLES, Meeting, SearchDoc, SearchWord


@dataclass(frozen=True)
class Indexed:
    fields: tuple[str, ...]
    title: str
    org: str | None  # the column holding the organization id, if the row has one


#: What is searchable, by entity kind: the fields the field registry (core/fields.py) marks as
#: searched, in its order. Personal-data fields are deliberately absent (tests/core/test_fields.py).
SEARCHABLE: dict[str, Indexed] = {
    "issue": Indexed(searched_fields("issue"), "title", "organization_id"),
    "note": Indexed(searched_fields("note"), "body", None),
    "meeting": Indexed(searched_fields("meeting"), "title", "organization_id"),
    "action_item": Indexed(searched_fields("action_item"), "title", "organization_id"),
    "organization": Indexed(searched_fields("organization"), "name", "id"),
}


TITLE_LENGTH = 80
#: the columns of a search document, in the order :func:`document` gives them
DOC_COLUMNS = ("kind", "ref_id", "org_id", "title", "body", "grams")


def document(kind: str, ref_id: str, org_id: str | None, title, values,
             texts: dict[str, tuple[str, str]] | None = None) -> tuple:
    """The search document (:data:`DOC_COLUMNS`) of a row whose searchable fields hold
    ``values``: ``body`` is each field's search key, the non-empty ones joined by a space, and
    ``grams`` their characters. ``texts``, if given, keeps each distinct value's key and
    characters from call to call (a bulk load, whose texts repeat)."""
    bodies, grams = [], []
    for value in values:
        value = str(value or "")
        known = texts.get(value) if texts is not None else None
        if known is None:
            key = search_key(value)
            known = (key, search_chars(key))
            if texts is not None:
                texts[value] = known
        if known[0]:
            bodies.append(known[0])
            grams.append(known[1])
    return (kind, ref_id, org_id, str(title or "")[:TITLE_LENGTH], " ".join(bodies), " ".join(grams))


def _doc(kind: str, row: dict, spec: Indexed, org_id: str | None) -> dict:
    return dict(zip(DOC_COLUMNS, document(kind, row["id"], org_id, row.get(spec.title), [row.get(f) for f in spec.fields])))


#: from this many rows at once, :func:`index_rows` sets the FTS5 triggers aside (:class:`BulkIndex`)
BULK_ROWS = 200


def index_rows(con: Connection, kind: str, rows: list[dict]) -> None:
    """Bring the index up to date for ``rows`` (dicts of full rows, tombstones included).

    Many rows at once (an import's batch) on SQLite go through :class:`BulkIndex`: the same
    documents and indexes, in a fifth of the time the triggers take row by row.
    """
    if len(rows) >= BULK_ROWS and con.dialect.name == "sqlite":
        with BulkIndex(con) as bulk:
            bulk.add(kind, rows)
        return
    live, gone = _docs(con, kind, rows)
    _write_docs(con, kind, live, gone)


def _docs(con: Connection, kind: str, rows: list[dict]) -> tuple[list[dict], list[str]]:
    """The search documents of ``rows`` that are alive, and the ids of those deleted."""
    spec = SEARCHABLE.get(kind)
    if spec is None or not rows:
        return [], []
    note_orgs = _note_orgs(con, rows) if kind == "note" else {}
    live, gone = [], []
    for row in rows:
        if row.get("deleted"):
            gone.append(row["id"])
            continue
        if spec.org:
            org = row.get(spec.org)
        else:
            meeting_id = row.get("meeting_id")
            org = note_orgs.get(meeting_id) if meeting_id is not None else None
        live.append(_doc(kind, row, spec, org))
    return live, gone


#: a word whose reading is indexed: kanji, with the okurigana that follows (見守り, 祭り) but
#: no particle (防災を → 防災)
_KANJI_WORD = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]+"
                         "[" + "".join(chr(c) for c in range(0x3041, 0x3097) if chr(c) not in "のをがはにでとへもやかね") + "]{0,2}")
#: longer runs are not read (a reading is looked for as a word's, not a sentence's)
MAX_WORD = 12


def index_words(con: Connection, bodies) -> None:
    """Add the readings of the kanji words in ``bodies`` (search document bodies) that
    ``search_word`` does not hold yet; each new word is read once."""
    runs = sorted({w for body in bodies for w in _KANJI_WORD.findall(body) if len(w) <= MAX_WORD})
    if not runs:
        return
    table = SearchWord.__table__
    known: set[str] = set()
    for start in range(0, len(runs), 500):
        chunk = runs[start:start + 500]
        known.update(con.execute(table.select().with_only_columns(table.c.word)
                                 .where(table.c.word.in_(chunk))).scalars())
    new = [r for r in runs if r not in known]
    if not new:
        return
    words: dict[str, str] = {}
    for run in new:
        for word, reading in word_readings(run):
            words.setdefault(word, reading)
    for word in [w for w in words if w not in known and w not in new]:  # morphemes seen before
        if con.execute(table.select().with_only_columns(table.c.word).where(table.c.word == word)).first():
            del words[word]
    insert_or_replace(con, table, [{"word": w, "reading": r} for w, r in sorted(words.items())], ["word"])


def _write_docs(con: Connection, kind: str, live: list[dict], gone: list[str]) -> None:
    if gone:
        con.execute(
            SearchDoc.__table__.delete().where(
                col(SearchDoc.kind) == kind, col(SearchDoc.ref_id).in_(gone)
            )
        )
    insert_or_replace(con, SearchDoc.__table__, live, ["kind", "ref_id"])
    index_words(con, [d["body"] for d in live])


class BulkIndex:
    """:func:`index_rows` for many rows in one transaction (a sync import): the same result.

    On SQLite the FTS5 triggers on ``search_doc`` cost about five times what the documents
    themselves do when fed row by row. So, inside the caller's transaction, the triggers are
    set aside, the documents written directly (their old text taken out of the FTS5 indexes
    with the 'delete' command first), the indexes fed with one ``INSERT … SELECT`` each from
    the documents written, and the triggers put back as they were. Unlike a 'rebuild' this
    costs only what was written, however large the store. The caller's transaction must roll
    back if anything fails (a rollback restores the triggers too). On PostgreSQL there are no
    triggers (``body`` has a trigram index): documents are written as by :func:`index_rows`.
    """

    def __init__(self, con: Connection):
        self.con = con
        self.sqlite = con.dialect.name == "sqlite"
        self._triggers: list[tuple[str, str]] = []
        self._indexes: list[tuple[str, str]] = []
        self._first_new = self._next_rowid = 0
        self._updated: list[int] = []

    def __enter__(self) -> "BulkIndex":
        if self.sqlite:
            con = self.con
            self._triggers = [tuple(r) for r in con.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'search_doc' "
                "ORDER BY name").all()]
            self._indexes = list(_FTS_COLUMNS.items()) if self._triggers else []
            for name, _sql in self._triggers:
                con.exec_driver_sql(f'DROP TRIGGER "{name}"')
            top = con.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM search_doc").scalar_one()
            self._first_new = self._next_rowid = top + 1
        return self

    def add(self, kind: str, rows: list[dict]) -> None:
        """Index ``rows`` as :func:`index_rows` would (at most a few thousand per call)."""
        live, gone = _docs(self.con, kind, rows)
        if not self.sqlite:
            _write_docs(self.con, kind, live, gone)
            return
        if not live and not gone:
            return
        index_words(self.con, [d["body"] for d in live])
        many = self._many
        ids = [d["ref_id"] for d in live] + gone
        marks = ",".join("?" * len(ids))
        old = {ref_id: (rowid, body, grams) for rowid, ref_id, body, grams in self.con.exec_driver_sql(
            f"SELECT rowid, ref_id, body, grams FROM search_doc WHERE kind = ? AND ref_id IN ({marks})",
            (kind, *ids))}
        for index, column in self._indexes:  # what the update and delete triggers would do
            position = 1 if column == "body" else 2
            many(f"INSERT INTO {index}({index}, rowid, {column}) VALUES ('delete', ?, ?)",
                 [(v[0], v[position]) for v in old.values()])
        many("DELETE FROM search_doc WHERE rowid = ?", [(old[ref_id][0],) for ref_id in gone if ref_id in old])
        updates, inserts = [], []
        for d in live:
            known = old.get(d["ref_id"])
            if known is not None:
                updates.append((d["org_id"], d["title"], d["body"], d["grams"], known[0]))
                self._updated.append(known[0])
            else:
                inserts.append((self._next_rowid, kind, d["ref_id"], d["org_id"], d["title"], d["body"], d["grams"]))
                self._next_rowid += 1
        many("UPDATE search_doc SET org_id = ?, title = ?, body = ?, grams = ? WHERE rowid = ?", updates)
        many("INSERT INTO search_doc (rowid, kind, ref_id, org_id, title, body, grams) VALUES (?, ?, ?, ?, ?, ?, ?)",
             inserts)

    def add_new(self, docs: list[tuple]) -> None:
        """Write documents made by :func:`document` for rows new to the store (a bulk load):
        nothing of theirs is indexed yet, so nothing is looked up or taken out first."""
        index_words(self.con, [d[4] for d in docs])
        if not self.sqlite:
            for start in range(0, len(docs), 100_000):
                self.con.execute(SearchDoc.__table__.insert(), [dict(zip(DOC_COLUMNS, d)) for d in docs[start:start + 100_000]])
            return
        first = self._next_rowid
        self._next_rowid += len(docs)
        for start in range(0, len(docs), 100_000):
            self._many("INSERT INTO search_doc (rowid, kind, ref_id, org_id, title, body, grams) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [(first + start + i, *d) for i, d in enumerate(docs[start:start + 100_000])])

    def _many(self, sql: str, rows: list[tuple]) -> None:
        if rows:
            self.con.exec_driver_sql(sql, rows)

    def __exit__(self, exc_type, exc, tb) -> None:
        if not self.sqlite or exc_type is not None:
            return  # the transaction rolls back, triggers and all
        run = self.con.exec_driver_sql
        for index, column in self._indexes:  # what the insert and update triggers would do
            run(f"INSERT INTO {index}(rowid, {column}) SELECT rowid, {column} FROM search_doc WHERE rowid >= ?",
                (self._first_new,))
            for start in range(0, len(self._updated), 500):
                chunk = self._updated[start:start + 500]
                run(f"INSERT INTO {index}(rowid, {column}) SELECT rowid, {column} FROM search_doc "
                    f"WHERE rowid IN ({','.join('?' * len(chunk))})", tuple(chunk))
        for _name, sql in self._triggers:
            run(sql)


#: the FTS5 tables over search_doc (SQLite), and the column each indexes
_FTS_COLUMNS = {"fts_tri": "body", "fts_uni": "grams"}


def _note_orgs(con: Connection, rows: list[dict]) -> dict[str, str]:
    ids = {r["meeting_id"] for r in rows if r.get("meeting_id")}
    if not ids:
        return {}
    out: dict[str, str] = {}
    ids_list = sorted(ids)
    for start in range(0, len(ids_list), 500):
        chunk = ids_list[start : start + 500]
        out.update(
            con.execute(
                Meeting.__table__.select()
                .with_only_columns(col(Meeting.id), col(Meeting.organization_id))
                .where(col(Meeting.id).in_(chunk))
            ).all()
        )
    return out


def rebuild(con: Connection) -> int:
    """Re-create every search document from the tables (after a bulk load or a repair)."""
    con.execute(text("DELETE FROM search_doc"))
    con.execute(text("DELETE FROM search_word"))  # words of documents gone go with them
    count = 0
    for table in USER_TABLES:
        kind = table.__table__.name
        if kind not in SEARCHABLE:
            continue
        batch: list[dict] = []
        for row in con.execute(select(table.__table__).where(table.__table__.c.deleted.is_(False))).mappings():
            batch.append(dict(row))
            if len(batch) >= 5000:
                index_rows(con, kind, batch)
                count += len(batch)
                batch = []
        index_rows(con, kind, batch)
        count += len(batch)
    return count
