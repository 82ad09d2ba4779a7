"""Meeting mode's right-hand panel: attendance and quorum, 開会 → 閉会 → 確定, the minutes."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from .. import file_dialogs
from ...core import models as m
from ...core.exchange.minutes import build_minutes
from ...core.exchange.minutes_xlsx import write_minutes_xlsx
from ...core.meeting_checks import quorum_problem
from ...core.progress import step
from ..printing import offer_open, print_meeting
from .dialogs import NumberBox
from .minutes_pdf import write_minutes_pdf
from .officers import OfficersPanel
from ..i18n import fill, tr_args
from .state import MeetingWindowState

translate = QCoreApplication.translate


def safe_file_stem(text: str) -> str:
    """A file name part from a meeting title: no path separators or characters Windows refuses."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", text).strip(" .") or "minutes"


class StepsPanel(MeetingWindowState):
    """The right column of :class:`~.window.MeetingModeWindow` (a mix-in: it uses the window's state)."""

    def _build_attendance(self, grid: QGridLayout) -> QFormLayout:
        attendance = QGroupBox(translate("MeetingMode", "Attendance"))
        form = QFormLayout(attendance)
        self.members_box, self.present_box, self.proxies_box = NumberBox(), NumberBox(), NumberBox()
        for name, box in (("members_total", self.members_box), ("present", self.present_box), ("proxies", self.proxies_box)):
            box.setObjectName(name)
        for label, box in ((translate("MeetingMode", "Membe&rs:"), self.members_box), (translate("MeetingMode", "Presen&t:"), self.present_box),
                           (translate("MeetingMode", "Pro&xies:"), self.proxies_box)):
            box.setRange(0, 100000)
            box.valueChanged.connect(self._attendance_edited)
            form.addRow(label, box)
        members_label = form.labelForField(self.members_box)
        if not isinstance(members_label, QLabel):  # addRow with a text makes a QLabel
            raise RuntimeError("the members box has no label")
        self.members_label = members_label
        self.members_label.setObjectName("members_label")
        self.quorum_label = QLabel()
        self.quorum_label.setObjectName("quorum")
        self.quorum_label.setFont(self._big(1.6))
        self.quorum_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.quorum_rule = QLabel()
        self.quorum_rule.setObjectName("quorum_rule")
        self.quorum_rule.setWordWrap(True)
        form.addRow(self.quorum_label)
        form.addRow(self.quorum_rule)
        grid.addWidget(attendance, 1, 2)
        return form

    def _build_steps(self, grid: QGridLayout, attendance: QFormLayout) -> None:
        steps = QGroupBox(translate("MeetingMode", "Meeting"))
        steps_layout = QVBoxLayout(steps)
        self.officers = OfficersPanel(self, attendance)  # 議長選出・署名人選任 first, and 書面表決
        steps_layout.addWidget(self.officers)
        self.open_button = QPushButton(translate("MeetingMode", "&Open the meeting"))
        self.open_button.setObjectName("open_meeting")
        self.open_button.clicked.connect(self.open_meeting)
        self.close_button = QPushButton(translate("MeetingMode", "Clos&e the meeting"))
        self.close_button.setObjectName("close_meeting")
        self.close_button.clicked.connect(self.close_meeting)
        self.finalize_button = QPushButton(translate("MeetingMode", "&Finalise the minutes"))
        self.finalize_button.setObjectName("finalize")
        self.finalize_button.clicked.connect(self.finalize)
        self.minutes_button = QPushButton(translate("MeetingMode", "&Minutes (PDF and Excel)…"))
        self.minutes_button.setObjectName("minutes")
        self.minutes_button.clicked.connect(self.choose_minutes_folder)
        self.projector_button = QPushButton(translate("MeetingMode", "&Projector window"))
        self.projector_button.setObjectName("projector_button")
        self.projector_button.clicked.connect(self.show_projector)
        # the PDF as PDF/A-1b: what a ward or council archive keeps (fonts embedded, no outside references)
        self.pdfa_box = QCheckBox(translate("MeetingMode", "PDF/A-1&b for the archive"))
        self.pdfa_box.setObjectName("minutes_pdfa")
        self.pdfa_box.setToolTip(translate("MeetingMode", "Write the PDF minutes as PDF/A-1b, the format archives "
                                           "keep for the long term. It opens like any other PDF."))
        for b in (self.open_button, self.close_button, self.finalize_button, self.minutes_button,
                  self.projector_button):
            b.setMinimumHeight(40)
            steps_layout.addWidget(b)
            if b is self.minutes_button:
                steps_layout.addWidget(self.pdfa_box)
        steps_layout.addStretch(1)
        keys = QLabel(translate("MeetingMode", "F1–F8 note · F9 action · F10 pause/resume · Alt+←/→ items · "
                                "Ctrl+Z undo · ↑ in the empty box: edit the last note · Del: delete the selected note · "
                                "Esc / Ctrl+W close meeting mode · Ctrl+F1 guide"))
        keys.setWordWrap(True)
        keys.setObjectName("keys_help")
        steps_layout.addWidget(keys)
        grid.addWidget(steps, 2, 2)
        grid.setColumnMinimumWidth(2, 260)

    def _show_meeting(self) -> None:
        mt = self.loaded_meeting()
        when = self.display.datetime(mt.starts_at)
        self.title_label.setText(f"{mt.title}\n{when}　{mt.place}".rstrip())
        self.setWindowTitle(tr_args("MeetingMode", "Meeting mode — %1", mt.title))
        held = ""
        if mt.opened_at is not None:  # as it was held: the minutes state these times
            held = f"　{mt.opened_at:%H:%M}〜" + (f"{mt.closed_at:%H:%M}" if mt.closed_at else "")
        self.status_label.setText(self.display.label("meeting_status", mt.status) + held)
        self.members_label.setText(self._members_text())
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

    def _members_text(self) -> str:
        """The body the meeting type counts its quorum over, as the minutes name it: 役員総数 for
        a 役員会 (the type's rule in vocab.json), 全会員数 where the rule names none."""
        q = self.services.meetings.quorum(self.meeting)
        if q.members == "全会員数":
            return translate("MeetingMode", "Membe&rs:")
        if self.display.language == "en":
            name = q.members_en[:1].upper() + q.members_en[1:].replace("members", "membe&rs")
        else:
            name = q.members
        return fill(translate("MeetingMode", "%1:", "the body a quorum is counted over, named by the meeting type"), name)

    def _show_quorum(self) -> None:
        if self.meeting is None:
            return
        q = self.services.meetings.quorum(self._attendance())
        self.quorum_label.setText(translate("MeetingMode", "Quorum reached") if q.reached else translate("MeetingMode", "No quorum"))
        self.quorum_label.setStyleSheet("color: #1b7f3b;" if q.reached else "color: #b00020;")
        if q.required:
            self.quorum_rule.setText(tr_args("MeetingMode", "%1 attending, %2 needed (%3)", str(q.attending), str(q.required), q.rule))
        else:
            self.quorum_rule.setText(q.rule)


    def _attendance(self) -> m.MeetingRead:
        """The meeting with the attendance as typed (saved half a second later)."""
        return self.loaded_meeting().model_copy(update={
            "members_total": self.members_box.value(), "present": self.present_box.value(),
            "proxies": self.proxies_box.value()})


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
                  fill(question, problem.message(self.display.language)), lambda: self._status_job(work))

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
        dialog = QFileDialog(self, translate("MeetingMode", "Folder for the minutes"), file_dialogs.start_folder("minutes"))
        dialog.setObjectName("minutes_folder_dialog")
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.fileSelected.connect(self.write_minutes)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def write_minutes(self, folder: str) -> None:
        """PDF and Excel minutes into ``folder``, on the lane with a progress dialog; the PDF is
        PDF/A-1b when the archive box is ticked."""
        file_dialogs.remember("minutes", folder)
        archive = self.pdfa_box.isChecked()
        services, meeting_id, era = self.services, self.meeting_id, self.display.era
        meeting = self.loaded_meeting()
        stem = safe_file_stem(f"{meeting.starts_at:%Y-%m-%d}_{meeting.title}_議事録")
        pdf, xlsx = Path(folder) / f"{stem}.pdf", Path(folder) / f"{stem}.xlsx"

        def work(progress):
            step(progress, 0, 3, translate("MeetingMode", "Reading the meeting…"))
            minutes = build_minutes(services, meeting_id, era=era)
            step(progress, 1, 3, translate("MeetingMode", "Writing the Excel minutes…"))
            write_minutes_xlsx(minutes, xlsx)
            step(progress, 2, 3, translate("MeetingMode", "Writing the PDF minutes…"))
            write_minutes_pdf(minutes, pdf, archive=archive)
            progress.report(3, 3)
            return [pdf, xlsx]

        def done(paths):
            self.statusBar().showMessage(tr_args("MeetingMode", "Minutes written: %1", "、".join(p.name for p in paths)), 10000)
            self.minutes_written.emit(paths)
            offer_open(self, paths[0]).finished.connect(self.refocus)  # the F-keys work again after it

        self.tasks.with_progress(self, translate("MeetingMode", "Writing the minutes…"), work, done, self._failed)

    def print_papers(self) -> None:
        """Ctrl+P: the minutes (or the 次第, 出席簿, 回覧板) of this meeting in a print preview."""
        print_meeting(self, self.services, self.tasks, self.meeting_id, self.display.era)
