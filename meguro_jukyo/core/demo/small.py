"""The small sample data (the default): written through the services, one call per edit.

Meetings are planned, then held, then confirmed; issues raised, discussed, sent to the ward
and answered, as a person would make those edits, so history, undo and search are filled as in
real use. The records are written by a sample-data device (:func:`demo_device_id`) whose clock
runs on the demo calendar: two stores loaded with the same seed hold byte-identical records.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from .. import models as m
from ..progress import Progress, step
from ..reference import council_id
from ..services import EntityService, Services
from ..services.unit_of_work import Tx
from ..sync.clock import HybridClock
from .generator import DEMO_TODAY, FIELDS, JST, SMALL, Generator, first_day

_DEMO_NS = uuid.UUID("0e5b8f7c-2c1d-4a8e-9f3b-6d7a1c2e4b90")


def demo_device_id(seed: int) -> str:
    """The device that "wrote" the small sample data of ``seed``: the same in every store."""
    return str(uuid.uuid5(_DEMO_NS, f"sample-data:{seed}"))


class _AsDevice:
    """The store as services see it when writing for another device (the sample data's)."""

    def __init__(self, store, device_id: str, clock):
        self._store = store
        self.device_id = device_id
        self.clock = clock

    def __getattr__(self, name):
        return getattr(self._store, name)


def _at(ordinal: int, minute: int = 10 * 60) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromordinal(ordinal), dt.time()) + dt.timedelta(minutes=minute)


