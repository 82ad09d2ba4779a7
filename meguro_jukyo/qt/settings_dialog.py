"""Preferences: language, era display, text size, and where the data is kept."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from . import a11y
from .settings import Settings
from .widgets import ChoiceBox
from .i18n import tr_args
from .widgets import fit_to_screen

translate = QCoreApplication.translate


class SettingsDialog(QDialog):
    applied = Signal()

    def __init__(self, settings: Settings, current_location: str, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("settings_dialog")
        self.setWindowTitle(translate("Settings", "Settings"))
        # language names are written in their own language, so anyone can find theirs
        self.language = ChoiceBox([("ja", "日本語"), ("en", "English")])
        self.language.setObjectName("language")
        self.language.set_value(settings.language)
        self.era = ChoiceBox([(True, translate("Settings", "Japanese era (令和7年4月1日)")),
                              (False, translate("Settings", "Western (2025年4月1日)"))])
        self.era.setObjectName("era")
        self.era.set_value(settings.era)
        self.text_size = ChoiceBox([("normal", translate("Settings", "Normal")),
                                    ("large", translate("Settings", "Large (for meeting rooms and projectors)"))])
        self.text_size.setObjectName("text_size")
        self.text_size.set_value(settings.text_size)
        self.location = QLineEdit(settings.store_location)
        self.location.setObjectName("store_location")
        self.location.setPlaceholderText(translate("Settings", "Default"))
        browse = QPushButton(translate("Settings", "Choose…"))
        browse.clicked.connect(self._browse)
        where = QWidget()
        box = QHBoxLayout(where)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.location, 1)
        box.addWidget(browse)
        now = QLabel(tr_args("Settings", "Now open: %1", current_location))
        now.setWordWrap(True)
        now.setStyleSheet("color: #555;")
        form = QFormLayout()
        form.addRow(translate("Settings", "Language"), self.language)
        form.addRow(translate("Settings", "Dates"), self.era)
        form.addRow(translate("Settings", "Text size"), self.text_size)
        form.addRow(translate("Settings", "Data file"), where)
        form.addRow("", now)
        a11y.name_form(form)
        note = QLabel(translate("Settings", "Dates and text size change at once; language and data file "
                                "take effect the next time the app starts."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        fit_to_screen(self, 620, 300)

    def _browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, translate("Settings", "Data file"), self.location.text(),
            translate("Settings", "Meguro Jukyo data (*.sqlite3)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.location.setText(path)

    def accept(self) -> None:
        self.settings.language = self.language.value()
        self.settings.era = self.era.value()
        self.settings.text_size = self.text_size.value()
        self.settings.store_location = self.location.text()
        self.settings.sync()
        self.applied.emit()
        super().accept()
