"""Writing rows with fresh sync metadata, their history and search documents, in bulk."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Table, bindparam, select
from sqlalchemy.engine import Connection

from ..bulk import chunks, insert_many
from ..search_index import index_rows
from ..sync.state import codec, local_write
from .unit_of_work import Tx
from .values import to_json


def write_row(tx: Tx, table: Table, current: dict | None, values: dict,
              *, force: frozenset[str] = frozenset()) -> dict:
    """Insert or update one row with fresh sync metadata; record the fields that changed.

    ``force`` names fields written even when their value stays (resolving a sync conflict
    by keeping the value in effect is still a write: it supersedes the competing values).
    """
    if current is None:
        return write_new_rows(tx, table, [values])[0]
    return write_updates(tx, table, [(current, values)], force=force)[0]


def write_updates(tx: Tx, table: Table, items: list[tuple[dict, dict]],
                  *, force: frozenset[str] = frozenset()) -> list[dict]:
    """Update rows, given as (stored row, values to write), with fresh sync metadata; record the
    fields that changed and refresh the search documents. Returns each row as written (as it was,
    if nothing changes). One UPDATE per set of columns, one history insert and one index refresh
    for all rows (an edited workbook updates thousands); each row at most once per call.
    """
    entity = str(table.name)  # a plain str: the driver adapts SQLAlchemy's quoted_name slowly
    rows_codec = codec(table)
    out: list[dict] = []
    changed: list[dict] = []
    history: list[dict[str, Any]] = []
    updates: dict[tuple[str, ...], list[dict]] = {}
    for current, values in items:
        changes = {k: (current[k], v) for k, v in values.items() if current[k] != v or k in force}
        if not changes:
            out.append(current)
            continue
        if current["hlc"]:  # after the stamp it replaces, whichever workstation wrote that
            tx.store.clock.observe(current["hlc"])
        row = dict(current)
        row.update(values)
        row.update(rev=current["rev"] + 1, base_rev=current["rev"], hlc=tx.stamp(),
                   device_id=tx.store.device_id)
        row["sync_state"] = local_write(rows_codec, current, changes, row["hlc"],
                                        deleting=bool(row["deleted"]) and "deleted" in changes)
        updates.setdefault(tuple(sorted(values)), []).append(
            {**values, **{k: row[k] for k in _SYNC_WRITTEN}, "_id": row["id"]})
        history.extend({"entity": entity, "entity_id": row["id"], "field": f, "old": to_json(old),
                        "new": to_json(new)} for f, (old, new) in changes.items())
        out.append(row)
        changed.append(row)
    for columns, params in updates.items():
        tx.con.execute(_update_by_id(table, columns), params)
    tx.record_many(history)
    index_rows(tx.con, entity, changed)
    return out


@lru_cache(maxsize=None)
def _by_id(table: Table):
    """SELECT a whole row by id: built once per table, as reading one row is the commonest query
    (building the expression each time cost more than SQLite's answer)."""
    return select(table).where(table.c.id == bindparam("id"))


_SYNC_WRITTEN = ("rev", "base_rev", "hlc", "device_id", "sync_state")


@lru_cache(maxsize=256)
def _update_by_id(table: Table, columns: tuple[str, ...]):
    """UPDATE of ``columns`` and the sync metadata of the row with id ``:_id``: built once per
    table and set of columns (building it per row cost more than SQLite's update: an edited
    workbook updates thousands of rows)."""
    names = (*columns, *_SYNC_WRITTEN)
    return table.update().where(table.c.id == bindparam("_id")).values({n: bindparam(n) for n in names})


@lru_cache(maxsize=None)
def _rows_by_ids(table: Table):
    return select(table).where(table.c.id.in_(bindparam("ids", expanding=True)))


@lru_cache(maxsize=None)
def _deleted_by_ids(table: Table):
    return select(table.c.id, table.c.deleted).where(table.c.id.in_(bindparam("ids", expanding=True)))


def deleted_flags(con: Connection, table: Table, ids) -> dict[str, bool]:
    """id -> its ``deleted`` flag, for those of ``ids`` stored in ``table`` (one query per 500)."""
    out: dict[str, bool] = {}
    for chunk in chunks(sorted(ids)):
        out.update(con.execute(_deleted_by_ids(table), {"ids": chunk}).all())
    return out


def write_new_rows(tx: Tx, table: Table, rows: list[dict]) -> list[dict]:
    """Insert new rows with fresh sync metadata, their history and search documents: one
    statement each for any number of rows (an import writes thousands). Returns the rows."""
    if not rows:
        return []
    entity = str(table.name)  # a plain str: the driver adapts SQLAlchemy's quoted_name slowly
    full: list[dict] = []
    history: list[dict[str, Any]] = []
    for values in rows:
        row = dict(values)
        # every field written by this one stamp
        row.update(rev=1, base_rev=0, hlc=tx.stamp(), device_id=tx.store.device_id, deleted=False, sync_state="")
        full.append(row)
        history.extend({"entity": entity, "entity_id": row["id"], "field": k, "old": None, "new": to_json(v)}
                       for k, v in values.items() if k != "id" and v not in (None, ""))
        # from "did not exist" to alive
        history.append({"entity": entity, "entity_id": row["id"], "field": "deleted",
                        "old": to_json(True), "new": to_json(False)})
    insert_many(tx.con, table, full, tuple(full[0]))
    tx.record_many(history)
    index_rows(tx.con, entity, full)
    return full
