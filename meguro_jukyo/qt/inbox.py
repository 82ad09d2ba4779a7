"""The 要望 page: the ward's inbox of requests waiting for an answer, and the answers that came in.

Ward staff see every 要望 still waiting, the oldest first, with its council, 視点 and text, and
write the answer (回答) and its date in place; an answered 要望 leaves the list. The answer is an
ordinary change (``IssueService.answer`` through ``TaskManager.change``) and travels to the
laptops in the ward's bundle. On a laptop, the answers that came in by import since the user
last looked are listed at the top (新しい回答), and the navigation entry shows how many.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QStandardItemModel
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import UserError
from .widgets import DateEdit, report_cell, report_table

translate = QCoreApplication.translate

#: 要望 listed at once; the count above the list says how many wait in all
INBOX_LIMIT = 500
WATCHED = {"issue", "policy_link", "organization"}


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
        self.view = report_table("inbox", self.model)
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
        form.addRow(translate("Inbox", "Answer:"), self.answer_edit)
        form.addRow(translate("Inbox", "Date of the answer:"), self.date_edit)
        form.addRow(self.error_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)

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
        model = self.model
        model.clear()
        model.setHorizontalHeaderLabels([
            translate("Inbox", "Days waiting"), translate("Inbox", "Raised"), translate("Inbox", "Organization"),
            translate("Inbox", "Viewpoints"), translate("Inbox", "Title")])
        for r in requests:
            model.appendRow([report_cell(f"{r.days_open:,}", r.id, number=True), report_cell(d.date(r.raised_on)),
                             report_cell(r.organization), report_cell("・".join(r.viewpoints)),
                             report_cell(r.title)])
        self.view.resizeColumnsToContents()
        shown = translate("Inbox", "%1 requests wait for an answer, the oldest first.").replace("%1", f"{waiting:,}")
        if waiting > len(requests):
            shown += " " + translate("Inbox", "The oldest %1 are listed.").replace("%1", f"{len(requests):,}")
        self.count_label.setText(shown)
        ids = [r.id for r in requests]
        if requests:
            row = ids.index(current.id) if current is not None and current.id in ids else 0
            self.view.setCurrentIndex(model.index(row, 0))
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

    # -- the answer form -------------------------------------------------------------

    def current(self):
        index = self.view.currentIndex()
        return self.requests[index.row()] if index.isValid() and index.row() < len(self.requests) else None

    def select(self, issue_id: str) -> bool:
        for row, r in enumerate(self.requests):
            if r.id == issue_id:
                self.view.setCurrentIndex(self.model.index(row, 0))
                return True
        return False

    def _enable_form(self, on: bool) -> None:
        for w in (self.answer_edit, self.date_edit, self.save_button):
            w.setEnabled(on)

    def _show_current(self) -> None:
        r = self.current()
        self.error_label.clear()
        self._enable_form(r is not None)
        if r is None:
            self.title_label.setText(translate("Inbox", "No request waits for an answer."))
            self.about_label.clear()
            self.text_view.clear()
            return
        if self.title_label.property("issue_id") != r.id:  # a reload keeps a half-written answer
            self.answer_edit.clear()
            self.date_edit.set_value(dt.date.today())
        self.title_label.setProperty("issue_id", r.id)
        self.title_label.setText(r.title)
        viewpoints = "、".join(self.display.viewpoint(v) for v in r.viewpoints) or translate("Inbox", "(none)")
        self.about_label.setText(translate("Inbox", "%1 · raised %2 · viewpoints: %3").replace(
            "%1", r.organization).replace("%2", self.display.date(r.raised_on)).replace("%3", viewpoints))
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
        text = self.answer_edit.toPlainText()
        issues = self.services.issues
        self.error_label.clear()
        self.tasks.change(lambda: issues.answer(r.id, text, on), self._saved, self._failed, owner=self)

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
        item.setText(translate("MainWindow", "Requests (%1 new answers)").replace("%1", str(count)) if count else title)

    page.new_answers_changed.connect(badge)
    show = QAction(translate("MainWindow", "&Requests to the ward"), window)
    show.triggered.connect(lambda: window.show_page("inbox"))
    window.menu("go").addAction(show)
    window.inbox_page = page
    # the badge is worth seeing before the page is opened; after the first list's page, which
    # the window is about to ask the (one) database lane for
    QTimer.singleShot(0, page, page.reload)
    return page
