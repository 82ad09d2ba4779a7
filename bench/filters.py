"""Lists filtered by text, and searches that mix short and long terms, on the ward store in SQLite
and in PostgreSQL, each beside a raw baseline measured in the same run (issue 13).

A list filtered by text is what the 課題 and 記録 screens show when a word is typed in their
filter box: the first page of 200 (``EntityService.list``, newest first) and the count the screen
shows beside it (``EntityService.count``), both through ``search.id_subquery``. Its raw baseline
is the same rows asked by hand through the driver (sqlite3, psycopg): on SQLite, the FTS5 MATCH
expressions the store sends, as ``id IN (SELECT ref_id …)``; on PostgreSQL, LIKE of every term
(bench.pg's baseline), the same way.

A mixed search (防災訓練 え: a 3+ character term beside a 1–2 character one) is
``core.search.search`` for a first page of 50, beside bench.store's raw MATCH (SQLite) and
bench.pg's raw LIKE (PostgreSQL).

For each: the first call (nothing of that query cached yet) and the median of the next runs.
PostgreSQL is the database ``MEGURO_JUKYO_BENCH_PG_WARD`` names (see bench.pgshort), else the
cached ward store copied into a throwaway cluster (several minutes). Figures only; nothing is
asserted. ``python -m bench filters``.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from . import OUT, fmt_seconds, log, median, ward_store
from .store import REPEATS

#: list filters: 1–2 characters (common and rare), 3+ characters, mixed, a reading
LIST_QUERIES = ("公園", "ごみ", "桜", "え", "区", "鍵", "防災訓練", "回覧板", "放置自転車",
                "防災訓練 え", "公園 ベンチ", "駅 放置自転車", "ぼうさい")
#: searches that mix a 3+ character term with a 1–2 character one
MIXED_QUERIES = ("防災訓練 え", "防災訓練 区", "公園 ベンチ", "駅 放置自転車", "桜 目黒川", "ごみ 集積所",
                 "鍵 自転車", "子ども食堂 子", "ぼうさい 公園")
LIST_PAGE = 200  # the screens' page (qt.models.PAGE_SIZE)
SEARCH_PAGE = 50
#: the lists measured: service name, search document kind, table, its order
LISTS = (("issues", "issue", "issue", "raised_on DESC, id"),
         ("notes", "note", "note", "recorded_at DESC, position DESC, id"))


def run(workdir: Path = OUT) -> list[str]:
    from meguro_jukyo.core.workstation import ENV_WORKSTATION

    from .pg import _copy, _Server
    from .pgshort import ENV_WARD

    folder = workdir / "filters"
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault(ENV_WORKSTATION, str(folder / "workstation.json"))
    path = ward_store(workdir)
    load_before = os.getloadavg()
    log("SQLite: list filters and mixed searches")
    sqlite_rows = _measure(str(path), _SqliteRaw(path))
    server = None
    url = os.environ.get(ENV_WARD)
    if not url:
        server = _Server()
        url = server.database()
        _copy(path, url)
    try:
        log("PostgreSQL: list filters and mixed searches")
        pg_rows = _measure(url, _PgRaw(url))
    finally:
        if server is not None:
            server.stop()
    load_after = os.getloadavg()
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    lines = ["", f"## bench.filters — lists filtered by text and mixed searches (issue 13), {when}", "",
             f"Load average {load_before[0]:.2f} at the start, {load_after[0]:.2f} at the end. Ours: the "
             f"service (list: first page of {LIST_PAGE} and its count; search: first page of {SEARCH_PAGE}); "
             "raw: the same rows by hand through the driver (SQLite: FTS5 MATCH; PostgreSQL: LIKE). "
             f"First call, then the median of {REPEATS}.", ""]
    for engine, rows in (("SQLite", sqlite_rows), ("PostgreSQL", pg_rows)):
        lines += [f"### {engine}", "", "| what | query | first call | median | raw, median | ratio | rows (count) |",
                  "|---|---|---|---|---|---|---|"]
        for what, q, first, med, raw, found in rows:
            lines.append(f"| {what} | {q} | {fmt_seconds(first)} | {fmt_seconds(med)} | {fmt_seconds(raw)} | "
                         f"{med / raw:.2f}× | {found} |")
        for what in dict.fromkeys(r[0] for r in rows):
            chosen = [r for r in rows if r[0] == what]
            slowest = max(chosen, key=lambda r: max(r[2], r[3]))
            lines.append(f"| **{what}: median** | | {fmt_seconds(median(r[2] for r in chosen))} | "
                         f"{fmt_seconds(median(r[3] for r in chosen))} | {fmt_seconds(median(r[4] for r in chosen))} | | |")
            lines.append(f"| **{what}: slowest** | {slowest[1]} | {fmt_seconds(slowest[2])} | "
                         f"{fmt_seconds(slowest[3])} | {fmt_seconds(slowest[4])} | | |")
        lines.append("")
    return lines


def _page_and_count(con, table: str, where: str, order: str, params: list) -> tuple[int, int]:
    """A list screen's two reads by hand (sqlite3 or psycopg): its first page and its count."""
    rows = con.execute(f"SELECT * FROM {table} WHERE {where} ORDER BY {order} LIMIT {LIST_PAGE}", params).fetchall()
    return len(rows), con.execute(f"SELECT count(*) FROM {table} WHERE {where}", params).fetchone()[0]


