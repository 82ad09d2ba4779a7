"""A small table of the rows that belong to another (a meeting's agenda, an issue's links)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from ..core.japanese import nendo
from ..core.services import ListQuery
from . import a11y
from .models import ROW_ROLE, EntityTableModel
from .widgets import confirm

translate = QCoreApplication.translate


class ChildTable(QWidget):
    """Reloads whenever any write (here, in another window, an undo) changes rows of its kind."""

    def __init__(self, kind: str, parent_fields: dict, services, tasks, display, title: str,
                 open_editor: Callable[..., QDialog], parent=None, can_add: bool = True,
                 remove_text: str | None = None):
        """``open_editor(kind, services, tasks, display, row=…, defaults=…, parent=…)`` makes the
        dialog that adds or edits a row (the editors module's ``editor_for``, passed in: the
        editors hold child tables, so this module must not import them)."""
        super().__init__(parent)
        self.open_editor = open_editor
        self.kind, self.parent_fields = kind, dict(parent_fields)
        self.services, self.tasks, self.display = services, tasks, display
        self.setObjectName(f"children_{kind}")
        self.model = EntityTableModel(services.by_kind(kind), tasks, display, parent=self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.model.loaded.connect(lambda _n: self.view.resizeColumnsToContents())
        self.view.setMinimumHeight(120)
        self.view.doubleClicked.connect(lambda _i: self.edit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(a11y.labelled(QLabel(title), self.view))
        layout.addWidget(self.view, 1)
        self.buttons_layout = QHBoxLayout()
        if can_add:
            add = QPushButton(translate("Dialogs", "Add…"))
            add.setObjectName("add")
            add.clicked.connect(self.add)
            self.buttons_layout.addWidget(add)
        remove = QPushButton(remove_text or translate("Dialogs", "Remove…"))
        remove.setObjectName("remove")
        remove.clicked.connect(self.remove)
        self.buttons_layout.addWidget(remove)
        self.buttons_layout.addStretch(1)
        layout.addLayout(self.buttons_layout)
        self.can_edit = can_add
        tasks.changed.connect(self._heard)
        self.reload()

    def _heard(self, changed: dict, _initiator=None) -> None:
        if self.kind in changed:
            self.reload()

    def reload(self) -> None:
        self.model.set_query(ListQuery(equals=self.parent_fields))

    def current(self):
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def add(self) -> None:
        defaults = dict(self.parent_fields)
        if self.kind == "agenda_item":
            defaults["position"] = self.model.total
        if self.kind == "officer":  # this 年度's, unless the page shows another
            defaults["nendo"] = nendo(dt.date.today())
        dialog = self.open_editor(self.kind, self.services, self.tasks, self.display, defaults=defaults, parent=self)
        dialog.open()

    def edit(self) -> None:
        row = self.current()
        if row is None or not self.can_edit:
            return
        dialog = self.open_editor(self.kind, self.services, self.tasks, self.display, row=row, parent=self)
        dialog.open()

    def remove(self) -> None:
        row = self.current()
        if row is None:
            return
        if not confirm(self, translate("Dialogs", "Remove"),
                       translate("Dialogs", "Remove this entry? You can undo this with Ctrl+Z.")):
            return
        service = self.services.by_kind(self.kind)
        self.tasks.change(lambda: service.delete(row.id), owner=self)
