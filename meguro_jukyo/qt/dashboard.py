"""The 集計 page: where issues cluster, by 視点 × 地区 (or 住区), category, status and 年度; the
要望 still waiting and how long; action items overdue by organization.

Every figure comes from one core call (``StatsService.dashboard``) on the database lane, for the
filters above the page — the issue list's own filters, so a heat-map cell opens the list onto
exactly the issues it counts. Charts are QtCharts, drawn in the application font (the large-text
setting), in steps of lightness and hatching so that they survive greyscale printing; each can
be copied or saved as PNG.

Why one file of ~660 lines: the chart helpers above DashboardPage exist only for its charts; they
are the first candidate to move out (qt/charts.py) if a second page draws charts.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from pathlib import Path

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QAbstractTableModel,
    QBuffer,
    QByteArray,
    QCoreApplication,
    QIODevice,
    QMargins,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QKeySequence,
    QPainter,
    QPen,
    QPixmap,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QBoxLayout,
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import UserError
from ..core.exchange.viewpoint_report import FORMATS, build_viewpoint_report, write_viewpoint_report
from ..core.files import atomic_binary
from ..core.japanese import nendo
from ..core.policy import load_framework
from ..core.progress import step
from ..core.services.stats import AGE_BOUNDS, Dashboard
from . import file_dialogs
from . import a11y
from .lists import FilterBar
from .meeting.minutes_pdf import write_minutes_pdf
from .tasks import error_text
from .widgets import report_cell, report_table, show_error
from .i18n import tr_args, tr_n

translate = QCoreApplication.translate

#: the hue of every chart; series differ by lightness (and hatching), which greyscale keeps
HUE = 215
#: the heat map's 視点 titles by 地区, in full-width characters: the longest ("3-1-2 デジタル技術の
#: 活用による区民サービスの向上と意識改革") whole
HEADER_CHARS = 31
#: a table box's frame, margins and scroll bar beside its columns, in pixels
WIDTH_SPARE = 48
#: the tables' least height, and how many rows they show before scrolling
TABLE_HEIGHT, TABLE_ROWS = 220, 10
#: kinds of change that alter what the page shows
WATCHED = {"issue", "policy_link", "action_item", "organization"}


def shade(step: int, steps: int) -> QColor:
    """The ``step``-th of ``steps`` colours, dark to light: distinct in greyscale too."""
    lightness = 50 + (190 * step) // max(1, steps - 1) if steps > 1 else 110
    return QColor.fromHsl(HUE, 150, min(lightness, 235))


def heat(count: int, top: int) -> QColor:
    """A heat-map cell: paler for fewer issues, darker for more (white for none)."""
    if count <= 0 or top <= 0:
        return QColor(Qt.GlobalColor.white)
    return QColor.fromHsl(HUE, 140, 235 - (175 * count) // top)


def titled(text: str):
    """A report cell whose whole text is its tooltip too (the column may cut it with …)."""
    item = report_cell(text)
    item.setToolTip(text)
    return item


def age_labels() -> list[str]:
    """The age groups of AGE_BOUNDS in words: under 30 days, 30–89 days, …, a year or more."""
    bounds = AGE_BOUNDS
    labels = [tr_args("Dashboard", "under %1 days", str(bounds[0]))]
    labels += [tr_args("Dashboard", "%1–%2 days", str(low), str(high - 1))
               for low, high in pairwise(bounds)]
    return labels + [tr_args("Dashboard", "%1 days or more", str(bounds[-1]))]


def png_bytes(pixmap: QPixmap) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


_HEAT_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole, Qt.ItemDataRole.BackgroundRole,
                         Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole,
                         Qt.ItemDataRole.ToolTipRole})
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)


class HeatModel(QAbstractTableModel):
    """視点 (rows) × 地区 or 住区 (columns): the number of issues linked, shaded by it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[str, str]] = []  # (視点 id, title)
        self.columns: list[tuple[str, str]] = []  # (area code, name)
        self.counts: dict[tuple[str, str], int] = {}
        self.top = 0

    def set_data(self, rows, columns, counts: dict[tuple[str, str], int]) -> None:
        self.beginResetModel()
        self.rows, self.columns, self.counts = list(rows), list(columns), dict(counts)
        self.top = max(self.counts.values(), default=0)
        self._brushes: dict[int, tuple[QBrush, QBrush]] = {}
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def cell(self, index: QModelIndex | QPersistentModelIndex) -> tuple[str, str, int]:
        vp, area = self.rows[index.row()][0], self.columns[index.column()][0]
        return vp, area, self.counts.get((vp, area), 0)

    def brushes(self, n: int) -> tuple[QBrush, QBrush]:
        """(background, text) of a cell counting ``n``: made once per count, not per paint."""
        found = self._brushes.get(n)
        if found is None:
            colour = heat(n, self.top)
            text = QColor(Qt.GlobalColor.white) if colour.lightness() < 128 else QColor(Qt.GlobalColor.black)
            found = self._brushes[n] = (QBrush(colour), QBrush(text))
        return found

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # the view asks every role of every cell as it sizes and paints: the unused ones first
        if role not in _HEAT_ROLES or not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTRE
        vp, _area, n = self.cell(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{n:,}" if n else ""
        if role == Qt.ItemDataRole.UserRole:
            return n
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.brushes(n)[0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.brushes(n)[1]
        return tr_n("Dashboard", "%1 × %2: %Ln issue(s) (click to list them)", n, vp, self.columns[index.column()][1])

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section][1]
        vp, title = self.rows[section]
        return f"{vp} {title}"


class ChartBox(QGroupBox):
    """A titled figure (a chart or a table) with コピー and PNGで保存… buttons."""

    def __init__(self, name: str, title: str, content: QWidget, language: str = "ja", parent=None):
        super().__init__(title, parent)
        self.setObjectName(f"box_{name}")
        self.name, self.content, self.language = name, content, language
        a11y.name_field(content, title)  # the figure (a chart, a table) is read by its title
        self.copy_button = QPushButton(translate("Dashboard", "Copy"))
        self.copy_button.setToolTip(translate("Dashboard", "Copy this figure as a picture"))
        self.save_button = QPushButton(translate("Dashboard", "Save as PNG…"))
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self._ask_path)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(content, 1)
        layout.addLayout(buttons)

    def picture(self) -> QPixmap:
        return self.content.grab()

    def copy(self) -> None:
        QApplication.clipboard().setPixmap(self.picture())

    def _ask_path(self) -> None:
        path, _filter = file_dialogs.save_path(self, "chart", translate("Dashboard", "Save as PNG"),
                                                f"{self.title()}.png", "PNG (*.png)")
        if path:
            self.save_png(path if path.lower().endswith(".png") else path + ".png")

    def save_png(self, path: str) -> bool:
        """Write the picture to ``path`` whole or not at all; say why if it cannot."""
        try:
            with atomic_binary(path) as fh:
                fh.write(png_bytes(self.picture()))
        except UserError as exc:
            show_error(self, error_text(exc, self.language))
            return False
        except OSError as exc:  # one the core has no words for
            show_error(self, tr_args("Dashboard", "Could not write %1: %2", path, str(exc)))
            return False
        return True


