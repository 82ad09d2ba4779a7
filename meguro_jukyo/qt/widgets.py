"""Small widgets shared by pages and editors: choice boxes, date entry, confirmations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from ..core.japanese import format_date, parse_date
from .i18n import tr_args, tr_n
from .app_style import text_scale

translate = QCoreApplication.translate


# what a window's frame takes around its client area (title bar, borders), as on Windows
WINDOW_FRAME = QSize(16, 39)


def available_area(widget: QWidget) -> QSize:
    """The client size a window of ``widget`` can have on its screen: the screen's available
    geometry (without the taskbar) less the window frame. 1350×689 on a 1366×768 laptop."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() - WINDOW_FRAME


def fit_to_screen(widget: QWidget, width: int, height: int | None = None) -> None:
    """Give a window its starting size: ``width``×``height`` as at the normal text size, larger
    in large text, but never more than its screen has room for nor less than its minimum.
    ``height`` None: as high as its contents want (their size hint)."""
    scale = text_scale()
    area = available_area(widget)
    want = QSize(round(width * scale), round(height * scale) if height is not None else widget.sizeHint().height())
    least = widget.minimumSizeHint()
    widget.resize(max(min(want.width(), area.width()), least.width()),
                  max(min(want.height(), area.height()), least.height()))


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a scroll area that keeps its full width and scrolls only up and down: a
    column that is taller than a laptop screen in large text scrolls instead of pushing the
    window off the screen."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop: its controls are
    area.setWidget(content)
    bar = area.style().pixelMetric(area.style().PixelMetric.PM_ScrollBarExtent)
    area.setMinimumWidth(content.minimumSizeHint().width() + bar)
    return area


