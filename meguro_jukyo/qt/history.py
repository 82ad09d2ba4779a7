"""A record's change history (履歴): when, on which device, which field, old → new.

The core keeps one history row per field changed (services/history.py); this dialog reads them
on the database lane and shows them the way a person reads them: local time, the device's name,
the field's label from the editor, and values as the lists show them (vocabulary labels, 和暦,
organization names).
"""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from ..core.errors import NotFound
from ..core.services.history import device_names, entity_history
from . import a11y
from .display import Display
from .fields import FIELDS, field_label, field_spec, stored_value_text
from .names import kind_name, row_title
from .i18n import tr_args, tr_n
from .widgets import fit_to_screen

translate = QCoreApplication.translate
VALUE_LENGTH = 80


def value_text(kind: str, name: str, raw: str | None, display: Display, ref_titles: dict[str, str]) -> str:
    """A history value (JSON text) as the lists would show it."""
    value = json.loads(raw) if raw is not None else None
    if value is None or value == "":
        return translate("History", "(none)")
    if name == "deleted":
        return translate("History", "deleted") if value else translate("History", "exists")
    spec = field_spec(kind, name)
    shown = stored_value_text(display, spec, value)
    if shown is not None:
        return shown
    if spec is not None and spec.kind == "ref":
        return ref_titles.get(value, value)
    if name == "viewpoint_id":
        return display.viewpoint(value)
    text = " ".join(str(value).split())
    return text if len(text) <= VALUE_LENGTH else text[: VALUE_LENGTH - 1] + "…"


def local_time(value: str) -> dt.datetime:
    """An audit time (stored in UTC) in this computer's time zone, to the minute."""
    when = dt.datetime.fromisoformat(value)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone().replace(tzinfo=None, second=0, microsecond=0)


class HistoryDialog(QDialog):
    """The change history of one record, newest first."""

    COLUMNS = ("when", "device", "change", "field", "old", "new")

    def __init__(self, kind: str, row, services, tasks, display: Display, parent=None):
        super().__init__(parent)
        self.kind, self.row, self.display = kind, row, display
        self.setObjectName("history_dialog")
        self.setWindowTitle(tr_args("History", "History: %1", row_title(row)))
        self.model = QStandardItemModel(0, len(self.COLUMNS), self)
        self.model.setHorizontalHeaderLabels([
            translate("History", "When"), translate("History", "Device"), translate("History", "Change"),
            translate("History", "Field"), translate("History", "Before"), translate("History", "After")])
        self.view = QTableView()
        self.view.setObjectName("history_table")
        a11y.name(self.view, self.windowTitle())
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.status = QLabel(translate("History", "Loading…"))
        self.status.setObjectName("history_status")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{kind_name(kind)}: {row_title(row)}"))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        fit_to_screen(self, 900, 420)
        self.entries: list = []

        store, ref_id = services.store, row.id
        refs = {spec.name: spec.vocab for spec in FIELDS.get(kind, ()) if spec.kind == "ref"}

        def work():
            entries = entity_history(store, kind, ref_id)
            titles = {}
            for entry in entries:
                if entry.field in refs:
                    for raw in (entry.old, entry.new):
                        ref = json.loads(raw) if raw else None
                        if ref and ref not in titles:
                            try:
                                titles[ref] = row_title(services.by_kind(refs[entry.field]).get(ref))
                            except NotFound:  # deleted since: its id is all there is
                                titles[ref] = ref
            return entries, device_names(store), titles

        tasks.run_in_background(work, self._show, owner=self)

    def _field_cells(self, entry, titles) -> tuple[str, str, str]:
        """Field, before, after; a link to a 視点 says which 視点 was linked or unlinked."""
        kind = entry.entity or self.kind
        link = kind == "policy_link"
        if kind == "request_answer" and entry.field == "deleted" and entry.new == "false" and entry.answer:
            answer_kind, on, body = entry.answer  # the answer as it stands: an import records only its arrival
            return (tr_args("History", "The ward's answer: %1", self.display.label("answer_kind", answer_kind)),
                    self.display.date(on), value_text(kind, "body", json.dumps(body), self.display, titles))
        if entry.field == "deleted" and entry.old != entry.new:
            viewpoint = self.display.viewpoint(entry.viewpoint_id) if link else ""
            if entry.old == "true":
                return (translate("History", "Linked to a viewpoint") if link else translate("History", "Created"),
                        "", viewpoint)
            if link:
                return translate("History", "Unlinked from a viewpoint"), viewpoint, ""
        label = field_label(kind, entry.field)
        if link:
            label = tr_args("History", "Viewpoint link: %1", label)
        elif kind == "request_answer":
            label = tr_args("History", "The ward's answer: %1", label)
        return (label, value_text(kind, entry.field, entry.old, self.display, titles),
                value_text(kind, entry.field, entry.new, self.display, titles))

    def _show(self, result) -> None:
        entries, devices, titles = result
        self.entries = list(reversed(entries))
        for entry in self.entries:
            cells = (
                self.display.datetime(local_time(entry.wall_time)),  # 和暦 or 西暦, as the lists
                devices.get(entry.device_id)
                or tr_args("History", "another device (%1)", entry.device_id[:8]),
                entry.label,
                *self._field_cells(entry, titles),
            )
            items = []
            for text in cells:
                item = QStandardItem(text)
                item.setToolTip(text)
                item.setEditable(False)
                items.append(item)
            self.model.appendRow(items)
        self.view.resizeColumnsToContents()
        for column in range(self.model.columnCount() - 1):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), 260))
        self.status.setText(tr_n("History", "%Ln change(s)", len(self.entries))
                            if self.entries else translate("History", "No changes recorded."))
