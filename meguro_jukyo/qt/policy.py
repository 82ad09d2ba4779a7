"""The ward plan's policy framework: browse 方針 → 考え方 → 視点 → ○ items with their full text,
see what is linked to a 視点, and link an issue or a note to one (helped by suggestions the
user accepts; nothing is linked without a click on Link).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import UserError
from ..core.policy import PolicyFramework
from ..core.services import ListQuery
from . import a11y
from .models import ROW_ROLE, EntityTableModel
from .names import kind_name, row_title
from .i18n import fill, tr_args
from .widgets import fit_to_screen

translate = QCoreApplication.translate
NODE_ROLE = Qt.ItemDataRole.UserRole + 10
ITEM_PREVIEW = 48


class PolicyTreeModel(QStandardItemModel):
    """The framework as a tree; each item holds its node id behind NODE_ROLE."""

    def __init__(self, framework: PolicyFramework, parent=None):
        super().__init__(parent)
        self.framework = framework
        self._items: dict[str, QStandardItem] = {}
        self.setHorizontalHeaderLabels([translate("Policy", "Ward basic plan: policy framework")])
        self._add(None, self.invisibleRootItem())

    def _add(self, parent_id: str | None, parent_item: QStandardItem) -> None:
        for node in self.framework.children(parent_id):
            if node.level == "item":
                text = " ".join(node.text.split())
                label = "○ " + (text if len(text) <= ITEM_PREVIEW else text[: ITEM_PREVIEW - 1] + "…")
            else:
                label = node.heading
            item = QStandardItem(label)
            item.setEditable(False)
            item.setData(node.id, NODE_ROLE)
            item.setToolTip(node.text or node.heading)
            self._items[node.id] = item
            parent_item.appendRow(item)
            self._add(node.id, item)

    def index_of(self, node_id: str) -> QModelIndex:
        item = self._items.get(node_id)
        return item.index() if item is not None else QModelIndex()


def node_html(framework: PolicyFramework, node_id: str) -> str:
    """The reading pane: the path as headings, then the node's full text (a 視点: its items)."""
    node = framework.node(node_id)
    parts = []
    for ancestor in framework.path(node_id)[:-1]:
        parts.append(f"<p style='color:#555'>{html.escape(ancestor.heading)}</p>")
    if node.level == "item":
        parts.append(f"<h3>{html.escape(node.id)}</h3><p>○ {html.escape(node.text)}</p>")
        return "".join(parts)
    parts.append(f"<h2>{html.escape(node.heading)}</h2>")
    for paragraph in node.paragraphs:
        parts.append(f"<p>{html.escape(paragraph)}</p>")
    if node.level == "viewpoint":
        for item in framework.items(node.id):
            parts.append(f"<p>○ {html.escape(item.text)}</p>")
    elif node.level in ("policy", "approach"):
        for child in framework.children(node.id):
            parts.append(f"<p>・{html.escape(child.heading)}</p>")
    return "".join(parts)


def _tree_view(model: PolicyTreeModel) -> QTreeView:
    view = QTreeView()
    view.setModel(model)
    view.setHeaderHidden(True)
    view.setUniformRowHeights(True)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.expandToDepth(1)
    return view


class PolicyPage(QWidget):
    """Browse the framework; see the issues linked to the chosen 視点."""

    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.window_ = window
        self.framework = window.framework
        self.setObjectName("page_policy")
        self.model = PolicyTreeModel(self.framework, self)
        self.tree = _tree_view(self.model)
        self.tree.setObjectName("policy_tree")
        self.reader = QTextBrowser()
        self.reader.setObjectName("policy_text")
        a11y.name(self.reader, translate("MainWindow", "Viewpoint text"))
        a11y.name(self.tree, translate("MainWindow", "Policy viewpoints"))
        self.linked_label = QLabel()
        self.linked = EntityTableModel(window.services.issues, window.tasks, window.display, parent=self)
        self.linked_view = QTableView()
        self.linked_view.setObjectName("linked_issues")
        a11y.name(self.linked_view, translate("Dialogs", "Linked viewpoints"))
        self.linked_view.setModel(self.linked)
        self.linked_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.linked_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.linked_view.verticalHeader().hide()
        self.linked_view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.linked_view.setSortingEnabled(True)
        header = self.linked_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, self.fontMetrics().horizontalAdvance("令和10年12月31日") + 24)
        self.linked_view.doubleClicked.connect(
            lambda index: window.open_item("issue", index.data(ROW_ROLE)))
        self.linked.loaded.connect(self._linked_loaded)
        self.linked.counted.connect(self._linked_loaded)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.reader)
        bottom = QWidget()
        box = QVBoxLayout(bottom)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.linked_label)
        box.addWidget(self.linked_view, 1)
        right.addWidget(bottom)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.viewpoint_id: str | None = None
        self._linked_loaded(0)
        self.select(self.framework.viewpoints()[0].id)

    def select(self, node_id: str) -> None:
        index = self.model.index_of(node_id)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)

    def _current_changed(self, current: QModelIndex, _previous=None) -> None:
        node_id = current.data(NODE_ROLE)
        if not node_id:
            return
        self.reader.setHtml(node_html(self.framework, node_id))
        vp = self.framework.viewpoint_of(node_id)
        new_vp = vp.id if vp is not None else None
        if new_vp != self.viewpoint_id:
            self.viewpoint_id = new_vp
            self.refresh_links()

    def refresh_links(self) -> None:
        if self.viewpoint_id is None:
            self.linked_label.setText(translate("Policy", "Choose a viewpoint to see the issues linked to it."))
            self.linked.set_query(ListQuery(equals={"id": []}))
            return
        self.linked.set_query(ListQuery(viewpoint_id=self.viewpoint_id))

    def _linked_loaded(self, total: int) -> None:
        if self.viewpoint_id is None:
            return
        self.linked_label.setText(tr_args("Policy", "Issues linked to viewpoint %1: %2", self.viewpoint_id, f"{total:,}"))

    def redisplay(self) -> None:
        self.linked.redisplay()


