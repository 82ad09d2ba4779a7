"""The 集計 page's figures at ward size (issue 12), beside the same aggregates in raw SQL.

(a) ``StatsService.dashboard`` with no filter (what the page shows first) against the same
    queries written by hand and run through the driver alone (``sqlite3`` / psycopg): 視点 ×
    organization (rolled up into 地区 and 住区); issues by category × status × 年度 × 要望
    state (rolled up into the category, status, 年度 and 要望-age charts); the 50 slowest 要望
    with their 視点 and first-request dates; overdue action items by organization.
(b) A filter change: the dashboard for each of a few filters (地区, 年度, 住区, organization,
    category + status), the slowest of them, beside the raw queries with the same filter.
(c) The same on PostgreSQL: the cached ward store copied into a throwaway cluster
    (``migrate-to``), then (a) and (b) against psycopg.
(d) The report per 視点 for one 年度: gathered, then written as xlsx and as PDF.
(e) The 集計 page itself, offscreen: asked → every chart and table drawn; on PostgreSQL too.

Every figure is taken on a private copy of the cached ward store (``ward_copy``: the cache is
never opened), opened for writing once so that it has this app's migrations. The machine's load
average is printed at the start and the end: the cores are shared. Figures only; nothing is
asserted. Run with ``python -m bench desk``; ``--no-pg`` skips the PostgreSQL half.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path

from meguro_jukyo.core.japanese import nendo

from . import OUT, fmt_seconds, log, median, ratio, ward_copy
from .pg import REPEATS

TODAY = dt.date(2026, 12, 1)
AGE_DAYS = (30, 90, 180, 365)
SLOWEST = 50


def _filters():
    from meguro_jukyo.core.japanese import nendo_range
    from meguro_jukyo.core.reference import council_id
    from meguro_jukyo.core.services import ListQuery

    year = ListQuery()
    year.date_from, year.date_to = nendo_range(2025)
    return {
        "地区 南部": ListQuery(district_code="south"),
        "年度 2025": year,
        "住区 自由が丘": ListQuery(jukyo_code="jiyugaoka"),
        "組織 駒場住区住民会議": ListQuery(organization_id=council_id("komaba")),
        "分野 防災 + 状況 区へ要望": ListQuery(equals={"category": "disaster", "status": "requested"}),
    }


# --------------------------------------------------------------------------- raw SQL


def _areas(q) -> list[tuple[str, str]]:
    """The 地区 and 住区 conditions of ``q``: (organization column, value)."""
    return [(column, value) for column, value in (("district_code", q.district_code), ("jukyo_code", q.jukyo_code))
            if value]


class _Raw:
    """The dashboard's queries written by hand, for one driver connection."""

    def __init__(self, con, dialect: str):
        self.con, self.dialect = con, dialect
        self.mark = "?" if dialect == "sqlite" else "%s"
        self.false, self.true = ("0", "1") if dialect == "sqlite" else ("false", "true")

    def date(self, value: dt.date):
        return value.isoformat() if self.dialect == "sqlite" else value

    def rows(self, sql: str, params=()) -> list:
        cur = self.con.cursor()
        cur.execute(sql.replace("?", self.mark), list(params))
        return cur.fetchall()

    def where(self, q) -> tuple[str, list]:
        conds, params = [f"i.deleted = {self.false}"], []
        for name, value in q.equals.items():
            conds.append(f"i.{name} = ?")
            params.append(value)
        if q.date_from:
            conds.append("i.raised_on >= ?")
            params.append(self.date(q.date_from))
        if q.date_to:
            conds.append("i.raised_on <= ?")
            params.append(self.date(q.date_to))
        for column, value in _areas(q):
            conds.append(f"i.organization_id IN (SELECT id FROM organization WHERE {column} = ?)")
            params.append(value)
        if q.organization_id:
            conds.append("i.organization_id = ?")
            params.append(q.organization_id)
        return " AND ".join(conds), params

    def dashboard(self, q) -> int:
        w, p = self.where(q)
        f, t = self.false, self.true
        issue = "issue i"
        cells = self.rows(f"SELECT l.viewpoint_id, i.organization_id, count(DISTINCT i.id) FROM {issue} "
                          f"JOIN policy_link l ON l.issue_id = i.id || '' AND l.deleted = {f} WHERE {w} GROUP BY 1, 2", p)
        areas = {r[0]: (r[1], r[2]) for r in self.rows("SELECT id, district_code, jukyo_code FROM organization")}
        sums: list[dict] = [{}, {}]
        for vp, org, n in cells:
            for k, code in enumerate(areas.get(org, (None, None))):
                sums[k][(vp, code)] = sums[k].get((vp, code), 0) + n
        first, last = self.rows("SELECT min(raised_on), max(raised_on) FROM issue")[0]
        first, last = (dt.date.fromisoformat(str(v)) if not isinstance(v, dt.date) else v for v in (first, last))
        years = range(nendo(last), nendo(first) - 1, -1)
        year = "CASE " + " ".join(f"WHEN i.raised_on >= ? THEN {y}" for y in years) + f" ELSE {nendo(first)} END"
        year_params = [self.date(dt.date(y, 4, 1)) for y in years]
        ages = " ".join(f"WHEN i.raised_on > ? THEN {n}" for n in range(len(AGE_DAYS)))
        state = (f"CASE WHEN i.is_request IS NOT {t} THEN -1 WHEN i.ward_answer <> '' THEN -2 "
                 f"WHEN i.status IN ('withdrawn') THEN -1 {ages} ELSE {len(AGE_DAYS)} END")
        age_params = [self.date(TODAY - dt.timedelta(days=d)) for d in AGE_DAYS]
        groups = self.rows(f"SELECT i.category || '', i.status || '', {year}, {state}, count(*) FROM {issue} "
                           f"WHERE {w} GROUP BY 1, 2, 3, 4", [*year_params, *age_params, *p])
        totals: list[dict] = [{}, {}, {}, {}]
        for category, status, y, r, n in groups:
            for k, key in enumerate((category, status, (y, status), r)):
                totals[k][key] = totals[k].get(key, 0) + n
        waiting = f"{w} AND i.is_request = {t} AND i.ward_answer = '' AND i.status NOT IN ('withdrawn')"
        slow = self.rows(f"SELECT i.id, i.title, i.description, i.organization_id, o.name, i.raised_on FROM issue i "
                         f"LEFT JOIN organization o ON o.id = i.organization_id WHERE {waiting} "
                         f"ORDER BY i.raised_on, i.id LIMIT {SLOWEST}", p)
        ids = [r[0] for r in slow]
        if ids:
            marks = ", ".join("?" * len(ids))
            self.rows(f"SELECT DISTINCT issue_id, viewpoint_id FROM policy_link WHERE issue_id IN ({marks}) "
                      f"AND deleted = {f} ORDER BY viewpoint_id", ids)
            self.rows("SELECT h.entity_id, min(CASE WHEN (h.field = 'status' AND h.new = '\"requested\"') OR "
                      "(h.field = 'is_request' AND h.new = 'true') THEN c.wall_time END), min(c.wall_time) "
                      f"FROM history h JOIN change c ON c.id = h.change_id WHERE h.entity = 'issue' "
                      f"AND h.entity_id IN ({marks}) GROUP BY h.entity_id", ids)
        org_conds = [f"o.{column} = ?" for column, _value in _areas(q)]
        org_params = [value for _column, value in _areas(q)]
        if q.organization_id:
            org_conds.append("a.organization_id = ?")
            org_params.append(q.organization_id)
        extra = "".join(f" AND {c}" for c in org_conds)
        self.rows("SELECT a.organization_id, o.name, count(*), min(a.due_on) FROM action_item a "
                  f"LEFT JOIN organization o ON o.id = a.organization_id WHERE a.deleted = {f} "
                  f"AND a.status IN ('todo', 'doing') AND a.due_on < ?{extra} "
                  "GROUP BY a.organization_id, o.name ORDER BY count(*) DESC, a.organization_id",
                  [self.date(TODAY), *org_params])
        return len(cells)


