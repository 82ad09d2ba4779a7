"""Since the last meeting (前回から): what an organization's next meeting should hear about.

:class:`SinceList` shows core/since.py's lists — open action items and those done since, issues
whose status changed, the ward's answers that came in, 継続審議 — under one heading each; Enter
(or a double click) on an entry makes it an agenda item of the meeting, through the one write
path. Meeting mode shows the list beside its agenda (qt/meeting/since_panel.py); here is also
the page of its own in the main window: the organization, which of its coming meetings, the
list, and the 次第 printed with this page first.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.meeting import Candidate, MeetingFlow
from ..core.since import SinceLastMeeting, meetings_to_prepare, next_meeting, since_last_meeting
from . import a11y
from .i18n import tr_args
from .printing import print_meeting
from .widgets import ChoiceBox

translate = QCoreApplication.translate

CANDIDATE_ROLE = Qt.ItemDataRole.UserRole
WATCHED = {"meeting", "agenda_item", "note", "action_item", "issue", "request_answer", "organization"}
TAKEN = QBrush(QColor("#666666"))
OVERDUE = QBrush(QColor("#b00020"))


def since_heading(since: SinceLastMeeting | None, display) -> str:
    if since is None:
        return ""
    if since.last is None:
        return translate("Since", "The organization's first meeting: everything still open is listed.")
    return tr_args("Since", "Since %1 (%2)", since.last.title, display.date(since.last.starts_at))


class _Wrapped(QStyledItemDelegate):
    """Rows as tall as their text wrapped to the view's width (QTreeView sizes rows one line high)."""

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        view = self.parent()
        width = view.viewport().width() - view.indentation() * (2 if index.parent().isValid() else 1) - 8
        text = option.fontMetrics.boundingRect(QRect(0, 0, max(width, 40), 1 << 20), Qt.TextFlag.TextWordWrap,
                                               str(index.data() or ""))
        return QSize(size.width(), max(size.height(), text.height() + 6))


