"""Full-text search over everything people write: issues, notes, meetings, actions, organizations.

Every searchable row has one ``search_doc`` row holding its text normalised by
:func:`japanese.search_key` (NFKC, katakana folded to hiragana, case folded, 異体字 folded to
their standard form by ``resources/itaiji.json``), so full/half-width, kana and 旧字体/異体字
variants match. On SQLite two FTS5 indexes read ``search_doc`` as external content
and are kept current by SQL triggers (plain SQL, so any SQLite tool can write the store):

- ``fts_tri`` (trigram tokenizer) answers queries of 3 or more characters;
- ``fts_uni`` (one token per character, phrase queries) answers 1–2 character ones, which
  trigrams cannot (Japanese has many 2-character words: 防災, 公園, 清掃).

On PostgreSQL ``body`` has a pg_trgm GIN index and queries are ILIKE (issue 7's dialect).
Writers call :func:`index_rows` in the same transaction as the change.

Readings: ``search_word`` holds the reading (Sudachi, :mod:`.analysis`) of every kanji word of
the documents, filled as documents are written. A query term in kana (ぼうさい, ボウサイ) is
also looked for as each word read that way (防災), through the same indexes, on both engines.
Reading each distinct word once, not each document, keeps a ward-size load to seconds more
(the analyser reads ~2,000 short documents a second: every document would add minutes).
"""

from __future__ import annotations

import datetime as dt
import re
import time
import weakref
from dataclasses import dataclass, replace

from sqlalchemy import text
from sqlalchemy.engine import Connection

from .japanese import search_chars, search_key


@dataclass(frozen=True)
class Indexed:
    fields: tuple[str, ...]
    title: str
    org: str | None  # the column holding the organization id, if the row has one


#: What is searchable, by entity kind. Personal-data fields are deliberately absent.
SEARCHABLE: dict[str, Indexed] = {
    "issue": Indexed(("title", "description", "place", "ward_answer"), "title", "organization_id"),
    "note": Indexed(("body",), "body", None),
    "meeting": Indexed(("title", "place", "next_meeting"), "title", "organization_id"),
    "action_item": Indexed(("title",), "title", "organization_id"),
    "organization": Indexed(("name", "yomi"), "name", "id"),
}

#: Order in which result groups are shown.
KINDS = ("issue", "note", "meeting", "action_item", "organization")
TITLE_LENGTH = 80


SNIPPET_LENGTH = 48
_UNIT = re.compile("(?s).[\uff9e\uff9f\u3099\u309a]?")
#: the date a hit is known by (a note: its meeting's)
_HIT_DATE = {"issue": "raised_on", "meeting": "starts_at", "action_item": "due_on"}


@dataclass(frozen=True)
class Hit:
    kind: str
    ref_id: str
    title: str
    org_id: str | None
    #: with ``details``: the row's date, and its text around the first match, so that hits
    #: with the same title can be told apart
    when: dt.date | None = None
    snippet: str = ""


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
        org = row.get(spec.org) if spec.org else note_orgs.get(row.get("meeting_id"))
        live.append(_doc(kind, row, spec, org))
    return live, gone


#: a word whose reading is indexed: kanji, with the okurigana that follows (見守り, 祭り) but
#: no particle (防災を → 防災)
_KANJI_WORD = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]+"
                         "[" + "".join(chr(c) for c in range(0x3041, 0x3097) if chr(c) not in "のをがはにでとへもやかね") + "]{0,2}")
MAX_WORD = 12
#: alternatives a kana term is looked for as, at most
MAX_READINGS = 20


def index_words(con: Connection, bodies) -> None:
    """Add the readings of the kanji words in ``bodies`` (search document bodies) that
    ``search_word`` does not hold yet; each new word is read once."""
    from .models import SearchWord

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
    from .analysis import word_readings

    words: dict[str, str] = {}
    for run in new:
        for word, reading in word_readings(run):
            words.setdefault(word, reading)
    for word in [w for w in words if w not in known and w not in new]:  # morphemes seen before
        if con.execute(table.select().with_only_columns(table.c.word).where(table.c.word == word)).first():
            del words[word]
    from .dialect import insert_or_replace

    insert_or_replace(con, table, [{"word": w, "reading": r} for w, r in sorted(words.items())], ["word"])