class _SqliteRaw:
    """The baseline on SQLite: the store's FTS5 MATCH expressions through sqlite3."""

    def __init__(self, path: Path) -> None:
        self.con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def _matches(self, variants: list[str]) -> list[tuple[str, str]]:
        from meguro_jukyo.core.search import fts_query

        return [fq for fq in map(fts_query, variants) if fq is not None]

    def list(self, variants: list[str], kind: str, table: str, order: str) -> tuple[int, int]:
        inner = " UNION ".join(f"SELECT d.ref_id FROM {t} f CROSS JOIN search_doc d ON d.rowid = f.rowid "
                               f"WHERE {t} MATCH ? AND d.kind = ?" for t, _ in self._matches(variants))
        params = [p for _, expr in self._matches(variants) for p in (expr, kind)]
        return _page_and_count(self.con, table, f"deleted = 0 AND id IN ({inner})", order, params)

    def search(self, variants: list[str]) -> None:
        found = set()
        for table, expr in self._matches(variants):
            found.update(self.con.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC "
                                          f"LIMIT {SEARCH_PAGE}", (expr,)).fetchall())
        sorted(found, reverse=True)[:SEARCH_PAGE]

    def close(self) -> None:
        self.con.close()


class _PgRaw:
    """The baseline on PostgreSQL: LIKE of every term through psycopg (bench.pg's)."""

    def __init__(self, url: str) -> None:
        from .pg import raw_connection

        self.con = raw_connection(url)
        # as the store's own connections (see bench.pgshort)
        self.con.execute("SET plan_cache_mode = force_custom_plan")

    @staticmethod
    def _likes(variant: str) -> tuple[str, list[str]]:
        from meguro_jukyo.core.japanese import search_key

        terms = [t for t in search_key(variant).split(" ") if t]
        return " AND ".join(["body LIKE %s"] * len(terms)), [f"%{t}%" for t in terms]

    def list(self, variants: list[str], kind: str, table: str, order: str) -> tuple[int, int]:
        parts, params = [], []
        for variant in variants:
            likes, values = self._likes(variant)
            parts.append(f"SELECT ref_id FROM search_doc WHERE {likes} AND kind = %s")
            params += [*values, kind]
        return _page_and_count(self.con, table, f"NOT deleted AND id IN ({' UNION '.join(parts)})", order, params)

    def search(self, variants: list[str]) -> None:
        from .pg import _raw_like

        _raw_like(self.con, variants)

    def close(self) -> None:
        self.con.close()


def _timed_runs(fn) -> tuple[float, float]:
    """(first call, median of the next REPEATS) of ``fn``."""
    t = time.perf_counter()
    fn()
    first = time.perf_counter() - t
    times = []
    for _ in range(REPEATS):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return first, median(times)


def _measure(location: str, raw) -> list[tuple[str, str, float, float, float, str]]:
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.search import query_variants, search
    from meguro_jukyo.core.services import Services
    from meguro_jukyo.core.services.listing import ListQuery

    store = Store.open(location, write=False) if location.endswith(".sqlite3") else Store.open(location)
    rows = []
    try:
        services = Services(store)
        with store.engine.connect() as con:
            variants = {q: query_variants(con, q) for q in (*LIST_QUERIES, *MIXED_QUERIES)}
        for name, kind, table, order in LISTS:
            service = getattr(services, name)
            for q in LIST_QUERIES:
                query = ListQuery(text=q, limit=LIST_PAGE)
                shown: list = []

                def ours(query=query, service=service, shown=shown):
                    shown[:] = [len(service.list(query)), service.count(query)]

                first, med = _timed_runs(ours)
                got: list = []

                def baseline(q=q, kind=kind, table=table, order=order, got=got):
                    got[:] = raw.list(variants[q], kind, table, order)

                _raw_first, raw_med = _timed_runs(baseline)
                note = f"{shown[0]} ({shown[1]:,})" + ("" if shown == got else f"; raw {got[0]} ({got[1]:,})")
                rows.append((f"{name} list", q, first, med, raw_med, note))
        with store.engine.connect() as con:
            for q in MIXED_QUERIES:
                hits: list = []

                def ours_search(q=q, hits=hits):
                    hits[:] = search(con, q, limit=SEARCH_PAGE)

                first, med = _timed_runs(ours_search)
                _raw_first, raw_med = _timed_runs(lambda q=q: raw.search(variants[q]))
                rows.append(("mixed search", q, first, med, raw_med, str(len(hits))))
    finally:
        raw.close()
        store.close()
    return rows


if __name__ == "__main__":
    print("\n".join(run(OUT)))
