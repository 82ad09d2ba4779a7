"""Meeting mode: one window for running a live meeting, keyboard first.

Built for a facilitator who is not a computer person, on a laptop in a community hall:

- the current agenda item in large text, its time box counting down, red ``+mm:ss`` once over;
- F1–F8 choose the kind of note (意見 論点 質問 報告 合意 決定 継続審議 少数意見) and put the
  cursor in the capture box; Enter records the note. F6 (決定) opens the decision dialog
  (method, votes, a minority opinion). F9 adds an action item (what, who, due — 和暦 typing
  works). F10 pauses and resumes the clock; Alt+→ / Alt+← go to the next / previous item;
- the agenda (add, move with Alt+↑/↓, carry over 継続審議 and open action items);
- attendance (members, present, proxies) with 成立 / 不成立 as it is typed;
- 開会 → 閉会 → 確定 with confirmations, and the minutes (PDF and Excel) into a chosen folder,
  in the background with progress;
- a projector window that follows this one (:mod:`.projector`).

Every captured note is committed when Enter is pressed. What is being typed is saved ~0.5 s
after the last keystroke as a draft (core/meeting.py keeps it in the store); after a crash the
window reopens on the same meeting and item with the text back in the box.

All database work goes through :class:`MeetingFlow` on the tasks' database lane.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core import models as m
from ..core.meeting import (
    Candidate,
    Draft,
    MeetingFlow,
    Problem,
    Session,
    decision_problems,
    quorum_problem,
)
from .display import Display
from .meeting_officers import OfficersPanel
from .printing import offer_open, print_meeting
from .projector import ProjectorState, ProjectorWindow, clock_text
from .tasks import TaskManager, error_text
from .widgets import DateEdit

translate = QCoreApplication.translate

DRAFT_DELAY_MS = 500
CLOCK_TICK_MS = 250
KIND_KEYS = ("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8")
# what a row of the notes list is (Qt.UserRole): ("note" | "action", id)
ROW_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Snapshot:
    """Everything the window shows, read in one go on the lane."""

    meeting: m.MeetingRead
    agenda: list[m.AgendaItemRead]
    notes: list[m.NoteRead]
    actions: list[m.ActionItemRead]
    session: Session
    draft: Draft | None


def safe_file_stem(text: str) -> str:
    """A file name part from a meeting title: no path separators or characters Windows refuses."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", text).strip(" .") or "minutes"


# --------------------------------------------------------------------------- dialogs


class NumberBox(QSpinBox):
    """A spin box whose number is selected on entering it, so typing 8 gives 8, not 80."""

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        QTimer.singleShot(0, self.selectAll)


