"""Meeting mode's dialogs: a decision, an action item, a note's correction, an agenda item, carrying over."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...core import models as m
from ...core.meeting import Candidate
from ...core.meeting_checks import Problem
from .. import a11y
from ..display import Display
from ..widgets import DateEdit
from ..i18n import tr_args
from ..widgets import fit_to_screen

translate = QCoreApplication.translate


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
        self.body = QLineEdit(body)
        self.body.setObjectName("decision_body")
        self.method = QComboBox()
        self.method.setObjectName("decision_method")
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
            box = NumberBox()
            box.setObjectName(f"votes_{key}")
            box.setRange(0, max(members, 9999))
            box.setAccelerated(True)
            self.votes[key] = box
            form.addRow(label, box)
        self.minority = QLineEdit()
        self.minority.setObjectName("decision_minority")
        self.minority.setPlaceholderText(translate("MeetingMode", "A dissenting opinion, if any"))
        form.addRow(translate("MeetingMode", "&Minority opinion:"), self.minority)
        self.error = QLabel()
        self.error.setObjectName("decision_error")
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
        a11y.name_form(form)
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
        fit_to_screen(self, 600)

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
            text += "　" + tr_args("MeetingMode", "for %1 / against %2 / abstaining %3",
                                  v["votes_for"], v["votes_against"], v["votes_abstain"])
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
        self.what = QLineEdit()
        self.what.setObjectName("action_what")
        self.who = QLineEdit()
        self.who.setObjectName("action_who")
        self.due = DateEdit(era)
        self.due.setObjectName("action_due")
        self.error = QLabel()
        self.error.setObjectName("action_error")
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
        a11y.name_form(form)
        if action is not None:
            self.what.setText(action.title)
            self.who.setText(action.assignee)
            self.due.set_value(action.due_on)
        self.what.setFocus()
        fit_to_screen(self, 520)

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
        self.kind = QComboBox()
        self.kind.setObjectName("note_kind")
        for code, label in display.entries("note_kind"):
            if code != "decision":
                self.kind.addItem(label, code)
        self.kind.setCurrentIndex(self.kind.findData(note.kind))
        self.body = QLineEdit(note.body)
        self.body.setObjectName("note_body")
        form = QFormLayout(self)
        form.addRow(translate("MeetingMode", "&Kind:"), self.kind)
        form.addRow(translate("MeetingMode", "&Text:"), self.body)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)
        buttons.accepted.connect(lambda: self.accept() if self.body.text().strip() else self.body.setFocus())
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        a11y.name_form(form)
        self.body.setFocus()
        fit_to_screen(self, 560)

    def values(self) -> dict:
        return {"kind": self.kind.currentData(), "body": self.body.text().strip()}


class AgendaItemDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("agenda_dialog")
        self.setWindowTitle(translate("MeetingMode", "Agenda item"))
        self.title = QLineEdit()
        self.title.setObjectName("agenda_title")
        self.minutes = NumberBox()
        self.minutes.setObjectName("agenda_minutes")
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
        a11y.name_form(form)
        self.title.setFocus()
        fit_to_screen(self, 520)


class CarryOverDialog(QDialog):
    """Earlier 継続審議 and open action items; Space ticks, F2 edits the offered short title,
    Enter adds the ticked ones. Dates as the app shows them; overdue actions in red."""

    def __init__(self, candidates: list[Candidate], display: Display, parent=None):
        super().__init__(parent)
        self.setObjectName("carry_over_dialog")
        self.setWindowTitle(translate("MeetingMode", "Carry over to this agenda"))
        self.candidates = candidates
        self.table = QTableWidget(len(candidates), 2)
        self.table.setObjectName("carry_over_list")
        self.table.setHorizontalHeaderLabels([translate("MeetingMode", "Agenda title (F2 edits)"),
                                              translate("MeetingMode", "Recorded")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        a11y.name(self.table, self.windowTitle())
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
                tr_args("MeetingMode", "Who: %1", c.assignee) if c.assignee else "",
                tr_args("MeetingMode", "Due: %1", display.date(c.due_on)) if c.due_on else "",
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
        fit_to_screen(self, 760, 440)

    def chosen(self) -> list[Candidate]:
        """The ticked candidates, under the titles as edited."""
        out = []
        for row, c in enumerate(self.candidates):
            item = self.table.item(row, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(replace(c, title=item.text().strip() or c.title))
        return out
