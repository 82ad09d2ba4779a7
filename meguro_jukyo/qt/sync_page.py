"""The 同期 page: this device's card, sync packages out and in, trusted devices, held packages,
and the conflict queue (sync_conflicts.py).

Everything reaches the store through core.sync on the database lane. Exports and imports run
with a progress dialog; an import can be cancelled between files (a file is never
half-applied) and ends in a report, one row per file. A package from a device this store does
not trust is held (保留) until someone has compared the device's fingerprint with its owner,
out loud, and trusted its card; it can then be imported from the list of held packages.

Why one file of ~630 lines: everything here is the one 同期 page (its models, its device dialog, its
held-package flow); the conflict queue, a subject of its own, is already in sync_conflicts.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.errors import UserError
from ..core.progress import Cancelled, Relabelled
from ..core.sync import identity, importer, package
from . import file_dialogs
from . import handover
from . import a11y
from .display import Display
from .sync_conflicts import ConflictsView
from .tasks import TaskManager
from .trust import TrustDialog, fingerprint_text, mono
from .widgets import confirm, report_cell, report_table
from .i18n import QT_TRANSLATE_NOOP, tr_args, tr_n
from .widgets import fit_to_screen

translate = QCoreApplication.translate
#: entity kinds an import can change (the list pages reload them all)
STATUS_NAMES = {
    importer.IMPORTED: QT_TRANSLATE_NOOP("Sync", "Imported"),
    importer.DUPLICATE: QT_TRANSLATE_NOOP("Sync", "Duplicate"),
    importer.QUARANTINED: QT_TRANSLATE_NOOP("Sync", "Held (untrusted device)"),
    importer.REJECTED: QT_TRANSLATE_NOOP("Sync", "Rejected"),
}


def status_text(status: str) -> str:
    return translate("Sync", STATUS_NAMES[status])


# --------------------------------------------------------------------------- what the page shows


@dataclass(frozen=True)
class HeldPackage:
    held: importer.Held
    trusted: bool  # its device is trusted now: it can be imported


@dataclass(frozen=True)
class Overview:
    card: identity.DeviceCard
    trusted: list[identity.DeviceCard]
    held: list[HeldPackage]
    ward: bool  # the ward office's store: it alone hands out the ward bundle


def load_overview(store) -> Overview:
    """This device's card, the trusted devices and the held packages (on the lane)."""
    trusted = identity.trusted_devices(store)
    ids = {c.device_id for c in trusted}
    held = [HeldPackage(h, h.device_id in ids) for h in importer.list_quarantine(store)]
    return Overview(identity.device_card(store), trusted, held, identity.is_ward_office(store))


def _importing(done: int, total: int, name: str) -> str:
    """The progress dialog's line for the file about to be imported."""
    return tr_args("Sync", "Importing %1 (%2 of %3)…", name, done + 1, total) if name else ""


# --------------------------------------------------------------------------- models


class ReportModel(QStandardItemModel):
    """One row per file of the last import: what became of it, and its rows by outcome."""

    COLUMNS = ("file", "result", "new", "updated", "unchanged", "parallel", "conflicts", "reason")

    def __init__(self, language: str, parent=None):
        super().__init__(0, len(self.COLUMNS), parent)
        self.language = language
        self.setHorizontalHeaderLabels([
            translate("Sync", "File"), translate("Sync", "Result"), translate("Sync", "New"),
            translate("Sync", "Updated"), translate("Sync", "Unchanged"), translate("Sync", "Parallel"),
            translate("Sync", "Conflicts"), translate("Sync", "Reason")])

    def show(self, report: importer.ImportReport) -> None:
        self.removeRows(0, self.rowCount())
        for f in report.files:
            reason = f.reason_en if self.language == "en" else f.reason
            counts = [report_cell(f"{f.counts[k]:,}", number=True) for k in
                      (importer.state.NEW, importer.state.UPDATED, importer.state.UNCHANGED,
                       importer.state.PARALLEL, importer.state.CONFLICT)]
            row = [report_cell(f.name, f), report_cell(status_text(f.status)), *counts, report_cell(reason)]
            row[-1].setToolTip(reason)
            row[0].setToolTip(str(f.path))
            self.appendRow(row)

    def row_texts(self, row: int) -> list[str]:
        return [self.item(row, c).text() for c in range(self.columnCount())]


