"""The 要望 page: the ward's inbox of requests waiting for an answer, and the answers that came in.

Ward staff see every 要望 still waiting, grouped by 担当課 (the group of the oldest first), with
its council, 視点, text, where it stands in the 年度 cycle (提出 → 受付 → 回答予定) and whether its
回答予定 has passed; they route it (担当課, 受付, 回答予定) and write answers in place — 進捗回答
keep it in the list, a 回答 or 最終回答 takes it out. Each is an ordinary change
(``IssueService.route`` / ``IssueService.answer`` through ``TaskManager.change``) and travels to
the laptops in the ward's bundle. On a laptop, the answers that came in by import since the user
last looked are listed at the top (新しい回答), and the navigation entry shows how many.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import UserError
from . import a11y
from .widgets import ChoiceBox, DateEdit, report_cell, report_table
from .i18n import QT_TRANSLATE_NOOP, tr_args, tr_n

translate = QCoreApplication.translate

#: 要望 listed at once; the count above the list says how many wait in all
INBOX_LIMIT = 500
WATCHED = {"issue", "policy_link", "organization", "request_answer"}
OVERDUE = QBrush(QColor("#b00020"))
#: how a waiting 要望's stage in the cycle reads (stats.cycle_stage)
STAGES = {
    "submitted": QT_TRANSLATE_NOOP("Inbox", "Submitted"),
    "received": QT_TRANSLATE_NOOP("Inbox", "Received"),
    "due": QT_TRANSLATE_NOOP("Inbox", "Answer planned"),
    "progress": QT_TRANSLATE_NOOP("Inbox", "Progress answered"),
}


class InboxPage(QWidget):
    """Open 要望 (oldest first) with an answer form; new answers from the ward above them."""

    #: the lists on screen are fresh
    loaded = Signal()
    #: how many answers came in that the user has not marked read
    new_answers_changed = Signal(int)

    def __init__(self, services, tasks, display, parent=None):
        super().__init__(parent)
        self.setObjectName("page_inbox")
        self.services, self.tasks, self.display = services, tasks, display
        self.requests: list = []
        self.answers: list = []

        self.news_model = QStandardItemModel(self)
        self.news_view = report_table("new_answers", self.news_model)
        self.news_view.setMaximumHeight(self.fontMetrics().height() * 9)
        self.seen_button = QPushButton(translate("Inbox", "Mark as read"))
        self.seen_button.setObjectName("mark_answers_read")
        self.seen_button.clicked.connect(self.mark_read)
        self.news_box = QGroupBox(translate("Inbox", "New answers from the ward"))
        self.news_box.setObjectName("new_answers_box")
        news = QVBoxLayout(self.news_box)
        news.addWidget(self.news_view)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.seen_button)
        news.addLayout(row)
        self.news_box.hide()

        self.count_label = QLabel()
        self.count_label.setObjectName("inbox_count")
        self.model = QStandardItemModel(self)
        self.view = QTreeView()
        self.view.setObjectName("inbox")
        a11y.name(self.view, translate("Inbox", "Request:"))
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformRowHeights(True)
        self.view.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_current())

        self.title_label = QLabel()
        self.title_label.setObjectName("request_title")
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setBold(True)
        self.title_label.setFont(font)
        self.about_label = QLabel()
        self.about_label.setWordWrap(True)
        self.text_view = QPlainTextEdit()
        self.text_view.setObjectName("request_text")
        self.text_view.setReadOnly(True)
        self.answer_edit = QPlainTextEdit()
        self.answer_edit.setObjectName("answer_text")
        self.answer_edit.setPlaceholderText(translate("Inbox", "The ward's answer…"))
        self.date_edit = DateEdit(display.era)
        self.date_edit.setObjectName("answer_date")
        self.kind_box = ChoiceBox(display.entries("answer_kind"))
        self.kind_box.setObjectName("answer_kind")
        departments = display.entries("ward_department")
        self.answer_department = ChoiceBox(departments, translate("Inbox", "(the request's department)"))
        self.answer_department.setObjectName("answer_department")
        self.department_box = ChoiceBox(departments, translate("Inbox", "(not yet routed)"))
        self.department_box.setObjectName("route_department")
        self.received_edit = DateEdit(display.era)
        self.received_edit.setObjectName("route_received")
        self.due_edit = DateEdit(display.era)
        self.due_edit.setObjectName("route_due")
        self.route_button = QPushButton(translate("Inbox", "Save the routing"))
        self.route_button.setObjectName("save_route")
        self.route_button.clicked.connect(self.save_route)
        self.answers_view = QPlainTextEdit()
        self.answers_view.setObjectName("request_answers")
        self.answers_view.setReadOnly(True)
        self.answers_view.setMaximumHeight(self.fontMetrics().height() * 6)
        self.error_label = QLabel()
        self.error_label.setObjectName("answer_error")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.save_button = QPushButton(translate("Inbox", "Save the answer"))
        self.save_button.setObjectName("save_answer")
        self.save_button.setToolTip(translate("Inbox", "Save the answer (Ctrl+Enter)"))
        self.save_button.clicked.connect(self.save_answer)
        save = QAction(self.answer_edit)
        save.setShortcut("Ctrl+Return")
        save.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.triggered.connect(self.save_answer)
        self.addAction(save)

        form_box = QGroupBox(translate("Inbox", "Answer"))
        form = QFormLayout(form_box)
        form.addRow(self.title_label)
        form.addRow(self.about_label)
        form.addRow(translate("Inbox", "Request:"), self.text_view)
        form.addRow(translate("Inbox", "Department:"), self.department_box)
        # each date on its own line: room for the whole hint in either
        form.addRow(translate("Inbox", "Received:"), self.received_edit)
        form.addRow(translate("Inbox", "Answer planned by:"), self.due_edit)
        route = QHBoxLayout()
        route.addStretch(1)
        route.addWidget(self.route_button)
        form.addRow(route)
        form.addRow(translate("Inbox", "Latest progress:"), self.answers_view)
        form.addRow(translate("Inbox", "Answer:"), self.answer_edit)
        kind = QHBoxLayout()
        kind.addWidget(self.kind_box, 1)
        kind.addWidget(QLabel(translate("Inbox", "by")))
        kind.addWidget(self.answer_department, 2)
        form.addRow(translate("Inbox", "Kind of answer:"), kind)
        form.addRow(translate("Inbox", "Date of the answer:"), self.date_edit)
        form.addRow(self.error_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        a11y.name_form(form)
        a11y.name(self.answer_department, translate("Field", "Ward department"))

        inbox = QWidget()
        inbox_layout = QVBoxLayout(inbox)
        inbox_layout.setContentsMargins(0, 0, 0, 0)
        inbox_layout.addWidget(self.count_label)
        inbox_layout.addWidget(self.view, 1)
        splitter = QSplitter()
        splitter.addWidget(inbox)
        splitter.addWidget(form_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([3000, 2000])  # the list's titles get the larger share from the start
        layout = QVBoxLayout(self)
        layout.addWidget(self.news_box)
        layout.addWidget(splitter, 1)
        self._enable_form(False)

    # -- loading ---------------------------------------------------------------------

    def reload(self) -> None:
        stats = self.services.stats
        self.tasks.run_in_background(
            lambda: (stats.open_requests(limit=INBOX_LIMIT), stats.waiting_count(), stats.new_answers()),
            self._loaded, owner=self)

    def data_changed(self, changed: dict) -> None:
        """A write somewhere (an answer, an import): count again, on screen or not, as the
        navigation entry shows the new answers."""
        if WATCHED & set(changed):
            self.reload()

    def _loaded(self, result) -> None:
        requests, waiting, answers = result
        current = self.current()
        self.requests, self.answers = requests, answers
        d = self.display
        self._fill(requests)
        shown = tr_n("Inbox", "%Ln request(s) (waits|wait) for an answer, the oldest first.", waiting)
        if waiting > len(requests):
            shown += " " + tr_args("Inbox", "The oldest %1 are listed.", f"{len(requests):,}")
        self.count_label.setText(shown)
        if requests and not (current is not None and self.select(current.id)):
            self.select(requests[0].id)
        self._show_current()

        self.news_model.clear()
        self.news_model.setHorizontalHeaderLabels([
            translate("Inbox", "Organization"), translate("Inbox", "Title"), translate("Inbox", "Answer"),
            translate("Inbox", "Answered on")])
        for a in answers:
            self.news_model.appendRow([report_cell(a.organization, a.id), report_cell(a.title),
                                       report_cell(a.ward_answer), report_cell(d.date(a.answered_on))])
        self.news_view.resizeColumnsToContents()
        self.news_box.setVisible(bool(answers))
        self.new_answers_changed.emit(len(answers))
        self.loaded.emit()

    def _fill(self, requests: list) -> None:
        """One group per 担当課 (those not yet routed together), in the order of each group's
        oldest 要望; the group row counts its 要望 and those past their 回答予定."""
        d, model = self.display, self.model
        model.clear()
        model.setHorizontalHeaderLabels([
            translate("Inbox", "Days waiting"), translate("Inbox", "Raised"), translate("Inbox", "Stage"),
            translate("Inbox", "Answer planned by"), translate("Inbox", "Organization"),
            translate("Inbox", "Viewpoints"), translate("Inbox", "Title")])
        groups: dict[str | None, list] = {}
        for r in requests:
            groups.setdefault(r.department, []).append(r)
        for department, members in groups.items():
            overdue = sum(r.overdue for r in members)
            name = d.label("ward_department", department) if department else translate("Inbox", "Not yet routed")
            summary = tr_args("Inbox", "%1 (%2 waiting)", name, f"{len(members):,}")
            if overdue:
                summary += " " + tr_args("Inbox", "%1 past the planned date", f"{overdue:,}")
            group = report_cell(summary, bold=True)
            group.setData(department, Qt.ItemDataRole.UserRole + 1)
            if overdue:
                group.setForeground(OVERDUE)
            for r in members:
                due = d.date(r.answer_due)
                if r.overdue:
                    due = tr_args("Inbox", "%1 (overdue)", due)
                cells = [report_cell(f"{r.days_open:,}", r.id, number=True), report_cell(d.date(r.raised_on)),
                         report_cell(translate("Inbox", STAGES[r.stage])), report_cell(due),
                         report_cell(r.organization), report_cell("・".join(r.viewpoints)), report_cell(r.title)]
                if r.overdue:
                    for cell in cells:
                        cell.setForeground(OVERDUE)
                group.appendRow(cells)
            model.appendRow([group, *(report_cell("") for _ in range(model.columnCount() - 1))])
            self.view.setFirstColumnSpanned(model.rowCount() - 1, QModelIndex(), True)
        self.view.expandAll()
        for column in range(model.columnCount() - 1):
            self.view.resizeColumnToContents(column)

    # -- the answer form -------------------------------------------------------------

    def current(self):
        index = self.view.currentIndex()
        if not index.isValid() or not index.parent().isValid():  # nothing, or a 担当課's row
            return None
        id_ = index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole)
        return next((r for r in self.requests if r.id == id_), None)

    def select(self, issue_id: str) -> bool:
        model = self.model
        for g in range(model.rowCount()):
            group = model.item(g, 0)
            for row in range(group.rowCount()):
                if group.child(row, 0).data(Qt.ItemDataRole.UserRole) == issue_id:
                    self.view.setCurrentIndex(group.child(row, 0).index())
                    return True
        return False

    def _enable_form(self, on: bool) -> None:
        for w in (self.answer_edit, self.date_edit, self.save_button, self.kind_box, self.answer_department,
                  self.department_box, self.received_edit, self.due_edit, self.route_button):
            w.setEnabled(on)

    def _show_current(self) -> None:
        r = self.current()
        self.error_label.clear()
        self._enable_form(r is not None)
        if r is None:
            self.title_label.setText(translate("Inbox", "No request waits for an answer."))
            self.about_label.clear()
            self.text_view.clear()
            self.answers_view.clear()
            return
        if self.title_label.property("issue_id") != r.id:  # a reload keeps a half-written answer
            self.answer_edit.clear()
            self.date_edit.set_value(dt.date.today())
            self.kind_box.set_value("answer")
            self.answer_department.set_value(None)
        self.department_box.set_value(r.department)
        self.received_edit.set_value(r.received_on)
        self.due_edit.set_value(r.answer_due)
        self.answers_view.setPlainText(
            tr_args("Inbox", "%1 progress answer: %2", self.display.date(r.progress[0]), r.progress[1])
            if r.progress else translate("Inbox", "(none yet)"))
        self.title_label.setProperty("issue_id", r.id)
        self.title_label.setText(r.title)
        viewpoints = "、".join(self.display.viewpoint(v) for v in r.viewpoints) or translate("Inbox", "(none)")
        self.about_label.setText(tr_args("Inbox", "%1 · raised %2 · viewpoints: %3",
                                         r.organization, self.display.date(r.raised_on), viewpoints))
        self.text_view.setPlainText(r.description)

    def save_answer(self) -> None:
        r = self.current()
        if r is None:
            return
        try:
            on = self.date_edit.value()
        except ValueError as exc:
            self.error_label.setText(str(exc))
            return
        text, kind, department = self.answer_edit.toPlainText(), self.kind_box.value(), self.answer_department.value()
        issues = self.services.issues
        self.error_label.clear()
        self.tasks.change(lambda: issues.answer(r.id, text, on, kind, department), self._saved, self._failed,
                          owner=self)

    def save_route(self) -> None:
        """The 担当課 of the 要望, the day the ward took it in and the day it plans to answer."""
        r = self.current()
        if r is None:
            return
        try:
            received, due = self.received_edit.value(), self.due_edit.value()
        except ValueError as exc:
            self.error_label.setText(str(exc))
            return
        department, issues = self.department_box.value(), self.services.issues
        self.error_label.clear()
        self.tasks.change(lambda: issues.route(r.id, department, received, due), None, self._failed, owner=self)

    def _saved(self, _issue) -> None:
        self.answer_edit.clear()
        self.title_label.setProperty("issue_id", None)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.error_label.setText(exc.message(self.display.language))
        else:
            self.tasks.report_error(exc)

    # -- new answers -----------------------------------------------------------------

    def mark_read(self) -> None:
        """The user has read the listed answers (those arriving later stay new)."""
        if not self.answers:
            return
        up_to, stats = max(a.change_id for a in self.answers), self.services.stats
        self.tasks.change(lambda: stats.mark_answers_seen(up_to), lambda _mark: self.reload(), owner=self)


def install(window) -> InboxPage:
    """Add the 要望 page; its navigation entry shows how many new answers came in."""
    page = InboxPage(window.services, window.tasks, window.display)
    window.changed.connect(page.data_changed)
    title = translate("MainWindow", "Requests")
    window.add_page("inbox", title, page)

    def badge(count: int) -> None:
        item = window.nav.item(window.stack.indexOf(page))
        item.setText(tr_n("MainWindow", "Requests (%Ln new answer(s))", count) if count else title)

    page.new_answers_changed.connect(badge)
    show = QAction(translate("MainWindow", "&Requests to the ward"), window)
    show.triggered.connect(lambda: window.show_page("inbox"))
    window.menu("go").addAction(show)
    window.inbox_page = page
    # the badge is worth seeing before the page is opened; after the first list's page, which
    # the window is about to ask the (one) database lane for
    QTimer.singleShot(0, page, page.reload)
    return page