def chart_view(name: str) -> QChartView:
    view = QChartView()
    view.setObjectName(f"chart_{name}")
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(260)
    return view


def new_chart(view: QChartView) -> QChart:
    """A fresh chart in ``view`` (the view lets the old one go): axes and labels are laid out
    anew in the current font."""
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    view.setChart(chart)
    return chart


def _fonts(chart: QChart, *axes) -> None:
    """The application font (it carries the large-text setting) on every label of the chart."""
    font = QApplication.font()
    chart.legend().setFont(font)
    for axis in axes:
        axis.setLabelsFont(font)
        axis.setTruncateLabels(False)


def _axes(chart: QChart, series, categories: list[str], side: Qt.AlignmentFlag, top: float) -> None:
    """``series`` in ``chart`` on a category axis at ``side`` and a count axis from 0 to about
    ``top`` across it, labelled in the application font."""
    chart.addSeries(series)
    names = QBarCategoryAxis()
    names.append(categories)
    counts = QValueAxis()
    counts.setLabelFormat("%d")
    counts.setRange(0, top + 1)
    counts.applyNiceNumbers()
    across = Qt.AlignmentFlag.AlignBottom if side == Qt.AlignmentFlag.AlignLeft else Qt.AlignmentFlag.AlignLeft
    chart.addAxis(names, side)
    chart.addAxis(counts, across)
    series.attachAxis(names)
    series.attachAxis(counts)
    _fonts(chart, names, counts)


