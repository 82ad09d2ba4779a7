"""Sync import at ward scale, beside a raw ATTACH + upsert of the same rows in the same run.

(a) 100 packages × 1,000 records, each from its own device (own store, own key, signed),
    imported with ``import_paths`` into a ward store that trusts all 100 — checks, signature,
    merge, history, search index and all. Baseline: the same 100 × 1,000 rows, each batch in
    its own SQLite file, ATTACHed to a copy of the same empty ward store and upserted with
    ``INSERT … SELECT … ON CONFLICT(id) DO UPDATE`` (one transaction per file). Target ≤ 3×.
    The import also leaves every row findable by search, so the baseline is measured twice:
    the rows alone, and the same rows with their search documents (prepared in the source
    files, so the baseline does no text normalisation) upserted too and the FTS5 indexes fed
    the fastest raw way (triggers set aside, one INSERT … SELECT per index, triggers back).
    The target is judged against the second (the same rows, the same store contents); both
    ratios are printed.
(b) One package of 100,000 records (``--all`` of a store holding them) into an empty ward
    store. Target ≤ 10 s.

The records are issues with Japanese titles and descriptions (searchable text, so the FTS5
index is fed as a real import feeds it). Run alone with ``python -m bench.sync``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import sys
import uuid
from pathlib import Path

from sqlalchemy import text

from meguro_jukyo.core import models as m
from meguro_jukyo.core import search_index
from meguro_jukyo.core.db import Store
from meguro_jukyo.core.reference import council_id
from meguro_jukyo.core.sync import identity, importer, package

from . import fmt_seconds, log, ratio, timed, verdict

PACKAGES, PER_PACKAGE, BIG = 100, 1_000, 100_000
T0 = 1_750_000_000_000
WORDS = ("街灯", "防犯カメラ", "通学路", "放置自転車", "ごみ集積所", "公園のベンチ", "避難所", "回覧板")


def _rows(device_id: str, n: int, start: int) -> list[dict]:
    org = council_id("komaba")
    rows = []
    for i in range(n):
        k = start + i
        rows.append({
            "id": str(uuid.uuid5(uuid.NAMESPACE_OID, f"{device_id}:{k}")), "rev": 1, "base_rev": 0,
            "hlc": f"{T0 + k:013d}.000000.{device_id}", "device_id": device_id, "deleted": False,
            "sync_state": "", "organization_id": org, "title": f"{WORDS[k % len(WORDS)]}について その{k}",
            "description": f"{WORDS[(k * 7) % len(WORDS)]}の件。夜になると暗く、子どもの通学が心配です。{k}",
            "category": "other", "place": f"{k % 40}丁目", "priority": 1 + k % 3, "status": "raised",
            "raised_on": dt.date(2025, 4, 1) + dt.timedelta(days=k % 365), "raised_meeting_id": None,
            "is_request": k % 5 == 0, "ward_answer": "", "answered_on": None,
        })
    return rows


def _device_store(template: Path, path: Path, name: str) -> Store:
    shutil.copy(template, path)
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE meta SET value = ? WHERE key = 'device_id'", (str(uuid.uuid4()),))
        con.execute("UPDATE meta SET value = ? WHERE key = 'device_name'", (name,))
    con.close()
    return Store.open(path)


def _insert(store: Store, rows: list[dict]) -> None:
    with store.engine.begin() as con:
        for start in range(0, len(rows), 5000):
            con.execute(m.Issue.__table__.insert(), rows[start:start + 5000])


def _raw_upsert(ward: Path, sources: list[Path], *, search_index: bool = False) -> float:
    cols = [c.name for c in m.Issue.__table__.columns]
    listed = ", ".join(cols)
    sets = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "id")
    docs = "kind, ref_id, org_id, title, body, grams"
    con = sqlite3.connect(ward, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")

    def work():
        for src in sources:
            con.execute("ATTACH DATABASE ? AS src", (str(src),))
            con.execute("BEGIN")
            con.execute(f"INSERT INTO main.issue ({listed}) SELECT {listed} FROM src.issue WHERE true "
                        f"ON CONFLICT(id) DO UPDATE SET {sets}")
            if search_index:  # every row is new here, so no old text to take out of FTS5
                triggers = con.execute("SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' "
                                       "AND tbl_name = 'search_doc'").fetchall()
                for name, _sql in triggers:
                    con.execute(f'DROP TRIGGER main."{name}"')
                top = con.execute("SELECT coalesce(max(rowid), 0) FROM main.search_doc").fetchone()[0]
                con.execute(f"INSERT INTO main.search_doc ({docs}) SELECT {docs} FROM src.search_doc WHERE true "
                            "ON CONFLICT(kind, ref_id) DO UPDATE SET org_id = excluded.org_id, "
                            "title = excluded.title, body = excluded.body, grams = excluded.grams")
                con.execute("INSERT INTO main.fts_tri(rowid, body) SELECT rowid, body FROM main.search_doc "
                            "WHERE rowid > ?", (top,))
                con.execute("INSERT INTO main.fts_uni(rowid, grams) SELECT rowid, grams FROM main.search_doc "
                            "WHERE rowid > ?", (top,))
                for _name, sql in triggers:
                    con.execute(sql)
            con.execute("COMMIT")
            con.execute("DETACH DATABASE src")

    seconds, _ = timed(work)
    con.close()
    return seconds


def run(workdir: Path) -> list[str]:
    folder = workdir / "sync"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    template = folder / "template.sqlite3"
    Store.open(template, create=True, device_name="template").close()
    lines = ["## sync (bench/sync.py)"]

    # (a) 100 packages × 1,000 records
    log(f"making {PACKAGES} devices and their packages")
    packages, raw_sources, cards = folder / "packages", [], []
    for i in range(PACKAGES):
        dev = _device_store(template, folder / f"dev{i}.sqlite3", f"端末{i}")
        rows = _rows(dev.device_id, PER_PACKAGE, i * PER_PACKAGE)
        _insert(dev, rows)
        package.export_package(dev, packages / f"dev{i}.mjsync")
        cards.append(identity.device_card(dev))
        dev.close()
        raw = folder / f"raw{i}.sqlite3"
        shutil.copy(template, raw)
        with Store.open(raw) as r:
            _insert(r, rows)
            with r.engine.begin() as con:
                search_index.index_rows(con, "issue", rows)
        raw_sources.append(raw)
    ward_path = folder / "ward.sqlite3"
    shutil.copy(template, ward_path)
    raw_ward, raw_indexed_ward = folder / "raw-ward.sqlite3", folder / "raw-indexed-ward.sqlite3"
    shutil.copy(template, raw_ward)
    shutil.copy(template, raw_indexed_ward)
    ward = Store.open(ward_path)
    for card in cards:
        identity.trust_card(ward, card)
    log("importing 100 packages")
    ours, report = timed(importer.import_paths, ward, [packages])
    totals = report.totals()
    with ward.engine.connect() as con:
        held = con.execute(text("SELECT count(*) FROM issue")).scalar_one()
    ward.close()
    log("raw ATTACH + upsert of the same rows, then with their search documents")
    raw = _raw_upsert(raw_ward, raw_sources)
    raw_indexed = _raw_upsert(raw_indexed_ward, raw_sources, search_index=True)
    ok = ours <= 3 * raw_indexed
    lines.append(f"(a) {PACKAGES} packages × {PER_PACKAGE:,} records: import {fmt_seconds(ours)} "
                 f"({totals['imported']} files, {totals['new']:,} new, {held:,} rows) vs raw ATTACH + upsert "
                 f"of the rows and their search documents {fmt_seconds(raw_indexed)} = {ratio(ours, raw_indexed)} "
                 f"(target ≤ 3×: {verdict(ok)}); of the rows alone {fmt_seconds(raw)} = {ratio(ours, raw)}")

    # (b) one package of 100,000 records
    log(f"one package of {BIG:,} records")
    big = _device_store(template, folder / "big.sqlite3", "大きな端末")
    _insert(big, _rows(big.device_id, BIG, 0))
    export_s, _ = timed(package.export_package, big, folder / "big.mjsync", scope="all")
    card = identity.device_card(big)
    big.close()
    fresh_path = folder / "fresh.sqlite3"
    shutil.copy(template, fresh_path)
    fresh = Store.open(fresh_path)
    identity.trust_card(fresh, card)
    seconds, result = timed(importer.import_package, fresh, folder / "big.mjsync")
    fresh.close()
    size = (folder / "big.mjsync").stat().st_size
    lines.append(f"(b) one package of {BIG:,} records ({size / 1e6:.1f} MB, exported in {fmt_seconds(export_s)}): "
                 f"import {fmt_seconds(seconds)}, {result.counts['new']:,} new (target ≤ 10 s: {verdict(seconds <= 10)})")
    lines.append(f"load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    shutil.rmtree(folder, ignore_errors=True)
    return lines


if __name__ == "__main__":
    from . import OUT

    print("\n".join(run(OUT)), file=sys.stdout)
