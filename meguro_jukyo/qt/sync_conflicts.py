"""The conflict queue: fields that two devices changed at once, shown side by side and settled.

The list comes from core.sync.conflicts on the database lane. For the chosen conflict the value
in effect and each competing value are shown next to each other with the device that wrote it
and when (a deletion is shown as one). Keeping one of them, or writing a merged value, is one
core call: an ordinary edit (history, undo) that supersedes the others wherever it syncs.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import UserError
from ..core.sync import conflicts as core_conflicts
from . import a11y
from .display import Display
from .fields import field_label, field_spec, stored_value_text
from .names import kind_name
from .tasks import TaskManager
from .i18n import tr_args, tr_n
from .widgets import fit_to_screen

translate = QCoreApplication.translate
CONFLICT_ROLE = Qt.ItemDataRole.UserRole + 30
#: field kinds (fields.FIELDS) a person can type a merged value for; others keep one value
EDITABLE = ("text", "multiline", "int", "optint")
PREVIEW = 60


def value_text(display: Display, entity: str, field: str, value: core_conflicts.ConflictValue) -> str:
    """A conflict value (plain JSON, dates as ISO text) as the lists show it."""
    if value.deletion:
        return translate("Conflicts", "(the record was deleted)")
    v = value.value
    if field == "deleted":
        return translate("Conflicts", "deleted") if v else translate("Conflicts", "exists")
    if v is None or v == "":
        return translate("Conflicts", "(empty)")
    shown = stored_value_text(display, field_spec(entity, field), v)
    return shown if shown is not None else str(v)


def written_text(display: Display, value: core_conflicts.ConflictValue) -> str:
    """When a value was written, in this computer's time zone, as the lists show times."""
    local = value.written_at.astimezone().replace(tzinfo=None)
    return display.datetime(local)


def device_text(value: core_conflicts.ConflictValue) -> str:
    name = value.device_name or value.device_id[:8]
    if value.mine:
        return tr_args("Conflicts", "%1 (this device)", name)
    return name


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= PREVIEW else text[: PREVIEW - 1] + "…"


class ConflictListModel(QStandardItemModel):
    """Open conflicts: record, field, who wrote the competing values, when."""

    def __init__(self, display: Display, parent=None):
        super().__init__(0, 4, parent)
        self.display = display
        self.setHorizontalHeaderLabels([
            translate("Conflicts", "Record"), translate("Conflicts", "Field"),
            translate("Conflicts", "Written on"), translate("Conflicts", "Latest")])

    def show(self, items: list[core_conflicts.Conflict]) -> None:
        self.removeRows(0, self.rowCount())
        for c in items:
            values = (c.current, *c.others)
            record = f"{kind_name(c.entity)}: {_one_line(c.title)}"
            if c.deleted:
                record += translate("Conflicts", " (deleted)")
            cells = [record, field_label(c.entity, c.field), "・".join(device_text(v) for v in values),
                     written_text(self.display, max(values, key=lambda v: v.stamp))]
            row = []
            for text in cells:
                item = QStandardItem(text)
                item.setEditable(False)
                item.setData(c, CONFLICT_ROLE)
                row.append(item)
            self.appendRow(row)

    def conflict(self, row: int) -> core_conflicts.Conflict | None:
        item = self.item(row, 0)
        return item.data(CONFLICT_ROLE) if item is not None else None


class ValueCard(QGroupBox):
    """One value of a conflicting field, with who wrote it and when."""

    def __init__(self, title: str, text: str, device: str, when: str, *, deletion: bool, parent=None):
        super().__init__(title, parent)
        self.value_label = QLabel(text)
        self.value_label.setObjectName("conflict_value")
        self.value_label.setWordWrap(True)
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        font = self.value_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setItalic(deletion)
        self.value_label.setFont(font)
        if deletion:
            self.value_label.setStyleSheet("color: #b00020;")
        self.device_label = QLabel(tr_args("Conflicts", "Device: %1", device))
        self.when_label = QLabel(tr_args("Conflicts", "Written: %1", when))
        for label in (self.device_label, self.when_label):
            label.setWordWrap(True)
            label.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.value_label, 1)
        layout.addWidget(self.device_label)
        layout.addWidget(self.when_label)
        self.setMinimumWidth(220)


