"""Meeting mode's centre panel: the current item, its clock, capturing notes, decisions and action items, correcting them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
)

from ...core import models as m
from ...core.meeting_checks import Problem, decision_problems
from .. import a11y
from .dialogs import ActionDialog, DecisionDialog, NoteDialog
from ..i18n import tr_args
from .state import MeetingWindowState

translate = QCoreApplication.translate


KIND_KEYS = ("F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8")
# what a row of the notes list is (Qt.UserRole): ("note" | "action", id)
ROW_ROLE = Qt.ItemDataRole.UserRole


class CapturePanel(MeetingWindowState):
    """The centre of :class:`~.window.MeetingModeWindow` (a mix-in: it uses the window's state)."""

    def _build_centre(self, grid: QGridLayout) -> None:
        centre = QVBoxLayout()
        self.item_label = QLabel()
        self.item_label.setObjectName("current_item")
        self.item_label.setFont(self._big(1.9))
        self.item_label.setWordWrap(True)
        self.clock_label = QLabel()
        self.clock_label.setObjectName("clock")
        self.clock_label.setFont(self._big(3.0))
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock_label.setFrameShape(QFrame.Shape.StyledPanel)
        centre.addWidget(self.item_label)
        centre.addWidget(self.clock_label)
        nav = QHBoxLayout()
        self.prev_button = QPushButton(translate("MeetingMode", "◀ Previous item (Alt+←)"))
        self.prev_button.setObjectName("prev_item")
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.pause_button = QPushButton()
        self.pause_button.setObjectName("pause")
        self.pause_button.clicked.connect(self.toggle_pause)
        self.next_button = QPushButton(translate("MeetingMode", "Next item (Alt+→) ▶"))
        self.next_button.setObjectName("next_item")
        self.next_button.clicked.connect(lambda: self.step(1))
        for b in (self.prev_button, self.pause_button, self.next_button):
            b.setMinimumHeight(40)
            nav.addWidget(b)
        centre.addLayout(nav)

        kinds = QGridLayout()
        self.kind_buttons: dict[str, QPushButton] = {}
        for i, (code, label) in enumerate(self._kinds):
            key = KIND_KEYS[i] if i < len(KIND_KEYS) else ""
            button = QPushButton(f"{key} {label}")
            button.setObjectName(f"kind_{code}")
            button.setCheckable(True)
            button.setMinimumHeight(40)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _c=False, k=code: self.choose_kind(k))
            self.kind_buttons[code] = button
            kinds.addWidget(button, i // 4, i % 4)
        self.action_button = QPushButton(translate("MeetingMode", "F9  Action item"))
        self.action_button.setObjectName("add_action")
        self.action_button.setMinimumHeight(40)
        self.action_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.action_button.clicked.connect(self.add_action)
        kinds.addWidget(self.action_button, 2, 0, 1, 4)
        centre.addLayout(kinds)

        self.capture_label = QLabel()
        self.capture_label.setObjectName("capture_label")
        self.capture = QLineEdit()
        self.capture.setObjectName("capture")
        self.capture.setFont(self._big(1.3, bold=False))
        self.capture.setMinimumHeight(48)
        self.capture.returnPressed.connect(self.commit)
        self.capture.textEdited.connect(self._typed)
        self.capture_label.setBuddy(self.capture)
        centre.addWidget(self.capture_label)
        centre.addWidget(self.capture)

        self.notes_list = QListWidget()
        self.notes_list.setObjectName("item_notes")
        self.notes_list.setWordWrap(True)
        a11y.name(self.notes_list, translate("MeetingMode", "Notes of this item"))
        self.notes_list.setFont(self._big(1.1, bold=False))
        self.notes_list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.notes_list.customContextMenuRequested.connect(self._notes_menu)
        self.notes_list.itemDoubleClicked.connect(self.edit_row)
        centre.addWidget(self.notes_list, 1)
        grid.addLayout(centre, 1, 1, 2, 1)

    def _show_item(self) -> None:
        item = self.current_item()
        i = self.current_index()
        if item is None:
            self.item_label.setText(translate("MeetingMode", "Add an agenda item to begin (Alt+A)."))
        else:
            self.item_label.setText(tr_args("MeetingMode", "Item %1 of %2: %3", i + 1, len(self.agenda), item.title))
        self.prev_button.setEnabled(i > 0)
        self.next_button.setEnabled(0 <= i < len(self.agenda) - 1)
        self.notes_list.clear()
        for note in self._item_notes():
            self._add_row(self._note_text(note), "note", note.id)
        for action in self.action_items:
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
                how += "　" + tr_args("MeetingMode", "for %1 / against %2 / abstaining %3",
                                     note.votes_for, note.votes_against or 0, note.votes_abstain or 0)
            text += f"（{how}）"
        return text

    def _show_kind(self) -> None:
        for code, button in self.kind_buttons.items():
            button.setChecked(code == self.kind)
        label = self.display.label("note_kind", self.kind)
        self.capture_label.setText(tr_args("MeetingMode", "&Note — %1 (Enter records it)", label))
        running = self.session.running
        self.pause_button.setText(translate("MeetingMode", "Pause (F10)") if running else translate("MeetingMode", "Resume (F10)"))
        self.pause_button.setEnabled(self.meeting is not None and self.meeting.status == "in_session"
                                     and self.current_item() is not None)


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
        self.decision_dialog: DecisionDialog | None = dialog

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
        self.action_dialog: ActionDialog | None = dialog
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
        self.action_items.append(action)
        self._add_row(self._action_text(action), "action", action.id)
        self.statusBar().showMessage(tr_args("MeetingMode", "Action item added: %1", action.title), 4000)
        self.action_added.emit(action)


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
        return what, next((a for a in self.action_items if a.id == id_), None)

    def edit_row(self, row: QListWidgetItem | None) -> None:
        what, record = self._row_record(row)
        if record is None:
            return
        dialog: ActionDialog | DecisionDialog | NoteDialog
        if what == "action":
            dialog = ActionDialog(self.display.era, self, record)
        elif record.kind == "decision":
            dialog = DecisionDialog(self.display, record.body, self.loaded_meeting().members_total or 0, self,
                                    self._decision_check(record.id), note=record)
        else:
            dialog = NoteDialog(self.display, record, self)
        self.edit_dialog: ActionDialog | DecisionDialog | NoteDialog | None = dialog
        dialog.finished.connect(lambda result: self._edited(dialog, result, what, record))
        dialog.open()

    def _edited(self, dialog: ActionDialog | DecisionDialog | NoteDialog, result: int, what: str, record) -> None:
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
