"""What meeting mode's panels share, declared for the type checker.

The panels (:mod:`.agenda`, :mod:`.capture`, :mod:`.steps`, :mod:`.since_panel`) are mix-ins of
:class:`~.window.MeetingModeWindow`: each uses the window's state and calls the window's (and
the other panels') methods. :class:`MeetingWindowState` names that shared part with its types,
so each panel is checked against it and the window against what the panels expect of it. At
run time it is ``object``: the panels are plain mix-ins, the window is their only QMainWindow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QTimer, Signal
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import (
        QLabel,
        QLineEdit,
        QListWidget,
        QListWidgetItem,
        QMainWindow,
        QMessageBox,
        QPushButton,
        QWidget,
    )

    from ...core import models as m
    from ...core.meeting import MeetingFlow, Session
    from ...core.services import Services
    from ...core.since import SinceLastMeeting
    from ..display import Display
    from ..tasks import TaskManager
    from .projector import ProjectorWindow

    class MeetingWindowState(QMainWindow):
        # the window's signals (window.py defines them and says what each carries)
        state_changed: ClassVar[Signal]
        clock_changed: ClassVar[Signal]
        loaded: ClassVar[Signal]
        note_captured: ClassVar[Signal]
        action_added: ClassVar[Signal]
        draft_saved: ClassVar[Signal]
        status_changed: ClassVar[Signal]
        minutes_written: ClassVar[Signal]

        # the window's state (window.py)
        services: Services
        tasks: TaskManager
        display: Display
        flow: MeetingFlow
        meeting_id: str
        meeting: m.MeetingRead | None
        agenda: list[m.AgendaItemRead]
        notes: list[m.NoteRead]
        action_items: list[m.ActionItemRead]
        session: Session
        kind: str
        draft_decision: str
        projector: ProjectorWindow | None
        _kinds: list[tuple[str, str]]
        _draft_timer: QTimer
        _attendance_timer: QTimer
        title_label: QLabel
        status_label: QLabel

        # widgets one panel builds and another uses
        agenda_list: QListWidget
        add_item_button: QPushButton
        carry_button: QPushButton
        up_button: QPushButton
        down_button: QPushButton
        capture: QLineEdit
        notes_list: QListWidget
        kind_buttons: dict[str, QPushButton]
        action_button: QPushButton
        clock_label: QLabel

        # the window's methods (window.py)
        def _big(self, factor: float, bold: bool = True) -> QFont: ...
        def reload(self, restore_draft: bool = False, remember: bool = False) -> None: ...
        def refocus(self) -> None: ...
        def _settle_current(self) -> None: ...
        def _failed(self, exc: BaseException) -> None: ...
        def current_index(self) -> int: ...
        def current_item(self) -> m.AgendaItemRead | None: ...
        def loaded_meeting(self) -> m.MeetingRead: ...
        def _tick(self) -> None: ...
        def _publish(self) -> None: ...
        def _ask(self, name: str, title: str, text: str, then: Callable[[], object]) -> QMessageBox: ...
        def show_projector(self) -> ProjectorWindow: ...

        # the panels' methods that another panel or the window calls
        def _build_since(self) -> QWidget: ...
        def _show_since(self, since: SinceLastMeeting | None) -> None: ...
        def _show_agenda(self) -> None: ...
        def step(self, delta: int) -> None: ...
        def toggle_pause(self) -> None: ...
        def move_selected(self, delta: int) -> None: ...
        def _show_item(self) -> None: ...
        def _item_notes(self) -> list[m.NoteRead]: ...
        def save_draft(self) -> None: ...
        def choose_kind(self, kind: str) -> None: ...
        def add_action(self) -> None: ...
        def edit_last_note(self) -> None: ...
        def delete_row(self, row: QListWidgetItem | None) -> None: ...
        def _show_meeting(self) -> None: ...
        def _show_quorum(self) -> None: ...
        def _attendance(self) -> m.MeetingRead: ...
        def _save_attendance(self) -> None: ...
else:
    MeetingWindowState = object
