"""よみ filled in from the name as it is typed, until the user writes the よみ himself."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLineEdit

from ..core.analysis import reading


class YomiSuggestion(QObject):
    """Keeps ``yomi`` on the reading of ``name`` (core.analysis.reading, on the database lane)
    while it is blank or still holds the last suggestion; once the user changes it, it stays."""

    DELAY_MS = 250  # after the last keystroke in the name

    def __init__(self, name: QLineEdit, yomi: QLineEdit, tasks, parent: QObject | None = None):
        super().__init__(parent)
        self.name, self.yomi, self.tasks = name, yomi, tasks
        self.suggested = ""
        self._timer = QTimer(self, singleShot=True, interval=self.DELAY_MS)
        self._timer.timeout.connect(self._ask)
        name.textEdited.connect(lambda _text: self._timer.start())  # typing, not filling the form

    def _free(self) -> bool:
        return self.yomi.text().strip() in ("", self.suggested)

    def _ask(self) -> None:
        if not self._free():
            return
        text = self.name.text()
        self.tasks.run_in_background(lambda: reading(text), lambda r: self._got(text, r), owner=self.yomi)

    def _got(self, text: str, suggestion: str) -> None:
        if text == self.name.text() and self._free():
            self.yomi.setText(suggestion)
            self.suggested = suggestion