class DeviceModel(QStandardItemModel):
    def __init__(self, parent=None):
        super().__init__(0, 4, parent)
        self.setHorizontalHeaderLabels([translate("Sync", "Device"), translate("Sync", "Organization"),
                                        translate("Sync", "Fingerprint"), translate("Sync", "Device ID")])

    def show(self, cards: list[identity.DeviceCard]) -> None:
        self.removeRows(0, self.rowCount())
        for c in cards:
            self.appendRow([report_cell(c.name or c.device_id[:8], c), report_cell(c.organization),
                            report_cell(c.fingerprint), report_cell(c.device_id)])


class HeldModel(QStandardItemModel):
    def __init__(self, display: Display, parent=None):
        super().__init__(0, 5, parent)
        self.display = display
        self.setHorizontalHeaderLabels([translate("Sync", "File"), translate("Sync", "Device"),
                                        translate("Sync", "Fingerprint"), translate("Sync", "Received"),
                                        translate("Sync", "Device trusted")])

    def show(self, held: list[HeldPackage]) -> None:
        self.removeRows(0, self.rowCount())
        for h in held:
            received = h.held.received_at
            if received.tzinfo is None:
                received = received.replace(tzinfo=dt.UTC)
            device = h.held.device_name or h.held.device_id[:8]
            if h.held.organization:
                device += f"（{h.held.organization}）"
            device_cell = report_cell(device)
            device_cell.setToolTip(device)
            self.appendRow([
                report_cell(h.held.file_name, h), device_cell, report_cell(h.held.fingerprint),
                report_cell(self.display.datetime(received.astimezone().replace(tzinfo=None))),
                report_cell(translate("Sync", "Yes: can be imported") if h.trusted
                      else translate("Sync", "Not yet"))])


# --------------------------------------------------------------------------- dialogs


class DeviceDialog(QDialog):
    """Name this device and say which organization it works for (both go on its card)."""

    def __init__(self, card: identity.DeviceCard, ward: bool, parent=None):
        super().__init__(parent)
        self.setObjectName("device_dialog")
        self.setWindowTitle(translate("Sync", "This device"))
        self.name = QLineEdit(card.name)
        self.name.setObjectName("device_name")
        self.name.setPlaceholderText(translate("Sync", "e.g. Komaba council, secretary's laptop"))
        self.organization = QLineEdit(card.organization)
        self.organization.setObjectName("device_organization")
        self.organization.setPlaceholderText(translate("Sync", "e.g. 駒場住区住民会議"))
        form = QFormLayout(self)
        form.addRow(translate("Sync", "Name of this device"), self.name)
        form.addRow(translate("Sync", "Organization"), self.organization)
        self.ward = QCheckBox(translate("Sync", "This is the ward office's store (it hands out the ward bundle)"))
        self.ward.setObjectName("device_ward")
        self.ward.setChecked(ward)
        form.addRow("", self.ward)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        fit_to_screen(self, 520, 170)


# --------------------------------------------------------------------------- the page


