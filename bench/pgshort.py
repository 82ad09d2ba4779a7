"""1–2 character searches on the ward store in PostgreSQL (issue 13), beside raw LIKE, in one run.

The ward store in a PostgreSQL database: the one ``MEGURO_JUKYO_BENCH_PG_WARD`` names (a URL of
a database an earlier ``migrate-to`` of the ward store filled: the copy takes minutes, and a
before/after comparison wants the same database twice), else the cached ward store copied into
a throwaway cluster as ``bench.pg`` does. Opening it as a writer brings it to this code's
schema; the time that takes (building an index a migration adds) is printed.

For each query: ``core.search.search`` for the first page of 50 — the first call (nothing of
that query cached yet: its plan, its pages) and the median of the next runs — beside a raw
``SELECT rowid FROM search_doc WHERE body LIKE … ORDER BY rowid DESC LIMIT 50`` through psycopg
for each way of writing the query (bench.pg's baseline; planned for its own pattern, as the
store's connections plan), and the number of hits. The queries:
the issue's (えき ごみ 公園 防災 桜 ぼうさい, one kana, one kanji), then bench.store's 1–2
character and reading sets, then a few with a kind or an organization filter. Figures only; nothing is asserted. ``python -m bench pgshort``.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from . import OUT, fmt_seconds, log, median, timed, ward_store
from .store import PAGE, READING_QUERIES, REPEATS, SHORT_QUERIES

ENV_WARD = "MEGURO_JUKYO_BENCH_PG_WARD"
#: the issue's queries: common and rare pairs of kana and kanji, a reading, a kana, kanji
NAMED = ("えき", "ごみ", "公園", "防災", "桜", "ぼうさい", "え", "区", "ぬ", "鍵")
#: the same with a filter: a kind (issues are a sixth of the documents, action items a
#: twentieth) or one organization (of 104)
FILTERED = ("ごみ", "えき", "公園", "桜", "え")


def run(workdir: Path = OUT) -> list[str]:
    from meguro_jukyo.core.workstation import ENV_WORKSTATION

    from .pg import _copy, _Server

    folder = workdir / "pgshort"
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault(ENV_WORKSTATION, str(folder / "workstation.json"))
    server = None
    url = os.environ.get(ENV_WARD)
    if not url:
        server = _Server()
        url = server.database()
        _copy(ward_store(workdir), url)
    try:
        return _measure(url)
    finally:
        if server is not None:
            server.stop()


def _raw_filtered(raw, variants: list[str], where: str, value) -> None:
    """bench.pg's raw LIKE with one more condition (a kind, an organization)."""
    from meguro_jukyo.core.japanese import search_key

    found = set()
    for variant in variants:
        terms = [t for t in search_key(variant).split(" ") if t]
        likes = " AND ".join(["body LIKE %s"] * len(terms))
        found.update(raw.execute(f"SELECT rowid FROM search_doc WHERE {likes} AND {where} ORDER BY rowid DESC "
                                 f"LIMIT {PAGE}", [*(f"%{t}%" for t in terms), value]).fetchall())
    sorted(found, reverse=True)[:PAGE]


