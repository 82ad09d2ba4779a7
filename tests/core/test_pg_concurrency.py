"""Several staff on one PostgreSQL ward store: identities, no lost update, retries, undo."""

from __future__ import annotations

import datetime as dt
import threading

import psycopg.errors
import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from meguro_jukyo.core import concurrency
from meguro_jukyo.core import models as m
from meguro_jukyo.core.concurrency import StoreBusy, retrying
from meguro_jukyo.core.db import Store
from meguro_jukyo.core.reference import council_id
from meguro_jukyo.core.services import Services
from meguro_jukyo.core.services.base import EntityService
from meguro_jukyo.core.services.history import entity_history
from meguro_jukyo.core.sync.clock import Stamp

ORG = council_id("komaba")


@pytest.fixture
def ward(pg_url, tmp_path):
    """Two workstations (each with its own identity file) on one server store."""
    stores = [Store.open(pg_url, workstation=tmp_path / f"ws{i}.json", device_name=f"窓口{i}")
              for i in (1, 2)]
    yield stores
    for s in stores:
        s.close()


def test_each_workstation_writes_under_its_own_id_and_keeps_it(ward, pg_url, tmp_path):
    a, b = ward
    assert a.store_id == b.store_id  # the ward store's identity, from its meta
    assert len({a.device_id, b.device_id, a.store_id}) == 3
    assert (a.device_name, b.device_name) == ("窓口1", "窓口2")
    made = Services(a).issues.create({"organization_id": ORG, "title": "掲示板"})
    edited = Services(b).issues.update(made.id, {"place": "駅前"})
    assert Stamp.parse(made.hlc).device_id == made.device_id == a.device_id
    assert Stamp.parse(edited.hlc).device_id == edited.device_id == b.device_id
    assert [e.device_id for e in entity_history(a, "issue", made.id)][-1] == b.device_id
    with Store.open(pg_url, workstation=tmp_path / "ws1.json") as again:
        assert (again.device_id, again.device_name) == (a.device_id, "窓口1")


def test_an_edit_stamps_after_the_stamp_it_replaces_whatever_the_clocks_say(ward):
    a, b = ward
    b.clock._now_ms = lambda: 4_000_000_000_000  # b's clock runs decades ahead
    made = Services(b).issues.create({"organization_id": ORG, "title": "時計"})
    edited = Services(a).issues.update(made.id, {"title": "時計台"})
    assert edited.hlc > made.hlc


