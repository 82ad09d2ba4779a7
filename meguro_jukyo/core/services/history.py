"""Undo and redo, computed from the history table (the UI only shows them).

Each service call is one ``change``. Undo applies the inverse of the newest change still done
and marks it undone; redo re-applies the oldest undone one; a new edit discards what could
have been redone. Undo and redo are themselves recorded (kinds ``undo``/``redo``) with fresh
revisions and clock stamps, so they sync like any edit and leave an audit trail.

A field changed since the change being undone (say, by a sync import) is not overwritten:
the undo is refused with a message instead.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import null as sa_null
from sqlalchemy import select
from sqlmodel import col

from .. import models as m
from ..errors import UserError
from ..sync.models import SyncDevice
from .rows import write_row
from .unit_of_work import Tx, run
from .values import from_json

_TABLES = {t.__table__.name: t.__table__ for t in m.USER_TABLES}


@dataclass(frozen=True)
class UndoResult:
    label: str
    changed: dict[str, frozenset[str]]  # entity kind -> ids


@dataclass(frozen=True)
class HistoryEntry:
    change_id: int
    kind: str
    label: str
    wall_time: str
    device_id: str
    field: str
    old: str | None
    new: str | None
    entity: str = ""  # the record's own kind, or "policy_link" for one of its links to a 視点
    viewpoint_id: str | None = None  # the 視点 of that link
    #: for one of a 要望's answers: its kind, date and text as they stand (an import records
    #: only that a new answer now exists)
    answer: tuple[str, dt.date, str] | None = None


def undo_label(store) -> str | None:
    """What Undo would undo, or None."""
    return _label(store, _newest_done(store))


def redo_label(store) -> str | None:
    """What Redo would redo, or None."""
    return _label(store, _oldest_undone(store))


def _label(store, which) -> str | None:
    with store.engine.connect() as con:
        cid = con.execute(which).scalar_one_or_none()
        if cid is None:
            return None
        return con.execute(select(col(m.Change.label)).where(col(m.Change.id) == cid)).scalar_one()


# Each device undoes its own edits: on a server store several workstations edit at once, and
# one member of staff's Undo must not take back what another just did.


def _newest_done(store):
    c = m.Change.__table__
    return (select(c.c.id).where(c.c.kind == "edit", c.c.state == "done", c.c.device_id == store.device_id)
            .order_by(c.c.id.desc()).limit(1))


def _oldest_undone(store):
    c = m.Change.__table__
    return (select(c.c.id).where(c.c.kind == "edit", c.c.state == "undone", c.c.device_id == store.device_id)
            .order_by(c.c.id.asc()).limit(1))


def undo(store) -> UndoResult | None:
    """Undo the newest edit; None when there is nothing to undo."""
    return _replay(store, forward=False)


def redo(store) -> UndoResult | None:
    """Redo the oldest undone edit; None when there is nothing to redo."""
    return _replay(store, forward=True)


def _replay(store, forward: bool) -> UndoResult | None:
    if _label(store, _oldest_undone(store) if forward else _newest_done(store)) is None:
        return None
    verb = "やり直し" if forward else "元に戻す"
    return run(store, verb, lambda tx: _replay_in(tx, verb, forward), kind="redo" if forward else "undo")


def _replay_in(tx: Tx, verb: str, forward: bool) -> UndoResult | None:
    store = tx.store
    # chosen inside the transaction, so a collision's retry picks again
    cid = tx.con.execute(_oldest_undone(store) if forward else _newest_done(store)).scalar_one_or_none()
    if cid is None:
        return None
    label = tx.con.execute(select(col(m.Change.label)).where(col(m.Change.id) == cid)).scalar_one()
    tx.label, tx.target_id = f"{verb}: {label}", cid
    h = m.History.__table__
    rows = tx.con.execute(select(h).where(h.c.change_id == cid).order_by(h.c.id)).mappings().all()
    by_entity: dict[tuple[str, str], list] = defaultdict(list)
    for r in rows:
        by_entity[(r["entity"], r["entity_id"])].append(r)
    for (entity, entity_id), fields in by_entity.items():
        table = _TABLES[entity]
        stored = tx.con.execute(select(table).where(table.c.id == entity_id)).mappings().first()
        if stored is None:
            raise UserError("元の記録が見つからないため、この操作はできません。",
                            "The record is gone, so this cannot be undone.")
        current = dict(stored)
        if any(f["field"] == "deleted" and f["old"] == "true" for f in fields):
            # a creation is undone by a tombstone (its values stay on it) and redone by
            # lifting the tombstone: only the deleted flag moves
            fields = [f for f in fields if f["field"] == "deleted"]
        values = {}
        for f in fields:
            want_now = from_json(table, f["field"], f["old"] if forward else f["new"])
            target = from_json(table, f["field"], f["new"] if forward else f["old"])
            if current[f["field"]] != want_now:
                raise UserError(
                    "この記録はその後に別の変更（同期など）があったため、元に戻せません。",
                    "The record changed again since (e.g. by sync), so this cannot be undone.",
                )
            values[f["field"]] = target
        write_row(tx, table, current, values)
    c = m.Change.__table__
    tx.con.execute(c.update().where(c.c.id == cid).values(state="done" if forward else "undone"))
    changed = {k: frozenset(v) for k, v in tx.changed.items()}
    return UndoResult(label, changed)


def device_names(store) -> dict[str, str]:
    """Device id → the name it goes by: this device, and every device whose packages came in."""
    with store.engine.connect() as con:
        names = dict(con.execute(select(col(SyncDevice.device_id), col(SyncDevice.name))).all())
    names[store.device_id] = store.device_name
    return names


def entity_history(store, entity: str, entity_id: str) -> list[HistoryEntry]:
    """Every recorded change of one record, oldest first. An issue's or a note's history also
    holds the changes of its links to 視点 (linked, reason changed, unlinked): people see a
    link as part of the issue; a 要望's holds each of the ward's answers to it."""
    h, c, lk, ra = m.History.__table__, m.Change.__table__, m.PolicyLink.__table__, m.RequestAnswer.__table__
    columns = (h.c.id, c.c.id, c.c.kind, c.c.label, c.c.wall_time, c.c.device_id, h.c.field, h.c.old, h.c.new)
    queries = [(entity, select(*columns, sa_null(), sa_null(), sa_null(), sa_null()).join(c, c.c.id == h.c.change_id)
                .where(h.c.entity == entity, h.c.entity_id == entity_id))]
    target = {"issue": lk.c.issue_id, "note": lk.c.note_id}.get(entity)
    if target is not None:
        queries.append(("policy_link", select(*columns, lk.c.viewpoint_id, sa_null(), sa_null(), sa_null()).join(c, c.c.id == h.c.change_id)
                        .join(lk, lk.c.id == h.c.entity_id)
                        .where(h.c.entity == "policy_link", target == entity_id,
                               h.c.field.not_in(("issue_id", "note_id", "plan_id")))))  # the record itself
    if entity == "issue":
        queries.append(("request_answer", select(*columns, sa_null(), ra.c.kind, ra.c.answered_on, ra.c.body)
                        .join(c, c.c.id == h.c.change_id)
                        .join(ra, ra.c.id == h.c.entity_id)
                        .where(h.c.entity == "request_answer", ra.c.issue_id == entity_id, h.c.field != "issue_id")))
    rows = []
    with store.engine.connect() as con:
        for kind, stmt in queries:
            for r in con.execute(stmt):
                rows.append((r[0], HistoryEntry(r[1], r[2], r[3], r[4].isoformat(sep=" "), r[5], r[6], r[7], r[8],
                                                entity=kind, viewpoint_id=r[9],
                                                answer=tuple(r[10:13]) if r[10] is not None else None)))
    return [entry for _id, entry in sorted(rows, key=lambda pair: pair[0])]