class ReasonDialog(QDialog):
    """The reason of a link made earlier, to change it."""

    reason_chosen = Signal(str)

    def __init__(self, link, display, parent=None):
        super().__init__(parent)
        self.setObjectName("reason_dialog")
        self.setWindowTitle(translate("Policy", "Reason for the link"))
        self.reason = QLineEdit(link.reason)
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(translate("Policy", "Why this viewpoint (a short reason)"))
        a11y.name(self.reason, translate("Policy", "Reason for the link"))
        self.reason.selectAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        label = QLabel(tr_args("Policy", "Viewpoint: %1", display.viewpoint(link.viewpoint_id)))
        label.setWordWrap(True)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(buttons)
        fit_to_screen(self, 520)

    def accept(self) -> None:
        self.reason_chosen.emit(self.reason.text().strip())
        super().accept()


class LinkDialog(QDialog):
    """Link one issue or note to a 視点 (optionally one ○ item) with a short reason."""

    linked = Signal(object)  # the PolicyLinkRead

    def __init__(self, window, kind: str, row, parent=None):
        super().__init__(parent or window)
        self.window_, self.kind, self.row = window, kind, row
        self.framework = window.framework
        self.setObjectName("link_dialog")
        self.setWindowTitle(translate("Policy", "Link to a policy viewpoint"))
        target = QLabel(f"{kind_name(kind)}: {row_title(row)}")
        target.setWordWrap(True)
        target.setStyleSheet("font-weight: bold;")

        self.suggestions = QListWidget()
        self.suggestions.setObjectName("suggestions")
        a11y.name(self.suggestions, translate("Policy", "Use this suggestion"))
        self.suggestions.setMaximumHeight(self.fontMetrics().height() * 8)
        self.accept_suggestion_button = QPushButton(translate("Policy", "Use this suggestion"))
        self.accept_suggestion_button.setObjectName("accept_suggestion")
        self.accept_suggestion_button.clicked.connect(self.accept_suggestion)
        self.suggestions.itemDoubleClicked.connect(lambda _i: self.accept_suggestion())
        self.suggested: list = []
        self.already_linked: set[str] | None = None  # the 視点 this row is linked to, once read

        self.model = PolicyTreeModel(self.framework, self)
        self.tree = _tree_view(self.model)
        self.tree.setObjectName("link_tree")
        self.reader = QTextBrowser()
        a11y.name(self.tree, translate("MainWindow", "Policy viewpoints"))
        a11y.name(self.reader, translate("MainWindow", "Viewpoint text"))
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(translate("Policy", "Why this viewpoint (a short reason)"))
        a11y.name(self.reason, translate("Policy", "Reason for the link"))
        self.choice = QLabel()
        self.choice.setObjectName("choice")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.link_button = self.buttons.addButton(translate("Policy", "Link"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.link_button.setObjectName("link")
        self.link_button.setEnabled(False)
        self.buttons.accepted.connect(self.link)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(target)
        layout.addWidget(QLabel(translate("Policy", "Suggested viewpoints (computed from the text; nothing is "
                                          "linked until you choose Link):")))
        row_box = QHBoxLayout()
        row_box.addWidget(self.suggestions, 1)
        row_box.addWidget(self.accept_suggestion_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row_box)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(self.reader)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.choice)
        form = QHBoxLayout()
        form.addWidget(QLabel(translate("Policy", "Reason")))
        form.addWidget(self.reason, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.viewpoint_id: str | None = None
        self.item_id: str | None = None
        fit_to_screen(self, 900, 640)
        self.suggestions.addItem(translate("Policy", "Looking for suggestions…"))
        self.accept_suggestion_button.setEnabled(False)
        links, plan_id = window.services.links, self.framework.plan_id
        query = ListQuery(equals={("issue_id" if kind == "issue" else "note_id"): row.id, "plan_id": plan_id})
        text = getattr(row, "title", "") + "\n" + (getattr(row, "description", None) or getattr(row, "body", "") or "")
        own = row.id if kind == "issue" else None

        def read():  # off the GUI thread: the links, the analyser and the store's earlier decisions
            linked = {lk.viewpoint_id for lk in links.list(query)}
            return linked, window.suggester.suggest(text, limit=3 + len(linked), exclude_issue_id=own)

        window.tasks.run_in_background(read, self._read, owner=self)

    def _read(self, found) -> None:
        """The 視点 already linked are no longer suggested, and refused as soon as one is chosen."""
        self.already_linked, ranked = found
        self._show_suggestions([s for s in ranked if s.viewpoint_id not in self.already_linked][:3])
        self._current_changed(self.tree.currentIndex())

    def _show_suggestions(self, ranked) -> None:
        self.suggestions.clear()
        self.suggested = ranked
        reason_text = {"words": translate("Policy", "words: %1"), "plan": translate("Policy", "plan text: %1"),
                       "similar": translate("Policy", "similar issue: %1")}
        for s in ranked:
            vp = self.framework.node(s.viewpoint_id)
            label = f"{vp.id} {vp.title}"
            label += tr_args("Policy", " (match %1%)", str(round(s.score * 100)))
            label += "  " + " / ".join(fill(reason_text[r.kind], r.detail) for r in s.reasons)
            if s.item_id:  # the ○ item on a line of its own, so the reasons stay in view
                item_text = " ".join(self.framework.node(s.item_id).text.split())
                label += f"\n    ○ {item_text[:60]}…"
            entry = QListWidgetItem(label)
            entry.setData(Qt.ItemDataRole.UserRole, s)
            self.suggestions.addItem(entry)
        if not ranked:
            self.suggestions.addItem(translate("Policy", "No suggestion for this text."))
        else:
            self.accept_suggestion_button.setEnabled(True)
            self.suggestions.setCurrentRow(0)

    def _current_changed(self, current: QModelIndex, _previous=None) -> None:
        node_id = current.data(NODE_ROLE)
        if not node_id:
            return
        self.reader.setHtml(node_html(self.framework, node_id))
        node = self.framework.node(node_id)
        vp = self.framework.viewpoint_of(node_id)
        self.viewpoint_id = vp.id if vp is not None else None
        self.item_id = node.id if node.level == "item" else None
        duplicate = self.viewpoint_id is not None and self.viewpoint_id in (self.already_linked or ())
        self.link_button.setEnabled(self.viewpoint_id is not None and not duplicate)
        if duplicate:  # said now, before a reason is typed for nothing
            self.error.setText(tr_args("Policy", "Already linked to %1. Choose another viewpoint.", f"{vp.id} {vp.title}"))
            self.error.show()
        else:
            self.error.hide()
        if self.viewpoint_id is None:
            self.choice.setText(translate("Policy", "Choose a viewpoint (施策立案の視点) or one of its ○ items."))
        else:
            text = tr_args("Policy", "Link to: %1", f"{vp.id} {vp.title}")
            if self.item_id:
                text += f" / {self.item_id}"
            self.choice.setText(text)

    def accept_suggestion(self) -> None:
        entry = self.suggestions.currentItem()
        suggestion = entry.data(Qt.ItemDataRole.UserRole) if entry is not None else None
        if suggestion is None:
            return
        target = suggestion.item_id or suggestion.viewpoint_id
        index = self.model.index_of(target)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        self.reason.setFocus()

    def link(self) -> None:
        if self.viewpoint_id is None:
            return
        data = {"viewpoint_id": self.viewpoint_id, "item_id": self.item_id, "reason": self.reason.text(),
                "plan_id": self.framework.plan_id,
                ("issue_id" if self.kind == "issue" else "note_id"): self.row.id}
        service = self.window_.services.links
        self.link_button.setEnabled(False)
        self.window_.tasks.change(lambda: service.create(data), self._linked, self._failed, owner=self)

    def _linked(self, link) -> None:
        self.linked.emit(link)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.link_button.setEnabled(True)
        if not isinstance(exc, UserError):
            self.window_.tasks.report_error(exc)
            return
        self.error.setText(exc.message(self.window_.display.language))
        self.error.show()
