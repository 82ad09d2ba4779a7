"""The ward-size sample data (DESIGN.md §6): the whole ward over ten years, in bulk.

~100 organisations, ~15,000 meetings, ~100,000 issues and ~500,000 notes, written with bulk
inserts in one transaction: rows complete as the services would write them (revision 1, a
fresh clock stamp of this store, this device, not deleted) and a search document for every
searchable row, built by the search index's own builder. A bulk load is not an undoable edit,
so it writes no history: there is nothing to undo, and `check` finds the store sound.
"""

from __future__ import annotations

import random
import time

from sqlalchemy import ColumnDefault

from .. import models as m
from .. import search_index
from ..dialect import large_page_cache
from ..reference import council_id
from ..summary import rebuild
from ..sync.clock import Stamp
from .generator import FIELDS, Generator, Profile


class _Stamps:
    """Clock stamps for a bulk load: consecutive stamps of the store's clock, one per row.

    The first comes from ``clock.tick()``; the rest count on from it as the clock itself
    would for edits within one millisecond, and the clock is moved past the last at the end.
    """

    def __init__(self, clock):
        first = Stamp.parse(clock.tick())
        self.clock = clock
        self.ms, self.counter, self.device = first.ms, first.counter, first.device_id
        self.last = str(first)

    def take(self, n: int) -> list[str]:
        out = []
        while n:
            room = min(n, 0xFFFFFF - self.counter)
            if room <= 0:
                self.ms, self.counter = self.ms + 1, -1
                continue
            prefix, suffix = f"{self.ms:013d}.", f".{self.device}"
            out += [f"{prefix}{c:06x}{suffix}" for c in range(self.counter + 1, self.counter + 1 + room)]
            self.counter += room
            n -= room
        if out:
            self.last = out[-1]
        return out

    def close(self) -> None:
        self.clock.observe(self.last)


class _BulkWriter:
    """Buffers generated rows and writes them with executemany in large batches.

    Every row gets the metadata a service would give it (revision 1 from none, a clock stamp,
    this device, not deleted); columns the generator does not fill take their column default.
    Searchable rows get their search document from :func:`search_index.document`, which here keeps
    each distinct text it has normalised (the pools say the same things often).
    """

    BATCH = 50_000

    def __init__(self, con, store, timings: dict[str, float]):
        self.con = con
        self.cursor = con.connection.driver_connection.cursor()
        self.device = store.device_id
        self.stamps = _Stamps(store.clock)
        self.timings = timings
        self.placeholder = "?" if con.dialect.paramstyle == "qmark" else "%s"
        self.rows: dict[str, list[tuple]] = {t: [] for t in FIELDS}
        self.sql: dict[str, str] = {}
        self.defaults: dict[str, tuple] = {}
        tables = {t.__table__.name: t.__table__ for t in m.USER_TABLES}
        for name, fields in FIELDS.items():
            table = tables[name]
            columns = ("id", "rev", "base_rev", "hlc", "device_id", "deleted", *fields)
            rest = [c for c in table.columns if c.name not in columns]
            for c in rest:  # an optional column left out is NULL
                if (c.default is None and not c.nullable) or (c.default is not None and not c.default.is_scalar):
                    raise RuntimeError(f"demo: {name}.{c.name} has no default; the generator must fill it")
            # every default left is a scalar one (checked above): a ColumnDefault holding its value
            self.defaults[name] = tuple(c.default.arg if isinstance(c.default, ColumnDefault) else None for c in rest)
            names = (*columns, *(c.name for c in rest))
            self.sql[name] = (f"INSERT INTO {name} ({', '.join(names)}) VALUES "
                              f"({', '.join([self.placeholder] * len(names))})")
        self.docs: list[tuple] = []
        self.searchable = {}
        for kind, spec in search_index.SEARCHABLE.items():
            if kind not in FIELDS:
                continue
            position = {f: i for i, f in enumerate(("id", *FIELDS[kind]))}
            self.searchable[kind] = (tuple(position[f] for f in spec.fields), position[spec.title],
                                     position[spec.org] if spec.org else None)
        self.meeting_org: dict[str, str] = {}
        self.texts: dict[str, tuple[str, str]] = {}
        self.counts: dict[str, int] = dict.fromkeys(FIELDS, 0)

    def emit(self, table: str, row: tuple) -> None:
        rows = self.rows[table]
        rows.append(row)
        if table == "meeting":
            self.meeting_org[row[0]] = row[1]
        spec = self.searchable.get(table)
        if spec is not None:
            fields, title, org = spec
            org_id = row[org] if org is not None else self.meeting_org.get(row[1])
            self.docs.append(search_index.document(table, row[0], org_id, row[title], [row[i] for i in fields], self.texts))
        if len(rows) >= self.BATCH:
            self.flush(table)

    def flush(self, table: str) -> None:
        rows = self.rows[table]
        if not rows:
            return
        device, rest = self.device, self.defaults[table]
        full = [(r[0], 1, 0, s, device, False, *r[1:], *rest) for r, s in zip(rows, self.stamps.take(len(rows)))]
        t = time.perf_counter()
        self.cursor.executemany(self.sql[table], full)
        self.timings["insert rows"] = self.timings.get("insert rows", 0.0) + time.perf_counter() - t
        self.counts[table] += len(rows)
        rows.clear()

    def finish(self) -> None:
        for table in FIELDS:
            self.flush(table)
        self.stamps.close()
        t = time.perf_counter()
        with search_index.BulkIndex(self.con) as index:
            index.add_new(self.docs)
        self.timings["search index"] = time.perf_counter() - t


def load_ward(store, seed: int, profile: Profile, jukyo, timings: dict[str, float]) -> None:
    """Bulk-load the ward in one transaction; no history (a bulk load is not an undoable edit)."""
    started = time.perf_counter()
    with store.engine.begin() as con:
        # random ids land all over the indexes: a big page cache saves re-reading pages
        with large_page_cache(con):
            writer = _BulkWriter(con, store, timings)
            Generator(random.Random(seed), profile, jukyo, writer.emit).run(council_id)
            writer.finish()
            rebuild(con)  # the desk's counts of what was loaded past the services
        t = time.perf_counter()
    timings["commit"] = time.perf_counter() - t
    store.save_clock()
    timings["total"] = time.perf_counter() - started
    timings["generate"] = timings["total"] - sum(v for k, v in timings.items() if k != "total")