class SinceList(QTreeWidget):
    """The entries under their headings; Enter on one asks for it as an agenda item."""

    # an entry to become an agenda item (a core Candidate)
    take = Signal(object)

    def __init__(self, display, parent=None):
        super().__init__(parent)
        self.setObjectName("since_list")
        a11y.name(self, translate("Since", "Since the last meeting"))
        self.display = display
        self.since: SinceLastMeeting | None = None
        self.setHeaderHidden(True)
        self.setColumnCount(1)
        self.setWordWrap(True)  # in a narrow column (meeting mode's) an entry wraps, never elides
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.header().setStretchLastSection(True)
        self.setUniformRowHeights(False)
        self.setItemDelegate(_Wrapped(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.itemActivated.connect(lambda item, _column: self._activated(item))
        self.setToolTip(translate("Since", "Enter or double click: make it an agenda item of the meeting"))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.scheduleDelayedItemsLayout()  # rows wrap to the new width

    def show_since(self, since: SinceLastMeeting | None) -> None:
        self.since = since
        self.clear()
        if since is None:
            return
        d = self.display

        def group(title: str, rows: list[tuple[Candidate, str, bool]]) -> None:
            head = QTreeWidgetItem([title])
            font = QFont(head.font(0))
            font.setBold(True)
            head.setFont(0, font)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addTopLevelItem(head)
            for candidate, text, late in rows:
                on = candidate.source_id in since.on_agenda
                row = QTreeWidgetItem([tr_args("Since", "%1 — on the agenda", text) if on else text])
                row.setData(0, CANDIDATE_ROLE, candidate)
                row.setToolTip(0, candidate.text or candidate.title)
                if on:
                    row.setForeground(0, TAKEN)
                elif late:
                    row.setForeground(0, OVERDUE)
                head.addChild(row)
            head.setExpanded(True)

        def due(c: Candidate) -> str:
            text = c.title
            if c.assignee:
                text = tr_args("Since", "%1 — %2", text, c.assignee)
            if c.due_on:
                text = tr_args("Since", "%1, due %2", text, d.date(c.due_on))
            return tr_args("Since", "%1 (overdue)", text) if c.overdue else text

        def count(rows: list) -> str:
            return f"{len(rows):,}"

        rows = [(c, due(c), c.overdue) for c in since.open_actions]
        group(tr_args("Since", "Open action items (%1)", count(rows)), rows)
        rows = [(a.candidate, tr_args("Since", "%1 (done %2)", a.candidate.title, d.date(a.done_on))
                 if a.done_on else a.candidate.title, False) for a in since.done_actions]
        group(tr_args("Since", "Action items done since (%1)", count(rows)), rows)
        rows = [(s.candidate, tr_args("Since", "%1: %2 → %3", s.candidate.title,
                                      d.label("issue_status", s.old) if s.old else translate("Since", "new"),
                                      d.label("issue_status", s.new)), False) for s in since.status_changes]
        group(tr_args("Since", "Issues whose status changed (%1)", count(rows)), rows)
        rows = [(a.candidate, tr_args("Since", "%1: %2 of %3 (%4): %5", a.candidate.title, d.label("answer_kind", a.kind),
                                      d.date(a.answered_on),
                                      d.label("ward_department", a.department) if a.department else "—",
                                      a.candidate.text), False) for a in since.answers]
        group(tr_args("Since", "Answers from the ward (%1)", count(rows)), rows)
        rows = [(c, tr_args("Since", "%1 (from %2)", c.title, c.from_meeting) if c.from_meeting else c.title, False)
                for c in since.continued]
        group(tr_args("Since", "Continued deliberation (%1)", count(rows)), rows)
        first = self.topLevelItem(0)
        if first is not None:  # the first heading: in sight, and ↓ reaches the first entry
            self.setCurrentItem(first)
        self.scrollToTop()  # the first heading in sight, not just its first entry

    def current_candidate(self) -> Candidate | None:
        item = self.currentItem()
        return item.data(0, CANDIDATE_ROLE) if item is not None else None

    def entries(self) -> list[str]:
        """The text of every entry, in order (for tests and screen readers' summaries)."""
        heads = [self.topLevelItem(g) for g in range(self.topLevelItemCount())]
        rows = [head.child(r) for head in heads if head is not None for r in range(head.childCount())]
        return [row.text(0) for row in rows if row is not None]

    def _activated(self, item: QTreeWidgetItem) -> None:
        candidate = item.data(0, CANDIDATE_ROLE)
        if candidate is not None and self.since is not None and candidate.source_id not in self.since.on_agenda:
            self.take.emit(candidate)

    def take_current(self) -> None:
        item = self.currentItem()
        if item is not None:
            self._activated(item)


class SincePage(QWidget):
    """前回から: an organization's coming meeting and what it should hear about."""

    # the list on screen is fresh
    loaded = Signal()

    def __init__(self, services, tasks, display, home_org: str | None = None, parent=None):
        super().__init__(parent)
        self.setObjectName("page_since")
        self.services, self.tasks, self.display = services, tasks, display
        self.flow = MeetingFlow(services)
        self.meetings: list = []
        self._stale = True

        self.organization = ChoiceBox(sorted(display.org_names.items(), key=lambda kv: kv[1]))
        self.organization.setObjectName("since_organization")
        self.organization.set_value(home_org)
        self.organization.currentIndexChanged.connect(self._organization_chosen)
        self.meeting = ChoiceBox()
        self.meeting.setObjectName("since_meeting")
        self.meeting.currentIndexChanged.connect(self._meeting_chosen)
        self.heading = QLabel()
        self.heading.setObjectName("since_heading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.list = SinceList(display)
        self.list.take.connect(self.add_to_agenda)
        self.add_button = QPushButton(translate("Since", "&Add to the agenda (Enter)"))
        self.add_button.setObjectName("since_add")
        self.add_button.clicked.connect(self._add_current)
        self.print_button = QPushButton(translate("Since", "&Print the agenda with this page first…"))
        self.print_button.setObjectName("since_print")
        self.print_button.clicked.connect(self.print_agenda)
        self.status = QLabel()
        self.status.setObjectName("since_status")
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.addRow(translate("Since", "&Organization:"), self.organization)
        form.addRow(translate("Since", "For the &meeting:"), self.meeting)
        a11y.name_form(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self._enable(False)

    def _organization_chosen(self, _index: int) -> None:
        self.status.clear()
        self.reload()

    def _meeting_chosen(self, _index: int) -> None:
        self.status.clear()
        self._load_since()

    def _enable(self, on: bool) -> None:
        for w in (self.add_button, self.print_button, self.list):
            w.setEnabled(on)

    def meeting_id(self) -> str | None:
        return self.meeting.value()

    # -- loading ---------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def data_changed(self, changed: dict) -> None:
        if "organization" in changed:
            self.organization.set_choices(sorted(self.display.org_names.items(), key=lambda kv: kv[1]))
        if WATCHED & set(changed):
            self._stale = True
            if self.isVisible():
                self.reload()

    def reload(self) -> None:
        """The organization's coming meetings, the one to prepare chosen, and its list: read in
        one job (a job started from another's result could outlive the page's tasks)."""
        self._stale = False
        org, services, chosen = self.organization.value(), self.services, self.meeting.value()

        def work():
            meetings = meetings_to_prepare(services, org) if org else []
            meeting_id = chosen if chosen in {mt.id for mt in meetings} else None
            if meeting_id is None:
                upcoming = next_meeting(meetings, dt.date.today())
                meeting_id = upcoming.id if upcoming else None
            return meetings, meeting_id, since_last_meeting(services, meeting_id) if meeting_id else None

        self.tasks.run_in_background(work, lambda result: self._show_meetings(*result), owner=self)

    def _show_meetings(self, meetings: list, chosen: str | None, since: SinceLastMeeting | None) -> None:
        self.meetings = meetings
        d = self.display
        self.meeting.blockSignals(True)
        self.meeting.set_choices([(mt.id, f"{d.datetime(mt.starts_at)}　{mt.title}") for mt in meetings])
        self.meeting.set_value(chosen)
        self.meeting.blockSignals(False)
        self._show(since)

    def _load_since(self) -> None:
        """Another meeting chosen: its list."""
        meeting_id, services = self.meeting.value(), self.services
        if meeting_id is None:
            self._show(None)
            return
        self.tasks.run_in_background(lambda: since_last_meeting(services, meeting_id), self._show, owner=self)

    def _show(self, since: SinceLastMeeting | None) -> None:
        if since is None:
            self.list.show_since(None)
            self.heading.setText(translate(
                "Since", "No meeting of this organization is planned. Add its next meeting on the Meetings page, "
                "then prepare it here.") if self.organization.value() else "")
            self._enable(False)
            self.loaded.emit()
            return
        if since.meeting.id != self.meeting.value():
            return  # another meeting was chosen meanwhile
        self.list.show_since(since)
        self.heading.setText(since_heading(since, self.display))
        self._enable(True)
        if since.empty:
            self.status.setText(translate("Since", "Nothing happened since the last meeting."))
        self.loaded.emit()

    # -- acting ----------------------------------------------------------------------

    def _add_current(self) -> None:
        if self.list.current_candidate() is None:  # a heading
            self.status.setText(translate("Since", "Choose an entry under a heading first."))
            return
        self.list.take_current()

    def add_to_agenda(self, candidate: Candidate) -> None:
        flow, meeting_id = self.flow, self.meeting.value()
        if meeting_id is None:
            return

        def done(item) -> None:  # the list is read again as the window hears of the change
            self.status.setText(tr_args("Since", "Added to the agenda: %1", item.title))

        self.tasks.change(lambda: flow.add_candidate(meeting_id, candidate), done, owner=self)

    def print_agenda(self) -> None:
        meeting_id = self.meeting.value()
        if meeting_id is not None:
            print_meeting(self, self.services, self.tasks, meeting_id, self.display.era, paper="agenda_since")


def install(window) -> SincePage:
    """Add the 前回から page (for the home organization, if one is chosen) and Go ▸ 前回から."""
    page = SincePage(window.services, window.tasks, window.display, window.store_home_org())
    window.changed.connect(page.data_changed)
    window.add_page("since", translate("MainWindow", "Since the last meeting"), page)
    show = QAction(translate("MainWindow", "Since the &last meeting"), window)
    show.triggered.connect(lambda: window.show_page("since"))
    window.menu("go").addAction(show)
    window.since_page = page
    return page
