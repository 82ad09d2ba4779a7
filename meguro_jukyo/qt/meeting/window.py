"""The meeting-mode window: what it shows read in one go, the clock, undo, the projector, closing."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ...core import models as m
from ...core.meeting import (
    Draft,
    MeetingFlow,
    Session,
)
from ...core.since import SinceLastMeeting, since_last_meeting
from ..display import Display
from .. import settings as app_settings
from ..help import meeting_rows, show_help
from ..tasks import TaskManager, error_text
from ..widgets import fit_to_screen, scrolling
from .agenda import AgendaPanel
from .capture import KIND_KEYS, CapturePanel
from .projector import ProjectorState, ProjectorWindow, clock_text
from .since_panel import SincePanel
from .steps import StepsPanel
from ..i18n import fill

translate = QCoreApplication.translate


DRAFT_DELAY_MS = 500
CLOCK_TICK_MS = 250


@dataclass(frozen=True)
class Snapshot:
    """Everything the window shows, read in one go on the lane."""

    meeting: m.MeetingRead
    agenda: list[m.AgendaItemRead]
    notes: list[m.NoteRead]
    actions: list[m.ActionItemRead]
    session: Session
    draft: Draft | None
    since: SinceLastMeeting | None = None


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


class MeetingModeWindow(AgendaPanel, CapturePanel, StepsPanel, SincePanel, QMainWindow):
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
        self.action_items: list[m.ActionItemRead] = []
        self.session = Session(meeting_id)
        self.kind = "opinion"
        self.draft_decision = ""
        self.projector: ProjectorWindow | None = None
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
        fit_to_screen(self, 1280, 800)
        settings = app_settings.current()
        geometry = settings.window_geometry("meeting") if settings is not None else None
        if geometry is not None:
            self.restoreGeometry(geometry)
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
        self.title_label = QLabel()
        self.title_label.setObjectName("meeting_title")
        self.title_label.setFont(self._big(1.3))
        self.title_label.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("meeting_status")
        self.status_label.setFont(self._big(1.1))
        head = QHBoxLayout()
        head.addWidget(self.title_label, 1)
        head.addWidget(self.status_label)
        grid.addLayout(head, 0, 0, 1, 3)
        self._build_agenda(grid)
        self._build_centre(grid)
        self._build_steps(grid, self._build_attendance(grid))
        self._scroll_right_column(grid)

    def _scroll_right_column(self, grid: QGridLayout) -> None:
        """出席 and 会議 in one column that scrolls when the window is lower than they are (large
        text on a 1366×768 laptop), rather than pushing the window past the screen's foot."""
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        for row in (1, 2):
            cell = grid.itemAtPosition(row, 2)
            widget = cell.widget() if cell is not None else None
            if widget is None:
                raise RuntimeError(f"meeting mode's right column has no widget in row {row}")
            grid.removeWidget(widget)
            layout.addWidget(widget, row - 1)
        grid.addWidget(scrolling(column), 1, 2, 2, 1)

    def _shortcuts(self) -> None:
        def bind(sequence, slot, what: str | None = None) -> None:
            shortcut = QShortcut(self)
            if what:  # for the help dialog's table of keys
                shortcut.setProperty("help_text", what)
            # a standard key is every binding the platform has for it (Close: Ctrl+W and Ctrl+F4)
            shortcut.setKeys(QKeySequence.keyBindings(sequence) if isinstance(sequence, QKeySequence.StandardKey)
                             else [QKeySequence(sequence)])
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

        for i, (code, label) in enumerate(self._kinds[:len(KIND_KEYS)]):
            bind(KIND_KEYS[i], lambda k=code: self.choose_kind(k), label)
            bind(f"Alt+{i + 1}", lambda k=code: self.choose_kind(k))
        bind("F9", self.add_action, translate("MeetingMode", "Add an action item"))
        bind("F10", self.toggle_pause, translate("MeetingMode", "Pause or resume the meeting"))
        bind("Alt+Right", lambda: self.step(1), translate("MeetingMode", "Next agenda item"))
        bind("Alt+Left", lambda: self.step(-1), translate("MeetingMode", "Previous agenda item"))
        bind("Ctrl+PgDown", lambda: self.step(1))
        bind("Ctrl+PgUp", lambda: self.step(-1))
        bind("Alt+Up", lambda: self.move_selected(-1), translate("MeetingMode", "Move the selected item up"))
        bind("Alt+Down", lambda: self.move_selected(1), translate("MeetingMode", "Move the selected item down"))
        bind(QKeySequence.StandardKey.Undo, self.undo, translate("MeetingMode", "Undo"))
        bind(QKeySequence.StandardKey.Redo, self.redo, translate("MeetingMode", "Redo"))
        bind("Escape", self.request_close, translate("MeetingMode", "Close meeting mode"))
        bind(QKeySequence.StandardKey.Close, self.request_close)
        bind("Ctrl+F1", self.show_help, translate("MeetingMode", "This guide"))
        keys = MeetingKeys(self)
        for widget in (self.capture, self.notes_list, *(b for box in (
                self.members_box, self.present_box, self.proxies_box) for b in (box, box.lineEdit()))):
            widget.installEventFilter(keys)
        bind(QKeySequence.StandardKey.Print, self.print_papers, translate("MeetingMode", "Print the minutes and papers"))

    def show_help(self):
        """The guide, with meeting mode's keys (Ctrl+F1: F1–F8 choose the kind of a note here)."""
        return show_help(self, self.display.language, meeting_rows(self), [
            (translate("MeetingMode", "Enter"), translate("MeetingMode", "Record what was typed")),
            (translate("MeetingMode", "↑ in the empty box"), translate("MeetingMode", "Edit the last note")),
            (translate("MeetingMode", "Del"), translate("MeetingMode", "Delete the selected note"))])

    # -- loading -------------------------------------------------------------------------

    def reload(self, restore_draft: bool = False, remember: bool = False) -> None:
        flow, meeting_id = self.flow, self.meeting_id

        def work() -> Snapshot:
            if remember:
                flow.set_active(meeting_id)
            return Snapshot(flow.services.meetings.get(meeting_id), flow.agenda(meeting_id),
                            flow.notes(meeting_id), flow.actions(meeting_id), flow.session(meeting_id),
                            flow.draft(meeting_id), since_last_meeting(flow.services, meeting_id))

        self.tasks.run_in_background(work, lambda snap: self._loaded(snap, restore_draft), self._failed)

    def _heard(self, changed: dict, initiator=None) -> None:
        if initiator is self or not changed.keys() & {"meeting", "agenda_item", "note", "action_item",
                                                      "request_answer"}:
            return
        self.reload()

    def _loaded(self, snap: Snapshot, restore_draft: bool) -> None:
        self.meeting, self.agenda, self.notes, self.session = snap.meeting, snap.agenda, snap.notes, snap.session
        self.action_items = snap.actions
        self._settle_current()
        if restore_draft and snap.draft is not None:
            if snap.draft.item_id in {i.id for i in self.agenda}:
                self.session.item_id = snap.draft.item_id
            self.kind = snap.draft.kind if snap.draft.kind != "decision" else "opinion"
            self.capture.setText(snap.draft.text)
        self._show_meeting()
        self._show_agenda()
        self._show_item()
        self._show_since(snap.since)
        self.refocus()
        self.loaded.emit()

    def refocus(self) -> None:
        """Back to where typing goes: the capture box in session, the agenda before it.

        Also after a dialog closes: not every window manager gives the keyboard back to this
        window, and its F-keys and Alt-keys only work while it is active.

        Not while a dialog is open: a reload that ends after F6 was pressed (開会 saved, then
        the decision dialog opened at once) would otherwise take the keyboard from the dialog
        and give it to this window, which the dialog blocks, so what the clerk types is lost."""
        if QApplication.activeModalWidget() is not None:
            return
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

    def loaded_meeting(self) -> m.MeetingRead:
        """The meeting, where it has been read: every panel and key acts after the first load."""
        if self.meeting is None:
            raise RuntimeError("meeting mode used before its meeting was read")
        return self.meeting


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
                self.statusBar().showMessage(fill(message, result.label), 4000)
            self.reload()

        self.tasks.change(fn, done, self._failed, owner=self)


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
        settings = app_settings.current()
        if settings is not None:
            settings.keep_window_geometry("meeting", self.saveGeometry())
        super().closeEvent(event)
