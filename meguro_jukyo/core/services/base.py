"""What every entity service shares: one transaction per call, history, clock, search index.

A service call opens one transaction (:class:`Tx`), validates its input against the entity's
Create/Update schema and the store's rules, writes the row with fresh sync metadata
(revision, base revision, clock stamp, device), records each changed field in ``history``
under one ``change`` (the unit of undo), and refreshes the row's search document — all or
nothing. Callers get plain read schemas back, never ORM objects.
"""

from __future__ import annotations

import builtins
import datetime as dt
from typing import Any, ClassVar, Generic, Iterator, TypeVar

import pydantic
from sqlalchemy import ColumnElement, String, Table, and_, case, column, false, func, literal_column, select, text
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from .. import models as m
from ..bulk import chunks
from ..errors import NotFound, ValidationError
from .listing import ListQuery, loosened_queries, organizations_in_area
from ..search import id_subquery, query_variants
from .rows import _by_id, _rows_by_ids, deleted_flags, write_new_rows, write_row, write_updates
from .unit_of_work import Tx, run
from .values import clean, validation_error
from .vocab import VocabCache

ReadT = TypeVar("ReadT", bound=SQLModel)


class EntityService(Generic[ReadT]):
    table_model: ClassVar[type[m.TableClass]]
    create_schema: ClassVar[type[SQLModel]]
    update_schema: ClassVar[type[SQLModel]]
    #: set on the class like the others (a ClassVar cannot hold the type parameter)
    read_schema: type[ReadT]
    #: field -> table it refers to (checked on every write: exists and not deleted)
    references: ClassVar[dict[str, type[m.TableClass]]] = {}
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
        where, on SQLite, the text and 視点 conditions are checked while walking the order's index rather
        than used to look rows up by id and sort them all (SQLite, with no statistics, takes the
        lookup: at ward size a common word or a busy 視点 has 10,000-20,000 rows to sort for a
        page of 200 — 50-100 ms instead of 5-40 ms).

        Text that few rows match is the other way round: walking the order's index reads the
        whole table to find them (鍵 among the ward's 488,000 notes: 150-400 ms), looking its
        matches up by id reads only them (6 ms). On SQLite, whose planner would walk the
        ``deleted`` index either way, a count always looks its matches up (え among the notes:
        370 ms instead of 810), and a page does when the text matches fewer than
        :attr:`FEW_MATCHES` rows of this kind (:meth:`_text_condition`)."""
        t = self.table
        text_ids = self._text_condition(q, ordered) if q.text.strip() else None
        lookup = text_ids is not None and text_ids[1]
        # PostgreSQL plans from its statistics: hidden behind an expression, the ids could only
        # be compared row by row (ぼうさい among the notes: 10,000 matches × 10,000 notes, 6 s)
        walk = ordered and not lookup and self.store.engine.dialect.name == "sqlite"
        ids = t.c.id.concat(literal_column("''")) if walk else t.c.id
        conds: list[ColumnElement[bool]] = []
        if not q.include_deleted:
            # coalesce: not a condition the ``deleted`` index can serve, so the matches drive
            conds.append(func.coalesce(t.c.deleted, False).is_(False) if lookup else t.c.deleted.is_(False))
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
        area = organizations_in_area(q)
        if area is not None and self.org_field:
            conds.append(t.c[self.org_field].in_(area))
        if q.organization_id is not None:
            conds.append(self._organization_condition(q.organization_id))
        if q.viewpoint_id:
            conds.append(ids.in_(self._viewpoint_targets(q.viewpoint_id)))
        if text_ids is not None:
            subquery = text_ids[0]
            conds.append(ids.in_(subquery) if subquery is not None else false())
        return conds

    #: a page whose text matches fewer rows than this looks them up (see :meth:`_where`): the
    #: walk reads about 200 × rows ÷ matches rows, the lookup about matches, and a lookup's row
    #: costs more (measured at ward size: 3,800 matches among 488,000 notes are even)
    FEW_MATCHES = 2000

    def _text_condition(self, q: ListQuery, ordered: bool):
        """(the SELECT of the ids of this kind that ``q.text`` matches or None when it has
        nothing to look for, whether to look them up rather than walk) — see :meth:`_where`."""
        dialect = self.store.engine.dialect.name
        with self.store.engine.connect() as con:
            variants = query_variants(con, q.text)
            sql, params = id_subquery(dialect, q.text, self.kind, variants)
            if sql is None:
                return None, False
            subquery = text(sql).bindparams(**params).columns(column("ref_id", String))
            if dialect != "sqlite":
                return subquery, False  # PostgreSQL plans from its statistics
            if not ordered:
                return subquery, True
            probe = text(f"SELECT count(*) FROM ({sql} LIMIT {self.FEW_MATCHES})").bindparams(**params)
            return subquery, con.execute(probe).scalar_one() < self.FEW_MATCHES

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

    def _page(self, q: ListQuery):
        """The SELECT of the rows ``q`` shows, in its order, limited to its page."""
        stmt = select(self.table).where(and_(*self._where(q, ordered=True))).order_by(*self._order(q))
        if q.limit is not None:
            stmt = stmt.limit(q.limit)
        if q.offset:
            stmt = stmt.offset(q.offset)
        return stmt

    def list(self, q: ListQuery | None = None) -> list[ReadT]:
        with self.store.engine.connect() as con:
            return [self._read(r) for r in con.execute(self._page(q or ListQuery())).mappings()]

    def select_ids(self, q: ListQuery | None = None):
        """A SELECT of the ids ``list(q)`` would show, for use as a subquery."""
        return select(self.table.c.id).where(and_(*self._where(q or ListQuery())))

    def stream(self, q: ListQuery | None = None, batch: int = 1000) -> Iterator[dict]:
        """The rows ``list(q)`` would return, as plain dicts fetched ``batch`` at a time.

        For exports of ward-size lists: memory stays flat however many rows there are.
        """
        stmt = self._page(q or ListQuery())
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
            model = schema.model_validate(clean(raw))
        except pydantic.ValidationError as exc:
            raise validation_error(exc) from None
        return model.model_dump(exclude_unset=partial)

    def _check_many(self, con: Connection, rows: builtins.list[dict], currents: builtins.list[dict | None]) -> builtins.list[ValidationError | None]:
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

    def validate_many(self, con: Connection, rows: builtins.list[dict],
                      currents: builtins.list[dict | None]) -> builtins.list[ValidationError | None]:
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

    def check_many_new_in(self, tx: Tx, rows: builtins.list, *, known_new: bool = False) -> builtins.list[dict | ValidationError]:
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
        candidates = {i: values for i, values in enumerate(out) if isinstance(values, dict)}  # index -> values
        taken: set[str] = set() if known_new else set(deleted_flags(
            tx.con, self.table, {values["id"] for values in candidates.values()}))
        for i, values in list(candidates.items()):
            id_ = values["id"]
            if id_ in taken and i in natural:
                # made before (and unlinked since), or a duplicate the rules below refuse by name:
                # the next id in its line, which every device that saw the same unlink takes too
                while id_ in taken:
                    values["id"] = id_ = m.natural_id("again", id_)
                    taken.update(deleted_flags(tx.con, self.table, {id_}))
            elif id_ in taken:
                out[i] = ValidationError(f"同じ ID がすでにあります: {id_}", f"The id already exists: {id_}",
                                         field="id")
                del candidates[i]
            taken.add(id_)
        _put_errors(out, list(candidates), self._check_many(tx.con, list(candidates.values()), [None] * len(candidates)))
        return out

    def create_many_in(self, tx: Tx, checked: builtins.list[dict]) -> None:
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

    def check_updates_in(self, tx: Tx, items: builtins.list[tuple[dict, Any]]) -> builtins.list[dict | ValidationError]:
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
        passing = {i: changes for i, changes in enumerate(out) if isinstance(changes, dict)}  # index -> changes
        _put_errors(out, list(passing), self._check_many(tx.con, [{**items[i][0], **changes} for i, changes in passing.items()],
                                                         [items[i][0] for i in passing]))
        return out

    def update_many_in(self, tx: Tx, items: builtins.list[tuple[dict, dict]]) -> None:
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
