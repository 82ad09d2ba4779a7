"""A list page: filters above a table that pages from SQL.

Every filter becomes part of the ListQuery the service runs; the text box waits for a pause in
typing (150 ms) so each keystroke does not start a query.

Why one file of ~510 lines: the two classes are one page — :class:`FilterBar` exists only to
build the :class:`ListPage`'s query, and each reads the other's state (the page's columns decide
the filters shown, the filters' query decides what the page loads).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.fields import ENTITIES
from ..core.japanese import nendo, nendo_range
from ..core.services import ListQuery
from . import a11y
from .display import Display
from .models import ROW_ROLE, EntityTableModel
from .names import kind_name
from .settings import Settings
from .tasks import TaskManager
from .widgets import ChoiceBox, ChoiceMenu, DateEdit, empty_hint_text
from .i18n import tr_args, tr_n

translate = QCoreApplication.translate
DEBOUNCE_MS = 150
NENDO_YEARS = 12

#: which filters each list offers
FILTERS: dict[str, tuple[str, ...]] = {
    "organization": ("text", "district", "organization_kind"),
    "meeting": ("text", "organization", "district", "meeting_type", "meeting_status", "nendo", "dates"),
    "issue": ("text", "organization", "district", "jukyo", "issue_category", "issue_status", "request", "nendo",
              "dates", "viewpoint"),
    "note": ("text", "organization", "district", "note_kind", "nendo", "dates", "viewpoint"),
    "action_item": ("text", "organization", "district", "action_status", "nendo", "dates"),
    # the 集計 page (dashboard.py): the issue list's filters its counts open onto
    "desk": ("nendo", "dates", "district", "jukyo", "organization", "issue_category", "issue_status"),
}

#: vocabulary filter -> the field it sets: the fields of each list's entity (core/fields.py)
#: whose vocabulary the list offers as a filter
VOCAB_FIELDS = {f.vocab: f.name for kind, offered in FILTERS.items() if kind in ENTITIES
                for f in ENTITIES[kind].fields if f.kind == "vocab" and f.vocab in offered}

#: vocabulary filters where several choices can be ticked at once (as on the Excel page)
MULTI_CHOICE = {"meeting_status", "issue_category", "issue_status", "action_status"}

#: text as wide as a column's usual content, for its starting width
_DATE = "令和10年12月31日"
COLUMN_SAMPLES = {
    "raised_on": _DATE, "answered_on": _DATE, "due_on": _DATE, "done_on": _DATE,
    "starts_at": _DATE + " 19:00", "recorded_at": _DATE + " 19:00",
    "organization_id": "自由が丘住区住民会議", "place": "住区センター会議室", "district_code": "中央",
    "jukyo_code": "自由が丘", "kind": "住区住民会議", "category": "福祉・高齢者", "status": "区へ要望",
    "priority": "優先度", "is_request": "要望", "present": "出席", "meeting_type": "総会（定期）",
    "assignee": "担当者名", "decision_method": "決定の方法", "yomi": "じゆうがおかじゅうく",
}

# the characters a filter's choice box is at least wide enough for (its list shows them whole)
COMPACT_CHOICE = 6

#: columns hidden until the user shows them
DEFAULT_HIDDEN = {"issue": {"answered_on"}, "organization": {"yomi"}}

#: the column that stretches to take the free width
STRETCH = {"organization": "name", "meeting": "title", "issue": "title", "note": "body", "action_item": "title"}


class FilterBar(QWidget):
    """The filters of one list; emits ``changed`` when the query they make changes."""

    changed = Signal()

    def __init__(self, kind: str, display: Display, viewpoints: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.kind, self.display = kind, display
        self.offered = FILTERS[kind]
        # every filter by name, and the same widgets by what they are (for their values)
        self.widgets: dict[str, QWidget] = {}
        self.text_field: QLineEdit | None = None
        self.choices: dict[str, ChoiceBox] = {}
        self.menus: dict[str, ChoiceMenu] = {}
        self.dates: dict[str, DateEdit] = {}
        self.date_error = QLabel()
        self.date_error.setStyleSheet("color: #b00020;")
        self.date_error.hide()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        any_ = translate("Filters", "All")
        slots: list[tuple[str, QWidget]] = []
        if "text" in self.offered:
            text = QLineEdit()
            text.setObjectName("filter_text")
            text.setPlaceholderText(translate("Filters", "Search in this list…"))
            text.setClearButtonEnabled(True)
            self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
            self._timer.timeout.connect(self.changed)
            text.textChanged.connect(lambda _t: self._timer.start())
            self.widgets["text"] = self.text_field = text
        if "organization" in self.offered:
            slots.append((translate("Filters", "Organization"),
                          self._choice("organization", ChoiceBox(list(display.org_names.items()), empty=any_))))
        if "district" in self.offered:
            slots.append((translate("Filters", "District"), self._choice(
                "district", ChoiceBox([(d.code, display.district(d.code)) for d in display.districts], empty=any_))))
        if "jukyo" in self.offered:
            slots.append((translate("Filters", "Residents' area"),
                          self._choice("jukyo", ChoiceBox([(j.code, j.name) for j in display.jukyo], empty=any_))))
        for name in self.offered:
            if name in VOCAB_FIELDS:
                if name in MULTI_CHOICE:
                    self.menus[name] = self.widgets[name] = ChoiceMenu(display.entries(name), any_)
                else:
                    self._choice(name, ChoiceBox(display.entries(name), empty=any_))
                label = translate("Filters", "Category") if name == "issue_category" else (
                    translate("Filters", "Type") if name in ("meeting_type", "organization_kind", "note_kind")
                    else translate("Filters", "Status"))
                slots.append((label, self.widgets[name]))
        if "request" in self.offered:
            slots.append((translate("Filters", "Request"), self._choice(
                "request", ChoiceBox([(True, translate("Filters", "Requests only")),
                                      (False, translate("Filters", "Not requests"))], empty=any_))))
        if "nendo" in self.offered:
            this_year = nendo(dt.date.today())
            slots.append((translate("Filters", "Fiscal year"), self._choice(
                "nendo", ChoiceBox([(y, display.nendo(y)) for y in range(this_year, this_year - NENDO_YEARS, -1)],
                                   empty=any_))))
        if "dates" in self.offered:
            date_from = self.dates["date_from"] = self.widgets["date_from"] = DateEdit(display.era)
            date_to = self.dates["date_to"] = self.widgets["date_to"] = DateEdit(display.era)
            for edit in (date_from, date_to):
                edit.setPlaceholderText(translate("Filters", "e.g. R7.4.1"))
                edit.editingFinished.connect(self.changed)
                edit.textChanged.connect(self._date_text_changed)
            a11y.mark_part(date_from, translate("A11y", "from"))
            a11y.mark_part(date_to, translate("A11y", "to"))
            dates = QWidget()
            box = QHBoxLayout(dates)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(date_from)
            box.addWidget(QLabel("〜"))
            box.addWidget(date_to)
            slots.append((translate("Filters", "Dates"), dates))
        if "viewpoint" in self.offered:
            viewpoint = self._choice("viewpoint", ChoiceBox(viewpoints, empty=any_))
            viewpoint.setMinimumContentsLength(14)
            viewpoint.setSizeAdjustPolicy(ChoiceBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            slots.append((translate("Filters", "Viewpoint"), viewpoint))
        for name, w in self.widgets.items():
            w.setObjectName(f"filter_{name}")
            if isinstance(w, ChoiceBox):
                if name != "viewpoint":  # as narrow as a short choice: the row fits a laptop in large text
                    w.setMinimumContentsLength(COMPACT_CHOICE)
                    w.setSizeAdjustPolicy(ChoiceBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                w.currentIndexChanged.connect(lambda _i: self.changed.emit())
            elif isinstance(w, ChoiceMenu):
                w.changed.connect(self.changed)
        self.labels = {name: label for label, widget in slots for name, w in self.widgets.items() if w is widget}
        self.labels["text"] = translate("Filters", "Search text")
        if "text" in self.widgets:
            a11y.name(self.widgets["text"], self.labels["text"])
        if "date_from" in self.widgets:
            self.labels["dates"] = translate("Filters", "Fiscal year / dates")
        per_row = 4
        column = 0
        row = 0
        if "text" in self.widgets:
            grid.addWidget(self.widgets["text"], 0, 0, 1, per_row * 2)
            row = 1
        for i, (label, widget) in enumerate(slots):
            r, c = row + i // per_row, (i % per_row) * 2
            grid.addWidget(a11y.labelled(QLabel(label), widget), r, c, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(widget, r, c + 1)
            column = max(column, c + 1)
        for c in range(1, per_row * 2, 2):
            grid.setColumnStretch(c, 1)
        grid.addWidget(self.date_error, row + (len(slots) + per_row - 1) // per_row, 0, 1, per_row * 2)

    def _choice(self, name: str, box: ChoiceBox) -> ChoiceBox:
        self.choices[name] = self.widgets[name] = box
        return box

    def _date_text_changed(self, text: str) -> None:
        if not text:  # a date field emptied: the list no longer filters by it
            self.changed.emit()

    def query(self) -> ListQuery:
        q = ListQuery()
        c = self.choices
        equals: dict[str, Any] = {}
        if self.text_field is not None:
            q.text = self.text_field.text()
        if "organization" in c and c["organization"].value():
            q.organization_id = c["organization"].value()
        if "district" in c and c["district"].value():
            q.district_code = c["district"].value()
        if "jukyo" in c and c["jukyo"].value():
            q.jukyo_code = c["jukyo"].value()
        for name, field in VOCAB_FIELDS.items():
            if name in self.menus:
                if self.menus[name].values():
                    equals[field] = list(self.menus[name].values())
            elif name in c and c[name].value() is not None:
                equals[field] = c[name].value()
        if "request" in c and c["request"].value() is not None:
            equals["is_request"] = c["request"].value()
        if "nendo" in c and c["nendo"].value() is not None:
            q.date_from, q.date_to = nendo_range(c["nendo"].value())
        if self.dates:
            problems = []
            for key, edit in self.dates.items():
                try:
                    value = edit.value()
                except ValueError as exc:
                    problems.append(str(exc))
                    continue
                if value is not None:
                    current = getattr(q, key)
                    if key == "date_from":
                        q.date_from = max(value, current) if current else value
                    else:
                        q.date_to = min(value, current) if current else value
            self.date_error.setText(" ".join(problems))
            self.date_error.setVisible(bool(problems))
        if "viewpoint" in c and c["viewpoint"].value():
            q.viewpoint_id = c["viewpoint"].value()
        q.equals = equals
        return q

    def set_query(self, q: ListQuery) -> None:
        """Show ``q`` in the widgets (one ``changed`` at the end): the 集計 page opens the list
        onto the issues a count was made of. A date range that is one whole 年度 is shown as
        that 年度."""
        w = self.widgets
        values: dict[str, Any] = {"organization": q.organization_id, "district": q.district_code, "jukyo": q.jukyo_code,
                  "viewpoint": q.viewpoint_id, "request": q.equals.get("is_request")}
        values.update({name: q.equals.get(field) for name, field in VOCAB_FIELDS.items() if name in w})
        year = nendo(q.date_from) if q.date_from else None
        whole_year = year is not None and (q.date_from, q.date_to) == nendo_range(year)
        values["nendo"] = year if whole_year else None
        for widget in w.values():
            widget.blockSignals(True)
        try:
            for name, value in values.items():
                if name in self.menus:  # multi-choice: a value or a list
                    self.menus[name].set_values(() if value is None else value if isinstance(value, (list, tuple)) else (value,))
                elif name in self.choices:
                    self.choices[name].set_value(value)
            if self.text_field is not None:
                self.text_field.setText(q.text)
            if self.dates:
                self.dates["date_from"].set_value(None if whole_year else q.date_from)
                self.dates["date_to"].set_value(None if whole_year else q.date_to)
        finally:
            for widget in w.values():
                widget.blockSignals(False)
        self.changed.emit()

    def set_organizations(self, orgs: list[tuple[str, str]]) -> None:
        if "organization" in self.choices:
            self.choices["organization"].set_choices(orgs)

    def clear(self) -> None:
        for w in self.widgets.values():
            if isinstance(w, ChoiceBox):
                w.blockSignals(True)
                w.setCurrentIndex(0)
                w.blockSignals(False)
            elif isinstance(w, QLineEdit):
                w.blockSignals(True)
                w.clear()
                w.blockSignals(False)
            elif isinstance(w, ChoiceMenu):
                w.blockSignals(True)
                w.set_values(())
                w.blockSignals(False)
        self.changed.emit()

    def label_of(self, filter_name: str) -> str:
        """The label of the filter behind a name of ``counts_without_each_filter``."""
        for name, field in (*VOCAB_FIELDS.items(), ("request", "is_request")):
            if field == filter_name and name in self.labels:
                return self.labels[name]
        return self.labels.get(filter_name, filter_name)


class ListPage(QWidget):
    """Filters, a table paging from SQL, and New / Open / Delete."""

    open_requested = Signal(str, object)  # kind, row
    new_requested = Signal(str)
    delete_requested = Signal(str, object)
    link_requested = Signal(str, object)

    def __init__(self, kind: str, services, tasks: TaskManager, display: Display, settings: Settings,
                 viewpoints: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.kind, self.services, self.tasks, self.display, self.settings = kind, services, tasks, display, settings
        self.setObjectName(f"page_{kind}")
        self.model = EntityTableModel(services.by_kind(kind), tasks, display, parent=self)
        self.filters = FilterBar(kind, display, viewpoints)
        self.filters.changed.connect(self.apply_filters)

        self.new_button = QPushButton(translate("ListPage", "New"))
        self.new_button.setToolTip(translate("ListPage", "New (Ctrl+N)"))
        self.open_button = QPushButton(translate("ListPage", "Open"))
        self.delete_button = QPushButton(translate("ListPage", "Delete…"))
        self.clear_button = QPushButton(translate("ListPage", "Clear filters"))
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        self.new_button.clicked.connect(lambda: self.new_requested.emit(self.kind))
        self.open_button.clicked.connect(self.open_current)
        self.delete_button.clicked.connect(self.delete_current)
        self.clear_button.clicked.connect(self.filters.clear)

        self.view = QTableView()
        self.view.setObjectName(f"table_{kind}")
        a11y.name(self.view, kind_name(kind))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        # no indicator first: enabling sorting would otherwise sort by column 0 at once
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        header.setSortIndicatorShown(True)
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self.view.doubleClicked.connect(lambda _i: self.open_current())

        open_action = QAction(self.view)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(self.open_current)
        self.view.addAction(open_action)
        delete_action = QAction(self.view)
        delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_action.triggered.connect(self.delete_current)
        self.view.addAction(delete_action)

        buttons = QHBoxLayout()
        for b in (self.new_button, self.open_button, self.delete_button):
            buttons.addWidget(b)
        if kind in ("issue", "note"):
            self.link_button = QPushButton(translate("ListPage", "Link to a viewpoint…"))
            self.link_button.clicked.connect(self._link_current)
            buttons.addWidget(self.link_button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        buttons.addWidget(self.clear_button)
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("empty_hint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()
        self._hint_generation = 0
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addLayout(buttons)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.view, 1)
        self.model.loaded.connect(self._loaded)
        self.model.counted.connect(self._show_count)
        self._size_columns()
        self._apply_hidden_columns()
        self._started = False

    # -- data ------------------------------------------------------------------------

    def start(self) -> None:
        """First load (pages load when first shown, so startup stays quick)."""
        if not self._started:
            self._started = True
            self.apply_filters()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.start()

    def apply_filters(self) -> None:
        self._started = True
        self._hint_generation += 1
        self.empty_hint.hide()
        if not self.model.rowCount():
            self.count_label.setText(translate("ListPage", "Loading…"))
        self.model.set_query(self.filters.query())

    def refresh(self, ids=None) -> None:
        if self._started:
            self.model.refresh(ids)

    def _show_count(self, total: int) -> None:
        self.count_label.setText(tr_n("ListPage", "%Ln row(s)", total))
        if total == 0:
            self._explain_empty()
        else:
            self._hint_generation += 1
            self.empty_hint.hide()

    def _explain_empty(self) -> None:
        """Nothing matches: say which filters exclude everything (with how many rows there
        would be without each), on the lane."""
        query = self.filters.query()
        service, generation = self.services.by_kind(self.kind), self._hint_generation
        self.tasks.run_in_background(lambda: service.counts_without_each_filter(query),
                                     lambda counts: self._show_empty_hint(generation, counts), owner=self)

    def _show_empty_hint(self, generation: int, counts: dict[str, int]) -> None:
        if generation != self._hint_generation or not counts:
            return
        self.empty_hint.setText(empty_hint_text(counts, self.filters.label_of))
        self.empty_hint.show()

    def _loaded(self, total: int) -> None:
        if self.model.counting:
            self.count_label.setText(tr_args("ListPage", "%1 or more rows (counting…)", f"{total:,}"))
        else:
            self._show_count(total)
        if self.model.rowCount() and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, 0))

    def current(self):
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select_id(self, ref_id: str) -> bool:
        row = self.model.row_of(ref_id)
        if row < 0:
            return False
        self.view.setCurrentIndex(self.model.index(row, 0))
        return True

    def open_current(self) -> None:
        row = self.current()
        if row is not None:
            self.open_requested.emit(self.kind, row)

    def delete_current(self) -> None:
        row = self.current()
        if row is not None:
            self.delete_requested.emit(self.kind, row)

    def _link_current(self) -> None:
        row = self.current()
        if row is not None:
            self.link_requested.emit(self.kind, row)

    # -- columns ---------------------------------------------------------------------

    def _size_columns(self) -> None:
        """Each column as wide as its usual content (a date: 令和10年12月31日) and its title with
        the sort arrow, in the table's font: again whenever the text size changes."""
        header = self.view.horizontalHeader()
        fm, title_fm = self.view.fontMetrics(), header.fontMetrics()
        style = header.style()
        padding = 2 * style.pixelMetric(style.PixelMetric.PM_HeaderMargin) + fm.averageCharWidth() * 2
        arrow = style.pixelMetric(style.PixelMetric.PM_HeaderMarkSize) + 8
        stretch = STRETCH.get(self.kind)
        for i, column in enumerate(self.model.columns):
            if column.key == stretch:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
                continue
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
            sample = COLUMN_SAMPLES.get(column.key, "中中中中中")
            title = translate("Column", column.title)
            header.resizeSection(i, max(fm.horizontalAdvance(sample), title_fm.horizontalAdvance(title) + arrow) + padding)
        self.view.verticalHeader().setDefaultSectionSize(fm.height() + 10)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # large text switched on or off
            QTimer.singleShot(0, self, self._size_columns)  # once the table's own font has changed too

    def _hidden(self) -> set[str]:
        return self.settings.hidden_columns(self.kind, DEFAULT_HIDDEN.get(self.kind, set()))

    def _apply_hidden_columns(self) -> None:
        hidden = self._hidden()
        for i, column in enumerate(self.model.columns):
            self.view.setColumnHidden(i, column.key in hidden)

    def _column_menu(self, pos) -> None:
        menu = self.column_menu()
        menu.exec(self.view.horizontalHeader().mapToGlobal(pos))

    def column_menu(self) -> QMenu:
        menu = QMenu(translate("ListPage", "Columns"), self)
        hidden = self._hidden()
        for i, column in enumerate(self.model.columns):
            action = menu.addAction(translate("Column", column.title))
            action.setCheckable(True)
            action.setChecked(column.key not in hidden)
            action.toggled.connect(lambda on, key=column.key: self.set_column_visible(key, on))
        return menu

    def set_column_visible(self, key: str, visible: bool) -> None:
        hidden = self._hidden()
        if visible:
            hidden.discard(key)
        elif len(hidden) + 1 < len(self.model.columns):  # keep at least one column
            hidden.add(key)
        self.settings.set_hidden_columns(self.kind, hidden)
        self._apply_hidden_columns()

    def redisplay(self) -> None:
        self.model.redisplay()

