"""The ward store on PostgreSQL beside SQLite, in one run: copy, search and package import.

A throwaway PostgreSQL cluster (the tests' ``tests/pgcluster.py``, durable here: fsync and
synchronous commit on, as SQLite runs with synchronous=FULL) on this machine, over a unix
socket; or the server named by ``MEGURO_JUKYO_BENCH_PG`` (a URL of an empty database).

(a) ``migrate-to`` of the cached ward-size SQLite store into PostgreSQL (copy_store, verified
    by equal canonical dumps) — the figure a ward moving to a server would see.
(b) 3+ character queries through ``core.search.search`` on both stores, and on PostgreSQL a
    raw ``SELECT … WHERE body LIKE … ORDER BY rowid DESC LIMIT 50`` through psycopg.
(c) 1–2 character queries the same way.
(e) kana queries through the reading index (ぼうさい → 防災) the same way; the raw LIKE runs
    each way of writing the query the reading index gives, pages merged.
(d) 20 packages × 1,000 issues from 20 devices imported one by one into an empty SQLite
    ward store and an empty PostgreSQL one, and into PostgreSQL by 4 writer processes at once.

Figures only; nothing is asserted. Run alone with ``python -m bench pg``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from . import OUT, fmt_seconds, log, median, ratio, timed, ward_store
from .store import LONG_QUERIES, PAGE, READING_QUERIES, REPEATS, SHORT_QUERIES

ENV_URL = "MEGURO_JUKYO_BENCH_PG"
PACKAGES, PER_PACKAGE, WRITERS = 20, 1_000, 4


class _Server:
    """Fresh databases on the throwaway cluster, or the one database a URL names."""

    def __init__(self) -> None:
        self.url = os.environ.get(ENV_URL)
        self.cluster = None
        if not self.url:
            sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
            from pgcluster import Cluster

            self.cluster = Cluster(durable=True).start()

    def database(self) -> str:
        if self.cluster is not None:
            return self.cluster.create_database(empty=True)
        if self.url is None:
            raise SystemExit(f"{ENV_URL} names one database; bench.pg needs it once only")
        url, self.url = self.url, None
        return url

    def stop(self) -> None:
        if self.cluster is not None:
            self.cluster.stop()


def run(workdir: Path = OUT) -> list[str]:
    from meguro_jukyo.core.workstation import ENV_WORKSTATION

    folder = workdir / "pg"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.environ.setdefault(ENV_WORKSTATION, str(folder / "workstation.json"))
    server = _Server()
    try:
        ward_path = ward_store(workdir)
        ward_url = server.database()
        copy_rows, about = _copy(ward_path, ward_url)
        search_rows, per_query = _search(ward_path, ward_url)
        import_rows = _imports(folder, server)
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    return ["", "## bench.pg — the ward store on PostgreSQL beside SQLite (issue 7)", "", *about, "",
            "| measure | PostgreSQL | SQLite (or raw) | ratio |", "|---|---|---|---|",
            *copy_rows, *search_rows, *import_rows, "", *per_query]


# --------------------------------------------------------------------------- (a) copy


def _copy(ward_path: Path, url: str) -> tuple[list[str], list[str]]:
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.exchange.store_copy import copy_store

    log("(a) copying the ward store into PostgreSQL (migrate-to) — several minutes")
    with Store.open(ward_path, write=False) as source, Store.open(url, create=True) as target:
        seconds, result = timed(copy_store, source, target)
        with target.engine.begin() as con:
            con.exec_driver_sql("ANALYZE")
            version = con.exec_driver_sql("SHOW server_version").scalar()
    rows = sum(result.rows.values())
    same = result.source_sha256 == result.target_sha256
    about = [f"PostgreSQL {version}, durable settings, unix socket, same machine. Ward store: "
             f"{rows:,} rows copied ({result.rows.get('search_doc', 0):,} search documents); canonical "
             f"dumps {'equal' if same else 'DIFFERENT'} (sha256 {result.target_sha256[:16]}…)."]
    return [f"| (a) migrate-to: ward store SQLite → PostgreSQL, verified | {fmt_seconds(seconds)} | | |"], about


# --------------------------------------------------------------------------- (b), (c) search


def raw_connection(url: str):
    """A psycopg connection (autocommit) to the database of the store ``url`` names: the raw
    baselines' driver, beside the store's own."""
    import psycopg
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return psycopg.connect(host=u.query.get("host") or u.host, port=u.query.get("port") or u.port,
                           user=u.username, password=u.password, dbname=u.database, autocommit=True)


def _raw_like(raw, variants: list[str]) -> None:
    """LIKE of every term, for each way of writing the query (its kana terms as their words), merged."""
    from meguro_jukyo.core.japanese import search_key

    found = set()
    for variant in variants:
        terms = [t for t in search_key(variant).split(" ") if t]
        where = " AND ".join(["body LIKE %s"] * len(terms))
        found.update(raw.execute(f"SELECT rowid FROM search_doc WHERE {where} ORDER BY rowid DESC LIMIT {PAGE}",
                                 [f"%{t}%" for t in terms]).fetchall())
    sorted(found, reverse=True)[:PAGE]


def _time(fn) -> float:
    fn()  # warm
    times = []
    for _ in range(REPEATS):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return median(times)


def _search(ward_path: Path, url: str) -> tuple[list[str], list[str]]:

    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.search import query_variants, search

    log("(b, c) search on both stores")
    raw = raw_connection(url)
    lines, per_query = [], ["Per query (PostgreSQL / SQLite / raw PostgreSQL LIKE, hits):", ""]
    with Store.open(ward_path, write=False) as lite, Store.open(url) as server, \
            lite.engine.connect() as lc, server.engine.connect() as pc:
        for label, queries in (("(b) search, 3+ characters", LONG_QUERIES),
                               ("(c) search, 1–2 characters", SHORT_QUERIES),
                               ("(e) search by reading", READING_QUERIES)):
            rows = []
            for q in queries:
                hits = len(search(pc, q, limit=PAGE))
                variants = query_variants(pc, q)
                rows.append((q, _time(lambda: search(pc, q, limit=PAGE)), _time(lambda: search(lc, q, limit=PAGE)),
                             _time(lambda: _raw_like(raw, variants)), hits))
                per_query.append(f"- {q}: {fmt_seconds(rows[-1][1])} / {fmt_seconds(rows[-1][2])} / "
                                 f"{fmt_seconds(rows[-1][3])}, {hits}")
            pg_med, lite_med, raw_med = (median(r[i] for r in rows) for i in (1, 2, 3))
            pg_max, lite_max = max(r[1] for r in rows), max(r[2] for r in rows)
            lines.append(f"| {label}, median of {len(rows)} queries | {fmt_seconds(pg_med)} | "
                         f"{fmt_seconds(lite_med)} | {ratio(pg_med, lite_med)} |")
            lines.append(f"| {label}, slowest query | {fmt_seconds(pg_max)} | {fmt_seconds(lite_max)} | "
                         f"{ratio(pg_max, lite_max)} |")
            lines.append(f"| {label}, median, beside raw LIKE on PostgreSQL | {fmt_seconds(pg_med)} | "
                         f"raw {fmt_seconds(raw_med)} | {ratio(pg_med, raw_med)} |")
    raw.close()
    return lines, per_query


# --------------------------------------------------------------------------- (d) import


def _packages(folder: Path) -> tuple[Path, list]:
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.sync import identity, package

    from .sync import _device_store, _insert, _rows

    log(f"(d) making {PACKAGES} packages of {PER_PACKAGE:,} issues")
    template = folder / "template.sqlite3"
    Store.open(template, create=True, device_name="template").close()
    out, cards = folder / "packages", []
    for i in range(PACKAGES):
        dev = _device_store(template, folder / f"dev{i}.sqlite3", f"端末{i}")
        _insert(dev, _rows(dev.device_id, PER_PACKAGE, i * PER_PACKAGE))
        package.export_package(dev, out / f"dev{i:02d}.mjsync")
        cards.append(identity.device_card(dev))
        dev.close()
    return out, cards


def _ward(location: str, cards):
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.sync import identity

    store = Store.open(location, create=True, device_name="区役所")
    for card in cards:
        identity.trust_card(store, card)
    return store


def _import_one_by_one(location: str, cards, packages: Path) -> float:
    from meguro_jukyo.core.sync import importer

    with _ward(location, cards) as store:
        seconds, report = timed(importer.import_paths, store, [packages])
    assert {f.status for f in report.files} == {importer.IMPORTED}, "bench import was rejected"
    return seconds


def _import_concurrently(url: str, cards, packages: Path, folder: Path) -> float:
    _ward(url, cards).close()
    parts = []
    files = sorted(packages.iterdir())
    for k in range(WRITERS):
        part = folder / f"writer{k}"
        part.mkdir()
        for f in files[k::WRITERS]:
            os.link(f, part / f.name)
        parts.append(part)
    def writers(*command: str) -> tuple[float, list]:
        started = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-m", "meguro_jukyo", "--db", url, *command,
                                   *([str(part)] if command[0] == "sync" else [])],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env={**os.environ, "MEGURO_JUKYO_WORKSTATION": str(folder / f"ws{k}.json")})
                 for k, part in enumerate(parts)]
        outputs = [p.communicate() for p in procs]
        for p, (_out, err) in zip(procs, outputs):
            if p.returncode != 0:
                raise SystemExit(f"a concurrent bench process failed: {err}")
        return time.perf_counter() - started, outputs

    # what starting 4 processes and opening the store costs, measured alone
    startup, _ = writers("conflicts", "--json")
    seconds, outputs = writers("sync", "import", "--json")
    for out, _err in outputs:
        if {f["status"] for f in json.loads(out)["files"]} != {"imported"}:
            raise SystemExit("a concurrent bench import was rejected")
    return seconds, startup


def _imports(folder: Path, server: _Server) -> list[str]:
    packages, cards = _packages(folder)
    records = PACKAGES * PER_PACKAGE
    log("(d) importing into SQLite")
    lite = _import_one_by_one(str(folder / "ward.sqlite3"), cards, packages)
    log("(d) importing into PostgreSQL, one by one")
    pg = _import_one_by_one(server.database(), cards, packages) if server.cluster else None
    log(f"(d) importing into PostgreSQL, {WRITERS} writer processes")
    together, startup = _import_concurrently(server.database(), cards, packages, folder) if server.cluster \
        else (None, None)
    what = f"{PACKAGES} packages × {PER_PACKAGE:,} issues ({records:,} records)"
    rows = [f"| (d) import {what}, one by one | {fmt_seconds(pg) if pg else 'n/a'} | {fmt_seconds(lite)} | "
            f"{ratio(pg, lite) if pg else 'n/a'} |"]
    if together:
        rows.append(f"| (d′) the same, {WRITERS} writer processes at once (imports take turns), wall | "
                    f"{fmt_seconds(together)} | {fmt_seconds(lite)} | {ratio(together, lite)} |")
        rows.append(f"| (d″) the same less the start-up of {WRITERS} processes measured alone "
                    f"({fmt_seconds(startup)}) | {fmt_seconds(together - startup)} | {fmt_seconds(lite)} | "
                    f"{ratio(together - startup, lite)} |")
    return rows


if __name__ == "__main__":
    print("\n".join(run(OUT)))