def reading_words(con: Connection, query: str) -> dict[str, list[str]]:
    """For each kana term of ``query`` (2 characters or more), the words of the store whose
    reading begins with it, shortest first: ``"ぼうさい"`` → ``{"ぼうさい": ["防災"]}``,
    ``"えき"`` → 駅, 駅前 …. A word holding another listed one is left out (防災訓練 beside
    防災: what it matches, 防災 matches), and so are terms with no word."""
    kana = [t for t in _terms(query) if len(t) >= 2 and _KANA.fullmatch(t)]
    if not kana:  # most queries: answered before the imports, which cost a search's time again
        return {}
    from sqlalchemy import func

    from .models import SearchWord

    table = SearchWord.__table__
    reading = table.c.reading
    if con.dialect.name == "postgresql":
        reading = reading.collate("C")  # code-point order, as SQLite's: a prefix is a range
    out: dict[str, list[str]] = {}
    for term in kana:
        after = term[:-1] + chr(ord(term[-1]) + 1)
        if con.dialect.name == "sqlite":  # on every pause in typing: straight to the driver, as search does
            found = [w for (w,) in con.connection.driver_connection.execute(
                "SELECT word FROM search_word WHERE reading >= ? AND reading < ? "
                f"ORDER BY length(reading), word LIMIT {MAX_READINGS}", (term, after))]
        else:
            found = con.execute(table.select().with_only_columns(table.c.word)
                                .where(reading >= term, reading < after)
                                .order_by(func.length(table.c.reading), table.c.word)
                                .limit(MAX_READINGS)).scalars().all()
        words: list[str] = []
        for word in sorted(found, key=lambda w: (len(w), w)):
            if not any(shorter in word for shorter in words):
                words.append(word)
        if words:
            out[term] = words
    return out


_KANA = re.compile("[\u3041-\u3096ー]+")


def _write_docs(con: Connection, kind: str, live: list[dict], gone: list[str]) -> None:
    from .dialect import insert_or_replace
    from .models import SearchDoc

    if gone:
        con.execute(
            SearchDoc.__table__.delete().where(
                SearchDoc.kind == kind, SearchDoc.ref_id.in_(gone)
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
            from .models import SearchDoc

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
    from .models import Meeting

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
                .with_only_columns(Meeting.id, Meeting.organization_id)
                .where(Meeting.id.in_(chunk))
            ).all()
        )
    return out


def _terms(query: str) -> list[str]:
    return [t for t in search_key(query).split(" ") if t]


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def fts_query(query: str) -> tuple[str, str] | None:
    """(index, MATCH expression) for a query, or None when there is nothing to look for."""
    terms = _terms(query)
    if not terms:
        return None
    if min(len(t) for t in terms) >= 3:
        return "fts_tri", " AND ".join(_phrase(t) for t in terms)
    grams = [search_chars(t) for t in terms]
    grams = [g for g in grams if g.strip()]
    if not grams:
        return None
    return "fts_uni", " AND ".join(_phrase(g) for g in grams)


def char_frequencies(con: Connection) -> dict[int, float]:
    """PostgreSQL: the share of search documents holding each common character (code point),
    from the statistics ANALYZE keeps on the per-character index; characters not listed are rare.

    The planner multiplies the frequencies of the characters a query asks the index for, so
    for two common characters (要望: 要 and 望 are each in a tenth of the documents) it expects
    a handful of documents where there are tens of thousands, takes the index and sorts them all
    (150 ms at ward size) instead of walking the newest documents (1 ms). Asking the index for the
    rarer character alone gives it an estimate it gets right.
    """
    row = con.exec_driver_sql(
        "SELECT most_common_elems::text, most_common_elem_freqs FROM pg_stats "
        "WHERE tablename = 'ix_search_doc_char_codes'").first()
    if row is None or not row[0]:
        return {}
    codes = [int(code) for code in row[0].strip("{}").split(",") if code]
    return dict(zip(codes, row[1] or ()))


#: how long the character frequencies of a server store are reused (ANALYZE changes them
#: rarely; a search runs on every pause in typing)
FREQUENCIES_SECONDS = 60.0
_frequencies_by_engine: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _frequencies(con: Connection) -> dict[int, float]:
    """:func:`char_frequencies`, read at most once a minute per engine."""
    now = time.monotonic()
    cached = _frequencies_by_engine.get(con.engine)
    if cached is None or now - cached[0] > FREQUENCIES_SECONDS:
        cached = (now, char_frequencies(con))
        _frequencies_by_engine[con.engine] = cached
    return cached[1]