def fill_bars(view: QChartView, labels: list[str], values: list[int], series_name: str) -> None:
    """One horizontal bar per label, its number beside it, the first label on top."""
    chart = new_chart(view)
    bars = QBarSet(series_name)
    bars.append([float(v) for v in reversed(values)])
    bars.setColor(shade(1, 3))
    bars.setBorderColor(QColor(Qt.GlobalColor.black))
    bars.setLabelColor(QColor(Qt.GlobalColor.black))
    bars.setLabelFont(QApplication.font())
    series = QHorizontalBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.setLabelsFormat("@value")
    series.setBarWidth(0.7)
    # room beside the longest bar for its number
    _axes(chart, series, list(reversed(labels)), Qt.AlignmentFlag.AlignLeft, max(values, default=0) * 1.2)
    chart.legend().setVisible(False)


def fill_stacked(view: QChartView, columns: list[str], series: list[tuple[str, list[int]]]) -> None:
    """Columns stacked from ``series`` (name, one value per column), told apart by lightness
    and, every other one, by hatching."""
    chart = new_chart(view)
    stacked = QStackedBarSeries()
    for n, (name, values) in enumerate(series):
        bars = QBarSet(name)
        bars.append([float(v) for v in values])
        color = shade(n, len(series))
        brush = QBrush(color, Qt.BrushStyle.SolidPattern if n % 2 == 0 else Qt.BrushStyle.BDiagPattern)
        bars.setBrush(brush)
        bars.setPen(QPen(color.darker(160), 1))
        stacked.append(bars)
    stacked.setBarWidth(0.7)
    top = max((sum(v[i] for _n, v in series) for i in range(len(columns))), default=0)
    _axes(chart, stacked, columns, Qt.AlignmentFlag.AlignBottom, top * 1.1)
    chart.legend().setVisible(True)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignRight)