def _measure(url: str) -> list[str]:

    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.search import query_variants, search

    from .pg import _raw_like, raw_connection

    load_before = os.getloadavg()
    log("opening the ward store on PostgreSQL (migrating it if behind)")
    opened, store = timed(Store.open, url)
    raw = raw_connection(url)
    # as the store's own connections: psycopg prepares a statement run five times and the server
    # would then plan LIKE once for every pattern (a rare one walking the whole table)
    raw.execute("SET plan_cache_mode = force_custom_plan")
    rows = []
    try:
        with store.engine.connect() as con:
            revision = con.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
            indexes = con.exec_driver_sql(
                "SELECT string_agg(indexrelid::regclass::text || ' ' || pg_size_pretty(pg_relation_size(indexrelid)), ', ' "
                "ORDER BY indexrelid::regclass::text) FROM pg_index WHERE indrelid = 'search_doc'::regclass "
                "AND indexrelid::regclass::text LIKE '%%codes%%'").scalar()
            docs = con.exec_driver_sql("SELECT count(*) FROM search_doc").scalar()
            queries = list(dict.fromkeys((*NAMED, *SHORT_QUERIES, *READING_QUERIES)))
            log(f"{len(queries)} queries")
            for q in queries:
                first, hits = timed(search, con, q, limit=PAGE)
                times = []
                for _ in range(REPEATS):
                    t = time.perf_counter()
                    search(con, q, limit=PAGE)
                    times.append(time.perf_counter() - t)
                variants = query_variants(con, q)
                _raw_like(raw, variants)  # warm
                raws = []
                for _ in range(REPEATS):
                    t = time.perf_counter()
                    _raw_like(raw, variants)
                    raws.append(time.perf_counter() - t)
                rows.append((q, first, median(times), median(raws), len(hits), len(variants)))
            org = con.exec_driver_sql("SELECT org_id FROM search_doc WHERE org_id IS NOT NULL "
                                      "GROUP BY org_id ORDER BY count(*), org_id LIMIT 1").scalar()
            for label, filters in (("issue", {"kinds": ("issue",)}), ("action_item", {"kinds": ("action_item",)}),
                                   ("smallest organization", {"org_ids": [org]})):
                for q in FILTERED:
                    first, hits = timed(search, con, q, limit=PAGE, **filters)
                    times = []
                    for _ in range(REPEATS):
                        t = time.perf_counter()
                        search(con, q, limit=PAGE, **filters)
                        times.append(time.perf_counter() - t)
                    variants = query_variants(con, q)
                    where = "kind = %s" if "kinds" in filters else "org_id = %s"
                    value = filters["kinds"][0] if "kinds" in filters else org
                    _raw_filtered(raw, variants, where, value)
                    raws = []
                    for _ in range(REPEATS):
                        t = time.perf_counter()
                        _raw_filtered(raw, variants, where, value)
                        raws.append(time.perf_counter() - t)
                    rows.append((f"{q} [{label}]", first, median(times), median(raws), len(hits), len(variants)))
    finally:
        raw.close()
        store.close()
    load_after = os.getloadavg()
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    lines = ["", f"## bench.pgshort — 1–2 character searches on PostgreSQL (issue 13), {when}", "",
             f"Schema revision {revision}; {docs:,} search documents; code indexes: {indexes}. Opening the "
             f"store (and migrating it if behind): {fmt_seconds(opened)}. Load average "
             f"{load_before[0]:.2f} at the start, {load_after[0]:.2f} at the end.", "",
             "| query | first page, first call | first page, median of "
             f"{REPEATS} | raw LIKE, median | ratio | hits | writings |", "|---|---|---|---|---|---|---|"]
    for q, first, med, rawmed, hits, variants in rows:
        lines.append(f"| {q} | {fmt_seconds(first)} | {fmt_seconds(med)} | {fmt_seconds(rawmed)} | "
                     f"{med / rawmed:.2f}× | {hits} | {variants} |")
    for label, subset in (("the issue's queries", NAMED), ("bench.store's 1–2 character queries", SHORT_QUERIES),
                          ("bench.store's reading queries", READING_QUERIES),
                          ("filtered by kind or organization", [r[0] for r in rows if "[" in r[0]])):
        chosen = [r for r in rows if r[0] in subset]
        slowest = max(chosen, key=lambda r: max(r[1], r[2]))
        lines.append(f"| **{label}: median** | {fmt_seconds(median(r[1] for r in chosen))} | "
                     f"{fmt_seconds(median(r[2] for r in chosen))} | {fmt_seconds(median(r[3] for r in chosen))} "
                     f"| | | |")
        lines.append(f"| **{label}: slowest** ({slowest[0]}) | {fmt_seconds(slowest[1])} | "
                     f"{fmt_seconds(slowest[2])} | {fmt_seconds(slowest[3])} | | | |")
    return lines


if __name__ == "__main__":
    print("\n".join(run(OUT)))