# --------------------------------------------------------------------------- timing


def _medians(fn) -> tuple[float, float]:
    """(wall, CPU) seconds of ``fn``, medians of REPEATS runs after a warm one. CPU time is this
    process's (SQLite works in it): the steadier figure when other work shares the cores."""
    fn()
    walls, cpus = [], []
    for _ in range(REPEATS):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return median(walls), median(cpus)


def _row(label: str, ours: tuple[float, float], raw: tuple[float, float], cpu: bool) -> str:
    def shown(t):
        return f"{fmt_seconds(t[0])} (CPU {fmt_seconds(t[1])})" if cpu else fmt_seconds(t[0])

    ratios = f"{ratio(ours[0], raw[0])}" + (f" (CPU {ratio(ours[1], raw[1])})" if cpu else "")
    return f"| {label} | {shown(ours)} | {shown(raw)} | {ratios} |"


def _measure(label: str, services, raw: _Raw) -> list[str]:
    from meguro_jukyo.core.services import ListQuery

    stats, cpu = services.stats, raw.dialect == "sqlite"  # PostgreSQL works in its own processes
    log(f"{label}: the whole dashboard, no filter")
    lines = [_row(f"{label}: whole dashboard, no filter (median of {REPEATS})",
                  _medians(lambda: stats.dashboard(ListQuery(), today=TODAY)),
                  _medians(lambda: raw.dashboard(ListQuery())), cpu)]
    slowest = ((0.0, 0.0), (0.0, 0.0), "")
    for name, q in _filters().items():
        log(f"{label}: filter {name}")
        o = _medians(lambda q=q: stats.dashboard(q, today=TODAY))
        r = _medians(lambda q=q: raw.dashboard(q))
        lines.append(_row(f"{label}: filter {name}", o, r, cpu))
        slowest = max(slowest, (o, r, name))
    o, r, name = slowest
    lines.append(_row(f"{label}: **slowest filter change** ({name})", o, r, cpu))
    return lines


