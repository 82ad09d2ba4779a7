"""The projector window: the meeting in large text for the hall, following the facilitator.

It shows what the facilitator's window tells it through signals — meeting, current item, time
left, the points captured so far for the item, the decision being drafted — and never reads
the database. Nothing personal is shown (no chair, recorder, speakers or attendees).
Text scales with the window's height so that it stays readable from the back of a hall.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QGuiApplication, QScreen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from ..i18n import fill, tr_args

translate = QCoreApplication.translate

#: how many of the item's latest points fit on the screen
POINTS_SHOWN = 6


@dataclass(frozen=True)
class ProjectorState:
    """What the hall sees; made by the facilitator's window."""

    meeting_title: str = ""
    status: str = ""  # the meeting status, in words
    item_number: int = 0  # 1-based; 0 when there is no current item
    item_count: int = 0
    item_title: str = ""
    points: tuple[tuple[str, str], ...] = field(default=())  # (kind label, text), oldest first
    draft_decision: str = ""


def clock_text(planned_seconds: float, elapsed_seconds: float) -> tuple[str, bool]:
    """("12:34", False) time left, or ("+01:05", True) once the time box is overrun."""
    left = int(round(planned_seconds - elapsed_seconds))
    if left >= 0:
        return f"{left // 60:02d}:{left % 60:02d}", False
    over = -left
    return f"+{over // 60:02d}:{over % 60:02d}", True


def second_screen(current: QScreen | None) -> QScreen | None:
    """A screen other than the facilitator's, if there is one."""
    for screen in QGuiApplication.screens():
        if screen is not current:
            return screen
    return None


class ProjectorWindow(QWidget):
    def __init__(self, parent=None):
        # a top-level window of its own (parent only for lifetime), so it can go to another screen
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("projector")
        self.setWindowTitle(translate("Projector", "Meeting — projector"))
        self.setStyleSheet("#projector { background: #101820; } QLabel { color: #f4f4f4; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # the facilitator keeps the keyboard: showing the hall's screen must not take it
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        self.meeting = QLabel(objectName="projector_meeting")
        self.item = QLabel(objectName="projector_item")
        self.clock = QLabel(objectName="projector_clock")
        self.points = QLabel(objectName="projector_points")
        self.decision = QLabel(objectName="projector_decision")
        for label in (self.meeting, self.item, self.points, self.decision):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.meeting.setStyleSheet("color: #9fb3c8;")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.points.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.decision.setStyleSheet("color: #ffe08a;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 24)
        layout.addWidget(self.meeting)
        layout.addWidget(self.item)
        layout.addWidget(self.clock)
        layout.addWidget(self.points, 1)
        layout.addWidget(self.decision)
        self.state = ProjectorState()
        self._overrun = False
        self.resize(1280, 720)
        self._scale()

    # -- following the facilitator -----------------------------------------------------

    def show_state(self, state: ProjectorState) -> None:
        self.state = state
        self.meeting.setText(state.meeting_title + (f"　［{state.status}］" if state.status else ""))
        if state.item_number:
            self.item.setText(tr_args("Projector", "Item %1 of %2: %3", state.item_number, state.item_count, state.item_title))
        else:
            self.item.setText(translate("Projector", "No agenda item yet"))
        shown = state.points[-POINTS_SHOWN:]
        self.points.setText("\n".join(f"【{kind}】{text}" for kind, text in shown))
        self.decision.setVisible(bool(state.draft_decision))
        self.decision.setText(tr_args("Projector", "Draft decision: %1", state.draft_decision))

    def show_clock(self, planned_seconds: float, elapsed_seconds: float) -> None:
        text, overrun = clock_text(planned_seconds, elapsed_seconds)
        label = translate("Projector", "Over time %1") if overrun else translate("Projector", "Time left %1")
        self.clock.setText(fill(label, text))
        if overrun != self._overrun:
            self._overrun = overrun
            self._scale()

    # -- size and place ------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._scale()

    def _scale(self) -> None:
        """Font sizes as fractions of the window height (a 1080-line projector: ~50 px text)."""
        h = max(self.height(), 300)

        def font(fraction: float, bold: bool = False) -> QFont:
            f = QFont(self.font())
            f.setPixelSize(max(12, int(h * fraction)))
            f.setBold(bold)
            return f

        self.meeting.setFont(font(0.035))
        self.item.setFont(font(0.065, bold=True))
        self.clock.setFont(font(0.09, bold=True))
        self.clock.setStyleSheet("color: #ff5a5a;" if self._overrun else "color: #7ee081;")
        self.points.setFont(font(0.045))
        self.decision.setFont(font(0.05, bold=True))

    def place(self, facilitator_screen: QScreen | None) -> None:
        """Full screen on a second screen when there is one; a normal window otherwise."""
        screen = second_screen(facilitator_screen)
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
            self.showFullScreen()
        else:
            self.show()
