"""Full-text search over everything people write: issues, notes, meetings, actions, organizations.

Queries read the index :mod:`.search_index` writes (``search_doc``, normalised by
:func:`japanese.search_key`, so full/half-width, kana and 旧字体/異体字 variants match):

- on SQLite, ``fts_tri`` (trigram tokenizer) answers queries of 3 or more characters, and
  ``fts_uni`` (one token per character, phrase queries) 1–2 character ones, which trigrams
  cannot (Japanese has many 2-character words: 防災, 公園, 清掃);
- on PostgreSQL, ``body`` has a pg_trgm GIN index and queries are LIKE (issue 7's dialect);
  a 1-character term also asks the index of each document's characters (migration 0004), a
  2-character one the index of its adjacent character pairs (0015).

Readings: a query term in kana (ぼうさい, ボウサイ) is also looked for as each word of the
store read that way (防災, from ``search_word``), through the same indexes, on both engines.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import islice, product

from sqlalchemy import ColumnElement, func, select, text
from sqlalchemy.engine import Connection

from . import models as m
from .dialect import sqlite_connection
from .japanese import search_chars, search_key
from .models import SearchWord
from .search_index import SEARCHABLE


#: Order in which result groups are shown.
KINDS = ("issue", "note", "meeting", "action_item", "organization")
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


_new = object.__new__
_set = object.__setattr__


def _hits(rows) -> list[Hit]:
    """The :class:`Hit` of each (rowid, kind, ref_id, title, org_id) row, as ``Hit(kind, ref_id,
    title, org_id)`` makes it (same fields, equal and hashed alike, still frozen), without the
    frozen ``__init__``'s six ``object.__setattr__`` calls: at 2 µs a hit, a page of 50 cost as
    much Python as the rest of a short query did (bench.store (c), issue 13)."""
    out = []
    for _rowid, kind, ref_id, title, org_id in rows:
        hit = _new(Hit)
        _set(hit, "__dict__", {"kind": kind, "ref_id": ref_id, "title": title, "org_id": org_id,
                               "when": None, "snippet": ""})
        out.append(hit)
    return out


#: alternatives a kana term is looked for as, at most
MAX_READINGS = 20


def reading_words(con: Connection, query: str) -> dict[str, list[str]]:
    """For each kana term of ``query`` (2 characters or more), the words of the store whose
    reading begins with it, shortest first: ``"ぼうさい"`` → ``{"ぼうさい": ["防災"]}``,
    ``"えき"`` → 駅, 駅前 …. A word holding another listed one is left out (防災訓練 beside
    防災: what it matches, 防災 matches), and so are terms with no word."""
    kana = [t for t in _term_tuple(query) if len(t) >= 2 and _KANA.fullmatch(t)]
    if not kana:  # most queries: answered without a look at search_word
        return {}
    table = SearchWord.__table__
    reading = table.c.reading
    if con.dialect.name == "postgresql":
        reading = reading.collate("C")  # code-point order, as SQLite's: a prefix is a range
    out: dict[str, list[str]] = {}
    for term in kana:
        after = term[:-1] + chr(ord(term[-1]) + 1)
        found: Sequence[str]
        if con.dialect.name == "sqlite":  # on every pause in typing: straight to the driver, as search does
            found = [w for (w,) in sqlite_connection(con).execute(
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


def _terms(query: str) -> list[str]:
    return list(_term_tuple(query))


@functools.lru_cache(maxsize=512)
def _term_tuple(query: str) -> tuple[str, ...]:
    """The folded terms of ``query``; a search asks for them several times (reading lookup,
    MATCH expression, each variant) and the same query again on every page or refresh."""
    return tuple(t for t in search_key(query).split(" ") if t)


def _phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


@functools.lru_cache(maxsize=512)
def fts_query(query: str) -> tuple[str, str] | None:
    """(index, MATCH expression) for a query, or None when there is nothing to look for."""
    terms = _term_tuple(query)
    if not terms:
        return None
    if min(len(t) for t in terms) >= 3:
        return "fts_tri", " AND ".join(_phrase(t) for t in terms)
    grams = [search_chars(t) for t in terms]
    grams = [g for g in grams if g.strip()]
    if not grams:
        return None
    return "fts_uni", " AND ".join(_phrase(g) for g in grams)


def pair_code(pair: str) -> int:
    """The code of two adjacent characters in the PostgreSQL pair index (migration 0015):
    ``search_pair_codes`` makes the same number from each pair of a document's text."""
    return (ord(pair[0]) << 21) | ord(pair[1])