def _sqlite(path: Path) -> list[str]:
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.services import Services

    with Store.open(path, write=False) as store:
        services = Services(store)
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return _measure("SQLite", services, _Raw(con, "sqlite"))
        finally:
            con.close()


def _postgresql(path: Path, workdir: Path) -> list[str]:
    import psycopg

    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.exchange.store_copy import copy_store
    from meguro_jukyo.core.services import Services
    from meguro_jukyo.core.workstation import ENV_WORKSTATION

    from .pg import _Server

    folder = workdir / "desk-pg"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    os.environ.setdefault(ENV_WORKSTATION, str(folder / "workstation.json"))
    server = _Server()
    try:
        url = server.database()
        log("copying the ward store into PostgreSQL (migrate-to) — several minutes")
        started = time.perf_counter()
        with Store.open(path, write=False) as source, Store.open(url, create=True) as target:
            copy_store(source, target)
            # where autovacuum brings a loaded server: statistics, and the visibility map that
            # lets the covering indexes answer without the rows
            with target.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as con:
                con.exec_driver_sql("VACUUM ANALYZE")
        log(f"copied in {time.perf_counter() - started:.0f} s")
        with Store.open(url) as store:
            plain = store.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(plain) as con:
            with Store.open(url) as store:
                lines = _measure("PostgreSQL", Services(store), _Raw(con, "postgresql"))
            lines += page_fill(url, "PostgreSQL", _Raw(con, "postgresql"))
        return lines + report(url, workdir, "PostgreSQL")
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def report(path, workdir: Path, label: str = "SQLite") -> list[str]:
    """(d) The report per 視点 for 年度 2025 at ward size: gathered, then written as xlsx and PDF."""
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.exchange.viewpoint_report import (
        build_viewpoint_report,
        write_viewpoint_report,
    )
    from meguro_jukyo.core.policy import load_framework
    from meguro_jukyo.core.services import Services
    from meguro_jukyo.qt.meeting.minutes_pdf import write_minutes_pdf_headless

    log(f"{label}: the report per 視点 for 年度 2025")
    framework = load_framework()
    with Store.open(path, write=False) as store:
        services = Services(store)
        started = time.perf_counter()
        built = build_viewpoint_report(services, framework, 2025, today=TODAY)
        gathered = time.perf_counter() - started
    out = workdir / "desk-report"
    out.mkdir(exist_ok=True)
    try:
        started = time.perf_counter()
        write_viewpoint_report(built, out / "report.xlsx", write_minutes_pdf_headless)
        xlsx = time.perf_counter() - started
        started = time.perf_counter()
        write_viewpoint_report(built, out / "report.pdf", write_minutes_pdf_headless)
        pdf = time.perf_counter() - started
    finally:
        shutil.rmtree(out, ignore_errors=True)
    issues = sum(v.issues for v in built.viewpoints)
    return [f"| {label}: report per 視点, 年度 2025 ({issues:,} linked issues): gathered | {fmt_seconds(gathered)} | | |",
            f"| {label}: … + written as xlsx / as PDF | {fmt_seconds(gathered + xlsx)} / {fmt_seconds(gathered + pdf)} | | |"]


