"""The conflict queue: concurrent values a person should look at, and resolving them.

A conflict is a field of a row that holds, besides the value in effect, values written
concurrently elsewhere that differ from it (state.py keeps them on the row, so they travel
with it and every store shows the same queue). Its id is derived from the row and field, so
it is the same on every store. Resolving writes the chosen value as an ordinary edit — with
history, a fresh stamp, undo — which supersedes every competing value wherever it syncs.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

import pydantic
from sqlalchemy import select
from sqlmodel import col

from .. import models as m
from ..errors import NotFound, UserError, ValidationError
from ..services.rows import write_row
from ..services.unit_of_work import run
from ..services.values import validation_error
from . import state
from .clock import Stamp
from .models import SyncDevice

_NS = uuid.UUID("0b4f7a9e-5d0c-4c57-8f0e-6a1d2c3b4e5f")
_TABLES = {t.__table__.name: t for t in m.USER_TABLES}
_TITLE_FIELDS = ("title", "name", "body", "viewpoint_id")
MINE, THEIRS = "mine", "theirs"


def conflict_id(entity: str, entity_id: str, field: str) -> str:
    return str(uuid.uuid5(_NS, f"{entity}:{entity_id}:{field}"))


@dataclass(frozen=True)
class ConflictValue:
    value: Any  # as JSON would hold it (dates as ISO text)
    stamp: str
    device_id: str
    device_name: str
    written_at: dt.datetime  # UTC, from the stamp's clock
    deletion: bool  # this "value" is the record being deleted
    mine: bool  # written on this device


@dataclass(frozen=True)
class Conflict:
    id: str
    entity: str
    entity_id: str
    field: str
    title: str
    deleted: bool  # the record is deleted now
    current: ConflictValue  # the value in effect (the newest stamp)
    others: tuple[ConflictValue, ...]  # the concurrent values, newest first

    def to_json(self) -> dict:
        def value(v: ConflictValue) -> dict:
            return {"value": v.value, "stamp": v.stamp, "device_id": v.device_id, "device_name": v.device_name,
                    "written_at": v.written_at.isoformat(), "deletion": v.deletion, "mine": v.mine}

        return {"id": self.id, "entity": self.entity, "entity_id": self.entity_id, "field": self.field,
                "title": self.title, "deleted": self.deleted, "current": value(self.current),
                "others": [value(o) for o in self.others]}


def _device_names(store, con) -> dict[str, str]:
    names = dict(con.execute(select(col(SyncDevice.device_id), col(SyncDevice.name))).all())
    names[store.device_id] = store.device_name
    return names


def _conflicts_of(store, names: dict[str, str], entity: str, row: dict) -> list[Conflict]:
    c = state.codec(_TABLES[entity].__table__)
    st = state.decode(c, row)
    visible = state.visible_conflicts(c, row, st)
    deletions = {st.stamps["deleted"]} if row["deleted"] else set()
    deletions.update(s for s, v in st.others.get("deleted", {}).items() if v is True)

    def value(stamp: str, v: Any) -> ConflictValue:
        parsed = Stamp.parse(stamp)
        return ConflictValue(v, stamp, parsed.device_id, names.get(parsed.device_id, ""),
                             dt.datetime.fromtimestamp(parsed.ms / 1000, dt.timezone.utc),
                             stamp in deletions, parsed.device_id == store.device_id)

    title = next((str(row[f]) for f in _TITLE_FIELDS if f in row and row[f]), row["id"])[:60]
    out = []
    for field, others in sorted(visible.items()):
        out.append(Conflict(
            conflict_id(entity, row["id"], field), entity, row["id"], field, title, bool(row["deleted"]),
            value(st.stamps[field], c.plain(field, row[field])),
            tuple(value(s, v) for s, v in sorted(others.items(), reverse=True))))
    return out


def list_conflicts(store, *, entity: str | None = None) -> list[Conflict]:
    """Every open conflict, by entity (in dependency order), record and field."""
    out: list[Conflict] = []
    with store.engine.connect() as con:
        names = _device_names(store, con)
        for name, model in _TABLES.items():
            if entity and name != entity:
                continue
            t = model.__table__
            rows = con.execute(select(t).where(t.c.sync_state.contains('"conflicts"')).order_by(t.c.id)).mappings()
            for row in rows:
                out.extend(_conflicts_of(store, names, name, dict(row)))
    return out


def get_conflict(store, cid: str) -> Conflict:
    for conflict in list_conflicts(store):
        if conflict.id == cid or conflict.id.startswith(cid) and len(cid) >= 8:
            return conflict
    raise NotFound(f"競合が見つかりません（解決済みかもしれません）: {cid}",
                   f"No such conflict (it may have been resolved): {cid}")


def _chosen(conflict: Conflict, keep: str) -> ConflictValue:
    candidates = (conflict.current, *conflict.others)
    mine = next((v for v in candidates if v.mine), conflict.current)
    if keep == MINE:
        return mine
    if keep == THEIRS:
        return next(v for v in candidates if v.stamp != mine.stamp)
    chosen = next((v for v in candidates if v.stamp == keep), None)  # one value, named by its stamp
    if chosen is None:
        raise ValueError(keep)
    return chosen


_NOTHING = object()


def resolve_conflict(store, cid: str, *, keep: str | None = None, value: Any = _NOTHING) -> Conflict:
    """Settle a conflict: ``keep`` "mine" (this device's value, else the one in effect),
    "theirs" (the newest other one) or the stamp of one of its values, or write ``value``.
    Returns the conflict as it was.

    The resolution is an ordinary edit (history, undo, a fresh stamp that syncs onward).
    Keeping a deletion deletes the record; keeping an edit made concurrently with a deletion
    brings the record back with that value.
    """
    if (keep is None) == (value is _NOTHING):
        raise UserError("残す値（mine か theirs）か、新しい値のどちらか一つを指定してください。",
                        "Give either the value to keep (mine or theirs) or a new value.")
    conflict = get_conflict(store, cid)
    model = _TABLES[conflict.entity]
    table = model.__table__
    c = state.codec(table)
    if keep is None:  # a new value (exactly one of the two, checked above)
        typed = _validated(model, conflict.field, value)
        deletion = False
    else:
        chosen = _chosen(conflict, keep)
        deletion = chosen.deletion
        typed = c.typed(conflict.field, chosen.value)
    label = f"競合を解決: {conflict.title}（{conflict.field}）"

    def work(tx) -> None:
        current = tx.con.execute(select(table).where(table.c.id == conflict.entity_id)).mappings().first()
        current = dict(current)
        if conflict.field not in state.visible_conflicts(c, current):
            raise NotFound("この競合はすでに解決されています。", "This conflict has already been resolved.")
        if deletion:
            values = {"deleted": True}
        else:
            values = {conflict.field: typed}
            if current["deleted"] and conflict.field != "deleted" and any(
                    v.deletion for v in (conflict.current, *conflict.others)):
                values["deleted"] = False  # the edit is kept over the concurrent deletion
        write_row(tx, table, current, values, force=frozenset(values))

    run(store, label, work)
    return conflict


def _validated(model, field: str, value: Any) -> Any:
    update = getattr(m, model.__name__ + "Update", None)
    if update is None or field not in update.model_fields:
        raise ValidationError(f"{field} は値を書いて解決できません。mine か theirs を選んでください。",
                              f"{field} cannot be given a new value; keep mine or theirs.", field=field)
    try:
        checked = update.model_validate({field: value})
    except pydantic.ValidationError as exc:
        raise validation_error(exc) from None
    return getattr(checked, field)
