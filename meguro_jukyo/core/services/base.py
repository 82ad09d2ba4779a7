"""What every entity service shares: one transaction per call, history, clock, search index.

A service call opens one transaction (:class:`Tx`), validates its input against the entity's
Create/Update schema and the store's rules, writes the row with fresh sync metadata
(revision, base revision, clock stamp, device), records each changed field in ``history``
under one ``change`` (the unit of undo), and refreshes the row's search document — all or
nothing. Callers get plain read schemas back, never ORM objects.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any, Callable, ClassVar, Generic, Iterator, TypeVar

import pydantic
from sqlalchemy import String, Table, and_, bindparam, case, column, false, func, literal_column, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

from .. import models as m
from ..concurrency import Collision, is_collision, retrying
from ..errors import NotFound, ValidationError
from ..search import index_rows

ReadT = TypeVar("ReadT", bound=SQLModel)
T = TypeVar("T")


# --------------------------------------------------------------------------- values


def to_json(value: Any) -> str | None:
    # the common types first, written as json.dumps writes them without its dispatch (an
    # import writes a history value per field and row)
    if value is None:
        return None
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()
    if isinstance(value, str):
        return encode_basestring(value)
    if type(value) is int:
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def from_json(table: Table, column: str, raw: str | None) -> Any:
    """A history value back in the column's Python type."""
    if raw is None:
        return None
    value = json.loads(raw)
    if value is None:
        return None
    python_type = table.c[column].type.python_type
    if python_type is dt.datetime:
        return dt.datetime.fromisoformat(value)
    if python_type is dt.date:
        return dt.date.fromisoformat(value)
    return value


_PYDANTIC_MESSAGES = {
    "missing": ("入力してください。", "Required."),
    "string_too_short": ("入力してください。", "Required."),
    "string_too_long": ("{max_length}文字以内で入力してください。", "At most {max_length} characters."),
    "greater_than_equal": ("{ge}以上の数を入力してください。", "Enter a number of at least {ge}."),
    "less_than_equal": ("{le}以下の数を入力してください。", "Enter a number of at most {le}."),
    "int_parsing": ("整数を入力してください。", "Enter a whole number."),
    "int_from_float": ("整数を入力してください。", "Enter a whole number."),
    "bool_parsing": ("はい／いいえで指定してください。", "Enter yes or no."),
    "date_parsing": ("日付を入力してください（例: 2025-04-01）。", "Enter a date (e.g. 2025-04-01)."),
    "date_from_datetime_parsing": ("日付を入力してください（例: 2025-04-01）。", "Enter a date (e.g. 2025-04-01)."),
    "datetime_parsing": ("日時を入力してください（例: 2025-04-01 19:00）。", "Enter a date and time (e.g. 2025-04-01 19:00)."),
    "datetime_from_date_parsing": ("日時を入力してください（例: 2025-04-01 19:00）。", "Enter a date and time (e.g. 2025-04-01 19:00)."),
}


def validation_error(exc: pydantic.ValidationError) -> ValidationError:
    """The first problem of a pydantic error, in words a person can act on."""
    err = exc.errors()[0]
    name = ".".join(str(p) for p in err.get("loc", ())) or None
    ja, en = _PYDANTIC_MESSAGES.get(err["type"], ("入力が正しくありません。", "Invalid value."))
    ctx = err.get("ctx") or {}
    try:
        ja, en = ja.format(**ctx), en.format(**ctx)
    except (KeyError, IndexError):
        pass
    prefix = f"{name}: " if name else ""
    return ValidationError(prefix + ja, prefix + en, field=name)


def _clean(values: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in values.items()}