def page_fill(path, label: str, raw: _Raw) -> list[str]:
    """(e) The 集計 page itself on the ward store: from asking to every chart and table drawn
    (the core call on the lane, then the charts and tables built on the GUI thread), no filter
    and after a filter change, beside the raw SQL of the same figures in this process."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.policy import load_framework
    from meguro_jukyo.core.services import ListQuery, Services
    from meguro_jukyo.qt.dashboard import DashboardPage
    from meguro_jukyo.qt.display import Display
    from meguro_jukyo.qt.tasks import TaskManager

    app = QApplication.instance() or QApplication([])
    tasks = TaskManager()
    lines = []
    with Store.open(path, write=False) as store:
        services = Services(store)
        framework = load_framework()
        display = Display(services.vocab)
        display.org_names = {o.id: o.name for o in services.organizations.list()}
        display.viewpoint_titles = {vp.id: vp.title for vp in framework.viewpoints()}
        page = DashboardPage(services, tasks, display, [(vp.id, vp.title) for vp in framework.viewpoints()])
        page.resize(1100, 760)  # the main window's page area: the figures in view are drawn
        page.show()
        done = []
        page.loaded.connect(lambda: done.append(1))
        district = page.filters.widgets["district"]

        def fill(change) -> None:
            done.clear()
            change()
            while not done:
                tasks.wait()
                app.processEvents()
            app.processEvents()  # the deferred sizing

        def reset() -> None:
            district.blockSignals(True)
            district.set_value(None)
            district.blockSignals(False)

        cpu = raw.dialect == "sqlite"
        for what, change, q in (
                ("page filled, no filter", page.reload, ListQuery()),
                ("filter change → page filled (地区 南部)", lambda: district.set_value("south"),
                 ListQuery(district_code="south"))):
            log(f"{label} GUI: {what}")
            ours = _medians(lambda change=change: (reset(), fill(change)))
            lines.append(_row(f"{label} GUI: {what} (median of {REPEATS})", ours,
                              _medians(lambda q=q: raw.dashboard(q)), cpu))
        page.close()
    tasks.wait()
    return lines


def _load() -> str:
    return "/".join(f"{n:.1f}" for n in os.getloadavg())


def run(workdir: Path = OUT, *, pg: bool = True) -> list[str]:
    path = ward_copy(workdir, workdir / "desk-ward.sqlite3")
    try:
        from meguro_jukyo.core.db import Store

        Store.open(path).close()  # this app's migrations, on the copy
        started, load = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), _load()
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            lines = [*_sqlite(path), *page_fill(path, "SQLite", _Raw(con, "sqlite")), *report(path, workdir)]
        finally:
            con.close()
        if pg:
            lines += _postgresql(path, workdir)
    finally:
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        shutil.rmtree(workdir / "desk-ward-backups", ignore_errors=True)
    return ["", "## bench.desk — the 集計 page's aggregates at ward size (issue 12)", "",
            f"Started {started}, load average (1/5/15 min) {load} at the start and {_load()} at the end "
            f"({os.cpu_count()} cores). Core `StatsService.dashboard` (every chart and table of the page) "
            f"against the same queries by hand through the driver alone, same connection settings, "
            f"today = {TODAY}.", "", "| measure | ours | raw SQL | ratio |", "|---|---|---|---|", *lines]


def main() -> int:
    print("\n".join(run(OUT, pg="--no-pg" not in sys.argv)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
