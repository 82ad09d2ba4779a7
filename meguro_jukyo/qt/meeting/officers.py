"""Meeting mode's first steps and the count it was missing: 議長選出, 署名人選任 and 書面表決.

At a 町会 meeting the first business after 開会 is to choose the 議長 and the 議事録署名人
(usually two) who will sign the minutes. :class:`OfficersPanel` sits first among meeting
mode's steps, says who was chosen (or that nobody was yet) and opens :class:`OfficersDialog`;
it also adds 書面表決 (votes cast in writing, apart from 委任状) to the attendance form, since
a 総会 counts them towards its quorum. Writes go through the one GUI write path.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.exchange.minutes import signer_names
from .. import a11y
from ..tasks import error_text
from ..i18n import tr_args
from .state import MeetingWindowState

translate = QCoreApplication.translate
SAVE_DELAY_MS = 500


class OfficersDialog(QDialog):
    """議長 and two 議事録署名人, chosen through ``MeetingService.choose_officers``; a refusal
    (the chair also signing, a name twice) is shown in the dialog, which stays open."""

    def __init__(self, window: MeetingWindowState, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.setObjectName("officers_dialog")
        self.setWindowTitle(translate("MeetingOfficers", "Chair and signers of the minutes"))
        self.window_ = window
        meeting = window.loaded_meeting()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate("MeetingOfficers", "The chair and the signers sign and seal the minutes.")))
        form = QFormLayout()
        self.chair = QLineEdit(meeting.chair or meeting.facilitator)
        self.chair.setObjectName("chair")
        form.addRow(translate("MeetingOfficers", "&Chair:"), self.chair)
        self.signers = [QLineEdit(name) for name in signer_names(meeting.signers)]
        for i, box in enumerate(self.signers, start=1):
            box.setObjectName(f"signer_{i}")
            form.addRow(tr_args("MeetingOfficers", "&Signer %1:", str(i)), box)
        layout.addLayout(form)
        a11y.name_form(form)
        self.error = QLabel()
        self.error.setObjectName("officers_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        window = self.window_
        service, meeting_id = window.services.meetings, window.meeting_id
        chair, signers = self.chair.text(), [b.text() for b in self.signers]

        def failed(exc: BaseException) -> None:
            if not hasattr(exc, "ja"):
                raise exc
            self.error.setText(error_text(exc, window.display.language))
            self.error.show()

        def done(meeting) -> None:
            window.meeting = meeting
            self.accept()

        window.tasks.change(lambda: service.choose_officers(meeting_id, chair, signers), done, failed, owner=self)


class OfficersPanel(QWidget):
    """Who chairs and who signs, with the button that chooses them; and the 書面表決 box,
    added to meeting mode's attendance ``form``."""

    def __init__(self, window: MeetingWindowState, form: QFormLayout):
        super().__init__(window)  # no reference kept to the window: it is this widget's window()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("officers")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.button = QPushButton(translate("MeetingOfficers", "C&hoose the chair and signers…"))
        self.button.setObjectName("choose_officers")
        self.button.setMinimumHeight(40)
        self.button.clicked.connect(self.choose)
        layout.addWidget(self.button)

        self.written = QSpinBox()
        self.written.setObjectName("written_votes")
        self.written.setRange(0, 100000)
        self.written.valueChanged.connect(self._written_edited)
        form.insertRow(3, translate("MeetingOfficers", "Written &votes:"), self.written)
        self._form = form
        self._timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._timer.timeout.connect(self._save_written)
        window.loaded.connect(self.show_meeting)

    def meeting_window(self) -> MeetingWindowState:
        """The meeting-mode window this panel sits in (its window()), as the panels know it."""
        return cast(MeetingWindowState, self.window())

    def show_meeting(self) -> None:
        meeting = self.meeting_window().loaded_meeting()
        names = [n for n in signer_names(meeting.signers) if n]
        if meeting.chair:
            self.summary.setText(tr_args("MeetingOfficers", "Chair: %1\nSigners: %2", meeting.chair, "、".join(names) or "—"))
            self.summary.setStyleSheet("")
        else:
            self.summary.setText(translate("MeetingOfficers", "No chair or signers chosen yet: choose them at the start."))
            self.summary.setStyleSheet("color: #b00020;")
        self.button.setEnabled(meeting.status != "finalized")
        self.written.blockSignals(True)
        self.written.setValue(meeting.written_votes)
        self.written.blockSignals(False)
        # only where the type counts them (総会), as the minutes show them; or if some were entered
        rule = self.meeting_window().services.vocab.extra("meeting_type", meeting.meeting_type).get("quorum", {})
        self._form.setRowVisible(self.written, bool(rule.get("written")) or meeting.written_votes > 0)

    def choose(self) -> OfficersDialog:
        dialog = OfficersDialog(self.meeting_window())

        def finished(_result: int) -> None:
            self.show_meeting()
            self.meeting_window().refocus()
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def _written_edited(self, value: int) -> None:
        window = self.meeting_window()
        window.meeting = window.loaded_meeting().model_copy(update={"written_votes": value})
        window._show_quorum()
        self._timer.start()

    def _save_written(self) -> None:
        window = self.meeting_window()
        service, meeting_id, value = window.services.meetings, window.meeting_id, self.written.value()
        window.tasks.change(lambda: service.update(meeting_id, {"written_votes": value}, label="書面表決を変更"),
                            None, window._failed, owner=window)
