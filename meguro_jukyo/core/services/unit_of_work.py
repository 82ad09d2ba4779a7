"""The one unit of work: a service call's transaction, its history and what it changed.

Every write goes through :func:`run`: ``work(tx)`` in one database transaction under one
``change`` (the unit of undo), run again while it collides with another writer on a server
store (see ``concurrency.py``). :func:`collect_changes` is how the GUI learns what committed.
"""

from __future__ import annotations

import datetime as dt
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, TypeVar

from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlmodel import col

from .. import models as m
from ..bulk import insert_many
from ..concurrency import Collision, is_collision, retrying, taking_turns
from ..dialect import upsert_meta
from ..summary import refresh
from .values import to_json

T = TypeVar("T")


_HISTORY_COLUMNS = ("change_id", "entity", "entity_id", "field", "old", "new")


@dataclass
class Tx:
    """One service call's transaction: stamps, history and the change it belongs to."""

    store: Any
    con: Connection
    label: str
    kind: str = "edit"
    target_id: int | None = None
    change_id: int | None = None
    changed: dict[str, set[str]] = field(default_factory=dict)

    def stamp(self) -> str:
        return self.store.clock.tick()

    def _ensure_change(self) -> int:
        if self.change_id is None:
            if self.kind == "edit":
                # a new edit ends the redo stack, as in every editor (this device's own: on a
                # server store each workstation has its own stack)
                self.con.execute(
                    m.Change.__table__.update()
                    .where(col(m.Change.state) == "undone", col(m.Change.device_id) == self.store.device_id)
                    .values(state="discarded")
                )
            key = self.con.execute(
                m.Change.__table__.insert().values(
                    label=self.label, kind=self.kind, state="done", target_id=self.target_id,
                    device_id=self.store.device_id, hlc=self.store.clock.last,
                    wall_time=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
                )
            ).inserted_primary_key
            assert key is not None  # a single-row INSERT always reports its key
            self.change_id = key[0]
        return self.change_id

    def record(self, entity: str, entity_id: str, changes: dict[str, tuple[Any, Any]]) -> None:
        if not changes:
            return
        change_id = self._ensure_change()
        self.con.execute(
            m.History.__table__.insert(),
            [{"change_id": change_id, "entity": entity, "entity_id": entity_id, "field": f,
              "old": to_json(old), "new": to_json(new)} for f, (old, new) in changes.items()],
        )
        self.changed.setdefault(entity, set()).add(entity_id)

    def record_many(self, rows: list[dict]) -> None:
        """History rows already in JSON (entity, entity_id, field, old, new), in one insert."""
        if not rows:
            return
        change_id = self._ensure_change()
        for r in rows:  # the caller's dicts, made for this insert
            r["change_id"] = change_id
        insert_many(self.con, m.History.__table__, rows, _HISTORY_COLUMNS)
        for r in rows:
            self.changed.setdefault(r["entity"], set()).add(r["entity_id"])

    def finish(self) -> None:
        refresh(self.con, self.changed)  # the desk's counts, in the same transaction
        upsert_meta(self.con, self.store.clock_key, self.store.clock.last)


_collecting = threading.local()


@contextmanager
def collect_changes() -> Iterator[dict[str, set[str]]]:
    """What every transaction committed on this thread inside the block changed (entity kind →
    ids), as the history records it: the GUI's one operation path broadcasts this to every
    screen, whatever service, import or undo the work called."""
    collected: dict[str, set[str]] = {}
    stack = _collecting.__dict__.setdefault("stack", [])
    stack.append(collected)
    try:
        yield collected
    finally:
        stack.remove(collected)


def _committed(tx: Tx) -> None:
    for collected in getattr(_collecting, "stack", ()):
        for entity, ids in tx.changed.items():
            collected.setdefault(entity, set()).update(ids)


@contextmanager
def transaction(store, label: str, kind: str = "edit", target_id: int | None = None) -> Iterator[Tx]:
    """Context manager: a Tx inside one database transaction.

    On a server store, colliding with another writer rolls everything back and raises
    :class:`~..concurrency.Collision` (a message a person can act on); :func:`run` runs the
    whole transaction again instead, and is what every write in core uses (this is left for
    tests that look inside one transaction).
    """
    try:
        with store.engine.begin() as con:
            tx = Tx(store, con, label, kind, target_id)
            yield tx
            tx.finish()
    except DBAPIError as exc:
        if is_collision(exc):
            raise Collision() from exc
        raise
    _committed(tx)


def run(store, label: str, work: Callable[[Tx], T], *, kind: str = "edit",
        target_id: int | None = None, turn: int | str | None = None) -> T:
    """The unit of work every write uses: ``work(tx)`` in one transaction, run again while it
    collides with other writers (a bounded number of times, see concurrency.py).

    ``turn`` names work that always writes the same rows (a meeting's note numbering): on a
    server store such work from several workstations waits its turn instead of colliding.
    """

    def once() -> T:
        with transaction(store, label, kind, target_id) as tx:
            return work(tx)

    with taking_turns(store, turn):
        return retrying(once)
