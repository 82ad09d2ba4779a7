"""First run: name this device, say which organization it belongs to, optionally load sample data."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from .widgets import ChoiceBox

translate = QCoreApplication.translate


def demo_loader():
    """core.demo.load_demo, or None when this build has no sample data."""
    try:
        from ..core.demo import load_demo
    except ImportError:
        return None
    return load_demo


class WelcomePage(QWidget):
    finished = Signal()
    demo_loaded = Signal(object)

    def __init__(self, window, parent=None):
        super().__init__(parent)
        self.window_ = window
        self.setObjectName("page_welcome")
        title = QLabel(translate("Welcome", "Welcome"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(translate(
            "Welcome",
            "This app keeps the local issues, meetings and notes of Meguro's residents' councils and "
            "neighbourhood associations, and links them to the ward basic plan's policy viewpoints.\n"
            "Before you start, give this computer a name (it appears on the data it writes, so that "
            "the ward can tell laptops apart) and choose the organization it works for."))
        intro.setWordWrap(True)

        self.device_name = QLineEdit()
        self.device_name.setObjectName("device_name")
        self.device_name.setPlaceholderText(translate("Welcome", "e.g. Komaba council, secretary's laptop"))
        self.device_error = QLabel()
        self.device_error.setStyleSheet("color: #b00020;")
        self.device_error.hide()
        self.organization = ChoiceBox(list(window.display.org_names.items()),
                                      empty=translate("Welcome", "(choose later)"))
        self.organization.setObjectName("home_organization")
        form = QFormLayout()
        form.addRow(translate("Welcome", "Name of this device"), self.device_name)
        form.addRow("", self.device_error)
        form.addRow(translate("Welcome", "Organization"), self.organization)

        self.start_button = QPushButton(translate("Welcome", "Start"))
        self.start_button.setObjectName("start")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)

        self.demo_button = QPushButton(translate("Welcome", "Load sample data…"))
        self.demo_button.setObjectName("load_demo")
        self.demo_button.clicked.connect(self.load_demo)
        demo_text = QLabel(translate(
            "Welcome", "To try the app first, load sample data: a few made-up organizations, meetings, "
            "issues and notes. You can delete them later."))
        demo_text.setWordWrap(True)
        if demo_loader() is None:
            self.demo_button.setEnabled(False)
            self.demo_button.setToolTip(translate("Welcome", "Sample data is not available in this version."))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        layout.setSpacing(14)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(20)
        layout.addWidget(demo_text)
        layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        window.changed.connect(self._orgs_maybe_changed)

    def _orgs_maybe_changed(self, changed: dict) -> None:
        if "organization" in changed:
            self.window_.load_organizations(
                then=lambda: self.organization.set_choices(list(self.window_.display.org_names.items())))

    def load_demo(self) -> None:
        load = demo_loader()
        if load is None:
            return
        store = self.window_.store
        self.demo_button.setEnabled(False)

        def work(progress):
            # one transaction: Cancel leaves the store as it was
            return load(store, size="small", seed=2022, progress=progress.report,
                        cancelled=lambda: progress.cancelled)

        def done(counts):
            self.demo_loaded.emit(counts)
            # the sample data is written in bulk, outside the history that the operation path
            # collects from: it says itself that every kind changed (an empty set: reload all)
            everything = {kind: set() for kind in ("organization", "meeting", "issue", "note", "action_item",
                                                   "policy_link")}
            self.window_.tasks.changed.emit(everything, self)

        def failed(exc):
            self.demo_button.setEnabled(True)
            self.window_.show_error(exc)

        self.progress_dialog = self.window_.tasks.with_progress(
            self, translate("Welcome", "Loading sample data…"), work, done, failed)
        self.progress_dialog.canceled.connect(lambda: self.demo_button.setEnabled(True))

    def start(self) -> None:
        name = self.device_name.text().strip()
        if not name:
            self.device_error.setText(translate("Welcome", "Enter a name for this device."))
            self.device_error.show()
            self.device_name.setFocus()
            return
        self.device_error.hide()
        org = self.organization.value()
        store = self.window_.store
        self.start_button.setEnabled(False)

        def done(_result):
            self.window_.set_home_org(org)
            self.window_.update_status()
            self.finished.emit()

        self.window_.tasks.run_in_background(lambda: store.set_device_name(name), done, owner=self)