def text_lines_height(widget: QFrame, lines: int) -> int:
    """The height a text box needs to show ``lines`` lines in its font (and its frame)."""
    return widget.fontMetrics().lineSpacing() * lines + 2 * widget.frameWidth() + 8


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask yes/no; No is the default so that Enter does not destroy anything."""
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget | None, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, translate("Dialogs", "Meguro Jukyo"), text,
                      QMessageBox.StandardButton.Ok, parent)
    box.setModal(True)
    box.open()


def empty_hint_text(counts: dict[str, int], label_of) -> str:
    """Why nothing matches, from ``counts_without_each_filter``: the filters that exclude
    everything, with the rows there would be without each; or that the filters find nothing
    even one at a time."""
    excluding = [(label_of(name), n) for name, n in counts.items() if n]
    if not excluding:
        return translate("Filters", "Nothing matches, even with any one of the filters taken away.")
    parts = [tr_n("Filters", "Without “%1”: %Ln row(s). ", n, label)
             for label, n in excluding]
    return tr_args("Filters", "No row meets all these filters together. %1", "".join(parts)).strip()


class ChoiceBox(QComboBox):
    """A combo box of (value, label) with an optional "any"/"none" first entry."""

    def __init__(self, choices: Iterable[tuple[object, str]] = (), empty: str | None = None, parent=None):
        super().__init__(parent)
        self._empty = empty
        self.set_choices(choices)

    def set_choices(self, choices: Iterable[tuple[object, str]]) -> None:
        current = self.value()
        self.blockSignals(True)
        self.clear()
        if self._empty is not None:
            self.addItem(self._empty, None)
        for value, label in choices:
            self.addItem(label, value)
        self.blockSignals(False)
        self.set_value(current)

    def value(self):
        return self.currentData() if self.currentIndex() >= 0 else None

    def set_value(self, value) -> None:
        for i in range(self.count()):
            if self.itemData(i) == value:
                self.setCurrentIndex(i)
                return
        self.setCurrentIndex(0 if self.count() else -1)


class ChoiceChecks(QWidget):
    """A row of check boxes, one per (value, label): several choices at once; none ticked
    means no restriction. For a handful of choices, where a list would hide them."""

    #: the ticked values changed
    changed = Signal()

    def __init__(self, choices: Iterable[tuple[object, str]], parent=None, vertical: bool = False,
                 columns: int | None = None):
        """``columns``: the boxes in rows of that many (so that long labels in large text do not
        make the row wider than a laptop screen); otherwise one row, or one column if ``vertical``."""
        super().__init__(parent)
        self._boxes: list[tuple[object, QCheckBox]] = []
        for value, label in choices:
            box = QCheckBox(label)
            box.toggled.connect(lambda _checked: self.changed.emit())
            self._boxes.append((value, box))
        if columns:
            grid = QGridLayout(self)
            grid.setContentsMargins(0, 0, 0, 0)
            for i, (_value, box) in enumerate(self._boxes):
                grid.addWidget(box, i // columns, i % columns)
            grid.setColumnStretch(columns, 1)
            return
        row = QVBoxLayout(self) if vertical else QHBoxLayout(self)
        margin = 6 if vertical else 0  # in a menu, off its edges
        row.setContentsMargins(margin, margin, margin, margin)
        for _value, box in self._boxes:
            row.addWidget(box)
        row.addStretch(1)

    def values(self) -> tuple:
        return tuple(value for value, box in self._boxes if box.isChecked())

    def set_values(self, values: Iterable) -> None:
        wanted = set(values)
        for value, box in self._boxes:
            box.blockSignals(True)
            box.setChecked(value in wanted)
            box.blockSignals(False)
        self.changed.emit()

    def box(self, value) -> QCheckBox:
        return next(box for v, box in self._boxes if v == value)

    def labels(self) -> list[str]:
        return [box.text() for _value, box in self._boxes if box.isChecked()]


class ChoiceMenu(QToolButton):
    """:class:`ChoiceChecks` in the space of one drop-down, for a filter row: the button says
    what is ticked (``empty`` when nothing is), its menu holds the check boxes and stays open
    while they are ticked."""

    changed = Signal()
    SHOWN = 2  # labels named on the button; more are counted

    def __init__(self, choices: Iterable[tuple[object, str]], empty: str, parent=None):
        super().__init__(parent)
        self._empty = empty
        self.checks = ChoiceChecks(choices, vertical=True)
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.checks)
        menu.addAction(action)
        self.setMenu(menu)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.checks.changed.connect(self._changed)
        self._show()

    def values(self) -> tuple:
        return self.checks.values()

    def set_values(self, values: Iterable) -> None:
        self.checks.set_values(values)

    def box(self, value) -> QCheckBox:
        return self.checks.box(value)

    def _changed(self) -> None:
        self._show()
        self.changed.emit()

    def _show(self) -> None:
        labels = self.checks.labels()
        text = "、".join(labels[: self.SHOWN]) or self._empty
        if len(labels) > self.SHOWN:
            text += tr_args("Filters", " and %1 more", str(len(labels) - self.SHOWN))
        self.setText(text)
        self.setToolTip("、".join(labels) or self._empty)


class DateEdit(QLineEdit):
    """Date entry that accepts what people type: 2025-04-01, 2025/4/1, 令和7年4月1日, R7.4.1.

    Shows the date back in 和暦 or 西暦; ``value()`` raises ValueError (in Japanese) for text
    that is not a date, so the editor can show it beside the field.
    """

    edited = Signal()

    def __init__(self, era: bool = True, parent=None):
        super().__init__(parent)
        self.era = era
        self.setPlaceholderText(translate("Dialogs", "e.g. R7.4.1 or 2025-04-01"))
        self.setClearButtonEnabled(True)
        self.editingFinished.connect(self._tidy)
        self.textEdited.connect(lambda _t: self.edited.emit())

    def value(self) -> dt.date | None:
        text = self.text().strip()
        if not text:
            return None
        return parse_date(text)

    def set_value(self, value: dt.date | None) -> None:
        self.setText(format_date(value, self.era) if value else "")

    def _tidy(self) -> None:
        try:
            value = self.value()
        except ValueError:
            return
        self.set_value(value)


def report_table(name: str, model: QStandardItemModel) -> QTableView:
    """A read-only table of whole rows for a small model a page fills (reports, lists of files)."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setStretchLastSection(True)
    return view


_NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
#: a new item's flags but editable (one call, not a read-modify-write of the flags per cell)
_READ_ONLY = (Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDragEnabled
              | Qt.ItemFlag.ItemIsDropEnabled)


def report_cell(text: str, data=None, *, number: bool = False, bold: bool = False) -> QStandardItem:
    """A read-only cell of such a table; ``data`` behind UserRole, numbers right-aligned."""
    item = QStandardItem(text)
    item.setFlags(_READ_ONLY)
    if data is not None:
        item.setData(data, Qt.ItemDataRole.UserRole)
    if number:
        item.setTextAlignment(_NUMBER)
    if bold:
        font = QFont()
        font.setBold(True)
        item.setFont(font)
    return item