def test_concurrent_edits_of_one_row_lose_nothing(ward):
    """Two workstations edit different fields of the same row at once, many times: every edit
    is counted in the revision and in history, and each field ends with its last value."""
    a, b = ward
    made = Services(a).issues.create({"organization_id": ORG, "title": "同時編集"})
    rounds = 15
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def edit(store, field, prefix):
        services = Services(store)
        start.wait()
        try:
            for i in range(rounds):
                services.issues.update(made.id, {field: f"{prefix}{i}"})
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=edit, args=(a, "place", "場所")),
               threading.Thread(target=edit, args=(b, "description", "説明"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    final = Services(a).issues.get(made.id)
    assert (final.place, final.description) == (f"場所{rounds - 1}", f"説明{rounds - 1}")
    assert final.rev == 1 + 2 * rounds
    edits = [e for e in entity_history(a, "issue", made.id) if e.field in ("place", "description")]
    assert len(edits) == 2 * rounds
    # each recorded old value is the value the edit really replaced
    for field in ("place", "description"):
        chain = [(e.old, e.new) for e in edits if e.field == field]
        assert all(prev[1] == cur[0] for prev, cur in zip(chain, chain[1:]))


def _collide(monkeypatch, other_store, issue_id, times):
    """Make the next ``times`` updates collide: after each has read the row, another
    workstation changes it and commits."""
    original = EntityService._check_many
    left = {"n": times}

    def check_many(self, con, rows, currents):
        errors = original(self, con, rows, currents)
        if self.store is not other_store and any(c is not None for c in currents) and left["n"] > 0:
            left["n"] -= 1
            worker = threading.Thread(target=lambda: Services(other_store).issues.update(
                issue_id, {"place": f"b{left['n']}"}))
            worker.start()
            worker.join()
        return errors

    monkeypatch.setattr(EntityService, "_check_many", check_many)


def test_a_collision_is_retried_and_keeps_both_edits(ward, monkeypatch):
    a, b = ward
    made = Services(a).issues.create({"organization_id": ORG, "title": "重なり"})
    _collide(monkeypatch, b, made.id, times=1)
    Services(a).issues.update(made.id, {"title": "重なった編集"})
    final = Services(a).issues.get(made.id)
    assert (final.title, final.place, final.rev) == ("重なった編集", "b0", 3)
    assert final.device_id == a.device_id


def test_collisions_without_end_are_reported_and_save_nothing(ward, monkeypatch):
    a, b = ward
    made = Services(a).issues.create({"organization_id": ORG, "title": "混雑"})
    _collide(monkeypatch, b, made.id, times=concurrency.ATTEMPTS)
    monkeypatch.setattr(concurrency, "BACKOFF", 0)
    with pytest.raises(StoreBusy, match="もう一度"):
        Services(a).issues.update(made.id, {"title": "保存されない"})
    final = Services(b).issues.get(made.id)
    assert final.title == "混雑" and final.rev == 1 + concurrency.ATTEMPTS  # only b's edits
    with a.engine.connect() as con:
        titles = con.execute(select(m.History.new).where(m.History.field == "title")).scalars().all()
    assert '"保存されない"' not in titles


def test_retrying_runs_again_only_for_collisions():
    calls = []

    def collides_twice():
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("UPDATE issue", {}, psycopg.errors.SerializationFailure("collided"))
        return "done"

    pauses = []
    assert retrying(collides_twice, sleep=pauses.append, jitter=lambda: 0.5) == "done"
    assert len(calls) == 3 and pauses == [concurrency.BACKOFF, 2 * concurrency.BACKOFF]

    def deadlocks():
        raise OperationalError("UPDATE issue", {}, psycopg.errors.DeadlockDetected("deadlock"))

    with pytest.raises(StoreBusy):
        retrying(deadlocks, sleep=lambda s: None)

    def broken():
        calls.append(1)
        raise OperationalError("SELECT", {}, psycopg.errors.UndefinedTable("no such table"))

    calls.clear()
    with pytest.raises(OperationalError):
        retrying(broken, sleep=lambda s: None)
    assert len(calls) == 1


def test_undo_takes_back_only_this_workstations_edits(ward):
    a, b = ward
    sa, sb = Services(a), Services(b)
    issue = sa.issues.create({"organization_id": ORG, "title": "窓口Aの課題"})
    sb.issues.update(issue.id, {"place": "窓口Bの場所"})
    sa.issues.update(issue.id, {"title": "窓口Aの題"})
    assert sb.undo_label() == "地域課題を変更"
    sb.undo()
    assert sa.issues.get(issue.id).place == "" and sa.issues.get(issue.id).title == "窓口Aの題"
    sa.undo()
    assert sa.issues.get(issue.id).title == "窓口Aの課題"
    # b's redo stack survives a's edits
    sa.issues.update(issue.id, {"priority": 1})
    assert sb.redo_label() == "地域課題を変更"
    sb.redo()
    assert sa.issues.get(issue.id).place == "窓口Bの場所"


def test_workstations_opening_a_new_database_at_once_make_one_store(pg_empty_url, tmp_path):
    stores: list[Store] = []
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def open_one(i):
        start.wait()
        try:
            stores.append(Store.open(pg_empty_url, create=True, workstation=tmp_path / f"w{i}.json"))
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=open_one, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        assert len({s.store_id for s in stores}) == 1
        with stores[0].engine.connect() as con:
            assert con.execute(text("SELECT count(*) FROM organization")).scalar() == 22
            assert con.execute(text("SELECT count(*) FROM meta WHERE key = 'device_id'")).scalar() == 1
    finally:
        for s in stores:
            s.close()


def test_two_workstations_capture_notes_into_one_meeting_at_once(ward, monkeypatch):
    """Meeting capture runs in the same retrying unit of work as every service edit: notes
    typed at the same moment on two workstations all land, numbered without a gap or a twin.

    They take turns per meeting rather than collide: before, the workstation that collided
    kept losing (while it paused to retry, the other had begun its next note) until its
    retries ran out under load. So no capture here needs a retry at all."""
    from meguro_jukyo.core.meeting import MeetingFlow
    from meguro_jukyo.core.services import unit_of_work

    retries: list[float] = []

    def counted(work):
        return retrying(work, sleep=retries.append)  # a retry is counted, its pause skipped

    monkeypatch.setattr(unit_of_work, "retrying", counted)

    a, b = ward
    flow_a, flow_b = MeetingFlow(Services(a)), MeetingFlow(Services(b))
    meeting = Services(a).meetings.create({"organization_id": ORG, "meeting_type": "regular",
                                           "title": "同時記録", "starts_at": dt.datetime(2026, 6, 1, 19)})
    item = flow_a.add_item(meeting.id, "防災訓練")
    flow_a.open_meeting(meeting.id)
    rounds = 10
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def capture(flow, who):
        start.wait()
        try:
            for i in range(rounds):
                flow.capture(meeting.id, item.id, "opinion", f"{who}{i}")
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=capture, args=(flow_a, "甲")),
               threading.Thread(target=capture, args=(flow_b, "乙"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    notes = flow_a.notes(meeting.id, item.id)
    assert sorted(n.body for n in notes) == sorted([f"甲{i}" for i in range(rounds)] + [f"乙{i}" for i in range(rounds)])
    assert sorted(n.position for n in notes) == list(range(1, 2 * rounds + 1))
    assert retries == []
