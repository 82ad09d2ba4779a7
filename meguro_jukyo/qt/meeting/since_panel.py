"""Meeting mode's 前回から panel: under the agenda, what happened since the organization's last
meeting (qt/since.py's list), shown when the window opens on a meeting that had one before it.

It never takes the keyboard: the capture box (or the agenda) keeps the focus the window gives
it; Tab reaches the list, and Enter there makes the entry an agenda item, after which the focus
goes back to where typing goes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout

from ...core.meeting import Candidate
from ...core.since import SinceLastMeeting
from ..since import SinceList, since_heading
from .state import MeetingWindowState

translate = QCoreApplication.translate


class SincePanel(MeetingWindowState):
    """The 前回から box of :class:`~.window.MeetingModeWindow` (a mix-in: it uses the window's state)."""

    def _build_since(self) -> QGroupBox:
        self.since_box = QGroupBox(translate("MeetingMode", "Since the last meeting"))
        self.since_box.setObjectName("since_box")
        layout = QVBoxLayout(self.since_box)
        self.since_label = QLabel()
        self.since_label.setObjectName("since_heading")
        self.since_label.setWordWrap(True)
        self.since_list = SinceList(self.display)
        self.since_list.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # never by a click that meant to look
        self.since_list.take.connect(self.take_since)
        hint = QLabel(translate("MeetingMode", "Enter: make it an agenda item"))
        hint.setEnabled(False)
        layout.addWidget(self.since_label)
        layout.addWidget(self.since_list, 1)
        layout.addWidget(hint)
        self.since_box.hide()
        return self.since_box

    def _show_since(self, since: SinceLastMeeting | None) -> None:
        """Shown for a meeting with an earlier one of its organization (hidden at the first)."""
        self.since_list.show_since(since)
        self.since_label.setText(since_heading(since, self.display))
        self.since_box.setVisible(since is not None and since.last is not None)

    def take_since(self, candidate: Candidate) -> None:
        if self.meeting is None or self.meeting.status not in ("planned", "in_session"):
            self.statusBar().showMessage(translate(
                "MeetingMode", "The agenda can only change before the meeting is closed."), 5000)
            return
        flow, meeting_id = self.flow, self.meeting_id
        self.tasks.change(lambda: flow.add_candidate(meeting_id, candidate), lambda _i: self.reload(),
                          self._failed, owner=self)
