"""Meeting mode's agenda panel: the list, adding and moving items, carrying over, going from item to item."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
)

from ...core.meeting import (
    Candidate,
    Session,
)
from .dialogs import AgendaItemDialog, CarryOverDialog
from .state import MeetingWindowState

translate = QCoreApplication.translate


class AgendaPanel(MeetingWindowState):
    """The agenda column of :class:`~.window.MeetingModeWindow` (a mix-in: it uses the window's state)."""

    def _build_agenda(self, grid: QGridLayout) -> None:
        agenda_box = QGroupBox(translate("MeetingMode", "Agenda"))
        agenda_layout = QVBoxLayout(agenda_box)
        self.agenda_list = QListWidget()
        self.agenda_list.setObjectName("agenda_list")
        self.agenda_list.setWordWrap(True)
        self.agenda_list.itemActivated.connect(lambda item: self.go_to(self.agenda_list.row(item)))
        agenda_layout.addWidget(self.agenda_list, 1)
        self.add_item_button = QPushButton(translate("MeetingMode", "&Add item"))
        self.add_item_button.setObjectName("add_item")
        self.add_item_button.clicked.connect(self.add_item)
        self.carry_button = QPushButton(translate("MeetingMode", "&Carry over…"))
        self.carry_button.setObjectName("carry_over")
        self.carry_button.clicked.connect(self.carry_over)
        self.up_button = QPushButton(translate("MeetingMode", "Up (Alt+↑)"))
        self.up_button.setObjectName("move_up")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton(translate("MeetingMode", "Down (Alt+↓)"))
        self.down_button.setObjectName("move_down")
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        row = QGridLayout()
        row.addWidget(self.add_item_button, 0, 0)
        row.addWidget(self.carry_button, 0, 1)
        row.addWidget(self.up_button, 1, 0)
        row.addWidget(self.down_button, 1, 1)
        agenda_layout.addLayout(row)
        agenda_box.setMinimumWidth(280)
        column = QSplitter(Qt.Orientation.Vertical)
        column.setObjectName("agenda_column")
        column.addWidget(agenda_box)
        column.addWidget(self._build_since())  # 前回から, under the agenda it feeds
        column.setChildrenCollapsible(False)
        column.setStretchFactor(0, 1)
        column.setStretchFactor(1, 1)
        grid.addWidget(column, 1, 0, 2, 1)

    def _show_agenda(self) -> None:
        selected = self.agenda_list.currentRow()
        self.agenda_list.clear()
        current = self.session.item_id
        for n, item in enumerate(self.agenda, start=1):
            mark = "▶ " if item.id == current else "　 "
            entry = QListWidgetItem(f"{mark}{n}. {item.title}（{item.planned_minutes}" + translate("MeetingMode", " min") + "）")
            if item.id == current:
                font = entry.font()
                font.setBold(True)
                entry.setFont(font)
            self.agenda_list.addItem(entry)
        if self.agenda:
            self.agenda_list.setCurrentRow(selected if 0 <= selected < len(self.agenda)
                                           else max(self.current_index(), 0))


    # -- items and the clock -------------------------------------------------------------

    def _session_job(self, fn) -> None:
        def done(session: Session):
            self.session = session
            self._show_agenda()
            self._show_item()

        self.tasks.change(fn, done, self._failed, owner=self)

    def go_to(self, index: int) -> None:
        if not 0 <= index < len(self.agenda) or index == self.current_index():
            return
        if self.capture.text().strip():
            self.save_draft()  # kept with the item it was typed for
        flow, meeting_id, item_id = self.flow, self.meeting_id, self.agenda[index].id
        self._session_job(lambda: flow.go_to(meeting_id, item_id))

    def step(self, delta: int) -> None:
        self.go_to(self.current_index() + delta)

    def toggle_pause(self) -> None:
        item = self.current_item()
        if self.meeting is None or self.meeting.status != "in_session" or item is None:
            return
        flow, meeting_id = self.flow, self.meeting_id
        if self.session.running:
            self._session_job(lambda: flow.pause(meeting_id))
        elif self.session.item_id is None or self.session.item_id not in self.session.timers:
            item_id = item.id
            self._session_job(lambda: flow.go_to(meeting_id, item_id, run=True))
        else:
            self._session_job(lambda: flow.resume(meeting_id))

    # -- agenda --------------------------------------------------------------------------

    def add_item(self) -> None:
        dialog = AgendaItemDialog(self)
        self.agenda_dialog = dialog

        def finished(result):
            self.agenda_dialog = None
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted:
                flow, meeting_id = self.flow, self.meeting_id
                title, minutes = dialog.title.text().strip(), dialog.minutes.value()
                self.tasks.change(lambda: flow.add_item(meeting_id, title, minutes),
                                  lambda _i: self.reload(), self._failed, owner=self)
            self.refocus()

        dialog.finished.connect(finished)
        dialog.open()

    def carry_over(self) -> None:
        flow, meeting_id = self.flow, self.meeting_id
        self.tasks.run_in_background(lambda: flow.carry_over_candidates(meeting_id), self._offer, self._failed)

    def _offer(self, candidates: list[Candidate]) -> None:
        dialog = CarryOverDialog(candidates, self.display, self)
        self.carry_dialog = dialog

        def finished(result):
            self.carry_dialog = None
            dialog.deleteLater()
            chosen = dialog.chosen() if result == QDialog.DialogCode.Accepted else []
            self.refocus()
            if chosen:
                flow, meeting_id = self.flow, self.meeting_id
                self.tasks.change(
                    lambda: [flow.add_candidate(meeting_id, c) for c in chosen],
                    lambda _items: self.reload(), self._failed, owner=self)

        dialog.finished.connect(finished)
        dialog.open()

    def move_selected(self, delta: int) -> None:
        row = self.agenda_list.currentRow()
        target = row + delta
        if not (0 <= row < len(self.agenda) and 0 <= target < len(self.agenda)):
            return
        if self.meeting is None or self.meeting.status not in ("planned", "in_session"):
            return
        flow, item_id = self.flow, self.agenda[row].id

        def done(agenda):
            self.agenda = agenda
            self._settle_current()
            self.agenda_list.setCurrentRow(target)
            self._show_agenda()
            self._show_item()

        self.tasks.change(lambda: flow.move_item(item_id, target), done, self._failed, owner=self)