class DashboardPage(QWidget):
    """The 集計 page. ``cell_requested(query)``: list the issues of a heat-map cell."""

    cell_requested = Signal(object)
    #: the figures on screen are those of the current filters
    loaded = Signal()
    #: the report per 視点 was written (its path)
    report_written = Signal(object)

    def __init__(self, services, tasks, display, viewpoints: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self.setObjectName("page_dashboard")
        self.services, self.tasks, self.display = services, tasks, display
        self.viewpoints = viewpoints  # (id, "id title")
        self.data: Dashboard | None = None
        self._started = False
        self._stale = False
        self._generation = 0

        self.filters = FilterBar("desk", display, [])
        self.filters.setObjectName("dashboard_filters")
        self.filters.changed.connect(self.reload)
        self.total_label = QLabel()
        self.total_label.setObjectName("dashboard_total")
        self.report_button = QPushButton(translate("Dashboard", "Report per viewpoint…"))
        self.report_button.setObjectName("viewpoint_report")
        self.report_button.setToolTip(translate("Dashboard", "The report per policy viewpoint for the fiscal year chosen "
                                                "above (this year if none), as PDF or Excel"))
        self.report_button.clicked.connect(self._ask_report_path)
        self.report_label = QLabel()
        self.report_label.setObjectName("report_written")

        self.heat_model = HeatModel(self)
        self.heat_view = QTableView()
        self.heat_view.setObjectName("heat_map")
        self.heat_view.setModel(self.heat_model)
        self.heat_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.heat_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.heat_view.setWordWrap(False)
        self.heat_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # one line per 視点, all of a height: sized from the first row in _fit, not every row
        self.heat_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.heat_view.verticalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.heat_view.clicked.connect(self.open_cell)
        enter = QAction(self.heat_view)
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(lambda: self.open_cell(self.heat_view.currentIndex()))
        self.heat_view.addAction(enter)
        self.by_district = QRadioButton(translate("Dashboard", "by district"))
        self.by_jukyo = QRadioButton(translate("Dashboard", "by residents' area"))
        self.by_district.setChecked(True)
        areas = QButtonGroup(self)
        for button in (self.by_district, self.by_jukyo):
            areas.addButton(button)
        self.by_district.toggled.connect(lambda _on: self._show_heat())
        heat = QWidget()
        heat_layout = QVBoxLayout(heat)
        heat_layout.setContentsMargins(0, 0, 0, 0)
        switch = QHBoxLayout()
        switch.addWidget(QLabel(translate("Dashboard", "Columns:")))
        switch.addWidget(self.by_district)
        switch.addWidget(self.by_jukyo)
        switch.addStretch(1)
        heat_layout.addLayout(switch)
        heat_layout.addWidget(self.heat_view, 1)

        self.category_view = chart_view("category")
        self.status_view = chart_view("status")
        self.nendo_view = chart_view("nendo")
        self.age_view = chart_view("request_age")
        self.requests_label = QLabel()
        self.requests_label.setObjectName("requests_totals")
        self.requests_label.setWordWrap(True)
        age = QWidget()
        age_layout = QVBoxLayout(age)
        age_layout.setContentsMargins(0, 0, 0, 0)
        age_layout.addWidget(self.requests_label)
        age_layout.addWidget(self.age_view, 1)
        self.slowest_model = QStandardItemModel(self)
        self.slowest_view = report_table("slowest_requests", self.slowest_model)
        self.slowest_view.setMinimumHeight(TABLE_HEIGHT)
        self.overdue_model = QStandardItemModel(self)
        self.overdue_view = report_table("overdue_actions", self.overdue_model)
        self.overdue_view.setMinimumHeight(TABLE_HEIGHT)

        def box(name: str, title: str, content: QWidget) -> ChartBox:
            return ChartBox(name, title, content, display.language)

        self.boxes = {
            "heat": box("heat", translate("Dashboard", "Issues by viewpoint and area"), heat),
            "category": box("category", translate("Dashboard", "Issues by category"), self.category_view),
            "status": box("status", translate("Dashboard", "Issues by status"), self.status_view),
            "nendo": box("nendo", translate("Dashboard", "Issues by fiscal year and status"), self.nendo_view),
            "requests": box("requests", translate("Dashboard", "Requests to the ward waiting for an answer"), age),
            "slowest": box("slowest", translate("Dashboard", "Waiting longest"), self.slowest_view),
            "overdue": box("overdue", translate("Dashboard", "Overdue action items by organization"),
                                self.overdue_view),
        }
        grid = QGridLayout()
        grid.addWidget(self.boxes["heat"], 0, 0, 1, 2)
        grid.addWidget(self.boxes["category"], 1, 0)
        grid.addWidget(self.boxes["status"], 1, 1)
        grid.addWidget(self.boxes["nendo"], 2, 0)
        grid.addWidget(self.boxes["requests"], 2, 1)
        # the slowest 要望 have the longer rows: more of the width, or all of it (_fit)
        self.tables = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.tables.addWidget(self.boxes["slowest"], 3)
        self.tables.addWidget(self.boxes["overdue"], 2)
        grid.addLayout(self.tables, 3, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.filters)
        summary = QHBoxLayout()
        summary.addWidget(self.total_label, 1)
        summary.addWidget(self.report_label)
        summary.addWidget(self.report_button)
        body_layout.addLayout(summary)
        body_layout.addLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        a11y.name(scroll, translate("MainWindow", "Summary"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    # -- data ------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._started or self._stale:
            self.reload()

    def reload(self) -> None:
        """Ask the core for the figures of the current filters (the newest request wins)."""
        self._started, self._stale = True, False
        self._generation += 1
        generation, query, stats = self._generation, self.filters.query(), self.services.stats
        self.total_label.setText(translate("Dashboard", "Counting…"))
        self.tasks.run_in_background(lambda: stats.dashboard(query),
                                     lambda data: self._loaded(generation, data), owner=self)

    def data_changed(self, changed: dict) -> None:
        """A write somewhere: count again now if the page is on screen, else when it is shown."""
        if self._started and WATCHED & set(changed):
            if self.isVisible():
                self.reload()
            else:
                self._stale = True

    def _loaded(self, generation: int, data: Dashboard) -> None:
        if generation != self._generation:
            return
        self.data = data
        self.redisplay()
        self.loaded.emit()

    def redisplay(self) -> None:
        """Draw the figures again (after a load, or when the text size or era changed)."""
        data = self.data
        if data is None:
            return
        d = self.display
        self.total_label.setText(tr_n("Dashboard", "%Ln issue(s) (matches|match) these filters.", data.total))
        self._show_heat()
        for view, kind, counts in ((self.category_view, "issue_category", data.by_category),
                                   (self.status_view, "issue_status", data.by_status)):
            n = {c.key: c.count for c in counts}
            order = self._vocab_order(kind, n)
            fill_bars(view, [d.label(kind, code) for code in order], [n[code] for code in order],
                      translate("Dashboard", "Issues"))
        self._show_nendo(data)
        self._show_requests(data)
        self._show_overdue(data)

    def _vocab_order(self, kind: str, codes) -> list[str]:
        present = set(codes)
        known = [code for code, _label in self.display.entries(kind)]
        return [c for c in known if c in present] + sorted(present - set(known))

    def _show_heat(self) -> None:
        if self.data is None:
            return
        d = self.display
        if self.by_district.isChecked():
            columns, cells = [(a.code, d.district(a.code)) for a in d.districts], self.data.by_district
        else:
            columns, cells = [(a.code, a.name) for a in d.jukyo], self.data.by_jukyo
        rows = [(vp, d.viewpoint_titles.get(vp, "")) for vp, _label in self.viewpoints]
        self.heat_model.set_data(rows, columns, {(c.viewpoint_id, c.area): c.count for c in cells if c.area})
        QTimer.singleShot(0, self._fit)

    def _fit(self) -> None:
        """Sizes that follow the text (after a text-size change has reached every widget): the
        heat map tall enough for every 視点, the tables' columns as wide as their contents."""
        view = self.heat_view
        # by 地区 (five columns) every 視点's whole title fits; by 住区 the columns need the room
        # (a cut title says … and its tooltip is whole)
        view.verticalHeader().setMaximumWidth(view.verticalHeader().fontMetrics().horizontalAdvance("中")
                                              * (HEADER_CHARS if self.by_district.isChecked() else 20))
        if view.model().rowCount():
            view.verticalHeader().setDefaultSectionSize(
                max(view.sizeHintForRow(0), view.verticalHeader().sectionSizeHint(0)))
        view.setFixedHeight(view.verticalHeader().length() + view.horizontalHeader().height() + 2 * view.frameWidth())
        for table in (self.slowest_view, self.overdue_view):  # the last column takes what is left
            header = table.horizontalHeader()
            widths = [max(table.sizeHintForColumn(c), header.sectionSizeHint(c))
                      for c in range(table.model().columnCount())]
            for column, width in enumerate(widths[:-1]):
                table.setColumnWidth(column, width)
            # tall enough for ten rows in the current text size (the rest scroll)
            rows = min(table.model().rowCount(), TABLE_ROWS)
            table.setMinimumHeight(max(TABLE_HEIGHT, header.height() + 2 * table.frameWidth()
                                       + rows * table.verticalHeader().defaultSectionSize()))
            if table is self.slowest_view:
                # beside the overdue action items while the whole rows fit in their share of
                # the width, else above them with all of it (large text, a narrow window)
                share = self.boxes["heat"].width() * 3 // 5 - WIDTH_SPARE
                self.tables.setDirection(QBoxLayout.Direction.LeftToRight if sum(widths) <= share
                                         else QBoxLayout.Direction.TopToBottom)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.data is not None:
            QTimer.singleShot(0, self._fit)

    def _show_nendo(self, data: Dashboard) -> None:
        years = sorted({r.nendo for r in data.by_nendo})
        statuses = self._vocab_order("issue_status", (r.status for r in data.by_nendo))
        counts = {(r.nendo, r.status): r.count for r in data.by_nendo}
        fill_stacked(self.nendo_view, [self.display.nendo(y) for y in years],
                     [(self.display.label("issue_status", s), [counts.get((y, s), 0) for y in years])
                      for s in statuses])

    def _show_requests(self, data: Dashboard) -> None:
        totals = data.requests
        self.requests_label.setText(tr_args("Dashboard", "Waiting: %1 — answered: %2. Days since raised:",
                                            f"{totals.open:,}", f"{totals.answered:,}"))
        fill_bars(self.age_view, age_labels(), list(totals.ages), translate("Dashboard", "Requests"))
        model = self.slowest_model
        model.clear()
        model.setHorizontalHeaderLabels([
            translate("Dashboard", "Days since raised"), translate("Dashboard", "Days since requested"),
            translate("Dashboard", "Organization"), translate("Dashboard", "Viewpoints"),
            translate("Dashboard", "Title")])
        for r in data.slowest:
            model.appendRow([
                report_cell(f"{r.days_open:,}", r.id, number=True),
                report_cell("" if r.days_since_request is None else f"{r.days_since_request:,}", number=True),
                report_cell(r.organization), report_cell("・".join(r.viewpoints)), titled(r.title)])

    def _show_overdue(self, data: Dashboard) -> None:
        model = self.overdue_model
        model.clear()
        model.setHorizontalHeaderLabels([translate("Dashboard", "Organization"), translate("Dashboard", "Overdue"),
                                         translate("Dashboard", "Oldest due date")])
        for o in data.overdue:
            model.appendRow([report_cell(o.organization, o.organization_id), report_cell(f"{o.count:,}", number=True),
                             report_cell(self.display.date(o.oldest_due))])

    # -- the report per 視点 ----------------------------------------------------------------

    def report_nendo(self) -> int:
        return self.filters.choices["nendo"].value() or nendo(dt.date.today())

    def _ask_report_path(self) -> None:
        year = self.report_nendo()
        path, _filter = file_dialogs.save_path(
            self, "report", translate("Dashboard", "Report per viewpoint"), f"視点別報告_{year}年度.pdf",
            translate("Dashboard", "PDF (*.pdf);;Excel workbook (*.xlsx)"))
        if path:
            self.export_report(Path(path), year)

    def export_report(self, path: Path, year: int):
        """Gather the report for 年度 ``year`` and write it to ``path`` (.pdf or .xlsx), on the
        lane with a progress dialog; the file appears whole or not at all."""
        if path.suffix.lower() not in FORMATS:
            path = path.with_suffix(".pdf")
        services, era = self.services, self.display.era

        def work(progress):
            step(progress, 0, 2, translate("Dashboard", "Gathering the report…"))
            report = build_viewpoint_report(services, load_framework(), year, era=era)
            step(progress, 1, 2, tr_args("Dashboard", "Writing %1…", path.name))
            write_viewpoint_report(report, path, write_minutes_pdf)
            progress.report(2, 2)
            return path

        def done(written: Path) -> None:
            self.report_label.setText(tr_args("Dashboard", "Written: %1", written.name))
            self.report_written.emit(written)

        return self.tasks.with_progress(self, translate("Dashboard", "Report per viewpoint"), work, done)

    def open_cell(self, index: QModelIndex) -> None:
        """A heat-map cell: the issue list, filtered to exactly the issues it counts."""
        if not index.isValid() or self.data is None:
            return
        vp, area, count = self.heat_model.cell(index)
        if count:
            by = "district" if self.by_district.isChecked() else "jukyo"
            self.cell_requested.emit(self.services.stats.cell_query(self.data.query, vp, by, area))


def install(window) -> DashboardPage:
    """Add the 集計 page to the main window (after the lists) and to the Go menu; a cell opens
    the issue list."""
    page = DashboardPage(window.services, window.tasks, window.display, window._viewpoints)
    window.changed.connect(page.data_changed)
    window.add_page("dashboard", translate("MainWindow", "Summary"), page)

    def open_issues(query) -> None:
        issues = window.show_page("issue")
        issues.filters.set_query(query)

    page.cell_requested.connect(open_issues)
    show = QAction(translate("MainWindow", "S&ummary"), window)
    show.triggered.connect(lambda: window.show_page("dashboard"))
    window.menu("go").addAction(show)
    window.dashboard_page = page
    return page