def _code(term: str) -> int:
    """A 1–2 character term's code in the character or the pair index."""
    return ord(term) if len(term) == 1 else pair_code(term)


@dataclass(frozen=True)
class CodeFrequencies:
    """PostgreSQL: the share of search documents holding each common character and character
    pair (by :func:`_code`), from the statistics ANALYZE keeps on the two indexes; codes not
    listed are rarer than every listed one. ``documents``: about how many there are;
    ``columns``: for ``kind`` and ``org_id``, the share of each value (None: any other one)."""
    shares: dict[int, float]
    documents: float
    columns: dict[str, dict[str | None, float]] = field(default_factory=dict)

    def share_of(self, column: str, values) -> float:
        """About the share of documents whose ``column`` is one of ``values`` (1 if unknown)."""
        known = self.columns.get(column)
        if not known:
            return 1.0
        return min(1.0, sum(known.get(v, known.get(None, 0.0)) for v in values))


def code_frequencies(con: Connection) -> CodeFrequencies:
    rows = con.exec_driver_sql(
        "SELECT most_common_elems::text, most_common_elem_freqs FROM pg_stats "
        "WHERE tablename IN ('ix_search_doc_char_codes', 'ix_search_doc_pair_codes')").all()
    shares: dict[int, float] = {}
    for elems, freqs in rows:
        if elems:  # the freqs end with three summary figures that zip leaves out
            shares.update(zip((int(code) for code in elems.strip("{}").split(",") if code), freqs or ()))
    documents = float(con.exec_driver_sql(
        "SELECT reltuples FROM pg_class WHERE oid = 'search_doc'::regclass").scalar() or 0)
    columns: dict[str, dict[str | None, float]] = {}
    for name, values, freqs, distinct, nulls in con.exec_driver_sql(
            "SELECT attname, most_common_vals::text::text[], most_common_freqs, n_distinct, null_frac "
            "FROM pg_stats WHERE tablename = 'search_doc' AND schemaname = current_schema() "
            "AND attname IN ('kind', 'org_id')").all():
        listed: dict[str | None, float] = dict(zip(values or (), freqs or ()))
        distinct = -distinct * documents if distinct < 0 else distinct
        others = max(distinct - len(listed), 1.0)
        listed[None] = max(1.0 - (nulls or 0.0) - sum(listed.values()), 0.0) / others  # each value not listed
        columns[name] = listed
    return CodeFrequencies(shares, documents, columns)


#: how long the code frequencies of a server store are reused (ANALYZE changes them rarely; a
#: search runs on every pause in typing)
FREQUENCIES_SECONDS = 60.0
_frequencies_by_engine: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _frequencies(con: Connection) -> CodeFrequencies:
    """:func:`code_frequencies`, read at most once a minute per engine."""
    now = time.monotonic()
    cached = _frequencies_by_engine.get(con.engine)
    if cached is None or now - cached[0] > FREQUENCIES_SECONDS:
        cached = (now, code_frequencies(con))
        _frequencies_by_engine[con.engine] = cached
    return cached[1]


#: how many times the documents a walk is expected to read it reads at most before asking the
#: index for the rest (matches are not spread evenly: a word of earlier years, or one that
#: kind of record never holds — え in no action item — would make it read the whole table)
WALK_MARGIN = 4


