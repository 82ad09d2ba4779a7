"""Search everything (Ctrl+F): results grouped by kind, opened with Enter or a double-click."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QDialog, QLabel, QLineEdit, QTreeView, QVBoxLayout

from ..core.search import KINDS
from . import a11y
from .names import kind_name
from .i18n import tr_args
from .widgets import fit_to_screen

translate = QCoreApplication.translate
DEBOUNCE_MS = 150
LIMIT = 300
HIT_ROLE = Qt.ItemDataRole.UserRole + 20


class SearchResultsModel(QStandardItemModel):
    """Kinds at the top level (with their counts), hits under them: title, organization, date
    and a snippet of the text, so hits with the same title can be told apart."""

    def __init__(self, display, parent=None):
        super().__init__(parent)
        self.display = display

    def show(self, hits) -> None:
        self.clear()
        self.setHorizontalHeaderLabels([translate("Search", "Results"), translate("Search", "Organization"),
                                        translate("Search", "Date"), translate("Search", "Text")])
        groups: dict[str, list] = {}
        for hit in hits:
            groups.setdefault(hit.kind, []).append(hit)
        for kind in KINDS:
            if kind not in groups:
                continue
            group = QStandardItem(f"{kind_name(kind)} ({len(groups[kind])})")
            group.setEditable(False)
            group.setSelectable(False)
            font = group.font()
            font.setBold(True)
            group.setFont(font)
            for hit in groups[kind]:
                org = "" if kind == "organization" else self.display.org_names.get(hit.org_id, "")
                cells = [" ".join(hit.title.split()) or hit.ref_id, org, self.display.date(hit.when), hit.snippet]
                row = []
                for text in cells:
                    cell = QStandardItem(text)
                    cell.setEditable(False)
                    cell.setToolTip(text)
                    cell.setData(hit, HIT_ROLE)
                    row.append(cell)
                group.appendRow(row)
            self.appendRow(group)


class SearchDialog(QDialog):
    open_requested = Signal(str, str)  # kind, id
    #: results for the current text arrived (the number of hits)
    results_shown = Signal(int)

    def __init__(self, window):
        super().__init__(window)
        self.window_ = window
        self.setObjectName("search_dialog")
        self.setWindowTitle(translate("Search", "Search everything"))
        self.query = QLineEdit()
        self.query.setObjectName("search_query")
        a11y.name(self.query, translate("Search", "Search everything"))
        self.query.setPlaceholderText(translate("Search", "Words to look for (2 characters are enough: 防災, 公園…)"))
        self.query.setClearButtonEnabled(True)
        self.status = QLabel()
        self.status.setObjectName("search_status")
        self.model = SearchResultsModel(window.display, self)
        self.view = QTreeView()
        self.view.setObjectName("search_results")
        a11y.name(self.view, translate("MainWindow", "Search results"))
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.doubleClicked.connect(self._open_index)
        self.model.show([])  # the columns, sized once (a person's own widths then stay, see _show)
        header = self.view.header()
        header.setStretchLastSection(True)
        for column, sample in ((0, "公園のベンチが壊れている件について"), (1, "大岡山東住区住民会議"), (2, "令和10年12月31日")):
            header.resizeSection(column, self.fontMetrics().horizontalAdvance(sample) + 24)
        open_action = QAction(self.view)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(lambda: self._open_index(self.view.currentIndex()))
        self.view.addAction(open_action)
        self.query.returnPressed.connect(self._enter_in_query)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.run)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self._generation = 0
        fit_to_screen(self, 1000, 560)

    def focus_query(self) -> None:
        self.query.setFocus()
        self.query.selectAll()

    def run(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        text = self.query.text()
        services = self.window_.services
        self.window_.tasks.run_in_background(lambda: services.search(text, limit=LIMIT, details=True),
                                             lambda hits: self._show(generation, text, hits), owner=self)

    def _show(self, generation: int, text: str, hits) -> None:
        if generation != self._generation:
            return
        header = self.view.header()
        widths = [header.sectionSize(c) for c in range(3)]  # the model's reset would drop them
        self.model.show(hits)
        for column, width in enumerate(widths):
            header.resizeSection(column, width)
        for group in range(self.model.rowCount()):
            self.view.setFirstColumnSpanned(group, QModelIndex(), True)
        self.view.expandAll()
        if not text.strip():
            self.status.setText("")
        elif hits:
            more = tr_args("Search", " (showing the newest %1)", str(LIMIT)) if len(hits) >= LIMIT else ""
            self.status.setText(tr_args("Search", "%1 found", str(len(hits))) + more)
        else:
            self.status.setText(translate("Search", "Nothing found."))
        first = self.model.index(0, 0)
        if first.isValid() and self.model.rowCount(first):
            self.view.setCurrentIndex(self.model.index(0, 0, first))
        self.results_shown.emit(len(hits))

    def _enter_in_query(self) -> None:
        if self._timer.isActive():
            self.run()
            return
        self._open_index(self.view.currentIndex())

    def _open_index(self, index) -> None:
        hit = index.data(HIT_ROLE) if index.isValid() else None
        if hit is not None:
            self.open_requested.emit(hit.kind, hit.ref_id)
