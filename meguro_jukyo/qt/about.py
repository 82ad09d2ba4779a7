"""Help ▸ About: what the app is, its version and licence, and where its data lives."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

translate = QCoreApplication.translate


class AboutDialog(QDialog):
    def __init__(self, version: str, licence: str, data_folder: str, store_location: str | None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("About", "About"))
        self.setMinimumWidth(480)  # room for a data path on one line
        layout = QVBoxLayout(self)
        title = QLabel(translate("App", "Meguro Jukyo"))
        title.setObjectName("about_title")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        blurb = QLabel(translate("MainWindow", "Meguro Jukyo: local issues, meetings and the ward plan's "
                                 "policy viewpoints, for Meguro's residents' councils and neighbourhood "
                                 "associations."))
        blurb.setWordWrap(True)
        layout.addWidget(blurb)
        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        for key, label, value in (
                ("version", translate("About", "Version"), version),
                ("licence", translate("About", "Licence"), licence),
                ("data_folder", translate("About", "Data folder"), data_folder),
                ("store", translate("About", "Data in use"), store_location or translate("About", "(not open)"))):
            field = QLabel(value)
            field.setObjectName(f"about_{key}")
            # the paths are for copying into a support request or a file manager
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setWordWrap(True)
            self.fields[key] = field
            form.addRow(label, field)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