def _match(dialect: str, query: str, freqs: dict[int, float] | None = None) -> tuple[str, dict] | None:
    """FROM/WHERE selecting matching ``search_doc d`` rows, or None for an empty query.

    ``freqs`` (PostgreSQL, :func:`char_frequencies`): ask the per-character index for the rarest
    character of each short term only; without it, for every character.
    """
    if dialect == "sqlite":
        fq = fts_query(query)
        if fq is None:
            return None
        table, expr = fq
        # CROSS JOIN keeps the FTS5 table the outer loop: with a plain JOIN and a kind filter
        # the planner walks search_doc by kind and probes FTS5 once per row (20 s at ward size
        # for a list filtered by 2 characters; 0.3 s this way).
        return (f"{table} f CROSS JOIN search_doc d ON d.rowid = f.rowid WHERE {table} MATCH :mq",
                {"mq": expr})
    terms = _terms(query)
    if not terms:
        return None
    # PostgreSQL: the trigram index serves LIKE for 3+ characters; shorter terms also ask the
    # per-character index (migration 0004) for documents holding each of their characters
    params, likes = {}, []
    for i, t in enumerate(terms):
        escaped = t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params[f"mt{i}"] = f"%{escaped}%"
        likes.append(f"d.body LIKE :mt{i}")
        if len(t) < 3:
            codes = sorted({ord(c) for c in t})
            if freqs is not None:
                codes = [min(codes, key=lambda code: (freqs.get(code, 0.0), code))]
            params.update({f"mc{i}_{k}": code for k, code in enumerate(codes)})
            listed = ", ".join(f":mc{i}_{k}" for k in range(len(codes)))
            likes.append(f"search_char_codes(d.grams) @> ARRAY[{listed}]::int[]")
    return "search_doc d WHERE " + " AND ".join(likes), params


def _in_list(column: str, prefix: str, values, params: dict) -> str:
    params.update({f"{prefix}{i}": v for i, v in enumerate(values)})
    return f"{column} IN (" + ",".join(f":{prefix}{i}" for i in range(len(values))) + ")"


def search(
    con: Connection,
    query: str,
    *,
    kinds: tuple[str, ...] | None = None,
    org_ids: list[str] | None = None,
    limit: int = 50,
    offset: int = 0,
    details: bool = False,
) -> list[Hit]:
    """Rows whose text contains every term of ``query``, newest first; with ``details``, each
    with its date and a snippet of its text (:func:`with_details`).

    A kana term also matches the words read that way (:func:`reading_words`): each way of
    writing the query is asked for its newest page on its own (a phrase of common kana is slow
    on the per-character index, a kanji word is not) and the pages are merged.
    """
    if org_ids is not None and not org_ids:
        return []
    variants = _variants(con, query)
    if len(variants) == 1:
        hits = [Hit(*row[1:]) for row in _page(con, query, kinds, org_ids, limit, offset)]
    else:
        rows: dict[int, tuple] = {}
        for variant in variants:
            for row in _page(con, variant, kinds, org_ids, limit + offset, 0):
                rows[row[0]] = row
        newest = sorted(rows.values(), key=lambda r: r[0], reverse=True)[offset:offset + limit]
        hits = [Hit(*row[1:]) for row in newest]
    return with_details(con, hits, query) if details else hits


#: ways of writing one query that are asked for, at most (terms × their words)
MAX_VARIANTS = 16


def _variants(con: Connection, query: str) -> list[str]:
    """The query as written, then as written with its kana terms replaced by their words."""
    readings = reading_words(con, query)
    if not readings:
        return [query]
    from itertools import islice, product

    choices = [(t, *readings.get(t, ())) for t in _terms(query)]
    return [" ".join(c) for c in islice(product(*choices), MAX_VARIANTS)]


def _page(con: Connection, query: str, kinds, org_ids, limit: int, offset: int) -> list[tuple]:
    """(rowid, kind, ref_id, title, org_id) of one page of matches of ``query`` as written."""
    dialect = con.dialect.name
    short = dialect == "postgresql" and any(len(t) < 3 for t in _terms(query))
    match = _match(dialect, query, _frequencies(con) if short else None)
    if match is None:
        return []
    where, params = match
    if kinds:
        where += " AND " + _in_list("d.kind", "k", kinds, params)
    if org_ids:
        where += " AND " + _in_list("d.org_id", "o", org_ids, params)
    params.update(limit=limit, offset=offset)
    # On SQLite, order by the FTS5 table's rowid (the same number as d.rowid): FTS5 then walks
    # its index newest first and stops after the page, instead of SQLite sorting every match
    # (at ward size a common word has tens of thousands: ~100x slower).
    newest = "f.rowid" if dialect == "sqlite" else "d.rowid"
    sql = (f"SELECT {newest}, d.kind, d.ref_id, d.title, d.org_id FROM {where} "
           f"ORDER BY {newest} DESC LIMIT :limit OFFSET :offset")
    if dialect == "sqlite":
        # Search runs on every pause in typing and FTS5 answers a page in ~0.1 ms; building and
        # executing a text() statement would cost as much again, so this read-only statement
        # goes straight to the driver on the same connection (same SQL, same named parameters).
        return con.connection.driver_connection.execute(sql, params).fetchall()
    return [tuple(r) for r in con.execute(text(sql), params).all()]