# --------------------------------------------------------------------------- transaction


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
                    .where(m.Change.state == "undone", m.Change.device_id == self.store.device_id)
                    .values(state="discarded")
                )
            self.change_id = self.con.execute(
                m.Change.__table__.insert().values(
                    label=self.label, kind=self.kind, state="done", target_id=self.target_id,
                    device_id=self.store.device_id, hlc=self.store.clock.last,
                    wall_time=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
                )
            ).inserted_primary_key[0]
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
        from ..bulk import insert_many

        change_id = self._ensure_change()
        for r in rows:  # the caller's dicts, made for this insert
            r["change_id"] = change_id
        insert_many(self.con, m.History.__table__, rows, _HISTORY_COLUMNS)
        for r in rows:
            self.changed.setdefault(r["entity"], set()).add(r["entity_id"])

    def finish(self) -> None:
        from ..dialect import upsert_meta
        from ..summary import refresh

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
    whole transaction again instead, and is what services use.
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
        target_id: int | None = None) -> T:
    """``work(tx)`` in one transaction, run again while it collides with other writers
    (a bounded number of times, see concurrency.py)."""

    def once() -> T:
        with transaction(store, label, kind, target_id) as tx:
            return work(tx)

    return retrying(once)


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
    from ..sync.state import codec, local_write

    entity = str(table.name)  # a plain str: the driver adapts SQLAlchemy's quoted_name slowly
    rows_codec = codec(table)
    out, changed, history = [], [], []
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


#: ids per IN (…) list: well under SQLite's limit on parameters, and a plan either dialect caches
IN_CHUNK = 500


