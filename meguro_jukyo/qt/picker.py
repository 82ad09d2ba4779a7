"""Choose a meeting or an issue to refer to: type to search, pick from the list."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
)

from ..core.services import ListQuery
from . import a11y
from .models import ROW_ROLE, EntityTableModel
from .widgets import fit_to_screen

translate = QCoreApplication.translate
DEBOUNCE_MS = 150


class PickerDialog(QDialog):
    picked = Signal(object)

    def __init__(self, kind: str, services, tasks, display, parent=None):
        super().__init__(parent)
        self.setWindowTitle(translate("Dialogs", "Choose"))
        self.model = EntityTableModel(services.by_kind(kind), tasks, display, parent=self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("Dialogs", "Type to search…"))
        self.search.setClearButtonEnabled(True)
        a11y.name(self.search, translate("Dialogs", "Type to search…"))
        self.view = QTableView()
        self.view.setModel(self.model)
        a11y.name(self.view, translate("Dialogs", "Choose"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(lambda _i: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._apply)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.model.loaded.connect(self._select_first)
        fit_to_screen(self, 640, 420)
        self._apply()

    def _select_first(self, _count: int) -> None:
        if self.model.rowCount():
            self.view.selectRow(0)

    def _apply(self) -> None:
        self.model.set_query(ListQuery(text=self.search.text()))

    def accept(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.picked.emit(index.data(ROW_ROLE))
        super().accept()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.search.hasFocus():
            self.view.setFocus()
        super().keyPressEvent(event)