def snippet(value: str, terms: list[str], length: int = SNIPPET_LENGTH) -> str:
    """About ``length`` characters of ``value`` around the first place one of ``terms``
    (already folded by :func:`search_key`) is found as search finds it, else its beginning."""
    value = " ".join(value.split())
    folded, origin = [], []
    # fold one character (with its voicing mark: ﾎﾞ is ぼ) at a time, to map a match back
    for unit in _UNIT.finditer(value):
        for key in search_key(unit.group()) or " ":
            folded.append(key)
            origin.append(unit.start())
    found = [at for at in ("".join(folded).find(t) for t in terms) if at >= 0]
    begin = max(0, min(origin[min(found)] - length // 4, len(value) - length)) if found else 0
    end = begin + length
    return ("…" if begin else "") + value[begin:end] + ("…" if end < len(value) else "")


def with_details(con: Connection, hits: list[Hit], query: str) -> list[Hit]:
    """``hits`` with their dates and snippets, read from their rows (a query per kind)."""
    from sqlalchemy import select

    from . import models as m

    terms = _terms(query)
    tables = {t.__tablename__: t.__table__ for t in m.USER_TABLES}
    found: dict[tuple[str, str], tuple] = {}
    for kind in {h.kind for h in hits}:
        spec, table = SEARCHABLE[kind], tables[kind]
        texts = [f for f in spec.fields if f != spec.title] or list(spec.fields)
        if kind == "note":
            mt = tables["meeting"]
            date = (select(mt.c.starts_at).where(mt.c.id == table.c.meeting_id).scalar_subquery())
        else:
            date = table.c[_HIT_DATE[kind]] if kind in _HIT_DATE else None
        ids = sorted({h.ref_id for h in hits if h.kind == kind})
        for start in range(0, len(ids), 500):
            columns = [table.c.id, *(table.c[f] for f in texts)] + ([date.label("when")] if date is not None else [])
            for row in con.execute(select(*columns).where(table.c.id.in_(ids[start:start + 500]))):
                when = row[-1] if date is not None else None
                body = " ".join(str(v) for v in row[1:1 + len(texts)] if v)
                found[(kind, row.id)] = (when.date() if isinstance(when, dt.datetime) else when,
                                         snippet(body, terms) if body else "")
    return [replace(h, when=found[(h.kind, h.ref_id)][0], snippet=found[(h.kind, h.ref_id)][1])
            if (h.kind, h.ref_id) in found else h for h in hits]


def matching_ids(con: Connection, query: str, kind: str, cap: int = 5000) -> list[str]:
    """Ids of ``kind`` rows matching ``query``; used to filter lists by text in SQL."""
    return [h.ref_id for h in search(con, query, kinds=(kind,), limit=cap)]


def rebuild(con: Connection) -> int:
    """Re-create every search document from the tables (after a bulk load or a repair)."""
    from sqlalchemy import select

    from .models import USER_TABLES

    con.execute(text("DELETE FROM search_doc"))
    con.execute(text("DELETE FROM search_word"))  # words of documents gone go with them
    count = 0
    for table in USER_TABLES:
        kind = table.__tablename__
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


def id_subquery(dialect: str, query: str, kind: str, variants: list[str] | None = None) -> tuple[str | None, dict]:
    """SQL selecting the ids of ``kind`` rows that match ``query`` (for list filters), or any
    of its ``variants`` (:func:`query_variants`: its kana terms written as their words).

    Returns (None, {}) when the query has nothing to look for.
    """
    parts, params = [], {}
    for i, variant in enumerate(variants or [query]):
        match = _match(dialect, variant)
        if match is None:
            continue
        where, found = match
        # each variant's parameters get their own names
        for name in sorted(found, key=len, reverse=True):
            where = re.sub(f":{name}\\b", f":v{i}{name}", where)
        params.update({f"v{i}{k}": v for k, v in found.items()})
        params[f"v{i}mkind"] = kind
        parts.append(f"SELECT d.ref_id FROM {where} AND d.kind = :v{i}mkind")
    if not parts:
        return None, {}
    return " UNION ".join(parts), params


def query_variants(con: Connection, query: str) -> list[str]:
    """The ways of writing ``query`` a search asks for (its kana terms as their words too)."""
    return _variants(con, query)