def load_small(store, seed: int, jukyo, progress: Progress | None = None) -> None:
    """Replay the generated records as the edits people would have made, in time order: each
    its own change (for history and undo), all in one transaction."""
    now = {"ms": 0}
    clock = HybridClock(demo_device_id(seed), now_ms=lambda: now["ms"])
    services = Services(_AsDevice(store, clock.device_id, clock))
    rng = random.Random(seed)
    ops: list[tuple[dt.datetime, int, EntityService, str, tuple]] = []
    latest = _at(DEMO_TODAY.toordinal(), 17 * 60)
    founded = _at(first_day(SMALL) - 30)
    meetings: dict[str, dict] = {}  # id -> when it was planned, starts, ends
    raised: dict[str, tuple[str | None, dt.datetime]] = {}  # issue id -> (meeting, when)
    note_meeting: dict[str, str] = {}
    first_action: list[dict] = []

    def op(when: dt.datetime, service: EntityService, verb: str, *args) -> None:
        ops.append((min(when, latest), len(ops), service, verb, args))

    def emit(table: str, row: tuple) -> None:
        d = dict(zip(("id", *FIELDS[table]), row))
        if table == "organization":
            op(founded, services.organizations, "create", d)
        elif table == "meeting":
            start = dt.datetime.fromisoformat(d["starts_at"])
            end = dt.datetime.fromisoformat(d["ends_at"])
            meetings[d["id"]] = mt = {"start": start, "end": end, "plan": start - dt.timedelta(days=14, hours=9)}
            op(mt["plan"], services.meetings, "create",
               {**d, "status": "planned", "present": 0, "proxies": 0, "signers": "", "next_meeting": ""})
            if d["status"] != "planned":
                held = {k: d[k] for k in ("present", "proxies", "signers", "next_meeting")}
                op(end, services.meetings, "update", d["id"], {**held, "status": "closed"})
            if d["status"] == "finalized":
                op(start + dt.timedelta(days=7), services.meetings, "update", d["id"], {"status": "finalized"})
        elif table == "issue":
            when = _issue_ops(op, services.issues, d, meetings.get(d["raised_meeting_id"]), rng)
            raised[d["id"]] = (d["raised_meeting_id"], when)
        elif table == "agenda_item":
            # an item about an issue raised at this very meeting is added when it is raised
            mt = meetings[d["meeting_id"]]
            added_there = d["issue_id"] is not None and raised[d["issue_id"]][0] == d["meeting_id"]
            op(mt["start"] if added_there else mt["plan"], services.agenda, "create",
               {**d, "actual_minutes": None, "outcome": ""})
            if d["actual_minutes"] is not None:
                op(mt["end"], services.agenda, "update", d["id"],
                   {"actual_minutes": d["actual_minutes"], "outcome": d["outcome"]})
        elif table == "note":
            note_meeting[d["id"]] = d["meeting_id"]
            op(dt.datetime.fromisoformat(d["recorded_at"]), services.notes, "create", d)
        elif table == "action_item":
            end = meetings[d["meeting_id"]]["end"]
            op(end, services.actions, "create", {**d, "status": "todo", "done_on": None})
            due = dt.datetime.fromisoformat(d["due_on"])
            if d["status"] == "done":
                when = dt.datetime.fromisoformat(d["done_on"]) + dt.timedelta(hours=18)
            elif d["status"] == "doing":
                when = max(end + dt.timedelta(days=3), due - dt.timedelta(days=7))
            elif d["status"] == "cancelled":
                when = due + dt.timedelta(hours=12)
            else:
                when = None
            if when:
                op(when, services.actions, "update", d["id"], {"status": d["status"], "done_on": d["done_on"]})
            if not first_action:
                first_action.append(d)
        elif table == "policy_link":
            when = (raised[d["issue_id"]][1] if d["issue_id"] else meetings[note_meeting[d["note_id"]]]["end"])
            op(when + dt.timedelta(days=1), services.links, "create", d)
        elif table == "attendee":
            op(meetings[d["meeting_id"]]["start"], services.attendees, "create", d)
        elif table == "officer":  # chosen at the 総会 that opens the 年度
            op(_at(dt.date(d["nendo"], 4, 20).toordinal()), services.officers, "create", d)

    generator = Generator(rng, SMALL, jukyo, emit)
    generator.run(council_id)
    if first_action:
        # a slip corrected: an action entered twice, the copy deleted (a tombstone, as in real use)
        first = first_action[0]
        copy = {**first, "id": generator.new_id(), "status": "todo", "done_on": None}
        when = meetings[first["meeting_id"]]["end"] + dt.timedelta(minutes=5)
        op(when, services.actions, "create", copy)
        op(when + dt.timedelta(minutes=1), services.actions, "delete", copy["id"])
    ops.sort(key=lambda o: (o[0], o[1]))
    labels = {"create": "を追加", "update": "を変更", "delete": "を削除"}
    every = max(1, len(ops) // 200)
    with store.engine.begin() as con:
        for done, (when, _seq, service, verb, args) in enumerate(ops):
            if done % every == 0:
                step(progress, done, len(ops))
            now["ms"] = int(when.replace(tzinfo=JST).timestamp() * 1000)
            tx = Tx(service.store, con, service.label_ja + labels[verb])
            getattr(service, f"{verb}_in")(tx, *args)
            tx.finish()
            if tx.change_id is not None:  # dated when it happened in the story, not when the demo was made
                con.execute(m.Change.__table__.update().where(m.Change.__table__.c.id == tx.change_id)
                            .values(wall_time=when.replace(tzinfo=JST).astimezone(dt.timezone.utc).replace(microsecond=0)))
    if progress is not None:  # written: no longer a point to stop at
        progress.report(len(ops), len(ops))
    store.clock.observe(clock.last)
    store.save_clock()


def _issue_ops(op, service, d: dict, meeting: dict | None, rng: random.Random) -> dt.datetime:
    """Raise an issue, then move it to where it ends up: discussed, sent to the ward, answered,
    settled. Returns when it was raised."""
    raised = meeting["start"] if meeting else _at(dt.date.fromisoformat(d["raised_on"]).toordinal())
    discussed = meeting["end"] if meeting else raised + dt.timedelta(days=7)
    latest = _at(DEMO_TODAY.toordinal(), 16 * 60)
    final = d["status"]
    # a 要望 becomes one when it is sent to the ward, weeks after it was raised (the desk counts
    # 要望からの日数 from then); one left at 提起 or 協議中 was asked for from the start
    early = final in ("raised", "discussing")
    op(raised, service, "create", {**d, "status": "raised", "ward_answer": "", "answered_on": None,
                                   "is_request": d["is_request"] and early})
    if final == "raised":
        return raised
    op(discussed, service, "update", d["id"], {"status": "discussing"})
    if final == "discussing":
        return raised
    settled = min(discussed + dt.timedelta(days=10 + int(rng.random() * 120)), latest)
    answered = dt.datetime.fromisoformat(d["answered_on"]) + dt.timedelta(hours=15) if d["ward_answer"] else latest
    if d["is_request"]:  # halfway to where it settles, and before the ward's answer
        sent = min(discussed + (settled - discussed) / 2, answered - dt.timedelta(days=1))
        op(max(sent, discussed), service, "update", d["id"], {"status": "requested", "is_request": True})
    if d["ward_answer"]:
        op(answered, service, "update", d["id"],
           {"status": final, "ward_answer": d["ward_answer"], "answered_on": d["answered_on"]})
        op(answered, service.answers, "create", {"id": m.natural_id("request_answer", d["id"], "demo"), "issue_id": d["id"],
                                                 "answered_on": d["answered_on"], "body": d["ward_answer"]})
    elif final != "requested":
        op(settled, service, "update", d["id"], {"status": final})
    return raised