class DecisionDialog(QDialog):
    """What was decided, how, the votes, and a minority opinion.

    The method has no default: Enter saves only once it is chosen. ``check`` (values → the
    core's :class:`Problem` list) says as it is typed what is off: a blocking problem keeps
    Save from saving, a warning (全会一致 with a dissent, votes short of attendance, no
    quorum) turns Save into "Save anyway", which a second press confirms.
    """

    draft_changed = Signal(str)

    def __init__(self, display: Display, body: str, members: int, parent, check,
                 note: m.NoteRead | None = None):
        super().__init__(parent)
        self.setObjectName("decision_dialog")
        self.setWindowTitle(translate("MeetingMode", "Decision"))
        self.language, self.check = display.language, check
        self.body = QLineEdit(body, objectName="decision_body")
        self.method = QComboBox(objectName="decision_method")
        for code, label in display.entries("decision_method"):
            self.method.addItem(label, code)
        self.method.setPlaceholderText(translate("MeetingMode", "Choose…"))
        self.method.setCurrentIndex(-1)
        self.votes = {}
        form = QFormLayout(self)
        form.addRow(translate("MeetingMode", "&Decision:"), self.body)
        form.addRow(translate("MeetingMode", "&How:"), self.method)
        for key, label in (("for", translate("MeetingMode", "Votes &for:")), ("against", translate("MeetingMode", "Votes a&gainst:")),
                           ("abstain", translate("MeetingMode", "Abs&taining:"))):
            box = NumberBox(objectName=f"votes_{key}")
            box.setRange(0, max(members, 9999))
            box.setAccelerated(True)
            self.votes[key] = box
            form.addRow(label, box)
        self.minority = QLineEdit(objectName="decision_minority")
        self.minority.setPlaceholderText(translate("MeetingMode", "A dissenting opinion, if any"))
        form.addRow(translate("MeetingMode", "&Minority opinion:"), self.minority)
        self.error = QLabel(objectName="decision_error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        if note is not None:  # correcting a recorded decision; its minority opinions are notes of their own
            self.method.setCurrentIndex(self.method.findData(note.decision_method))
            for key, value in (("for", note.votes_for), ("against", note.votes_against),
                               ("abstain", note.votes_abstain)):
                self.votes[key].setValue(value or 0)
            form.setRowVisible(self.minority, False)
        self._acknowledged: list[str] | None = None
        self.method.currentIndexChanged.connect(self._method_changed)
        self.body.textChanged.connect(self._emit_draft)
        self.method.currentIndexChanged.connect(self._emit_draft)
        for box in self.votes.values():
            box.valueChanged.connect(self._emit_draft)
            box.valueChanged.connect(self._show_problems)
        self.minority.textChanged.connect(self._show_problems)
        self._method_changed()
        self.body.setFocus()
        self.resize(600, self.sizeHint().height())

    def _method_changed(self) -> None:
        counted = self.method.currentData() in ("majority", "unanimous")  # 全会一致（賛成12）
        for box in self.votes.values():
            box.setEnabled(counted)
        self._show_problems()

    def values(self) -> dict:
        method = self.method.currentData()
        counts = {k: box.value() for k, box in self.votes.items()}
        # votes are recorded for a majority vote, and for a unanimous one only if counted
        voting = method == "majority" or (method == "unanimous" and any(counts.values()))
        return {
            "body": self.body.text().strip(), "method": method,
            "votes_for": counts["for"] if voting else None,
            "votes_against": counts["against"] if voting else None,
            "votes_abstain": counts["abstain"] if voting else None,
            "minority": [self.minority.text()] if self.minority.text().strip() else [],
        }

    def draft_text(self) -> str:
        v = self.values()
        text = v["body"]
        if not text:
            return ""
        if v["method"] is None:
            return text
        text += f"（{self.method.currentText()}"
        if v["votes_for"] is not None:
            text += "　" + translate("MeetingMode", "for %1 / against %2 / abstaining %3").replace(
                "%1", str(v["votes_for"])).replace("%2", str(v["votes_against"])).replace(
                "%3", str(v["votes_abstain"]))
        return text + "）"

    def _emit_draft(self, *_args) -> None:
        self.draft_changed.emit(self.draft_text())

    def _show(self, problems: list[Problem]) -> None:
        if problems:
            self.show_error("\n".join("・" + p.message(self.language) for p in problems))
        else:
            self.error.hide()

    def _show_problems(self, *_args) -> None:
        """What is off, shown as it is chosen and typed (a method not yet chosen only on Save)."""
        problems = [p for p in self.check(self.values()) if p.field != "method"]
        self._show(problems)
        if self._acknowledged is not None and self._acknowledged != [p.ja for p in problems]:
            self._acknowledged = None
            self.save_button.setText(translate("MeetingMode", "&Save"))

    def _check(self) -> None:
        v = self.values()
        if not v["body"]:
            self.show_error(translate("MeetingMode", "Enter what was decided."))
            self.body.setFocus()
            return
        problems = self.check(v)
        self._show(problems)
        blocking = [p for p in problems if p.blocking]
        if blocking:
            (self.method if blocking[0].field == "method" else self.votes["for"]).setFocus()
            return
        if problems and self._acknowledged != [p.ja for p in problems]:
            self._acknowledged = [p.ja for p in problems]
            self.save_button.setText(translate("MeetingMode", "&Save anyway"))
            return
        self.accept()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class ActionDialog(QDialog):
    """An action item: what, who, by when (2025-07-31, R7.7.31, 令和7年7月31日…)."""

    def __init__(self, era: bool, parent=None, action: m.ActionItemRead | None = None):
        super().__init__(parent)
        self.setObjectName("action_dialog")
        self.setWindowTitle(translate("MeetingMode", "Action item"))
        self.what = QLineEdit(objectName="action_what")
        self.who = QLineEdit(objectName="action_who")
        self.due = DateEdit(era)
        self.due.setObjectName("action_due")
        self.error = QLabel(objectName="action_error")
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        form = QFormLayout(self)
        form.addRow(translate("MeetingMode", "&What:"), self.what)
        form.addRow(translate("MeetingMode", "W&ho:"), self.who)
        form.addRow(translate("MeetingMode", "&Due:"), self.due)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if action is not None:
            self.what.setText(action.title)
            self.who.setText(action.assignee)
            self.due.set_value(action.due_on)
        self.what.setFocus()
        self.resize(520, self.sizeHint().height())

    def _check(self) -> None:
        if not self.what.text().strip():
            self.error.setText(translate("MeetingMode", "Enter what is to be done."))
            self.error.show()
            self.what.setFocus()
            return
        try:
            self.due.value()
        except ValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.due.setFocus()
            return
        self.accept()

    def values(self) -> dict:
        return {"title": self.what.text().strip(), "assignee": self.who.text().strip(),
                "due_on": self.due.value()}


class NoteDialog(QDialog):
    """Correct a captured note: its kind and its text (a decision has its own dialog)."""

    def __init__(self, display: Display, note: m.NoteRead, parent=None):
        super().__init__(parent)
        self.setObjectName("note_dialog")
        self.setWindowTitle(translate("MeetingMode", "Edit note"))
        self.kind = QComboBox(objectName="note_kind")
        for code, label in display.entries("note_kind"):
            if code != "decision":
                self.kind.addItem(label, code)
        self.kind.setCurrentIndex(self.kind.findData(note.kind))
        self.body = QLineEdit(note.body, objectName="note_body")
        form = QFormLayout(self)
        form.addRow(translate("MeetingMode", "&Kind:"), self.kind)
        form.addRow(translate("MeetingMode", "&Text:"), self.body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        buttons.accepted.connect(lambda: self.accept() if self.body.text().strip() else self.body.setFocus())
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.body.setFocus()
        self.resize(560, self.sizeHint().height())

    def values(self) -> dict:
        return {"kind": self.kind.currentData(), "body": self.body.text().strip()}


class MeetingKeys(QObject):
    """Keys that mean the same wherever the focus is in meeting mode.

    Ctrl+Z / Ctrl+Y undo and redo the meeting's changes (a captured note first of all), not a
    field's own text: a spin box or the emptied capture box would otherwise take them and put
    the note's text back. Only while a note is being typed do they undo the typing, as in any
    text box. ↑ in the empty capture box corrects the last note; Delete in the notes list
    deletes the selected one.
    """

    def __init__(self, window: MeetingModeWindow):
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj, event) -> bool:
        w = self.window
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)):
            if obj is w.capture and w.capture.text():
                return False
            event.ignore()  # not taken by the field: the window's Undo shortcut runs
            return True
        if event.type() == QEvent.Type.KeyPress and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if obj is w.capture and event.key() == Qt.Key.Key_Up and not w.capture.text():
                w.edit_last_note()
                return True
            if obj is w.notes_list and event.key() == Qt.Key.Key_Delete:
                w.delete_row(w.notes_list.currentItem())
                return True
        return False


class AgendaItemDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("agenda_dialog")
        self.setWindowTitle(translate("MeetingMode", "Agenda item"))
        self.title = QLineEdit(objectName="agenda_title")
        self.minutes = NumberBox(objectName="agenda_minutes")
        self.minutes.setRange(0, 600)
        self.minutes.setValue(10)
        self.minutes.setSuffix(translate("MeetingMode", " min"))
        form = QFormLayout(self)
        form.addRow(translate("MeetingMode", "&Title:"), self.title)
        form.addRow(translate("MeetingMode", "&Planned time:"), self.minutes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        buttons.accepted.connect(lambda: self.accept() if self.title.text().strip() else self.title.setFocus())
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.title.setFocus()
        self.resize(520, self.sizeHint().height())


class CarryOverDialog(QDialog):
    """Earlier 継続審議 and open action items; Space ticks, F2 edits the offered short title,
    Enter adds the ticked ones. Dates as the app shows them; overdue actions in red."""

    def __init__(self, candidates: list[Candidate], display: Display, parent=None):
        super().__init__(parent)
        self.setObjectName("carry_over_dialog")
        self.setWindowTitle(translate("MeetingMode", "Carry over to this agenda"))
        self.candidates = candidates
        self.table = QTableWidget(len(candidates), 2, objectName="carry_over_list")
        self.table.setHorizontalHeaderLabels([translate("MeetingMode", "Agenda title (F2 edits)"),
                                              translate("MeetingMode", "Recorded")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, c in enumerate(candidates):
            source = translate("MeetingMode", "Continued") if c.source == "continued" else translate("MeetingMode", "Open action")
            title = QTableWidgetItem(c.title)
            title.setFlags(title.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
            title.setCheckState(Qt.CheckState.Unchecked)
            lines = [f"［{source}］{c.text}"]
            origin = "　".join(x for x in (display.date(c.from_date), c.from_meeting) if x)
            if origin:
                lines.append(origin)
            due = "　".join(x for x in (
                translate("MeetingMode", "Who: %1").replace("%1", c.assignee) if c.assignee else "",
                translate("MeetingMode", "Due: %1").replace("%1", display.date(c.due_on)) if c.due_on else "",
                translate("MeetingMode", "⚠ Overdue") if c.overdue else "") if x)
            if due:
                lines.append(due)
            detail = QTableWidgetItem("\n".join(lines))
            detail.setFlags(detail.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if c.overdue:
                detail.setForeground(QColor("#b00020"))
            self.table.setItem(row, 0, title)
            self.table.setItem(row, 1, detail)
        self.table.setColumnWidth(0, 260)
        self.table.resizeRowsToContents()
        if candidates:
            self.table.setCurrentCell(0, 0)
        layout = QVBoxLayout(self)
        hint = QLabel(translate("MeetingMode", "Space ticks an item, F2 edits its title, Enter adds the ticked items.")
                      if candidates else translate("MeetingMode", "Nothing to carry over from earlier meetings."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.setFocus()
        self.resize(760, 440)

    def chosen(self) -> list[Candidate]:
        """The ticked candidates, under the titles as edited."""
        out = []
        for row, c in enumerate(self.candidates):
            item = self.table.item(row, 0)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(replace(c, title=item.text().strip() or c.title))
        return out


# --------------------------------------------------------------------------- the window


class MeetingModeWindow(QMainWindow):
    #: what the projector shows changed (a ProjectorState)
    state_changed = Signal(object)
    #: (planned seconds, elapsed seconds) of the current item, every tick
    clock_changed = Signal(float, float)
    #: the meeting was read (or re-read) from the store
    loaded = Signal()
    #: a note (or decision) was committed
    note_captured = Signal(object)
    #: an action item was committed
    action_added = Signal(object)
    #: the draft text was saved
    draft_saved = Signal(str)
    #: the meeting's status changed (new status code)
    status_changed = Signal(str)
    #: minutes were written (list of paths)
    minutes_written = Signal(list)

    def __init__(self, services, tasks: TaskManager, display: Display, meeting_id: str, parent=None):
        super().__init__(parent)
        self.setObjectName("meeting_mode")
        self.services, self.tasks, self.display = services, tasks, display
        self.flow = MeetingFlow(services)
        self.meeting_id = meeting_id
        self.meeting: m.MeetingRead | None = None
        self.agenda: list[m.AgendaItemRead] = []
        self.notes: list[m.NoteRead] = []
        self.actions: list[m.ActionItemRead] = []
        self.session = Session(meeting_id)
        self.kind = "opinion"
        self.draft_decision = ""
        self.projector: ProjectorWindow | None = None
        self.minutes_folder = str(Path.home())
        self._closing = False
        self._kinds = display.entries("note_kind")
        self.setWindowTitle(translate("MeetingMode", "Meeting mode"))

        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self._attendance_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._attendance_timer.timeout.connect(self._save_attendance)
        self._clock = QTimer(self, interval=CLOCK_TICK_MS)
        self._clock.timeout.connect(self._tick)
        # writes made elsewhere (the main window's editors, its undo, a sync import) that touch
        # what this window shows reload it; its own writes it has already shown
        tasks.changed.connect(self._heard)

        self._build()
        self._shortcuts()
        self.resize(1280, 800)
        self._clock.start()
        self.reload(restore_draft=True, remember=True)

    # -- building ------------------------------------------------------------------------

    def _big(self, factor: float, bold: bool = True) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * factor)
        font.setBold(bold)
        return font

    def _build(self) -> None:
        central = QWidget()
        self.setCentralWidget(central)
        grid = QGridLayout(central)
        grid.setColumnStretch(1, 1)

        # heading: meeting, status, quorum
        self.title_label = QLabel(objectName="meeting_title")
        self.title_label.setFont(self._big(1.3))
        self.title_label.setWordWrap(True)
        self.status_label = QLabel(objectName="meeting_status")
        self.status_label.setFont(self._big(1.1))
        head = QHBoxLayout()
        head.addWidget(self.title_label, 1)
        head.addWidget(self.status_label)
        grid.addLayout(head, 0, 0, 1, 3)

        # left: agenda
        agenda_box = QGroupBox(translate("MeetingMode", "Agenda"))
        agenda_layout = QVBoxLayout(agenda_box)
        self.agenda_list = QListWidget(objectName="agenda_list")
        self.agenda_list.setWordWrap(True)
        self.agenda_list.itemActivated.connect(lambda item: self.go_to(self.agenda_list.row(item)))
        agenda_layout.addWidget(self.agenda_list, 1)
        self.add_item_button = QPushButton(translate("MeetingMode", "&Add item"), objectName="add_item")
        self.add_item_button.clicked.connect(self.add_item)
        self.carry_button = QPushButton(translate("MeetingMode", "&Carry over…"), objectName="carry_over")
        self.carry_button.clicked.connect(self.carry_over)
        self.up_button = QPushButton(translate("MeetingMode", "Up (Alt+↑)"), objectName="move_up")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton(translate("MeetingMode", "Down (Alt+↓)"), objectName="move_down")
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        row = QGridLayout()
        row.addWidget(self.add_item_button, 0, 0)
        row.addWidget(self.carry_button, 0, 1)
        row.addWidget(self.up_button, 1, 0)
        row.addWidget(self.down_button, 1, 1)
        agenda_layout.addLayout(row)
        agenda_box.setMinimumWidth(280)
        grid.addWidget(agenda_box, 1, 0, 2, 1)

        # centre: current item, clock, capture
        centre = QVBoxLayout()
        self.item_label = QLabel(objectName="current_item")
        self.item_label.setFont(self._big(1.9))
        self.item_label.setWordWrap(True)
        self.clock_label = QLabel(objectName="clock")
        self.clock_label.setFont(self._big(3.0))
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock_label.setFrameShape(QFrame.Shape.StyledPanel)
        centre.addWidget(self.item_label)
        centre.addWidget(self.clock_label)
        nav = QHBoxLayout()
        self.prev_button = QPushButton(translate("MeetingMode", "◀ Previous item (Alt+←)"), objectName="prev_item")
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.pause_button = QPushButton(objectName="pause")
        self.pause_button.clicked.connect(self.toggle_pause)
        self.next_button = QPushButton(translate("MeetingMode", "Next item (Alt+→) ▶"), objectName="next_item")
        self.next_button.clicked.connect(lambda: self.step(1))
        for b in (self.prev_button, self.pause_button, self.next_button):
            b.setMinimumHeight(40)
            nav.addWidget(b)
        centre.addLayout(nav)

        kinds = QGridLayout()
        self.kind_buttons: dict[str, QPushButton] = {}
        for i, (code, label) in enumerate(self._kinds):
            key = KIND_KEYS[i] if i < len(KIND_KEYS) else ""
            button = QPushButton(f"{key}  {label}", objectName=f"kind_{code}")
            button.setCheckable(True)
            button.setMinimumHeight(40)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, k=code: self.choose_kind(k))
            self.kind_buttons[code] = button
            kinds.addWidget(button, i // 4, i % 4)
        self.action_button = QPushButton(translate("MeetingMode", "F9  Action item"), objectName="add_action")
        self.action_button.setMinimumHeight(40)
        self.action_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.action_button.clicked.connect(self.add_action)
        kinds.addWidget(self.action_button, 2, 0, 1, 4)
        centre.addLayout(kinds)

        self.capture_label = QLabel(objectName="capture_label")
        self.capture = QLineEdit(objectName="capture")
        self.capture.setFont(self._big(1.3, bold=False))
        self.capture.setMinimumHeight(48)
        self.capture.returnPressed.connect(self.commit)
        self.capture.textEdited.connect(self._typed)
        self.capture_label.setBuddy(self.capture)
        centre.addWidget(self.capture_label)
        centre.addWidget(self.capture)

        self.notes_list = QListWidget(objectName="item_notes")
        self.notes_list.setWordWrap(True)
        self.notes_list.setFont(self._big(1.1, bold=False))
        self.notes_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.notes_list.customContextMenuRequested.connect(self._notes_menu)
        self.notes_list.itemDoubleClicked.connect(self.edit_row)
        centre.addWidget(self.notes_list, 1)
        grid.addLayout(centre, 1, 1, 2, 1)

        # right: attendance and the meeting's steps
        attendance = QGroupBox(translate("MeetingMode", "Attendance"))
        form = QFormLayout(attendance)
        self.members_box, self.present_box, self.proxies_box = (NumberBox(objectName=n) for n in (
            "members_total", "present", "proxies"))
        for label, box in ((translate("MeetingMode", "Membe&rs:"), self.members_box), (translate("MeetingMode", "Presen&t:"), self.present_box),
                           (translate("MeetingMode", "Pro&xies:"), self.proxies_box)):
            box.setRange(0, 100000)
            box.valueChanged.connect(self._attendance_edited)
            form.addRow(label, box)
        self.quorum_label = QLabel(objectName="quorum")
        self.quorum_label.setFont(self._big(1.6))
        self.quorum_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.quorum_rule = QLabel(objectName="quorum_rule")
        self.quorum_rule.setWordWrap(True)
        form.addRow(self.quorum_label)
        form.addRow(self.quorum_rule)
        grid.addWidget(attendance, 1, 2)

        steps = QGroupBox(translate("MeetingMode", "Meeting"))
        steps_layout = QVBoxLayout(steps)
        self.officers = OfficersPanel(self, form)  # 議長選出・署名人選任 first, and 書面表決
        steps_layout.addWidget(self.officers)
        self.open_button = QPushButton(translate("MeetingMode", "&Open the meeting"), objectName="open_meeting")
        self.open_button.clicked.connect(self.open_meeting)
        self.close_button = QPushButton(translate("MeetingMode", "Clos&e the meeting"), objectName="close_meeting")
        self.close_button.clicked.connect(self.close_meeting)
        self.finalize_button = QPushButton(translate("MeetingMode", "&Finalise the minutes"), objectName="finalize")
        self.finalize_button.clicked.connect(self.finalize)
        self.minutes_button = QPushButton(translate("MeetingMode", "&Minutes (PDF and Excel)…"), objectName="minutes")
        self.minutes_button.clicked.connect(self.choose_minutes_folder)
        self.projector_button = QPushButton(translate("MeetingMode", "&Projector window"), objectName="projector_button")
        self.projector_button.clicked.connect(self.show_projector)
        for b in (self.open_button, self.close_button, self.finalize_button, self.minutes_button,
                  self.projector_button):
            b.setMinimumHeight(40)
            steps_layout.addWidget(b)
        steps_layout.addStretch(1)
        keys = QLabel(translate("MeetingMode", "F1–F8 note · F9 action · F10 pause/resume · Alt+←/→ items · "
                                "Ctrl+Z undo · ↑ in the empty box: edit the last note · Del: delete the selected note · "
                                "Esc / Ctrl+W close meeting mode"))
        keys.setWordWrap(True)
        keys.setObjectName("keys_help")
        steps_layout.addWidget(keys)
        grid.addWidget(steps, 2, 2)
        grid.setColumnMinimumWidth(2, 260)

    def _shortcuts(self) -> None:
        def bind(sequence, slot) -> None:
            shortcut = QShortcut(self)
            # a standard key is every binding the platform has for it (Close: Ctrl+W and Ctrl+F4)
            shortcut.setKeys(QKeySequence.keyBindings(sequence) if isinstance(sequence, QKeySequence.StandardKey)
                             else [QKeySequence(sequence)])
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

        for i, (code, _label) in enumerate(self._kinds[:len(KIND_KEYS)]):
            bind(KIND_KEYS[i], lambda k=code: self.choose_kind(k))
            bind(f"Alt+{i + 1}", lambda k=code: self.choose_kind(k))
        bind("F9", self.add_action)
        bind("F10", self.toggle_pause)
        bind("Alt+Right", lambda: self.step(1))
        bind("Alt+Left", lambda: self.step(-1))
        bind("Ctrl+PgDown", lambda: self.step(1))
        bind("Ctrl+PgUp", lambda: self.step(-1))
        bind("Alt+Up", lambda: self.move_selected(-1))
        bind("Alt+Down", lambda: self.move_selected(1))
        bind(QKeySequence.StandardKey.Undo, self.undo)
        bind(QKeySequence.StandardKey.Redo, self.redo)
        bind("Escape", self.request_close)
        bind(QKeySequence.StandardKey.Close, self.request_close)
        keys = MeetingKeys(self)
        for widget in (self.capture, self.notes_list, *(b for box in (
                self.members_box, self.present_box, self.proxies_box) for b in (box, box.lineEdit()))):
            widget.installEventFilter(keys)
        bind(QKeySequence.StandardKey.Print, self.print_papers)

    # -- loading -------------------------------------------------------------------------

    def reload(self, restore_draft: bool = False, remember: bool = False) -> None:
        flow, meeting_id = self.flow, self.meeting_id

        def work() -> Snapshot:
            if remember:
                flow.set_active(meeting_id)
            return Snapshot(flow.services.meetings.get(meeting_id), flow.agenda(meeting_id),
                            flow.notes(meeting_id), flow.actions(meeting_id), flow.session(meeting_id),
                            flow.draft(meeting_id))

        self.tasks.run_in_background(work, lambda snap: self._loaded(snap, restore_draft), self._failed)

    def _heard(self, changed: dict, initiator=None) -> None:
        if initiator is self or not changed.keys() & {"meeting", "agenda_item", "note", "action_item"}:
            return
        self.reload()

    def _loaded(self, snap: Snapshot, restore_draft: bool) -> None:
        self.meeting, self.agenda, self.notes, self.session = snap.meeting, snap.agenda, snap.notes, snap.session
        self.actions = snap.actions
        self._settle_current()
        if restore_draft and snap.draft is not None:
            if snap.draft.item_id in {i.id for i in self.agenda}:
                self.session.item_id = snap.draft.item_id
            self.kind = snap.draft.kind if snap.draft.kind != "decision" else "opinion"
            self.capture.setText(snap.draft.text)
        self._show_meeting()
        self._show_agenda()
        self._show_item()
        self.refocus()
        self.loaded.emit()

    def refocus(self) -> None:
        """Back to where typing goes: the capture box in session, the agenda before it.

        Also after a dialog closes: not every window manager gives the keyboard back to this
        window, and its F-keys and Alt-keys only work while it is active."""
        self.activateWindow()
        (self.capture if self.capture.isEnabled() else self.agenda_list).setFocus()

    def _settle_current(self) -> None:
        """Before anything was timed, the current item is the first on the agenda."""
        ids = [i.id for i in self.agenda]
        if self.session.item_id not in ids or (not self.session.timers and self.agenda):
            self.session.item_id = ids[0] if ids else None

    def _failed(self, exc: BaseException) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, translate("MeetingMode", "Meeting mode"), error_text(exc, self.display.language),
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("error_box")
        box.open()
        if not hasattr(exc, "ja"):
            raise exc

    # -- showing -------------------------------------------------------------------------

    def current_index(self) -> int:
        for i, item in enumerate(self.agenda):
            if item.id == self.session.item_id:
                return i
        return -1

    def current_item(self) -> m.AgendaItemRead | None:
        i = self.current_index()
        return self.agenda[i] if i >= 0 else None

    def _show_meeting(self) -> None:
        mt = self.meeting
        when = self.display.datetime(mt.starts_at)
        self.title_label.setText(f"{mt.title}\n{when}　{mt.place}".rstrip())
        self.setWindowTitle(translate("MeetingMode", "Meeting mode — %1").replace("%1", mt.title))
        held = ""
        if mt.opened_at is not None:  # as it was held: the minutes state these times
            held = f"　{mt.opened_at:%H:%M}〜" + (f"{mt.closed_at:%H:%M}" if mt.closed_at else "")
        self.status_label.setText(self.display.label("meeting_status", mt.status) + held)
        for box, value in ((self.members_box, mt.members_total), (self.present_box, mt.present),
                           (self.proxies_box, mt.proxies)):
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)
        self._show_quorum()
        status = mt.status
        live = status == "in_session"
        self.open_button.setEnabled(status == "planned")
        self.close_button.setEnabled(live)
        self.finalize_button.setEnabled(status == "closed")
        self.capture.setEnabled(live)
        for b in (*self.kind_buttons.values(), self.action_button):
            b.setEnabled(live)
        editable = status in ("planned", "in_session")
        for b in (self.add_item_button, self.carry_button, self.up_button, self.down_button):
            b.setEnabled(editable)

    def _show_quorum(self) -> None:
        if self.meeting is None:
            return
        q = self.services.meetings.quorum(self._attendance())
        self.quorum_label.setText(translate("MeetingMode", "Quorum reached") if q.reached else translate("MeetingMode", "No quorum"))
        self.quorum_label.setStyleSheet("color: #1b7f3b;" if q.reached else "color: #b00020;")
        if q.required:
            self.quorum_rule.setText(translate("MeetingMode", "%1 attending, %2 needed (%3)").replace("%1", str(q.attending))
                                     .replace("%2", str(q.required)).replace("%3", q.rule))
        else:
            self.quorum_rule.setText(q.rule)

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

    def _show_item(self) -> None:
        item = self.current_item()
        i = self.current_index()
        if item is None:
            self.item_label.setText(translate("MeetingMode", "Add an agenda item to begin (Alt+A)."))
        else:
            self.item_label.setText(translate("MeetingMode", "Item %1 of %2: %3").replace("%1", str(i + 1))
                                    .replace("%2", str(len(self.agenda))).replace("%3", item.title))
        self.prev_button.setEnabled(i > 0)
        self.next_button.setEnabled(0 <= i < len(self.agenda) - 1)
        self.notes_list.clear()
        for note in self._item_notes():
            self._add_row(self._note_text(note), "note", note.id)
        for action in self.actions:
            if action.agenda_item_id == self.session.item_id:
                self._add_row(self._action_text(action), "action", action.id)
        self.notes_list.scrollToBottom()
        self._show_kind()
        self._tick()
        self._publish()

    def _item_notes(self) -> list[m.NoteRead]:
        item_id = self.session.item_id
        return [n for n in self.notes if n.agenda_item_id == item_id]

    def _note_text(self, note: m.NoteRead) -> str:
        label = self.display.label("note_kind", note.kind)
        text = f"【{label}】{note.body}"
        if note.kind == "decision":
            how = self.display.label("decision_method", note.decision_method)
            if note.votes_for is not None:
                how += "　" + translate("MeetingMode", "for %1 / against %2 / abstaining %3").replace(
                    "%1", str(note.votes_for)).replace("%2", str(note.votes_against or 0)).replace(
                    "%3", str(note.votes_abstain or 0))
            text += f"（{how}）"
        return text

    def _show_kind(self) -> None:
        for code, button in self.kind_buttons.items():
            button.setChecked(code == self.kind)
        label = self.display.label("note_kind", self.kind)
        self.capture_label.setText(translate("MeetingMode", "&Note — %1 (Enter records it)").replace("%1", label))
        running = self.session.running
        self.pause_button.setText(translate("MeetingMode", "Pause (F10)") if running else translate("MeetingMode", "Resume (F10)"))
        self.pause_button.setEnabled(self.meeting is not None and self.meeting.status == "in_session"
                                     and self.current_item() is not None)

    def _tick(self) -> None:
        item = self.current_item()
        if item is None:
            self.clock_label.setText("--:--")
            return
        planned = item.planned_minutes * 60
        elapsed = self.session.seconds(item.id, time.time())
        text, overrun = clock_text(planned, elapsed)
        if self.clock_label.text() != text:
            self.clock_label.setText(text)
            self.clock_label.setStyleSheet("color: #c00000;" if overrun else "")
        self.clock_label.setProperty("overrun", overrun)
        self.clock_changed.emit(float(planned), float(elapsed))

    def projector_state(self) -> ProjectorState:
        item = self.current_item()
        points = tuple((self.display.label("note_kind", n.kind), n.body) for n in self._item_notes())
        return ProjectorState(
            meeting_title=self.meeting.title if self.meeting else "",
            status=self.display.label("meeting_status", self.meeting.status) if self.meeting else "",
            item_number=self.current_index() + 1 if item else 0, item_count=len(self.agenda),
            item_title=item.title if item else "", points=points, draft_decision=self.draft_decision)

    def _publish(self) -> None:
        self.state_changed.emit(self.projector_state())

    # -- capture -------------------------------------------------------------------------

    def choose_kind(self, kind: str) -> None:
        if not self.capture.isEnabled():
            return
        if kind == "decision":
            self.decide()
            return
        self.kind = kind
        self._show_kind()
        self.capture.setFocus()
        if self.capture.text().strip():
            self._draft_timer.start()

    def _typed(self, _text: str) -> None:
        self._draft_timer.start()

    def save_draft(self) -> None:
        self._draft_timer.stop()
        flow, meeting_id = self.flow, self.meeting_id
        item_id, kind, text = self.session.item_id, self.kind, self.capture.text()
        self.tasks.run_in_background(lambda: flow.save_draft(meeting_id, item_id, kind, text),
                                     lambda _r: self.draft_saved.emit(text), self._failed)

    def commit(self) -> None:
        """Enter in the capture box: record the note now."""
        text = self.capture.text().strip()
        if not text:
            return
        self._draft_timer.stop()
        flow, meeting_id, item_id, kind = self.flow, self.meeting_id, self.session.item_id, self.kind
        self.capture.setText("")  # unlike clear(), leaves no text undo that would bring the note back

        def failed(exc):
            if not self.capture.text():
                self.capture.setText(text)
            self._failed(exc)

        self.tasks.change(lambda: flow.capture(meeting_id, item_id, kind, text),
                          self._captured, failed, owner=self)

    def _captured(self, note: m.NoteRead) -> None:
        self.notes.append(note)
        if note.agenda_item_id == self.session.item_id:
            self._add_row(self._note_text(note), "note", note.id)
            self.notes_list.scrollToBottom()
        self._publish()
        self.note_captured.emit(note)

    def _attendance(self) -> m.MeetingRead:
        """The meeting with the attendance as typed (saved half a second later)."""
        return self.meeting.model_copy(update={
            "members_total": self.members_box.value(), "present": self.present_box.value(),
            "proxies": self.proxies_box.value()})

    def _decision_check(self, editing: str | None = None):
        """What the decision dialog checks its values with: the core's rules over this item."""
        meeting = self._attendance()
        q, notes = self.services.meetings.quorum(meeting), self._item_notes()

        def check(v: dict) -> list[Problem]:
            return decision_problems(meeting, q, notes, v["method"], v["votes_for"], v["votes_against"],
                                     v["votes_abstain"], v["minority"], editing)

        return check

    def decide(self) -> None:
        if self.meeting is None or self.meeting.status != "in_session":
            return
        if self._attendance_timer.isActive():  # the decision records the quorum as typed
            self._save_attendance()
        dialog = DecisionDialog(self.display, self.capture.text().strip(),
                                self.meeting.members_total or 0, self, self._decision_check())
        self.decision_dialog = dialog

        def draft(text: str) -> None:
            self.draft_decision = text
            self._publish()

        dialog.draft_changed.connect(draft)
        dialog.finished.connect(lambda result: self._decided(dialog, result))
        dialog.open()
        draft(dialog.draft_text())

    def _decided(self, dialog: DecisionDialog, result: int) -> None:
        self.decision_dialog = None
        self.draft_decision = ""
        dialog.deleteLater()
        self._publish()
        if result != QDialog.DialogCode.Accepted:
            self.refocus()
            return
        v = dialog.values()
        self.capture.setText("")
        self.refocus()
        self._draft_timer.stop()
        flow, meeting_id, item_id = self.flow, self.meeting_id, self.session.item_id

        def work():
            decision = flow.decide(meeting_id, item_id, v["body"], v["method"], v["votes_for"],
                                   v["votes_against"], v["votes_abstain"], v["minority"])
            minority = [n for n in flow.notes(meeting_id, item_id) if n.decision_id == decision.id]
            return [decision, *minority]

        def done(notes):
            for note in notes:
                self._captured(note)

        self.tasks.change(work, done, self._failed, owner=self)

    def add_action(self) -> None:
        if self.meeting is None or self.meeting.status != "in_session":
            return
        dialog = ActionDialog(self.display.era, self)
        self.action_dialog = dialog
        if self.capture.text().strip():
            dialog.what.setText(self.capture.text().strip())
        dialog.finished.connect(lambda result: self._action_done(dialog, result))
        dialog.open()

    def _action_done(self, dialog: ActionDialog, result: int) -> None:
        self.action_dialog = None
        dialog.deleteLater()
        self.refocus()
        if result != QDialog.DialogCode.Accepted:
            return
        v = dialog.values()
        if self.capture.text().strip() == v["title"]:
            self.capture.setText("")
        flow, meeting_id, item_id = self.flow, self.meeting_id, self.session.item_id
        self.tasks.change(
            lambda: flow.add_action(meeting_id, item_id, v["title"], v["assignee"], v["due_on"]),
            self._action_added, self._failed, owner=self)

    def _action_text(self, action: m.ActionItemRead) -> str:
        due = self.display.date(action.due_on) if action.due_on else ""
        return "【" + translate("MeetingMode", "Action") + "】" + "　".join(
            x for x in (action.title, action.assignee, due) if x)

    def _action_added(self, action: m.ActionItemRead) -> None:
        self.actions.append(action)
        self._add_row(self._action_text(action), "action", action.id)
        self.statusBar().showMessage(translate("MeetingMode", "Action item added: %1").replace("%1", action.title), 4000)
        self.action_added.emit(action)

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
        if self.meeting is None or self.meeting.status != "in_session" or self.current_item() is None:
            return
        flow, meeting_id = self.flow, self.meeting_id
        if self.session.running:
            self._session_job(lambda: flow.pause(meeting_id))
        elif self.session.item_id is None or self.session.item_id not in self.session.timers:
            item_id = self.current_item().id
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

    # -- attendance ------------------------------------------------------------------------

    def _attendance_edited(self, _value: int) -> None:
        self._show_quorum()
        self._attendance_timer.start()

    def _save_attendance(self) -> None:
        values = {"members_total": self.members_box.value(), "present": self.present_box.value(),
                  "proxies": self.proxies_box.value()}
        service, meeting_id = self.services.meetings, self.meeting_id

        def done(meeting):
            self.meeting = meeting

        self.tasks.change(lambda: service.update(meeting_id, values, label="出席を変更"),
                          done, self._failed, owner=self)

    # -- the meeting's steps ---------------------------------------------------------------

    def _ask(self, name: str, title: str, text: str, then) -> QMessageBox:
        """A yes/no question that does not block (No is the default: Enter never ends a meeting)."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName(name)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        def finished(_result) -> None:
            yes = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
            box.deleteLater()
            QTimer.singleShot(0, self.refocus)  # once the box is gone, or activation is refused
            if yes:
                then()

        box.finished.connect(finished)
        box.open()
        return box

    def _status_job(self, fn) -> None:
        if self._attendance_timer.isActive():
            self._save_attendance()

        def done(meeting):
            self.meeting = meeting
            self._show_meeting()
            self._show_item()
            self.refocus()
            self.status_changed.emit(meeting.status)
            self.reload()

        self.tasks.change(fn, done, self._failed, owner=self)

    def open_meeting(self) -> None:
        """開会; short of the quorum it asks first (No is the default)."""
        if self.meeting is None or self.meeting.status != "planned":
            return
        flow, meeting_id = self.flow, self.meeting_id
        first = self.current_item()

        def work():
            opened = flow.open_meeting(meeting_id)
            if first is not None:
                flow.go_to(meeting_id, first.id, run=True)
            return opened

        meeting = self._attendance()
        problem = quorum_problem(meeting, self.services.meetings.quorum(meeting))
        if problem is None:
            self._status_job(work)
            return
        question = (translate("MeetingMode", "%1\nOpen the meeting anyway? Decisions taken in it are marked in the "
                              "minutes as taken without a quorum.") if problem.field == "quorum"
                    else translate("MeetingMode", "%1\nOpen the meeting anyway?"))
        self._ask("confirm_open_no_quorum", translate("MeetingMode", "No quorum"),
                  question.replace("%1", problem.message(self.display.language)), lambda: self._status_job(work))

    def close_meeting(self) -> None:
        """閉会, after saying which agenda items were never taken up (they become 審議せず)."""
        if self.capture.text().strip():
            self.save_draft()
        flow, meeting_id = self.flow, self.meeting_id

        def ask(skipped: list[m.AgendaItemRead]) -> None:
            text = translate("MeetingMode", "Close the meeting now? The clock stops and notes can no longer be captured here.")
            if skipped:
                numbers = {i.id: n for n, i in enumerate(self.agenda, start=1)}
                text += "\n\n" + translate("MeetingMode", "Not taken up (the minutes will say 審議せず):") + "\n" + "\n".join(
                    f"{numbers.get(i.id, '')}. {i.title}" for i in skipped)
            self._ask("confirm_close", translate("MeetingMode", "Close the meeting"), text,
                      lambda: self._status_job(lambda: flow.close_meeting(meeting_id)))

        self.tasks.run_in_background(lambda: flow.not_taken_up(meeting_id), ask, self._failed)

    def finalize(self) -> None:
        flow, meeting_id = self.flow, self.meeting_id
        self._ask("confirm_finalize", translate("MeetingMode", "Finalise the minutes"),
                  translate("MeetingMode", "Finalise the minutes? Changes made afterwards are listed in the minutes as "
                      "amendments (確定後の修正)."),
                  lambda: self._status_job(lambda: flow.finalize(meeting_id)))

    # -- minutes ---------------------------------------------------------------------------

    def choose_minutes_folder(self) -> QFileDialog:
        dialog = QFileDialog(self, translate("MeetingMode", "Folder for the minutes"), self.minutes_folder)
        dialog.setObjectName("minutes_folder_dialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.fileSelected.connect(self.write_minutes)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def write_minutes(self, folder: str) -> None:
        """PDF and Excel minutes into ``folder``, on the lane with a progress dialog."""
        from ..core.exchange.minutes import build_minutes
        from ..core.exchange.minutes_xlsx import write_minutes_xlsx
        from .minutes_pdf import write_minutes_pdf

        self.minutes_folder = folder
        services, meeting_id, era = self.services, self.meeting_id, self.display.era
        meeting = self.meeting
        stem = safe_file_stem(f"{meeting.starts_at:%Y-%m-%d}_{meeting.title}_議事録")
        pdf, xlsx = Path(folder) / f"{stem}.pdf", Path(folder) / f"{stem}.xlsx"

        def work(progress):
            progress.report(0, 3, translate("MeetingMode", "Reading the meeting…"))
            minutes = build_minutes(services, meeting_id, era=era)
            progress.report(1, 3, translate("MeetingMode", "Writing the Excel minutes…"))
            write_minutes_xlsx(minutes, xlsx)
            progress.report(2, 3, translate("MeetingMode", "Writing the PDF minutes…"))
            write_minutes_pdf(minutes, pdf)
            progress.report(3, 3)
            return [pdf, xlsx]

        def done(paths):
            self.statusBar().showMessage(translate("MeetingMode", "Minutes written: %1").replace(
                "%1", "、".join(p.name for p in paths)), 10000)
            self.minutes_written.emit(paths)
            offer_open(self, paths[0])

        self.tasks.with_progress(self, translate("MeetingMode", "Writing the minutes…"), work, done, self._failed)

    def print_papers(self) -> None:
        """Ctrl+P: the minutes (or the 次第, 出席簿, 回覧板) of this meeting in a print preview."""
        print_meeting(self, self.services, self.tasks, self.meeting_id, self.display.era)

    # -- undo ------------------------------------------------------------------------------

    def undo(self) -> None:
        self._replay(self.services.undo, translate("MeetingMode", "Undone: %1"))

    def redo(self) -> None:
        self._replay(self.services.redo, translate("MeetingMode", "Redone: %1"))

    def _replay(self, fn, message: str) -> None:
        if self.capture.text().strip():
            self.save_draft()

        def done(result):
            if result is not None:
                self.statusBar().showMessage(message.replace("%1", result.label), 4000)
            self.reload()

        self.tasks.change(fn, done, self._failed, owner=self)

    # -- correcting what was recorded -----------------------------------------------------

    def _add_row(self, text: str, what: str, id_: str) -> None:
        row = QListWidgetItem(text)
        row.setData(ROW_ROLE, (what, id_))
        self.notes_list.addItem(row)

    def _notes_menu(self, pos) -> None:
        row = self.notes_list.itemAt(pos)
        if row is None:
            return
        menu = QMenu(self.notes_list)
        menu.setObjectName("notes_menu")
        menu.addAction(translate("MeetingMode", "&Edit…"), lambda: self.edit_row(row))
        menu.addAction(translate("MeetingMode", "&Delete"), lambda: self.delete_row(row))
        menu.popup(self.notes_list.viewport().mapToGlobal(pos))
        self.notes_menu = menu

    def edit_last_note(self) -> None:
        """↑ in the empty capture box: correct the newest note of this item."""
        if self.notes_list.count():
            self.notes_list.setCurrentRow(self.notes_list.count() - 1)
            self.edit_row(self.notes_list.item(self.notes_list.count() - 1))

    def _row_record(self, row: QListWidgetItem | None):
        if row is None or row.data(ROW_ROLE) is None:
            return None, None
        what, id_ = row.data(ROW_ROLE)
        if what == "note":
            return what, next((n for n in self.notes if n.id == id_), None)
        return what, next((a for a in self.actions if a.id == id_), None)

    def edit_row(self, row: QListWidgetItem | None) -> None:
        what, record = self._row_record(row)
        if record is None:
            return
        if what == "action":
            dialog = ActionDialog(self.display.era, self, record)
        elif record.kind == "decision":
            dialog = DecisionDialog(self.display, record.body, self.meeting.members_total or 0, self,
                                    self._decision_check(record.id), note=record)
        else:
            dialog = NoteDialog(self.display, record, self)
        self.edit_dialog = dialog
        dialog.finished.connect(lambda result: self._edited(dialog, result, what, record))
        dialog.open()

    def _edited(self, dialog: QDialog, result: int, what: str, record) -> None:
        self.edit_dialog = None
        dialog.deleteLater()
        self.refocus()
        if result != QDialog.DialogCode.Accepted:
            return
        flow, actions, id_ = self.flow, self.services.actions, record.id
        values = dialog.values()
        if isinstance(dialog, DecisionDialog):
            values = {"body": values["body"], "decision_method": values["method"],
                      **{k: values[k] for k in ("votes_for", "votes_against", "votes_abstain")}}

        def work():
            if what == "action":
                return actions.update(id_, values, label="アクションを修正")
            return flow.edit_note(id_, values)

        self.tasks.change(work, lambda _r: self.reload(), self._failed, owner=self)

    def delete_row(self, row: QListWidgetItem | None) -> None:
        """Delete a note or action item: an ordinary change, so Ctrl+Z brings it back."""
        what, record = self._row_record(row)
        if record is None:
            return
        flow, actions, id_ = self.flow, self.services.actions, record.id

        def work():
            if what == "action":
                return actions.delete(id_, label="アクションを削除")
            return flow.delete_note(id_)

        def done(_result):
            self.statusBar().showMessage(translate("MeetingMode", "Deleted (Ctrl+Z brings it back)."), 6000)
            self.reload()

        self.tasks.change(work, done, self._failed, owner=self)

    # -- projector -------------------------------------------------------------------------

    def show_projector(self) -> ProjectorWindow:
        if self.projector is None:
            self.projector = ProjectorWindow(self)
            self.state_changed.connect(self.projector.show_state)
            self.clock_changed.connect(self.projector.show_clock)
        self.projector.show_state(self.projector_state())
        self._tick()
        self.projector.place(self.screen())
        self.refocus()
        return self.projector

    # -- closing ---------------------------------------------------------------------------

    def request_close(self) -> None:
        """Escape / Ctrl+W: close meeting mode, asking first if a note is half-typed (it is kept
        as a draft and comes back in the box when meeting mode is opened on the meeting again)."""
        if not self.capture.text().strip():
            self.close()
            return
        self.save_draft()
        self._ask("confirm_close_window", translate("MeetingMode", "Close meeting mode"),
                  translate("MeetingMode", "A note is being typed. Close meeting mode? The text is kept and comes "
                            "back when meeting mode is opened on this meeting again."), self.close)

    def closeEvent(self, event) -> None:
        """Closing the window on purpose: keep the draft, stop reopening meeting mode at start."""
        if self.capture.text().strip():
            self.save_draft()
        flow = self.flow
        self.tasks.run_in_background(lambda: flow.set_active(None))
        self.tasks.wait()
        if self.projector is not None:
            self.projector.close()
        self._clock.stop()
        super().closeEvent(event)


# --------------------------------------------------------------------------- on its own


def start(services, tasks: TaskManager, display: Display, meeting_id: str | None = None
          ) -> MeetingModeWindow | None:
    """Meeting mode on ``meeting_id``, or on the meeting it was open on when the app stopped
    (after a crash it comes back on the same item with the draft in the box); None if neither."""
    meeting_id = meeting_id or MeetingFlow(services).active()
    if meeting_id is None:
        return None
    window = MeetingModeWindow(services, tasks, display, meeting_id)
    window.show()
    return window


def install(window) -> QAction:
    """Meeting mode in the main window: Tools ▸ Meeting mode (Ctrl+Shift+M) on the meeting
    selected in the meetings list, and — once the pages exist — meeting mode reopened on the
    meeting it was open on when the app stopped (a crash, a pulled battery)."""
    action = QAction(translate("MeetingMode", "&Meeting mode…"), window)
    action.setObjectName("meeting_mode_action")
    action.setShortcut(QKeySequence("Ctrl+Shift+M"))
    window.menu("tools").addAction(action)
    window.meeting_modes = {}

    def open_selected() -> None:
        page = window.pages.get("meeting")
        row = page.current() if page is not None else None
        if row is None:
            window.show_page("meeting")
            window.statusBar().showMessage(translate("MeetingMode", "Choose a meeting in the list first."), 5000)
            return
        open_meeting_mode(window, row.id)

    def resume() -> None:
        flow = MeetingFlow(window.services)
        window.tasks.run_in_background(flow.active, lambda meeting_id: meeting_id and open_meeting_mode(
            window, meeting_id))

    action.triggered.connect(open_selected)
    window.pages_built.connect(resume)
    return action


def open_meeting_mode(window, meeting_id: str) -> MeetingModeWindow:
    """One meeting-mode window per meeting; its edits reach the main window through the
    operation path's broadcast, like every other write."""
    mode = window.meeting_modes.get(meeting_id)
    if mode is None:
        mode = MeetingModeWindow(window.services, window.tasks, window.display, meeting_id)
        window.meeting_modes[meeting_id] = mode
        mode.destroyed.connect(lambda _o=None: window.meeting_modes.pop(meeting_id, None))
        mode.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        # Ctrl+Q there quits the app as in the main window (which asks, and closes meeting mode)
        quit_key = QShortcut(mode)
        quit_key.setKeys(window.quit_action.shortcuts())
        quit_key.activated.connect(window.close)
    mode.show()
    mode.raise_()
    mode.activateWindow()
    return mode


def open_titles(window) -> list[str]:
    """The meetings meeting mode is open on in ``window`` (asked about before quitting)."""
    return [mode.meeting.title if mode.meeting else "" for mode in getattr(window, "meeting_modes", {}).values()]


def close_all(window) -> None:
    """Close every meeting-mode window of ``window`` (drafts kept), as quitting the app does."""
    for mode in list(getattr(window, "meeting_modes", {}).values()):
        mode.close()


def main(argv: list[str] | None = None) -> int:
    """``python -m meguro_jukyo.qt.meeting_mode [--db PATH] [MEETING_ID]``: meeting mode alone."""
    import argparse
    import sys

    from PySide6.QtWidgets import QApplication

    from ..core.db import Store
    from ..core.services import Services
    from . import i18n
    from .settings import Settings

    parser = argparse.ArgumentParser(prog="python -m meguro_jukyo.qt.meeting_mode")
    parser.add_argument("--db")
    parser.add_argument("meeting_id", nargs="?")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    settings = Settings()
    translators = i18n.install(app, settings.language)
    store = Store.open(args.db, holder="meguro-jukyo meeting mode")
    tasks = TaskManager()
    try:
        services = Services(store)
        window = start(services, tasks, Display(services.vocab, settings.language, settings.era), args.meeting_id)
        if window is None:
            print("meeting mode: no meeting given and none was open", file=sys.stderr)
            return 1
        return app.exec()
    finally:
        tasks.wait()
        store.close()
        i18n.uninstall(app, translators)


if __name__ == "__main__":
    raise SystemExit(main())
