"""Table models: one per entity, paging from SQL, sorting and filtering in SQL.

A model holds the rows loaded so far (read schemas, plain data) and the total the query
matches. It asks the service for the count and the first page on the database lane, and for
further pages when the view scrolls near the end (``canFetchMore``/``fetchMore``, as in Qt's
C++ fetchmore example). Sorting by a header re-runs the query with a new ORDER BY; filters
are a ListQuery the service turns into WHERE clauses. Nothing is ever sorted or filtered in
Python over every row.

Raw values sit behind RAW_ROLE (what sorting and editors use), the whole row behind ROW_ROLE.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ..core.fields import FieldDef, list_fields
from ..core.services import ListQuery
from .display import Display
from .tasks import TaskManager

translate = QCoreApplication.translate

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
RAW_ROLE = Qt.ItemDataRole.UserRole + 2
ID_ROLE = Qt.ItemDataRole.UserRole + 3

PAGE_SIZE = 200


@dataclass(frozen=True)
class Column:
    key: str  # stable name: settings and tests refer to it
    title: str  # source text in context "Column"
    text: Callable[[Any, Display], str]
    sort: str | None = None  # the database column ORDER BY uses; None: not sortable
    raw: Callable[[Any], Any] | None = None
    align_right: bool = False

    def raw_value(self, row) -> Any:
        if self.raw is not None:
            return self.raw(row)
        return getattr(row, self.key, None)


def _field(name: str) -> Callable[[Any, Display], str]:
    return lambda row, d: "" if getattr(row, name) is None else str(getattr(row, name))


def _one_line(name: str, limit: int = 120) -> Callable[[Any, Display], str]:
    def text(row, d):
        value = " ".join(str(getattr(row, name) or "").split())
        return value if len(value) <= limit else value[: limit - 1] + "…"

    return text


def _count(name: str) -> Callable[[Any, Display], str]:
    return lambda row, d: "" if getattr(row, name) is None else f"{getattr(row, name):d}"


def _text(f: FieldDef) -> Callable[[Any, Display], str]:
    """A list cell's text from the field's kind, as the lists show each kind."""
    name, kind, vocab = f.name, f.kind, f.vocab or ""
    if kind in ("int", "optint"):
        return _count(name)
    if kind == "multiline":
        return _one_line(name)
    if kind in ("date", "optdate"):
        return lambda r, d: d.date(getattr(r, name))
    if kind in ("datetime", "optdatetime"):
        return lambda r, d: d.datetime(getattr(r, name))
    if kind == "vocab":  # a code stored as a number (priority) is looked up as text
        return lambda r, d: d.label(vocab, _code(getattr(r, name)))
    if kind == "org":
        return lambda r, d: d.org(getattr(r, name))
    if kind == "jukyo":
        return lambda r, d: d.jukyo_name(getattr(r, name))
    if kind == "district":
        return lambda r, d: d.district(getattr(r, name))
    if kind == "viewpoint":
        return lambda r, d: d.viewpoint(getattr(r, name))
    if kind == "bool":  # a yes shows the column's own title ("Request"), a no nothing
        title = f.column or ""
        return lambda r, d: translate("Column", title) if getattr(r, name) else ""
    return _field(name)


def _code(value: Any) -> str | None:
    return value if value is None or isinstance(value, str) else str(value)


def described_columns(kind: str, **changes: dict[str, Any]) -> tuple[Column, ...]:
    """The list columns of ``kind`` as its description has them (core/fields.py: which fields,
    their order and titles), each cell's text from the field's kind and sorted by the field
    (or by what it says it sorts by; long text not at all); ``changes`` replace, per field,
    what a list shows otherwise than its kind would."""
    columns = []
    for f in list_fields(kind):
        column = Column(f.name, f.column or f.label, _text(f),
                        sort=None if f.kind == "multiline" else f.order_by or f.name,
                        align_right=f.kind in ("int", "optint"))
        columns.append(dataclasses.replace(column, **changes.get(f.name, {})))
    unknown = set(changes) - {c.key for c in columns}
    if unknown:
        raise KeyError(f"{kind}: no list column {sorted(unknown)}")
    return tuple(columns)


# The columns of every list, from the descriptions; what a list shows otherwise than the kind:
COLUMNS: dict[str, tuple[Column, ...]] = {
    "organization": described_columns("organization"),
    "meeting": described_columns("meeting"),
    "issue": described_columns("issue"),
    "note": described_columns("note"),
    "action_item": described_columns("action_item"),
    "agenda_item": described_columns("agenda_item", position={"text": lambda r, d: str(r.position + 1)},  # from 1
                                     outcome={"text": _one_line("outcome", 60)}),
    "attendee": described_columns("attendee"),
    "officer": described_columns("officer", nendo={"text": lambda r, d: d.nendo(r.nendo), "align_right": False}),
    "policy_link": described_columns("policy_link", reason={"text": _one_line("reason", 80), "sort": "reason"}),
}


class EntityTableModel(QAbstractTableModel):
    """The rows of one entity matching a ListQuery, loaded a page at a time."""

    #: a new query's first page arrived: (total rows matching — while ``counting``, the rows so
    #: far: the count follows in ``counted``)
    loaded = Signal(int)
    #: the count of a query whose first page was full arrived: (total rows matching)
    counted = Signal(int)
    #: a further page was appended
    page_loaded = Signal()

    def __init__(self, service, tasks: TaskManager, display: Display,
                 columns: Iterable[Column] | None = None, page_size: int = PAGE_SIZE, parent=None):
        super().__init__(parent)
        self.service = service
        self.tasks = tasks
        self.display = display
        self.columns: tuple[Column, ...] = tuple(columns if columns is not None else COLUMNS[service.kind])
        self.page_size = page_size
        self._query = ListQuery()
        self._rows: list[Any] = []
        self._total = 0
        self._generation = 0  # results of superseded queries are dropped
        self._fetching = False
        self._loading = False
        self._counting = False

    @property
    def kind(self) -> str:
        return self.service.kind

    @property
    def query(self) -> ListQuery:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    @property
    def loading(self) -> bool:
        return self._loading

    @property
    def counting(self) -> bool:
        """The first page is shown and the rows are still being counted."""
        return self._counting

    # -- loading ---------------------------------------------------------------------

    def set_query(self, query: ListQuery) -> None:
        """Show the rows matching ``query`` (keeps the current order unless it sets one)."""
        if not query.order_by:
            query = dataclasses.replace(query, order_by=list(self._query.order_by))
        self._query = dataclasses.replace(query, limit=None, offset=0)
        self.reload()

    def reload(self, recount: bool = True) -> None:
        """The first page on the lane, shown as soon as it arrives; then, if the page was full,
        the count (a person sees the rows before the number: at ward size counting the matches
        of a word costs as much as the page). ``recount`` False keeps the count (a new order)."""
        self._generation += 1
        generation = self._generation
        query, service, size = self._query, self.service, self.page_size
        known = None if recount or self._counting else self._total
        self._loading = True

        def first_page(rows: list) -> None:
            if generation != self._generation:
                return
            if len(rows) < size:
                total = len(rows)
            elif known is not None:
                total = known
            else:
                total = None
            self._reset(generation, len(rows) if total is None else total, rows, counting=total is None)
            if total is None:
                self.tasks.run_in_background(lambda: service.count(query),
                                             lambda n: self._counted(generation, n),
                                             lambda exc: self._failed(generation, exc), owner=self)

        self.tasks.run_in_background(lambda: service.list(dataclasses.replace(query, limit=size, offset=0)),
                                     first_page, lambda exc: self._failed(generation, exc), owner=self)

    def _counted(self, generation: int, total: int) -> None:
        if generation != self._generation:
            return
        self._counting = False
        self._total = max(total, len(self._rows))
        self.counted.emit(self._total)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._loading = False
            self._fetching = False
            self._counting = False
        self.tasks.report_error(exc)

    def _reset(self, generation: int, total: int, rows: list, counting: bool = False) -> None:
        if generation != self._generation:
            return
        # rows out, rows in — not a model reset, which would also reset the header's
        # column widths, resize modes and hidden columns
        self._fetching = False
        if self._rows:
            self.beginRemoveRows(QModelIndex(), 0, len(self._rows) - 1)
            self._rows = []
            self.endRemoveRows()
        self._total = max(total, len(rows))
        if rows:
            self.beginInsertRows(QModelIndex(), 0, len(rows) - 1)
            self._rows = list(rows)
            self.endInsertRows()
        self._loading = False
        self._counting = counting
        self.loaded.emit(self._total)

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        if parent.isValid():
            return False
        return not self._fetching and not self._loading and (self._counting or len(self._rows) < self._total)

    def fetchMore(self, parent=QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation = self._generation
        query = dataclasses.replace(self._query, limit=self.page_size, offset=len(self._rows))
        service = self.service
        self.tasks.run_in_background(lambda: service.list(query),
                                     lambda rows: self._append(generation, rows),
                                     lambda exc: self._failed(generation, exc), owner=self)

    def _append(self, generation: int, rows: list) -> None:
        if generation != self._generation:
            return
        self._fetching = False
        if not rows:
            self._total = len(self._rows)  # rows went away since the count (or the count is still on its way)
            if self._counting:
                self._counting = False
                self.counted.emit(self._total)
            return
        start = len(self._rows)
        # C++ fetchmore example: last = first + n - 1 (the Python port is off by one)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self._rows.extend(rows)
        self._total = max(self._total, len(self._rows))
        self.endInsertRows()
        if self._counting and len(rows) < self.page_size:  # the last page: now the count is known
            self._counting = False
            self.counted.emit(self._total)
        self.page_loaded.emit()

    def refresh(self, ids: Iterable[str] | None = None) -> None:
        """Some rows changed: re-read those shown in place, or re-run the query if any
        changed row is not shown (it may now match, or a new one was added)."""
        ids = set(ids or ())
        shown = {row.id: i for i, row in enumerate(self._rows)}
        if not ids or not ids <= shown.keys():
            self.reload()
            return
        generation = self._generation
        query = dataclasses.replace(self._query, equals={**self._query.equals, "id": sorted(ids)},
                                    limit=None, offset=0)
        service = self.service
        self.tasks.run_in_background(lambda: service.list(query),
                                     lambda rows: self._replace(generation, ids, rows), owner=self)

    def _replace(self, generation: int, ids: set[str], rows: list) -> None:
        if generation != self._generation:
            return
        if len(rows) != len(ids):  # some no longer match the filters (or were deleted)
            self.reload()
            return
        shown = {row.id: i for i, row in enumerate(self._rows)}
        for row in rows:
            i = shown[row.id]
            self._rows[i] = row
            self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.columns) - 1))

    def redisplay(self) -> None:
        """Settings changed how values look (era, language): repaint every cell."""
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    # -- Qt model --------------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def row(self, i: int):
        return self._rows[i]

    def row_of(self, ref_id: str) -> int:
        for i, row in enumerate(self._rows):
            if row.id == ref_id:
                return i
        return -1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self.columns):
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = column.text(row, self.display)
            if role == Qt.ItemDataRole.ToolTipRole:
                return text or None
            return text
        if role == RAW_ROLE:
            return column.raw_value(row)
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.align_right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return translate("Column", self.columns[section].title)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        sort = self.columns[column].sort if 0 <= column < len(self.columns) else None
        if sort is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        order_by = [(sort, descending)]
        if order_by == self._query.order_by:
            return
        self._query = dataclasses.replace(self._query, order_by=order_by)
        if self._generation:  # a list not yet loaded takes the order with its first query
            self.reload(recount=False)  # the same rows in another order: the count stands