def newest_reads(terms: tuple[str, ...], freqs: CodeFrequencies, wanted: int, filtered: float = 1.0) -> int | None:
    """PostgreSQL: how many of the newest documents to read for ``wanted`` newest matches of
    these 1–2 character terms, when that is cheaper than the index; None when it is not.

    Walking reads about ``wanted / (share × filtered)`` documents (``filtered``: the share a
    kind or organization filter keeps), the index about ``share × documents`` (every match,
    then sorted): the walk is cheaper while the rarest term's share is at least
    ``sqrt(wanted / (filtered × documents))`` (ward size, a page of 50, no filter: 0.9 %, some
    5,600 documents either way at the boundary). The planner cannot make this choice: it
    multiplies the shares of LIKE and of the index condition as if they were independent
    (公園: 1,228 documents expected, 24,972 found) and, walking, computes the pair codes of
    every document it reads. The walk is given :data:`WALK_MARGIN` times what it is expected
    to read; the index is asked for what it did not find in them."""
    if not terms or freqs.documents <= 0 or filtered <= 0 or any(len(t) > 2 for t in terms):
        return None
    share = min(freqs.shares.get(_code(t), 0.0) for t in terms)
    if share <= 0 or share < math.sqrt(wanted / (filtered * freqs.documents)):
        return None
    return max(WALK_MARGIN * math.ceil(wanted / (share * filtered)), 1000)