class MergeDialog(QDialog):
    """Type the value that settles a conflict (free text or a number)."""

    def __init__(self, conflict: core_conflicts.Conflict, parent=None):
        super().__init__(parent)
        self.conflict = conflict
        self.setObjectName("merge_dialog")
        self.setWindowTitle(translate("Conflicts", "Write a merged value"))
        spec = field_spec(conflict.entity, conflict.field)
        intro = QLabel(tr_args("Conflicts", "%1 of “%2”: write the value to keep. It replaces every "
                               "competing value, on every device it reaches.",
                               field_label(conflict.entity, conflict.field), _one_line(conflict.title)))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        current = conflict.current.value
        self.editor: QSpinBox | QLineEdit | QPlainTextEdit
        if spec is not None and spec.kind in ("int", "optint"):
            spin = self.editor = QSpinBox()
            spin.setRange(0, 1_000_000)
            spin.setValue(int(current or 0))
        else:
            texts = list(dict.fromkeys(str(v.value) for v in (conflict.current, *conflict.others)
                                       if not v.deletion and v.value not in (None, "")))
            if spec is not None and spec.kind == "text":
                # one line: it starts from the value in effect; each value can be taken to edit
                line = self.editor = QLineEdit(texts[0] if texts else "")
                choices = QHBoxLayout()
                choices.addWidget(QLabel(translate("Conflicts", "Start from:")))
                for text in texts:
                    use = QPushButton(_one_line(text))
                    use.setObjectName("start_from")
                    use.setToolTip(text)
                    use.clicked.connect(lambda _c=False, t=text: line.setText(t))
                    choices.addWidget(use)
                choices.addStretch(1)
                layout.addLayout(choices)
            else:
                plain = self.editor = QPlainTextEdit()
                plain.setPlainText("\n".join(texts))
        self.editor.setObjectName("merged_value")
        a11y.name(self.editor, field_label(conflict.entity, conflict.field))
        layout.addWidget(self.editor)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        one_line = isinstance(self.editor, QLineEdit)
        fit_to_screen(self, 560, None if one_line else 280)

    def value(self):
        if isinstance(self.editor, QSpinBox):
            return self.editor.value()
        if isinstance(self.editor, QLineEdit):
            return self.editor.text().strip()
        return self.editor.toPlainText().strip()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class ConflictsView(QWidget):
    """The queue on the left; the chosen conflict's values side by side on the right."""

    #: the number of open conflicts, after each load
    loaded = Signal(int)
    #: a conflict was settled (the Conflict as it was); the store changed
    resolved = Signal(object)

    def __init__(self, store, tasks: TaskManager, display: Display, parent=None):
        super().__init__(parent)
        self.store, self.tasks, self.display = store, tasks, display
        self.setObjectName("conflicts_view")
        self.model = ConflictListModel(display, self)
        self.view = QTableView()
        self.view.setObjectName("conflict_list")
        a11y.name(self.view, translate("Sync", "Conflicts"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, self.fontMetrics().horizontalAdvance("優先度優先度") + 24)
        header.resizeSection(2, self.fontMetrics().horizontalAdvance("駒場 事務局PC（この端末）") + 24)
        header.resizeSection(3, self.fontMetrics().horizontalAdvance("令和10年12月31日 19:00") + 24)
        self.count_label = QLabel()
        self.count_label.setObjectName("conflict_count")

        self.heading = QLabel()
        self.heading.setObjectName("conflict_heading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.cards_host = QWidget()
        self.cards = QHBoxLayout(self.cards_host)
        self.cards.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.cards_host)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        a11y.name(scroll, translate("Sync", "Conflicts"))
        # one pair of labels for every conflict, named like the cards above them (whose value
        # is this device's is said on the cards)
        self.keep_current_button = QPushButton(translate("Conflicts", "Keep the value in effect"))
        self.keep_current_button.setObjectName("keep_current")
        self.keep_other_button = QPushButton(translate("Conflicts", "Keep the competing value"))
        self.keep_other_button.setObjectName("keep_other")
        self.merge_button = QPushButton(translate("Conflicts", "Write a merged value…"))
        self.merge_button.setObjectName("merge")
        self.keep_current_button.clicked.connect(lambda: self._keep(other=False))
        self.keep_other_button.clicked.connect(lambda: self._keep(other=True))
        self.merge_button.clicked.connect(self.open_merge_dialog)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_current_button)
        buttons.addWidget(self.keep_other_button)
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)

        detail = QWidget()
        right = QVBoxLayout(detail)
        right.addWidget(self.heading)
        right.addWidget(self.explain)
        right.addWidget(scroll, 1)
        right.addLayout(buttons)
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.count_label)
        box.addWidget(self.view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.view.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show(current.row()))
        self.current: core_conflicts.Conflict | None = None
        self.merge_dialog: MergeDialog | None = None
        self._show(-1)

    # -- loading -----------------------------------------------------------------------

    def refresh(self) -> None:
        store = self.store
        self.tasks.run_in_background(lambda: core_conflicts.list_conflicts(store), self._loaded, owner=self)

    def _loaded(self, items: list[core_conflicts.Conflict]) -> None:
        keep = self.current.id if self.current is not None else None
        self.model.show(items)
        self.count_label.setText(
            tr_n("Conflicts", "%Ln open conflict(s)", len(items)) if items
            else translate("Conflicts", "No open conflicts: every field has one value."))
        row = next((i for i, c in enumerate(items) if c.id == keep), 0 if items else -1)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self._show(row)
        self.loaded.emit(len(items))

    def select(self, conflict_id: str) -> bool:
        for row in range(self.model.rowCount()):
            conflict = self.model.conflict(row)
            if conflict is not None and conflict.id == conflict_id:
                self.view.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    # -- the chosen conflict -------------------------------------------------------------

    def _show(self, row: int) -> None:
        conflict = self.model.conflict(row) if row >= 0 else None
        self.current = conflict
        while self.cards.count():
            item = self.cards.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for button in (self.keep_current_button, self.keep_other_button, self.merge_button):
            button.setEnabled(conflict is not None)
        if conflict is None:
            self.heading.setText(translate("Conflicts", "Choose a conflict to see its values side by side."))
            self.explain.setText("")
            return
        self.heading.setText(tr_args("Conflicts", "%1: “%2” — %3", kind_name(conflict.entity), _one_line(conflict.title),
                                     field_label(conflict.entity, conflict.field)))
        self.explain.setText(translate(
            "Conflicts", "These values were written at the same time on different devices. The newest is "
            "in effect everywhere; the others are kept here until someone chooses."))
        self.cards.addWidget(self._card(conflict, translate("Conflicts", "In effect"), conflict.current))
        for other in conflict.others:
            self.cards.addWidget(self._card(conflict, translate("Conflicts", "Competing value"), other))
        self.keep_other_button.setToolTip(translate("Conflicts", "Keeps the newest competing value.")
                                          if len(conflict.others) > 1 else "")
        spec = field_spec(conflict.entity, conflict.field)
        editable = spec is not None and spec.kind in EDITABLE
        self.merge_button.setEnabled(editable)
        self.merge_button.setToolTip("" if editable else translate(
            "Conflicts", "This field takes one of the values as it is: keep one of them."))

    def _keep(self, *, other: bool) -> None:
        """Keep the value in effect, or the newest competing value."""
        conflict = self.current
        if conflict is None:
            return
        kept = max(conflict.others, key=lambda v: v.stamp) if other else conflict.current
        self.resolve(keep=kept.stamp)

    def _card(self, c: core_conflicts.Conflict, title: str, value: core_conflicts.ConflictValue) -> ValueCard:
        return ValueCard(title, value_text(self.display, c.entity, c.field, value), device_text(value),
                         written_text(self.display, value), deletion=value.deletion)

    def value_cards(self) -> list[ValueCard]:
        items = (self.cards.itemAt(i) for i in range(self.cards.count()))
        return [card for item in items if item is not None and isinstance(card := item.widget(), ValueCard)]

    # -- settling --------------------------------------------------------------------------

    def resolve(self, *, keep: str | None = None, value=None, has_value: bool = False,
                then=None, on_error=None) -> None:
        """Settle the chosen conflict: ``keep`` mine or theirs, or write ``value``."""
        conflict = self.current
        if conflict is None:
            return
        store = self.store
        if has_value:
            work = lambda: core_conflicts.resolve_conflict(store, conflict.id, value=value)  # noqa: E731
        else:
            work = lambda: core_conflicts.resolve_conflict(store, conflict.id, keep=keep)  # noqa: E731
        for button in (self.keep_current_button, self.keep_other_button, self.merge_button):
            button.setEnabled(False)

        def done(settled: core_conflicts.Conflict) -> None:
            if then is not None:
                then()
            self.current = None
            self.resolved.emit(settled)
            self.refresh()

        self.tasks.change(work, done, on_error or self._failed, owner=self)

    def _failed(self, exc: BaseException) -> None:
        self._show(self.view.currentIndex().row())
        self.refresh()  # it may have been settled elsewhere meanwhile
        self.tasks.report_error(exc)

    def open_merge_dialog(self) -> MergeDialog | None:
        if self.current is None:
            return None
        dialog = self.merge_dialog = MergeDialog(self.current, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def save():
            def failed(exc):
                if isinstance(exc, UserError):
                    dialog.show_error(exc.message(self.display.language))
                    dialog.buttons.setEnabled(True)
                    self._show(self.view.currentIndex().row())
                else:
                    self.tasks.report_error(exc)

            dialog.buttons.setEnabled(False)
            self.resolve(value=dialog.value(), has_value=True, on_error=failed,
                         then=lambda: dialog.done(QDialog.DialogCode.Accepted))

        dialog.buttons.accepted.disconnect()
        dialog.buttons.accepted.connect(save)
        dialog.finished.connect(lambda _r: setattr(self, "merge_dialog", None))
        dialog.open()
        return dialog
