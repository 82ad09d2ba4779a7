"""Trusting a device: its fingerprint, shown to be read aloud and compared, then confirmed.

Used by the 同期 page (a device card) and by the yearly handover (the old laptop's card).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ..core.sync import identity
from .widgets import fit_to_screen

translate = QCoreApplication.translate


def fingerprint_text(fingerprint: str) -> str:
    """Groups of four, two lines of four groups: easy to read aloud and compare."""
    groups = fingerprint.split()
    return "  ".join(groups[:4]) + "\n" + "  ".join(groups[4:])


def mono(widget: QWidget, scale: float = 1.0) -> None:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(widget.font().pointSizeF() * scale)
    font.setBold(True)
    widget.setFont(font)


class TrustDialog(QDialog):
    """Show a card's fingerprint and have the user confirm they compared it out loud."""

    def __init__(self, card: identity.DeviceCard, parent=None):
        super().__init__(parent)
        self.card = card
        self.setObjectName("trust_dialog")
        self.setWindowTitle(translate("Sync", "Trust a device"))
        intro = QLabel(translate(
            "Sync", "Packages signed by this device will be imported without asking. Before trusting it, "
            "call or meet the person who uses it: ask them to open 同期 on their device and read its "
            "fingerprint aloud, group by group, while you compare it with the one below."))
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(translate("Sync", "Device"), QLabel(card.name or translate("Sync", "(unnamed)")))
        form.addRow(translate("Sync", "Organization"), QLabel(card.organization or "—"))
        form.addRow(translate("Sync", "Device ID"), QLabel(card.device_id))
        self.fingerprint = QLabel(fingerprint_text(card.fingerprint))
        self.fingerprint.setObjectName("trust_fingerprint")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono(self.fingerprint, 1.6)
        self.confirmed = QCheckBox(translate("Sync", "We read the fingerprint aloud and every group matches"))
        self.confirmed.setObjectName("fingerprint_confirmed")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.trust_button = self.buttons.addButton(translate("Sync", "Trust this device"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.trust_button.setObjectName("trust")
        self.trust_button.setEnabled(False)
        self.confirmed.toggled.connect(self.trust_button.setEnabled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.fingerprint, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.confirmed)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 560, 380)