def _match(dialect: str, query: str, walk: bool = False) -> tuple[str, dict] | None:
    """FROM/WHERE selecting matching ``search_doc d`` rows, or None for an empty query.

    PostgreSQL, ``walk`` (:func:`newest_reads`): LIKE alone, for the newest documents to be
    read until the page is full, without the index conditions.
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
    # PostgreSQL: the trigram index serves LIKE for 3+ characters. Trigrams cannot serve a
    # shorter term, so it also asks, for one character, the per-character index (migration
    # 0004) and, for two, the index of adjacent pairs (0015): one probe either way, holding
    # exactly the documents LIKE keeps. LIKE stays the test.
    params: dict[str, str | int] = {}
    likes: list[str] = []
    # beside a 3+ character term, whose trigrams narrow the documents to few, a short term's
    # index would only add its many (子ども食堂 子: 160 ms with 子's index, 1 ms without)
    narrow = any(len(t) > 2 for t in terms)
    for i, t in enumerate(terms):
        escaped = t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params[f"mt{i}"] = f"%{escaped}%"
        likes.append(f"d.body LIKE :mt{i}")
        if walk or narrow or len(t) > 2:
            continue
        params[f"mc{i}"] = _code(t)
        if len(t) == 1:
            likes.append(f"search_char_codes(d.grams) @> ARRAY[:mc{i}]::int[]")
        else:
            likes.append(f"search_pair_codes(d.body) @> ARRAY[:mc{i}]::bigint[]")
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
        hits = _hits(_page(con, query, kinds, org_ids, limit, offset))
    else:
        rows: dict[int, tuple] = {}
        for variant in variants:
            for row in _page(con, variant, kinds, org_ids, limit + offset, 0):
                rows[row[0]] = row
        newest = sorted(rows.values(), key=lambda r: r[0], reverse=True)[offset:offset + limit]
        hits = _hits(newest)
    return with_details(con, hits, query) if details else hits


#: ways of writing one query that are asked for, at most (terms × their words)
MAX_VARIANTS = 16


def _variants(con: Connection, query: str) -> list[str]:
    """The query as written, then as written with its kana terms replaced by their words."""
    readings = reading_words(con, query)
    if not readings:
        return [query]
    choices = [(t, *readings.get(t, ())) for t in _term_tuple(query)]
    return [" ".join(c) for c in islice(product(*choices), MAX_VARIANTS)]


def _page(con: Connection, query: str, kinds, org_ids, limit: int, offset: int) -> list[tuple]:
    """(rowid, kind, ref_id, title, org_id) of one page of matches of ``query`` as written."""
    dialect = con.dialect.name
    terms = _term_tuple(query)
    # PostgreSQL: terms of 1–2 characters alone are looked for as :func:`newest_reads` says;
    # beside a 3+ character term the trigram index narrows, and the planner's own plan for it
    # is the raw query's (子ども食堂 子: 12.6 ms fenced, as raw when not)
    short = dialect == "postgresql" and all(len(t) < 3 for t in terms)
    reads = None
    if short:
        freqs = _frequencies(con)
        filtered = (freqs.share_of("kind", kinds) if kinds else 1.0) * \
            (freqs.share_of("org_id", org_ids) if org_ids else 1.0)
        reads = newest_reads(terms, freqs, limit + offset, filtered)
    match = _match(dialect, query, walk=reads is not None)
    if match is None:
        return []
    where, params = match
    filters = ""
    if kinds:
        filters += " AND " + _in_list("d.kind", "k", kinds, params)
    if org_ids:
        filters += " AND " + _in_list("d.org_id", "o", org_ids, params)
    where += filters
    params.update(limit=limit, offset=offset)
    # On SQLite, order by the FTS5 table's rowid (the same number as d.rowid): FTS5 then walks
    # its index newest first and stops after the page, instead of SQLite sorting every match
    # (at ward size a common word has tens of thousands: ~100x slower).
    newest = "f.rowid" if dialect == "sqlite" else "d.rowid"
    columns = f"{newest}, d.kind, d.ref_id, d.title, d.org_id"
    page_sql = f"SELECT {columns} FROM {where} ORDER BY {newest} DESC LIMIT :limit OFFSET :offset"
    if dialect == "sqlite":
        # Search runs on every pause in typing and FTS5 answers a page in ~0.1 ms; building and
        # executing a text() statement would cost as much again, so this read-only statement
        # goes straight to the driver on the same connection (same SQL, same named parameters).
        return sqlite_connection(con).execute(page_sql, params).fetchall()
    if not short:
        return [tuple(r) for r in con.execute(text(page_sql), params).all()]
    wanted = limit + offset
    found: list[tuple] = []
    if reads is not None:  # the newest documents, no more than ``reads`` of them
        floor = "(SELECT max(rowid) FROM search_doc) - :reads"
        walked = con.execute(text(
            f"SELECT {columns}, {floor} FROM {where} AND d.rowid > {floor} ORDER BY {newest} DESC LIMIT :wanted"),
            {**params, "reads": reads, "wanted": wanted}).all()
        found = [tuple(r[:-1]) for r in walked]
        if len(found) == wanted:
            return found[offset:]
        # then the index, for the rest among the documents the walk did not read (below the
        # floor it read to: a document written since is above it)
        index_where, index_params = _match(dialect, query) or ("", {})
        where = f"{index_where} AND d.rowid <= {':floor' if walked else floor}{filters}"
        params.update(index_params, reads=reads, floor=walked[0][-1] if walked else None)
    # through the index, every match and then the page: OFFSET 0 keeps the planner from
    # walking the newest documents instead, computing each one's codes (see newest_reads)
    params["wanted"] = wanted - len(found)
    sql = (f"SELECT {columns} FROM (SELECT {columns} FROM {where} OFFSET 0) d "
           f"ORDER BY {newest} DESC LIMIT :wanted")
    found += [tuple(r) for r in con.execute(text(sql), params).all()]
    return found[offset:offset + limit]


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
    terms = _terms(query)
    tables = {t.__table__.name: t.__table__ for t in m.USER_TABLES}
    found: dict[tuple[str, str], tuple] = {}
    for kind in {h.kind for h in hits}:
        spec, table = SEARCHABLE[kind], tables[kind]
        texts = [f for f in spec.fields if f != spec.title] or list(spec.fields)
        date: ColumnElement | None
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
