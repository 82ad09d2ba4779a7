"""The merge state of one row, and the merge: a multi-value register per field.

Every write (a local edit, an undo, a resolution) has one clock stamp, unique to it. A row
keeps, in ``sync_state``:

- ``fields``: for each field, the stamp of the write that set its current value;
- ``seen``: its causal context, the newest stamp seen from each device that wrote the row.
  A device's writes to a row travel as whole row states, so having seen its write at stamp
  *t* means having seen all its earlier writes to the row: a write *s* is *covered* by a
  context when ``s <= seen[device of s]``;
- ``conflicts``: per field, the values of concurrent writes that lost (stamp -> value).

Merging two states of a row keeps, for each field, every write (winner or loser) that the
other side holds too or has not seen; the newest stamp among them is the value in effect,
the rest stay as conflicts. A write therefore disappears only when a device that had seen
it wrote the field again: never silently. This is the "optimised multi-value register" of
the CRDT literature, with one context per row: the merge is commutative, associative and
idempotent, so packages imported in any order, any number of times, give the same rows.
Because the hybrid clock observes every stamp it imports, a write made after seeing another
has the larger stamp whatever the wall clocks say, so the value in effect is simply the one
with the newest stamp, and concurrent writes are decided by stamp (then device id, which is
part of the stamp) — the same on every store.

A delete is a write of every field (values unchanged, ``deleted`` true), so an edit made
concurrently with a delete leaves a conflict on the field it changed instead of a silent
resurrection (the row stays deleted) or a silent loss (its value stays on the tombstone and
in the conflict).

The encoding is canonical (a function of the state alone), so stores holding the same
writes hold the same bytes: ``""`` when every field was set by the row's own ``hlc`` write
and only that device wrote it; otherwise a JSON object whose ``base`` is the stamp most
fields share (omitted when it is ``hlc``) and ``fields`` the exceptions.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from sqlalchemy import Table

from .clock import Stamp

META_COLUMNS = frozenset({"id", "rev", "base_rev", "hlc", "device_id", "deleted", "sync_state"})


class StateError(ValueError):
    """A row's sync state is malformed (only possible in a foreign or damaged package)."""


def device_of(stamp: str) -> str:
    return stamp.split(".", 2)[2]


def covered(stamp: str, seen: dict[str, str]) -> bool:
    """Whether a context that has ``seen`` includes the write with ``stamp``."""
    newest = seen.get(device_of(stamp))
    return newest is not None and stamp <= newest


@dataclass(frozen=True)
class Codec:
    """A table's fields for the merge, and their values as plain JSON and back."""

    table: Table
    fields: tuple[str, ...]  # every column a user writes, then "deleted"
    dates: frozenset[str]
    datetimes: frozenset[str]

    def plain(self, name: str, value: Any) -> Any:
        if value is not None and (name in self.dates or name in self.datetimes):
            return value.isoformat()
        return value

    def typed(self, name: str, value: Any) -> Any:
        if value is None:
            return None
        if name in self.datetimes:
            return dt.datetime.fromisoformat(value)
        if name in self.dates:
            return dt.date.fromisoformat(value)
        return value


@lru_cache(maxsize=None)
def codec(table: Table) -> Codec:
    fields = tuple(c.name for c in table.columns if c.name not in META_COLUMNS) + ("deleted",)
    dates, datetimes = set(), set()
    for c in table.columns:
        python_type = c.type.python_type
        if python_type is dt.datetime:
            datetimes.add(c.name)
        elif python_type is dt.date:
            dates.add(c.name)
    return Codec(table, fields, frozenset(dates), frozenset(datetimes))


@dataclass
class RowState:
    stamps: dict[str, str]
    seen: dict[str, str]
    others: dict[str, dict[str, Any]] = field(default_factory=dict)  # field -> stamp -> plain value


def decode(c: Codec, row: dict) -> RowState:
    raw, hlc = row["sync_state"], row["hlc"]
    if not raw:
        return RowState({f: hlc for f in c.fields}, {device_of(hlc): hlc})
    data = json.loads(raw)
    base = data.get("base", hlc)
    exceptions = data.get("fields", {})
    return RowState(
        {f: exceptions.get(f, base) for f in c.fields},
        data.get("seen") or {device_of(hlc): hlc},
        {f: dict(v) for f, v in data.get("conflicts", {}).items()},
    )


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def encode(state: RowState, hlc: str) -> str:
    tally = Counter(state.stamps.values())
    most = max(tally.values())
    base = min(s for s, n in tally.items() if n == most)
    data: dict[str, Any] = {}
    if base != hlc:
        data["base"] = base
    exceptions = {f: s for f, s in state.stamps.items() if s != base}
    if exceptions:
        data["fields"] = exceptions
    if state.seen != {device_of(hlc): hlc}:
        data["seen"] = state.seen
    others = {f: v for f, v in state.others.items() if v}
    if others:
        data["conflicts"] = others
    return _dumps(data) if data else ""


