"""Sync properties over random edit histories on 2–5 devices (hypothesis).

Every device has its own store and its own injected wall clock — skewed by up to a day, set
back between edits. Devices create, edit, delete, undo and resolve; packages travel between
them in random order, some delivered twice or late. At the end every device exports and
every store receives every package, each in its own order. Then:

- all stores dump to the same bytes, and show the same conflict queue;
- re-importing any package changes nothing;
- no write disappears without a trace: each field every write set is still the value in
  effect, or kept as a conflict, or was overwritten by a write made by a device that had
  seen it (the test tracks what each device knew, independently of the store).
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import tempfile
import uuid
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from meguro_jukyo.core import models as m
from meguro_jukyo.core.db import Store
from meguro_jukyo.core.errors import UserError
from meguro_jukyo.core.exchange.dump import write_dump
from meguro_jukyo.core.reference import council_id
from meguro_jukyo.core.services import Services
from meguro_jukyo.core.sync import conflicts, identity, importer, package, state
from meguro_jukyo.core.sync.clock import HybridClock
from meguro_jukyo.core.sync.package import Limits

ORG = council_id("komaba")
T0 = 1_750_000_000_000
HOUR, DAY = 3_600_000, 86_400_000
ISSUES = m.Issue.__table__
CODEC = state.codec(ISSUES)
# the wall clocks here drift apart by days: what is checked is convergence, not the clock bound
LIMITS = Limits(max_ahead_ms=365 * DAY)
NS = uuid.UUID("3d0c6b4e-9a51-4f0b-8d8e-0f6c2b7a1e55")
EDITS = {"title": st.sampled_from(["乙", "丙", "甲"]), "place": st.sampled_from(["東口", "西口", ""]),
         "priority": st.integers(1, 3)}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    Store.open(path, create=True).close()
    return path


class Clock:
    def __init__(self, ms: int):
        self.ms = ms

    def __call__(self) -> int:
        return self.ms


@dataclass(frozen=True)
class Write:
    stamp: str
    device: int
    row: str
    fields: dict  # field -> plain value written
    known: frozenset  # stamps of this row's writes the device had seen


class World:
    def __init__(self, folder: Path, template: Path, skews: list[int]):
        self.folder = folder
        self.clocks = [Clock(T0 + s) for s in skews]
        self.stores: list[Store] = []
        for i, clock in enumerate(self.clocks):
            path = folder / f"d{i}.sqlite3"
            shutil.copy(template, path)
            con = sqlite3.connect(path)
            with con:
                con.execute("UPDATE meta SET value = ? WHERE key = 'device_id'", (str(uuid.uuid4()),))
                con.execute("UPDATE meta SET value = ? WHERE key = 'device_name'", (f"端末{i}",))
                con.execute("DELETE FROM meta WHERE key = 'hlc'")
            con.close()
            store = Store.open(path)
            store.clock = HybridClock(store.device_id, None, now_ms=clock)
            self.stores.append(store)
        for a in self.stores:
            for b in self.stores:
                if a is not b:
                    identity.trust_card(a, identity.device_card(b))
        self.services = [Services(s) for s in self.stores]
        self.ids: list[str] = []
        self.writes: list[Write] = []
        self.knows = [defaultdict(set) for _ in self.stores]  # device -> row -> stamps
        self.packages: list[tuple[Path, dict]] = []  # path, row -> stamps its sender knew

    def close(self) -> None:
        for s in self.stores:
            s.close()

    def row(self, d: int, row_id: str) -> dict | None:
        with self.stores[d].engine.connect() as con:
            r = con.execute(select(ISSUES).where(ISSUES.c.id == row_id)).mappings().first()
        return dict(r) if r else None

    def track(self, d: int, row_id: str) -> None:
        """Record the write ``d`` just made to ``row_id`` (if it made one)."""
        row = self.row(d, row_id)
        if row is None or row["hlc"] in self.knows[d][row_id]:
            return
        stamps = state.decode(CODEC, row).stamps
        fields = {f: CODEC.plain(f, row[f]) for f, s in stamps.items() if s == row["hlc"]}
        self.writes.append(Write(row["hlc"], d, row_id, fields, frozenset(self.knows[d][row_id])))
        self.knows[d][row_id].add(row["hlc"])

    def export(self, d: int) -> Path:
        path = self.folder / f"p{len(self.packages)}.mjsync"
        package.export_package(self.stores[d], path)
        with zipfile.ZipFile(path) as zf:
            ids = [json.loads(line)["id"] for line in zf.read("records/issue.jsonl").splitlines()]
        self.packages.append((path, {r: set(self.knows[d][r]) for r in ids}))
        return path

    def deliver(self, index: int, d: int) -> None:
        path, knowledge = self.packages[index]
        result = importer.import_package(self.stores[d], path, limits=LIMITS)
        assert result.status in (importer.IMPORTED, importer.DUPLICATE), result.reason
        for r, stamps in knowledge.items():
            self.knows[d][r] |= stamps

    def live_ids(self, d: int) -> list[str]:
        with self.stores[d].engine.connect() as con:
            return sorted(con.execute(select(ISSUES.c.id).where(ISSUES.c.deleted.is_(False))).scalars())


def _dump(store) -> str:
    buf = io.StringIO()
    write_dump(store, buf)
    return buf.getvalue()


def _step(world: World, data, n: int) -> None:
    op = data.draw(st.sampled_from(["edit", "sync", "edit", "delete", "resolve", "clock", "undo", "create",
                                    "redeliver", "edit", "sync", "edit"]))
    d = data.draw(st.integers(0, n - 1))
    svc = world.services[d]
    if op == "create":
        row_id = str(uuid.uuid5(NS, str(len(world.ids))))
        world.ids.append(row_id)
        svc.issues.create({"id": row_id, "organization_id": ORG, "title": "甲"})
        world.track(d, row_id)
    elif op in ("edit", "delete"):
        live = world.live_ids(d)
        if not live:
            return
        row_id = data.draw(st.sampled_from(live))
        if op == "delete":
            svc.issues.delete(row_id)
        else:
            name = data.draw(st.sampled_from(sorted(EDITS)))
            svc.issues.update(row_id, {name: data.draw(EDITS[name])})
        world.track(d, row_id)
    elif op == "undo":
        try:
            done = svc.undo()
        except UserError:  # refused: the record changed since (by sync)
            return
        for row_id in (done.changed.get("issue", ()) if done else ()):
            world.track(d, row_id)
    elif op == "resolve":
        queue = conflicts.list_conflicts(world.stores[d])
        if not queue:
            return
        c = data.draw(st.sampled_from(queue))
        conflicts.resolve_conflict(world.stores[d], c.id, keep=data.draw(st.sampled_from(["mine", "theirs"])))
        world.track(d, c.entity_id)
    elif op == "sync":
        dst = data.draw(st.integers(0, n - 1).filter(lambda x: x != d))
        world.export(d)
        world.deliver(len(world.packages) - 1, dst)
    elif op == "redeliver" and world.packages:
        world.deliver(data.draw(st.integers(0, len(world.packages) - 1)), d)
    elif op == "clock":  # wall clocks jump, forwards or back
        world.clocks[d].ms += data.draw(st.sampled_from([-2 * HOUR, -1, 1, 60_000, DAY]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_histories_exchanged_in_any_order_converge_and_lose_nothing_silently(template, data):
    n = data.draw(st.integers(2, 5), label="devices")
    skews = [data.draw(st.sampled_from([-DAY, 0, 5 * HOUR, DAY])) for _ in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        world = World(Path(tmp), template, skews)
        try:
            # a few shared records first (as when a council's laptops start from one package)
            origin = data.draw(st.integers(0, n - 1), label="origin")
            for i in range(data.draw(st.integers(1, 3), label="shared records")):
                world.ids.append(str(uuid.uuid5(NS, str(i))))
                world.services[origin].issues.create({"id": world.ids[-1], "organization_id": ORG, "title": "甲"})
                world.track(origin, world.ids[-1])
            world.export(origin)
            for d in range(n):
                if d != origin:
                    world.deliver(0, d)
            for _ in range(data.draw(st.integers(4, 24), label="steps")):
                _step(world, data, n)
            for d in range(n):
                world.export(d)
            final_indexes = list(range(len(world.packages) - n, len(world.packages)))
            for d in range(n):
                old = data.draw(st.lists(st.integers(0, len(world.packages) - 1), max_size=4))
                for index in data.draw(st.permutations(final_indexes + old)):
                    world.deliver(index, d)
            dumps = [_dump(s) for s in world.stores]
            assert all(x == dumps[0] for x in dumps[1:])
            queues = [[(c.id, c.current.stamp, [o.stamp for o in c.others]) for c in conflicts.list_conflicts(s)]
                      for s in world.stores]
            assert all(q == queues[0] for q in queues[1:])
            # re-importing changes nothing
            again = data.draw(st.integers(0, len(world.packages) - 1))
            result = importer.import_package(world.stores[0], world.packages[again][0], limits=LIMITS)
            assert result.status in (importer.DUPLICATE, importer.IMPORTED)
            assert not (set(result.counts) - {state.UNCHANGED})
            assert _dump(world.stores[0]) == dumps[0]
            _assert_no_write_lost(world)
        finally:
            world.close()


def _assert_no_write_lost(world: World) -> None:
    overwritten = defaultdict(set)  # (row, field) -> stamps a later write had seen
    for w in world.writes:
        for f in w.fields:
            overwritten[(w.row, f)] |= w.known
    for w in world.writes:
        row = world.row(0, w.row)
        st_ = state.decode(CODEC, row)
        for f, value in w.fields.items():
            if w.stamp in overwritten[(w.row, f)]:
                continue
            if st_.stamps[f] == w.stamp:
                assert CODEC.plain(f, row[f]) == value
            else:
                assert st_.others.get(f, {}).get(w.stamp, object()) == value, (
                    f"write {w.stamp} of {f}={value!r} vanished without a conflict")


def test_the_merge_is_commutative_associative_and_idempotent_on_row_states():
    """The algebra behind convergence, checked directly on concurrent states of one row."""
    base = {"id": "r", "rev": 1, "base_rev": 0, "deleted": False, "sync_state": "",
            **{c.name: None for c in ISSUES.columns if c.name not in state.META_COLUMNS}}
    base.update(organization_id=ORG, title="甲", description="", category="other", place="",
                priority=2, status="raised", raised_on=__import__("datetime").date(2025, 4, 1),
                is_request=False, ward_answer="")
    base.update(hlc="1750000000000.000000.dev-a", device_id="dev-a")

    def write(row, device, ms, values, deleting=False):
        stamp = f"{ms:013d}.000000.{device}"
        new = {**row, **values, "rev": row["rev"] + 1, "base_rev": row["rev"], "hlc": stamp, "device_id": device}
        new["sync_state"] = state.local_write(CODEC, row, list(values), stamp, deleting)
        return new

    a = write(base, "dev-a", T0 + 10, {"title": "乙"})
    b = write(base, "dev-b", T0 + 5, {"title": "丙", "place": "東口"})
    c = write(base, "dev-c", T0 + 7, {"deleted": True}, deleting=True)
    a2 = write(a, "dev-a", T0 + 20, {"place": "西口"})

    def join(x, y):
        return state.merge(CODEC, x, y)[0]

    for x, y in [(a, b), (a, c), (b, c), (a2, b), (a2, c)]:
        assert join(x, y) == join(y, x)
        assert join(x, x) == x
        assert join(join(x, y), y) == join(x, y)
    for x, y, z in [(a, b, c), (a2, b, c), (a, a2, c)]:
        assert join(join(x, y), z) == join(x, join(y, z))
    assert join(a, a2) == a2  # a later write by a device that saw the earlier: a fast-forward
    assert state.merge(CODEC, a, a2)[1] == state.UPDATED
    merged = join(join(a, b), c)
    assert merged["deleted"] is True and merged["title"] == "乙"  # newest title, on the tombstone
    assert set(state.visible_conflicts(CODEC, merged)) == {"title", "place"}
