"""The yearly handover on the 同期 page: write it on the old laptop, import it on the new one.

The file is core/sync/handover.py's; here are the two buttons, the choice of organization and
年度, and the fingerprint check before the new laptop trusts the old one (the same dialog as
for any device card: the fingerprint is read off the old laptop's screen or its 引き継ぎ書).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
)

from ..core.exchange.handover_report import build_handover_report
from ..core.japanese import nendo, nendo_label
from ..core.services import Services
from ..core.sync import handover
from . import file_dialogs
from . import a11y
from .meeting.minutes_pdf import write_minutes_pdf
from .trust import TrustDialog
from .i18n import tr_args, tr_n

translate = QCoreApplication.translate


def default_nendo(today: dt.date) -> int:
    """The 年度 being handed over: the one just ended while officers change (April to June)."""
    return nendo(today - dt.timedelta(days=91))


class HandoverDialog(QDialog):
    """Which organization and which 年度 the handover file is for."""

    def __init__(self, organizations: list[tuple[str, str]], today: dt.date, parent=None):
        super().__init__(parent)
        self.setObjectName("handover_dialog")
        self.setWindowTitle(translate("Handover", "Write the yearly handover file"))
        self.organization = QComboBox()
        self.organization.setObjectName("handover_organization")
        for org_id, name in organizations:
            self.organization.addItem(name, org_id)
        self.year = QSpinBox()
        self.year.setObjectName("handover_nendo")
        self.year.setRange(1990, today.year + 1)
        self.year.setValue(default_nendo(today))
        self.year.valueChanged.connect(self._show_label)
        self._show_label(self.year.value())
        self.personal = QCheckBox(translate(
            "Handover", "&Name the officers and the assignees in the reading copy (personal data)"))
        self.personal.setObjectName("handover_personal")
        form = QFormLayout(self)
        form.addRow(translate("Handover", "&Organization"), self.organization)
        form.addRow(translate("Handover", "Fiscal &year"), self.year)
        form.addRow(self.personal)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(organizations))
        form.addRow(self.buttons)
        a11y.name_form(form)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("駒場住区住民会議") * 3)

    def _show_label(self, year: int) -> None:
        self.year.setSuffix(f"（{nendo_label(year)}）")


def ask_write(page) -> None:
    """Choose organization, 年度 and file, then write it in the background."""
    store = page.store

    def organizations() -> list[tuple[str, str]]:
        return [(o.id, o.name) for o in Services(store).organizations.list()]

    def chosen(orgs: list[tuple[str, str]]) -> None:
        dialog = page.handover_dialog = HandoverDialog(orgs, dt.date.today(), page)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        org_id, year = dialog.organization.currentData(), dialog.year.value()
        name = f"{dialog.organization.currentText()}-{year}年度-引き継ぎ{handover.SUFFIX}"
        path, _ = file_dialogs.save_path(page, "handover", translate("Handover", "Save the handover file"), name,
                                          translate("Handover", "Handover files (*.mjhandover)"))
        if path:
            write_to(page, path if path.endswith(handover.SUFFIX) else path + handover.SUFFIX, org_id, year,
                     personal=dialog.personal.isChecked())

    page.tasks.run_in_background(organizations, chosen, owner=page)


def write_to(page, path: str | Path, organization_id: str, year: int, personal: bool = False):
    """The handover file, and beside it its reading copy (引き継ぎ書, the same name in .pdf);
    the copy names people (officers, assignees) only with ``personal``. The file itself carries
    every record, names too: it is for the new officer's laptop."""
    store, pdf = page.store, Path(path).with_suffix(".pdf")

    def work(progress) -> handover.Handover:
        written = handover.write_handover(store, path, organization_id=organization_id, nendo=year, progress=progress)
        report = build_handover_report(Services(store), organization_id, year, fingerprint=written.sender.fingerprint,
                                       personal=personal)
        write_minutes_pdf(report, pdf)  # painting only: allowed off the GUI thread
        return written

    def done(written: handover.Handover) -> None:
        page.status.setText(tr_args(
            "Handover", "Wrote the handover file %1 and its reading copy %2. On the new laptop, compare this "
            "device's fingerprint %3 when it is imported.", str(path), str(pdf), written.sender.fingerprint))
        page.handover_done.emit(written)

    return page.tasks.with_progress(page, translate("Handover", "Writing the handover file…"), work, done,
                                    on_cancelled=lambda _exc: _cancelled(page, translate(
                                        "Handover", "Cancelled: no handover file was written.")))


def _cancelled(page, text: str) -> None:
    page.status.setText(text)
    page.handover_cancelled.emit(text)


def ask_import(page) -> None:
    path = file_dialogs.open_path(page, "handover", translate("Handover", "Import a handover file"),
                                  translate("Handover", "Handover files (*.mjhandover)"))
    if path:
        import_from(page, path)


def import_from(page, path: str | Path) -> None:
    """Read the file's summary, ask to compare the old laptop's fingerprint, then import."""
    def ask(read: handover.Handover) -> None:
        dialog = page.trust_dialog = TrustDialog(read.sender, page)
        dialog.setWindowTitle(translate("Handover", "Continue from the old laptop"))
        dialog.accepted.connect(lambda: _import(page, path, read.sender.fingerprint))
        dialog.finished.connect(lambda _r: setattr(page, "trust_dialog", None))
        dialog.open()
        page.card_read.emit(dialog)

    page.tasks.run_in_background(lambda: handover.read_handover(path), ask, owner=page)


def _import(page, path: str | Path, fingerprint: str):
    store = page.store

    def done(got: handover.HandoverImport) -> None:
        h = got.handover
        page.status.setText(tr_n("Handover", "Imported the handover of %1 for %2: %3 records; %Ln device(s) trusted.",
                                 len(got.trusted), h.organization_name, nendo_label(h.nendo),
                                 f"{sum(got.result.counts.values()):,}"))
        page.refresh()
        page.handover_done.emit(got)

    return page.tasks.with_progress(page, translate("Handover", "Importing the handover file…"),
                                    lambda p: handover.import_handover(store, path, fingerprint=fingerprint, progress=p),
                                    done, change=True, on_cancelled=lambda _exc: _cancelled(page, translate(
                                        "Handover", "Import cancelled: nothing was imported and no device was "
                                        "trusted. Choose the handover file again to import it.")))