def local_write(c: Codec, current: dict, changed: Iterable[str], stamp: str, deleting: bool) -> str:
    """The state after this device writes ``changed`` (a delete writes every field)."""
    state = decode(c, current)
    for f in (c.fields if deleting else changed):
        state.stamps[f] = stamp
        state.others.pop(f, None)  # the writer saw every value the field had: resolved
    state.seen[device_of(stamp)] = stamp
    return encode(state, stamp)


def check(c: Codec, row: dict) -> None:
    """Raise StateError unless ``row``'s state is well formed and canonically encoded."""
    if not row["sync_state"]:  # the common case: one write by one device, nothing to cross-check
        try:
            Stamp.parse(row["hlc"])
        except ValueError as exc:
            raise StateError(str(exc)) from None
        if device_of(row["hlc"]) != row["device_id"]:
            raise StateError("device is not the newest writer")
        return
    try:
        state = decode(c, row)
        stamps = list(state.stamps.values())
        for others in state.others.values():
            stamps.extend(others)
        for s in (*stamps, *state.seen.values()):
            Stamp.parse(s)
        if not isinstance(state.seen, dict) or any(device_of(s) != d for d, s in state.seen.items()):
            raise StateError("context names the wrong device")
        if set(state.others) - set(c.fields):
            raise StateError("conflict on an unknown field")
        if not all(covered(s, state.seen) for s in stamps):
            raise StateError("a write outside the row's context")
        if max(state.stamps.values()) != row["hlc"] or max(state.seen.values()) != row["hlc"]:
            raise StateError("hlc is not the newest write")
        if device_of(row["hlc"]) != row["device_id"]:
            raise StateError("device is not the newest writer")
        for f, others in state.others.items():
            if state.stamps[f] in others or any(s > state.stamps[f] for s in others):
                raise StateError("a conflict newer than the value in effect")
        if encode(state, row["hlc"]) != row["sync_state"]:
            raise StateError("not canonical")
    except StateError:
        raise
    except (ValueError, TypeError, AttributeError, KeyError) as exc:
        raise StateError(str(exc)) from None


def visible_conflicts(c: Codec, row: dict, state: RowState | None = None) -> dict[str, dict[str, Any]]:
    """Fields whose concurrent values differ from the one in effect: field -> stamp -> value."""
    if not row["sync_state"] or '"conflicts"' not in row["sync_state"]:
        return {}
    state = state or decode(c, row)
    out = {}
    for f, others in state.others.items():
        current = c.plain(f, row[f])
        differing = {s: v for s, v in others.items() if v != current}
        if differing:
            out[f] = differing
    return out


# outcomes of merging an incoming row into a store
NEW, UPDATED, UNCHANGED, PARALLEL, CONFLICT = "new", "updated", "unchanged", "parallel", "conflicts"


def merge(c: Codec, local: dict, incoming: dict) -> tuple[dict, str]:
    """The merged row and how it relates to ``local`` (both rows with typed values)."""
    if local["sync_state"] == incoming["sync_state"] and local["hlc"] == incoming["hlc"] \
            and all(local[f] == incoming[f] for f in c.fields) \
            and local["rev"] == incoming["rev"] and local["base_rev"] == incoming["base_rev"]:
        return local, UNCHANGED
    ls, rs = decode(c, local), decode(c, incoming)
    result = RowState({}, dict(ls.seen))
    for d, s in rs.seen.items():
        if s > result.seen.get(d, ""):
            result.seen[d] = s
    values = {}
    for f in c.fields:
        lw, rw = ls.stamps[f], rs.stamps[f]
        lo, ro = ls.others.get(f, {}), rs.others.get(f, {})
        if lw == rw and not lo and not ro:
            result.stamps[f] = lw
            values[f] = local[f]
            continue
        lsibs = {**lo, lw: c.plain(f, local[f])}
        rsibs = {**ro, rw: c.plain(f, incoming[f])}
        kept = {s: v for s, v in lsibs.items() if s in rsibs or not covered(s, rs.seen)}
        kept.update((s, v) for s, v in rsibs.items() if s in lsibs or not covered(s, ls.seen))
        win = max(kept)
        result.stamps[f] = win
        values[f] = local[f] if win == lw else incoming[f] if win == rw else c.typed(f, kept[win])
        del kept[win]
        if kept:
            result.others[f] = kept
    hlc = max(result.stamps.values())
    newer = max((local, incoming), key=lambda r: (r["hlc"], r["rev"], r["base_rev"]))
    row = dict(local)
    row.update(values)
    row.update(rev=max(local["rev"], incoming["rev"]), base_rev=newer["base_rev"], hlc=hlc,
               device_id=device_of(hlc), sync_state=encode(result, hlc))
    if _same(c, row, local):
        return local, UNCHANGED
    if _same(c, row, incoming):
        return row, UPDATED
    before = visible_conflicts(c, local, ls)
    after = visible_conflicts(c, row, result)
    if any(set(v) - set(before.get(f, ())) for f, v in after.items()):
        return row, CONFLICT
    return row, PARALLEL


def _same(c: Codec, a: dict, b: dict) -> bool:
    return (a["sync_state"] == b["sync_state"] and a["hlc"] == b["hlc"] and a["rev"] == b["rev"]
            and a["base_rev"] == b["base_rev"] and all(a[f] == b[f] for f in c.fields))