def chunks(items: list, size: int = IN_CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


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
    from ..bulk import insert_many

    entity = str(table.name)  # a plain str: the driver adapts SQLAlchemy's quoted_name slowly
    full, history = [], []
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


# --------------------------------------------------------------------------- listing


@dataclass
class ListQuery:
    """What a list shows: filters, text, order and page — all applied in SQL."""

    equals: dict[str, Any] = field(default_factory=dict)  # field -> value or list of values
    organization_id: str | None = None  # rows of one organization (notes: through their meeting)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    district_code: str | None = None
    jukyo_code: str | None = None
    viewpoint_id: str | None = None
    text: str = ""
    include_deleted: bool = False
    order_by: list[tuple[str, bool]] = field(default_factory=list)  # (column, descending)
    limit: int | None = None
    offset: int = 0


def loosened_queries(q: ListQuery) -> list[tuple[str, ListQuery]]:
    """``q`` with one of its filters left out, for each filter it sets."""
    out = []
    for name, attrs in (("organization", {"organization_id": None}), ("district", {"district_code": None}),
                        ("jukyo", {"jukyo_code": None}), ("dates", {"date_from": None, "date_to": None}),
                        ("viewpoint", {"viewpoint_id": None}), ("text", {"text": ""})):
        if any(getattr(q, attr).strip() if attr == "text" else getattr(q, attr) for attr in attrs):
            out.append((name, replace(q, **attrs)))
    for key in q.equals:
        out.append((key, replace(q, equals={k: v for k, v in q.equals.items() if k != key})))
    return out


# --------------------------------------------------------------------------- service


class EntityService(Generic[ReadT]):
    table_model: ClassVar[type[SQLModel]]
    create_schema: ClassVar[type[SQLModel]]
    update_schema: ClassVar[type[SQLModel]]
    read_schema: ClassVar[type[SQLModel]]
    #: field -> table it refers to (checked on every write: exists and not deleted)
    references: ClassVar[dict[str, type[SQLModel]]] = {}
    #: field -> vocabulary kind its value must come from
    vocab_fields: ClassVar[dict[str, str]] = {}
    #: the date (or datetime) column that 年度 and date-range filters use
    date_field: ClassVar[str | None] = None
    default_order: ClassVar[list[tuple[str, bool]]] = []
    #: the column holding the organization id, for 地区/住区 filters
    org_field: ClassVar[str | None] = "organization_id"
    label_ja: ClassVar[str] = ""

    def __init__(self, store, vocab: "VocabCache"):
        self.store = store
        self.vocab = vocab

    @property
    def table(self) -> Table:
        return self.table_model.__table__

    @property
    def kind(self) -> str:
        return str(self.table.name)

    # -- reading ---------------------------------------------------------------------

    def _read(self, row) -> ReadT:
        return self.read_schema.model_validate(dict(row))

    def _fetch(self, con: Connection, id_: str) -> dict | None:
        row = con.execute(_by_id(self.table), {"id": id_}).mappings().first()
        return dict(row) if row else None

    def _fetch_live(self, con: Connection, id_: str) -> dict:
        row = self._fetch(con, id_)
        if row is None or row["deleted"]:
            raise NotFound(f"{self.label_ja}が見つかりません（削除された可能性があります）: {id_}",
                           f"{self.kind} not found (it may have been deleted): {id_}")
        return row

    def fetch_in(self, tx: Tx, id_: str) -> dict | None:
        """The stored row (tombstones too) as the caller's transaction sees it, or None."""
        return self._fetch(tx.con, id_)

    def fetch_many_in(self, tx: Tx, ids) -> dict[str, dict]:
        """:meth:`fetch_in` for many ids at once: id -> stored row, for those that exist."""
        out: dict[str, dict] = {}
        for chunk in chunks(sorted(set(ids))):
            out.update((row["id"], dict(row)) for row in
                       tx.con.execute(_rows_by_ids(self.table), {"ids": chunk}).mappings())
        return out

    def get(self, id_: str) -> ReadT:
        with self.store.engine.connect() as con:
            return self._read(self._fetch_live(con, id_))

    def _where(self, q: ListQuery, *, ordered: bool = False) -> list:
        """The conditions of ``q``. ``ordered``: for a query that returns rows in order (a page),
        where the text and 視点 conditions are checked while walking the order's index rather
        than used to look rows up by id and sort them all (SQLite, with no statistics, takes the
        lookup: at ward size a common word or a busy 視点 has 10,000-20,000 rows to sort for a
        page of 200 — 50-100 ms instead of 5-40 ms)."""
        t = self.table
        ids = t.c.id.concat(literal_column("''")) if ordered else t.c.id
        conds = []
        if not q.include_deleted:
            conds.append(t.c.deleted.is_(False))
        for name, value in q.equals.items():
            col = t.c[name]
            if isinstance(value, (list, tuple, set, frozenset)):
                conds.append(col.in_(list(value)))
            else:
                conds.append(col.is_(None) if value is None else col == value)
        if self.date_field and (q.date_from or q.date_to):
            col = t.c[self.date_field]
            is_dt = col.type.python_type is dt.datetime
            if q.date_from:
                start = dt.datetime.combine(q.date_from, dt.time()) if is_dt else q.date_from
                conds.append(col >= start)
            if q.date_to:
                if is_dt:
                    conds.append(col < dt.datetime.combine(q.date_to + dt.timedelta(days=1), dt.time()))
                else:
                    conds.append(col <= q.date_to)
        if (q.district_code or q.jukyo_code) and self.org_field:
            org = m.Organization.__table__
            sub = select(org.c.id)
            if q.district_code:
                sub = sub.where(org.c.district_code == q.district_code)
            if q.jukyo_code:
                sub = sub.where(org.c.jukyo_code == q.jukyo_code)
            conds.append(t.c[self.org_field].in_(sub))
        if q.organization_id is not None:
            conds.append(self._organization_condition(q.organization_id))
        if q.viewpoint_id:
            conds.append(ids.in_(self._viewpoint_targets(q.viewpoint_id)))
        if q.text.strip():
            from ..search import id_subquery, query_variants

            with self.store.engine.connect() as con:
                variants = query_variants(con, q.text)
            sql, params = id_subquery(self.store.engine.dialect.name, q.text, self.kind, variants)
            conds.append(ids.in_(text(sql).bindparams(**params).columns(column("ref_id", String)))
                         if sql else false())
        return conds

    def _organization_condition(self, organization_id: str):
        if not self.org_field:
            raise ValidationError("この一覧は組織で絞り込めません。", "This list cannot be filtered by organization.")
        return self.table.c[self.org_field] == organization_id

    def _viewpoint_targets(self, viewpoint_id: str):
        """A SELECT of the ids linked to the 視点."""
        raise ValidationError("この一覧は施策視点で絞り込めません。", "This list cannot be filtered by viewpoint.")

    def _order(self, q: ListQuery) -> list:
        order = []
        for name, desc in (q.order_by or self.default_order):
            if name not in self.table.c:
                raise ValidationError(f"並べ替えできない列です: {name}", f"Cannot sort by {name}.")
            col = self.table.c[name]
            if name == "yomi":  # a name nobody gave a よみ to goes after all others, either way
                order.append(case((col == "", 1), else_=0).asc())
            order.append(col.desc() if desc else col.asc())
        order.append(self.table.c.id.asc())  # a total order: stable pages
        return order

    def list(self, q: ListQuery | None = None) -> list[ReadT]:
        q = q or ListQuery()
        stmt = select(self.table).where(and_(*self._where(q, ordered=True))).order_by(*self._order(q))
        if q.limit is not None:
            stmt = stmt.limit(q.limit)
        if q.offset:
            stmt = stmt.offset(q.offset)
        with self.store.engine.connect() as con:
            return [self._read(r) for r in con.execute(stmt).mappings()]

    def select_ids(self, q: ListQuery | None = None):
        """A SELECT of the ids ``list(q)`` would show, for use as a subquery."""
        return select(self.table.c.id).where(and_(*self._where(q or ListQuery())))

    def stream(self, q: ListQuery | None = None, batch: int = 1000) -> Iterator[dict]:
        """The rows ``list(q)`` would return, as plain dicts fetched ``batch`` at a time.

        For exports of ward-size lists: memory stays flat however many rows there are.
        """
        q = q or ListQuery()
        stmt = select(self.table).where(and_(*self._where(q, ordered=True))).order_by(*self._order(q))
        if q.limit is not None:
            stmt = stmt.limit(q.limit)
        if q.offset:
            stmt = stmt.offset(q.offset)
        with self.store.engine.connect() as con:
            result = con.execution_options(stream_results=True, yield_per=batch).execute(stmt)
            for row in result.mappings():
                yield dict(row)

    def count(self, q: ListQuery | None = None) -> int:
        q = q or ListQuery()
        stmt = select(func.count()).select_from(self.table).where(and_(*self._where(q)))
        with self.store.engine.connect() as con:
            return con.execute(stmt).scalar_one()

    def counts_without_each_filter(self, q: ListQuery) -> dict[str, int]:
        """Why a query finds nothing: each filter it sets (``organization``, ``district``,
        ``jukyo``, ``dates``, ``viewpoint``, ``text``, or an ``equals`` field), with how many
        rows there would be without that one filter. A filter with a count excludes
        everything the others leave; one whose removal still gives 0 is not the reason alone."""
        return {name: self.count(loosened) for name, loosened in loosened_queries(q)}

    # -- writing ---------------------------------------------------------------------

    def _validated(self, schema: type[SQLModel], data: Any, *, partial: bool) -> dict:
        raw = data.model_dump(exclude_unset=partial) if isinstance(data, SQLModel) else dict(data)
        try:
            model = schema.model_validate(_clean(raw))
        except pydantic.ValidationError as exc:
            raise validation_error(exc) from None
        return model.model_dump(exclude_unset=partial)

    def _check_many(self, con: Connection, rows: list[dict], currents: list[dict | None]) -> list[ValidationError | None]:
        """The store's rules for each of ``rows`` (whole rows as they would be): the first
        problem of each, or None. The records they refer to are looked up together."""
        alive = {name: {ref for ref, deleted in deleted_flags(
                     con, target.__table__, {r[name] for r in rows if r.get(name) is not None}).items()
                     if not deleted}
                 for name, target in self.references.items()}
        out: list = [self._vocab_or_reference_error(values, alive) for values in rows]
        passing = [i for i, error in enumerate(out) if error is None]
        _put_errors(out, passing, self.validate_many(con, [rows[i] for i in passing],
                                                     [currents[i] for i in passing]))
        return out

    def _vocab_or_reference_error(self, values: dict, alive: dict[str, set[str]]) -> ValidationError | None:
        for name, kind in self.vocab_fields.items():
            if name in values and values[name] is not None and not self.vocab.has(kind, values[name]):
                return ValidationError(f"{name}: 選択肢にない値です: {values[name]}",
                                       f"{name}: not one of the choices: {values[name]}", field=name)
        for name in self.references:
            ref = values.get(name)
            if ref is not None and ref not in alive[name]:
                return ValidationError(f"{name}: 参照先が見つかりません（削除された可能性があります）: {ref}",
                                       f"{name}: the record it refers to does not exist: {ref}", field=name)
        return None

    def validate(self, con: Connection, values: dict, current: dict | None) -> None:
        """Entity rules beyond field types; ``values`` is the whole row as it would be."""

    def validate_many(self, con: Connection, rows: list[dict], currents: list[dict | None]) -> list[ValidationError | None]:
        """:meth:`validate` for each row: its error or None. A service whose rules query the
        store overrides this to ask once for all rows (and its ``validate`` to call this)."""
        out: list[ValidationError | None] = []
        for values, current in zip(rows, currents):
            try:
                self.validate(con, values, current)
            except ValidationError as exc:
                out.append(exc)
            else:
                out.append(None)
        return out

    def prepare(self, con: Connection, values: dict) -> dict:
        """Derived fields, filled before the rules are checked (e.g. 地区 from 住区)."""
        return values

    def natural_id(self, values: dict) -> str | None:
        """For a record unique by what it means, an id made from that (the same on every
        device, so the same record made on two laptops is one record after sync); None for a
        random id."""
        return None

    def create(self, data: Any, *, label: str | None = None) -> ReadT:
        return run(self.store, label or f"{self.label_ja}を追加", lambda tx: self.create_in(tx, data))

    def create_in(self, tx: Tx, data: Any) -> ReadT:
        """:meth:`create` inside a caller's transaction (many rows, one change).

        Everything is checked before anything is written, so a ValidationError leaves the
        transaction as it was.
        """
        return self._read(write_row(tx, self.table, None, self.check_new_in(tx, data)))

    def check_new_in(self, tx: Tx, data: Any) -> dict:
        """Everything :meth:`create_in` checks, without writing: the row's values, for
        :meth:`create_many_in`."""
        result = self.check_many_new_in(tx, [data])[0]
        if isinstance(result, ValidationError):
            raise result
        return result

    def check_many_new_in(self, tx: Tx, rows: list, *, known_new: bool = False) -> list[dict | ValidationError]:
        """:meth:`check_new_in` for many rows (an import's): each row's checked values, or the
        ValidationError it fails with. The store is asked once per referenced table for all
        rows, not once per row. Rows are checked against the store, not against each other,
        except that two rows may not have the same id. ``known_new``: the caller has just
        looked the ids up itself."""
        out: list[dict | ValidationError] = []
        natural: set[int] = set()  # the rows whose id this call made from what they mean
        for data in rows:
            try:
                values = self.prepare(tx.con, self._validated(self.create_schema, data, partial=False))
                if not values.get("id"):
                    values["id"] = self.natural_id(values)
                    if values["id"]:
                        natural.add(len(out))
                    else:
                        values["id"] = m.new_id()
                out.append(values)
            except ValidationError as exc:
                out.append(exc)
        candidates = [i for i, values in enumerate(out) if isinstance(values, dict)]
        taken = set() if known_new else set(deleted_flags(tx.con, self.table, {out[i]["id"] for i in candidates}))
        for i in candidates:
            id_ = out[i]["id"]
            if id_ in taken and i in natural:
                # made before (and unlinked since), or a duplicate the rules below refuse by name:
                # the next id in its line, which every device that saw the same unlink takes too
                while id_ in taken:
                    out[i]["id"] = id_ = m.natural_id("again", id_)
                    taken.update(deleted_flags(tx.con, self.table, {id_}))
            elif id_ in taken:
                out[i] = ValidationError(f"同じ ID がすでにあります: {id_}", f"The id already exists: {id_}",
                                         field="id")
            taken.add(id_)
        candidates = [i for i in candidates if isinstance(out[i], dict)]
        _put_errors(out, candidates, self._check_many(tx.con, [out[i] for i in candidates], [None] * len(candidates)))
        return out

    def create_many_in(self, tx: Tx, checked: list[dict]) -> None:
        """Write rows that :meth:`check_new_in` passed, as :meth:`create_in` would write each
        (sync metadata, history, search index), a statement for all of them instead of several
        per row: for imports of thousands of rows."""
        write_new_rows(tx, self.table, checked)

    def update(self, id_: str, data: Any, *, label: str | None = None) -> ReadT:
        return run(self.store, label or f"{self.label_ja}を変更", lambda tx: self.update_in(tx, id_, data))

    def update_in(self, tx: Tx, id_: str, data: Any) -> ReadT:
        """:meth:`update` inside a caller's transaction; checks everything before writing."""
        current = self._fetch_live(tx.con, id_)
        changes = self.check_updates_in(tx, [(current, data)])[0]
        if isinstance(changes, ValidationError):
            raise changes
        return self._read(write_row(tx, self.table, current, changes))

    def check_updates_in(self, tx: Tx, items: list[tuple[dict, Any]]) -> list[dict | ValidationError]:
        """What :meth:`update_in` checks, for many (stored row, data) pairs at once: the changes
        each would write (for :meth:`update_many_in`), or the ValidationError it fails with."""
        out: list[dict | ValidationError] = []
        for current, data in items:
            try:
                changes = self._validated(self.update_schema, data, partial=True)
                merged = self.prepare(tx.con, {**current, **changes})
            except ValidationError as exc:
                out.append(exc)
                continue
            changes = {k: merged[k] for k in merged if k in changes or merged[k] != current[k]}
            out.append({k: v for k, v in changes.items() if k not in m.SYNC_FIELDS})
        passing = [i for i, changes in enumerate(out) if isinstance(changes, dict)]
        _put_errors(out, passing, self._check_many(tx.con, [{**items[i][0], **out[i]} for i in passing],
                                                   [items[i][0] for i in passing]))
        return out

    def update_many_in(self, tx: Tx, items: list[tuple[dict, dict]]) -> None:
        """Write (stored row, changes) pairs that :meth:`check_updates_in` passed, as
        :meth:`update_in` would write each, a few statements for all of them."""
        write_updates(tx, self.table, items)

    def delete(self, id_: str, *, label: str | None = None) -> ReadT:
        """Delete as a tombstone, so the deletion syncs and can be undone."""
        return run(self.store, label or f"{self.label_ja}を削除", lambda tx: self.delete_in(tx, id_))

    def delete_in(self, tx: Tx, id_: str) -> ReadT:
        """:meth:`delete` inside a caller's transaction."""
        current = self._fetch_live(tx.con, id_)
        return self._read(write_row(tx, self.table, current, {"deleted": True}))


def _put_errors(out: list, indices: list[int], errors: list) -> None:
    """Put each error found for ``out[indices[k]]`` in its place; rows without one stay."""
    for i, error in zip(indices, errors):
        if error is not None:
            out[i] = error


class VocabCache:
    """The store's vocabularies, read once (they only change with the app version)."""

    def __init__(self, store):
        with store.engine.connect() as con:
            rows = con.execute(select(m.Vocab).order_by(m.Vocab.kind, m.Vocab.ord)).mappings().all()
        self._by_kind: dict[str, list[dict]] = {}
        for r in rows:
            entry = dict(r)
            entry["extra"] = json.loads(entry["extra"]) if entry["extra"] else {}
            self._by_kind.setdefault(r["kind"], []).append(entry)
        self._codes = {k: {e["code"] for e in v} for k, v in self._by_kind.items()}

    def has(self, kind: str, code: str) -> bool:
        return code in self._codes.get(kind, ())

    def entries(self, kind: str) -> list[dict]:
        return list(self._by_kind.get(kind, []))

    def label(self, kind: str, code: str | None, language: str = "ja") -> str:
        for e in self._by_kind.get(kind, []):
            if e["code"] == code:
                return e["en"] if language == "en" else e["ja"]
        return code or ""

    def extra(self, kind: str, code: str) -> dict:
        for e in self._by_kind.get(kind, []):
            if e["code"] == code:
                return e["extra"]
        return {}