class SyncPage(QWidget):
    """Sync packages between laptops and the ward, and what comes with them."""

    #: the lists above were reloaded
    overview_loaded = Signal(object)
    #: an export finished (core ExportResult)
    exported = Signal(object)
    #: an import finished and its report is shown (core ImportReport)
    imported = Signal(object)
    #: a device card was read; the TrustDialog asking to compare its fingerprint is open
    card_read = Signal(object)
    # a handover file was written (core Handover) or imported (core HandoverImport)
    handover_done = Signal(object)
    #: writing or importing a handover file was cancelled (nothing was written); the message shown
    handover_cancelled = Signal(str)
    #: a device is trusted now (its DeviceCard)
    trusted = Signal(object)
    #: this store is a new device now (its new DeviceCard)
    new_device_made = Signal(object)

    def __init__(self, store, tasks: TaskManager, display: Display, parent=None):
        super().__init__(parent)
        self.store, self.tasks, self.display = store, tasks, display
        self.setObjectName("page_sync")
        self.overview: Overview | None = None
        self.trust_dialog: TrustDialog | None = None
        self.handover_dialog: QDialog | None = None

        self.tabs = QTabWidget()
        self.tabs.setObjectName("sync_tabs")
        self.tabs.addTab(self._exchange_tab(), translate("Sync", "Exchange files"))
        self.tabs.addTab(self._devices_tab(), translate("Sync", "Devices and held files"))
        self.conflicts = ConflictsView(store, tasks, display)
        self.tabs.addTab(self.conflicts, translate("Sync", "Conflicts"))
        self.conflicts.loaded.connect(self._conflicts_counted)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self._loaded_once = False

    # -- building ------------------------------------------------------------------------

    def _exchange_tab(self) -> QWidget:
        tab = QWidget()
        card = QGroupBox(translate("Sync", "This device"))
        grid = QGridLayout(card)
        self.device_name = QLabel()
        self.device_name.setObjectName("this_device_name")
        self.device_org = QLabel()
        self.device_org.setObjectName("this_device_organization")
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("this_device_fingerprint")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono(self.fingerprint, 1.3)
        hint = QLabel(translate("Sync", "Read this fingerprint aloud when the ward (or another device) "
                                "trusts this device's card."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        grid.addWidget(QLabel(translate("Sync", "Name")), 0, 0)
        grid.addWidget(self.device_name, 0, 1)
        grid.addWidget(QLabel(translate("Sync", "Organization")), 1, 0)
        grid.addWidget(self.device_org, 1, 1)
        grid.addWidget(QLabel(translate("Sync", "Fingerprint")), 2, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.fingerprint, 2, 1)
        grid.addWidget(hint, 3, 0, 1, 2)
        self.edit_device_button = QPushButton(translate("Sync", "Name and organization…"))
        self.edit_device_button.setObjectName("edit_device")
        self.edit_device_button.clicked.connect(self.open_device_dialog)
        self.save_card_button = QPushButton(translate("Sync", "Save device card…"))
        self.save_card_button.setObjectName("save_card")
        self.save_card_button.clicked.connect(self._ask_card_path)
        self.new_device_button = QPushButton(translate("Sync", "Make this a new device…"))
        self.new_device_button.setObjectName("new_device")
        self.new_device_button.setToolTip(translate(
            "Sync", "A new device ID and key, for a store copied here without its key file."))
        self.new_device_button.clicked.connect(self.ask_new_device)
        buttons = QVBoxLayout()
        buttons.addWidget(self.edit_device_button)
        buttons.addWidget(self.save_card_button)
        buttons.addWidget(self.new_device_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 0, 2, 4, 1)
        grid.setColumnStretch(1, 1)

        files = QGroupBox(translate("Sync", "Sync files"))
        row = QGridLayout(files)
        self.export_buttons: dict[str, QPushButton] = {}
        for i, (scope, text, tip) in enumerate((
            ("changes", translate("Sync", "Export my changes…"),
             translate("Sync", "Every record this device created or changed, deletions included.")),
            ("all", translate("Sync", "Export everything…"),
             translate("Sync", "The whole store, e.g. to set up another device.")),
            ("bundle", translate("Sync", "Export the ward bundle…"),
             translate("Sync", "The ward's records and answers, for the laptops to import.")),
        )):
            button = QPushButton(text)
            button.setObjectName(f"export_{scope}")
            button.setToolTip(tip)
            button.clicked.connect(lambda _c=False, s=scope: self._ask_export_path(s))
            self.export_buttons[scope] = button
            row.addWidget(button, 0, i)
        self.export_buttons["bundle"].hide()  # until the overview says this is the ward office's store
        self.import_files_button = QPushButton(translate("Sync", "Import files…"))
        self.import_files_button.setObjectName("import_files")
        self.import_files_button.clicked.connect(self._ask_import_files)
        self.import_folder_button = QPushButton(translate("Sync", "Import a folder…"))
        self.import_folder_button.setObjectName("import_folder")
        self.import_folder_button.setToolTip(translate(
            "Sync", "Every .mjsync file in the folder; copies and half-written files are reported, the rest imported."))
        self.import_folder_button.clicked.connect(self._ask_import_folder)
        row.addWidget(self.import_files_button, 1, 0)
        row.addWidget(self.import_folder_button, 1, 1)
        self.handover_write_button = QPushButton(translate("Sync", "Write the yearly handover…"))
        self.handover_write_button.setObjectName("handover_write")
        self.handover_write_button.setToolTip(translate(
            "Sync", "For the new officers: every record, the devices this one trusts and the year's summary, "
            "in one file their laptop imports."))
        self.handover_write_button.clicked.connect(lambda: handover.ask_write(self))
        self.handover_import_button = QPushButton(translate("Sync", "Import a handover…"))
        self.handover_import_button.setObjectName("handover_import")
        self.handover_import_button.clicked.connect(lambda: handover.ask_import(self))
        row.addWidget(self.handover_write_button, 2, 0)
        row.addWidget(self.handover_import_button, 2, 1)
        self.status = QLabel()
        self.status.setObjectName("sync_status")
        self.status.setWordWrap(True)

        self.report = ReportModel(self.display.language, self)
        self.report_view = report_table("import_report", self.report)
        a11y.name(self.report_view, translate("MainWindow", "Import report"))
        header = self.report_view.horizontalHeader()
        metrics = self.fontMetrics()
        header.resizeSection(0, metrics.horizontalAdvance("komaba-laptop-2025-04-01 (1).mjsync") + 16)
        header.resizeSection(1, metrics.horizontalAdvance("保留（未信頼の端末）") + 24)
        for column in range(2, 7):  # a count, under a header that is longer in English ("Unchanged")
            title = str(self.report.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(column, max(metrics.horizontalAdvance("変化なし"),
                                             header.fontMetrics().horizontalAdvance(title)) + 24)

        layout = QVBoxLayout(tab)
        layout.addWidget(card)
        layout.addWidget(files)
        layout.addWidget(self.status)
        layout.addWidget(self.report_view, 1)
        return tab

    def _devices_tab(self) -> QWidget:
        tab = QWidget()
        self.devices = DeviceModel(self)
        self.devices_view = report_table("trusted_devices", self.devices)
        self.trust_button = QPushButton(translate("Sync", "Trust a device card…"))
        self.trust_button.setObjectName("trust_card")
        self.trust_button.clicked.connect(self._ask_card_to_trust)
        self.held = HeldModel(self.display, self)
        self.held_view = report_table("held_packages", self.held)
        self.import_held_button = QPushButton(translate("Sync", "Import now"))
        self.import_held_button.setObjectName("import_held")
        self.import_held_button.setToolTip(translate("Sync", "Import the held files whose devices are trusted now."))
        self.import_held_button.setEnabled(False)
        self.import_held_button.clicked.connect(self.import_held)
        self.held_label = QLabel()
        self.held_label.setWordWrap(True)
        for view in (self.devices_view, self.held_view):
            view.horizontalHeader().resizeSection(0, self.fontMetrics().horizontalAdvance("駒場住区 事務局のノートPC") + 16)
        self.devices_view.horizontalHeader().resizeSection(
            2, self.fontMetrics().horizontalAdvance("ABCD EF01 2345 6789 ABCD EF01 2345 6789") + 24)
        self.held_view.horizontalHeader().resizeSection(
            2, self.fontMetrics().horizontalAdvance("ABCD EF01 2345 6789 ABCD EF01 2345 6789") + 24)

        trusted_box = QGroupBox(translate("Sync", "Trusted devices"))
        box = QVBoxLayout(trusted_box)
        box.addWidget(self.devices_view, 1)
        line = QHBoxLayout()
        line.addWidget(self.trust_button)
        line.addStretch(1)
        box.addLayout(line)
        held_box = QGroupBox(translate("Sync", "Held files (from devices not trusted yet)"))
        box = QVBoxLayout(held_box)
        box.addWidget(self.held_label)
        box.addWidget(self.held_view, 1)
        line = QHBoxLayout()
        line.addWidget(self.import_held_button)
        line.addStretch(1)
        box.addLayout(line)
        layout = QVBoxLayout(tab)
        layout.addWidget(trusted_box, 1)
        layout.addWidget(held_box, 1)
        return tab

    # -- loading -------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded_once:
            self._loaded_once = True
            self.refresh()

    def refresh(self) -> None:
        """Reload the card, the devices, the held files and the conflicts."""
        store = self.store
        self.tasks.run_in_background(lambda: load_overview(store), self._show_overview, self._overview_failed,
                                     owner=self)
        self.conflicts.refresh()

    def _overview_failed(self, exc: BaseException) -> None:
        """E.g. the key file did not come with a copied store: say so here, where the way out
        (a new device) is."""
        if not isinstance(exc, UserError):
            self.tasks.report_error(exc)
            return
        self.status.setText(exc.message(self.display.language))

    def _show_overview(self, overview: Overview) -> None:
        self.overview = overview
        card = overview.card
        self.device_name.setText(card.name or translate("Sync", "(unnamed)"))
        self.device_org.setText(card.organization or translate("Sync", "(not set)"))
        self.fingerprint.setText(fingerprint_text(card.fingerprint))
        self.export_buttons["bundle"].setVisible(overview.ward)  # laptops hand out no bundle
        self.devices.show(overview.trusted)
        self.held.show(overview.held)
        self.held_view.resizeColumnToContents(1)  # the whole device name: two laptops of one council differ
        ready = sum(1 for h in overview.held if h.trusted)
        self.import_held_button.setEnabled(ready > 0)
        if not overview.held:
            self.held_label.setText(translate("Sync", "No files are held."))
        else:
            self.held_label.setText(tr_n(
                "Sync", "%Ln file(s) (is|are) held. Trust the device's card (after comparing its fingerprint) to "
                "import (it|them); %1 can be imported now.", len(overview.held), ready))
        self.overview_loaded.emit(overview)

    def _conflicts_counted(self, count: int) -> None:
        index = self.tabs.indexOf(self.conflicts)
        self.tabs.setTabText(index, tr_args("Sync", "Conflicts (%1)", str(count)) if count
                             else translate("Sync", "Conflicts"))

    # -- this device -----------------------------------------------------------------------

    def open_device_dialog(self) -> DeviceDialog | None:
        if self.overview is None:
            return None
        dialog = DeviceDialog(self.overview.card, self.overview.ward, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.set_device(dialog.name.text(), dialog.organization.text(),
                                                        dialog.ward.isChecked()))
        dialog.open()
        return dialog

    def set_device(self, name: str, organization: str, ward: bool | None = None) -> None:
        store = self.store

        def work():
            store.set_device_name(name)
            identity.set_organization(store, organization)
            if ward is not None:
                identity.set_ward_office(store, ward)
            return load_overview(store)

        self.tasks.run_in_background(work, self._show_overview, owner=self)

    def ask_new_device(self) -> bool:
        """Make this store a new device (as ``device new``), after saying what that means."""
        if not confirm(self, translate("Sync", "Make this a new device"), translate(
                "Sync", "Give this store a new device ID and key? Use this when the store was copied here "
                "without its key file. The ward and the other devices must trust the new device card before "
                "they take its files; files already written stay under the old ID.")):
            return False
        store, old = self.store, self.store.device_id

        def work():
            identity.new_device(store)
            return load_overview(store)

        def done(overview: Overview) -> None:
            self._show_overview(overview)
            self.status.setText(tr_args(
                "Sync", "This is a new device now (ID %1 → %2). Save its device card and have the ward "
                "trust it.", old[:8], overview.card.device_id[:8]))
            self.new_device_made.emit(overview.card)

        self.tasks.run_in_background(work, done, owner=self)
        return True

    def _ask_card_path(self) -> None:
        name = (self.store.device_name or "device") + ".mjcard"
        path, _ = file_dialogs.save_path(self, "card", translate("Sync", "Save device card"), name,
                                          translate("Sync", "Device cards (*.mjcard *.json)"))
        if path:
            self.save_card(path)

    def save_card(self, path: str | Path) -> None:
        store = self.store
        self.tasks.run_in_background(
            lambda: identity.write_card(store, path),
            lambda card: self.status.setText(tr_args(
                "Sync", "Saved the device card to %1. Fingerprint: %2 (read it aloud with whoever trusts it).",
                path, card.fingerprint)), owner=self)

    # -- export ----------------------------------------------------------------------------

    def _ask_export_path(self, scope: str) -> None:
        stamp = dt.date.today().isoformat()
        name = f"{self.store.device_name or 'device'}-{scope}-{stamp}{package.SUFFIX}"
        path, _ = file_dialogs.save_path(self, "sync", translate("Sync", "Export sync file"), name,
                                          translate("Sync", "Sync files (*.mjsync)"))
        if path:
            if not path.endswith(package.SUFFIX):
                path += package.SUFFIX
            self.export_to(path, scope)

    def export_to(self, path: str | Path, scope: str = "changes"):
        """Write a package in the background, with a progress dialog."""
        store = self.store

        def done(result: package.ExportResult) -> None:
            total = sum(result.counts.values())
            self.status.setText(tr_n("Sync", "Exported %Ln record(s) to %1.", total, result.path))
            self.exported.emit(result)

        return self.tasks.with_progress(self, translate("Sync", "Writing the sync file…"),
                                        lambda _p: package.export_package(store, path, scope=scope), done,
                                        cancellable=False)

    # -- import ----------------------------------------------------------------------------

    def _ask_import_files(self) -> None:
        paths = file_dialogs.open_paths(self, "sync", translate("Sync", "Import sync files"),
                                        translate("Sync", "Sync files (*.mjsync)"))
        if paths:
            self.import_paths(paths)

    def _ask_import_folder(self) -> None:
        folder = file_dialogs.folder_path(self, "sync", translate("Sync", "Import every sync file in a folder"))
        if folder:
            self.import_paths([folder])

    def import_paths(self, paths: Sequence[str | Path]):
        """Import files and folders in the background (progress, Cancel), then show the report."""
        store = self.store
        return self.tasks.with_progress(
            self, translate("Sync", "Importing sync files…"),
            lambda p: importer.import_paths(store, paths, progress=Relabelled(p, _importing)),
            self._show_report, change=True, on_cancelled=self._show_cancelled)

    def import_held(self):
        """Import the held files whose devices are trusted now."""
        store = self.store
        return self.tasks.with_progress(
            self, translate("Sync", "Importing held files…"),
            lambda p: importer.import_quarantined(store, progress=Relabelled(p, _importing)),
            self._show_report, change=True, on_cancelled=self._show_cancelled)

    def _show_cancelled(self, exc: Cancelled) -> None:
        """A cancel between files: the files imported before it stay, and are reported."""
        self._show_report(exc.partial)

    def _show_report(self, report: importer.ImportReport) -> None:
        self.report.show(report)
        totals = report.totals()
        text = tr_args("Sync", "%1 files: %2 imported, %3 duplicates, %4 held, %5 rejected. Records: %6 new, "
                       "%7 updated, %8 unchanged, %9 parallel updates, %10 conflicts.", *(f"{n:,}" for n in (
                           len(report.files), totals[importer.IMPORTED], totals[importer.DUPLICATE],
                           totals[importer.QUARANTINED], totals[importer.REJECTED], totals[importer.state.NEW],
                           totals[importer.state.UPDATED], totals[importer.state.UNCHANGED],
                           totals[importer.state.PARALLEL], totals[importer.state.CONFLICT])))
        if report.cancelled:
            text += translate("Sync", " Cancelled: the files not listed were not imported.")
        self.status.setText(text)
        self.tabs.setCurrentIndex(0)
        self.refresh()
        self.imported.emit(report)

    # -- trust -----------------------------------------------------------------------------

    def _ask_card_to_trust(self) -> None:
        path = file_dialogs.open_path(self, "card", translate("Sync", "Open a device card"),
                                      translate("Sync", "Device cards (*.mjcard *.json)"))
        if path:
            self.trust_card_file(path)

    def trust_card_file(self, path: str | Path) -> None:
        """Read a card, then ask (TrustDialog) to compare its fingerprint before trusting it."""
        self.tasks.run_in_background(lambda: identity.read_card(path), self.ask_to_trust, owner=self)

    def ask_to_trust(self, card: identity.DeviceCard) -> TrustDialog:
        dialog = self.trust_dialog = TrustDialog(card, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._trust(card))
        dialog.finished.connect(lambda _r: setattr(self, "trust_dialog", None))
        dialog.open()
        self.card_read.emit(dialog)
        return dialog

    def _trust(self, card: identity.DeviceCard) -> None:
        store = self.store

        def work():
            identity.trust_card(store, card)
            return load_overview(store)

        def done(overview: Overview) -> None:
            self._show_overview(overview)
            held = sum(1 for h in overview.held if h.held.device_id == card.device_id)
            text = tr_args("Sync", "Trusted %1.", card.name or card.device_id)
            if held:
                text += tr_n("Sync", " %Ln held file(s) from it can be imported now (Import now).", held)
            self.status.setText(text)
            self.held_label.setText(text + " " + self.held_label.text())
            self.trusted.emit(card)

        self.tasks.run_in_background(work, done, owner=self)


def install(window) -> SyncPage:
    """Add the 同期 page to the main window, and its actions to the File and Go menus."""
    page = SyncPage(window.store, window.tasks, window.display)
    window.add_page("sync", translate("MainWindow", "Sync"), page)
    show = QAction(translate("MainWindow", "S&ync…"), window)
    show.triggered.connect(lambda: window.show_page("sync"))
    window.menu("go").addAction(show)
    file_menu = window.menu("file")
    first = file_menu.actions()[0] if file_menu.actions() else None
    for text, slot in ((translate("MainWindow", "Import sync files…"), page._ask_import_files),
                       (translate("MainWindow", "Export my changes…"), lambda: page._ask_export_path("changes"))):
        action = QAction(text, window)
        action.triggered.connect(lambda _c=False, s=slot: (window.show_page("sync"), s()))
        file_menu.insertAction(first, action)
    if first is not None:
        file_menu.insertSeparator(first)
    window.sync_page = page
    return page
