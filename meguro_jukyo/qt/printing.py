"""File ▸ Print (Ctrl+P): a meeting's minutes, 次第 (alone or after 前回からの経過), 出席簿 or
回覧板 in a print preview, and the offer to open what was just exported.

The papers are read on the database lane (core/exchange) and previewed with QPrintPreviewDialog;
the preview and the printer are painted by the same code as the PDFs (qt/paper.py), on A4.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QPaintEngine
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QComboBox, QLabel, QMessageBox, QToolBar, QWidget

from ..core.exchange.minutes import build_minutes
from ..core.exchange.papers import build_agenda, build_circular, build_since_page, build_sign_in
from .meeting.minutes_pdf import minutes_paper
from .paper import Paper, a4_layout, paint
from .papers import agenda_paper, circular_paper, sign_in_paper
from .pdf_text import repair_text
from .i18n import tr_args

translate = QCoreApplication.translate

#: the papers in the order the preview offers them
PAPERS = ("minutes", "agenda", "agenda_since", "signin", "circular")


def paper_names() -> dict[str, str]:
    return {"minutes": translate("Printing", "Minutes (議事録)"),
            "agenda": translate("Printing", "Agenda (次第)"),
            "agenda_since": translate("Printing", "Agenda, after what happened since the last meeting (前回からの経過)"),
            "signin": translate("Printing", "Sign-in sheet (出席簿)"),
            "circular": translate("Printing", "Circular (回覧板)")}


def build_papers(services, meeting_id: str, era: bool) -> dict[str, Paper]:
    """Every paper of the meeting, read in one go on the lane (no personal data on the 出席簿)."""
    agenda = build_agenda(services, meeting_id, era=era)
    return {"minutes": minutes_paper(build_minutes(services, meeting_id, era=era)),
            "agenda": agenda_paper(agenda),
            "agenda_since": agenda_paper(agenda, build_since_page(services, meeting_id, era=era)),
            "signin": sign_in_paper(build_sign_in(services, meeting_id, era=era)),
            "circular": circular_paper(build_circular(services, meeting_id, era=era))}


class PrintPreview(QPrintPreviewDialog):
    """The preview with a choice of paper in its tool bar; printing prints what is shown."""

    def __init__(self, papers: dict[str, Paper], parent: QWidget | None = None, paper: str = "minutes"):
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(a4_layout())
        super().__init__(printer, parent)
        self._printer = printer  # the dialog does not own it (printer() returns it): kept alive with the dialog
        self.setObjectName("print_preview")
        self.setWindowTitle(translate("Printing", "Print preview"))
        self.papers = papers
        self.choice = QComboBox()
        self.choice.setObjectName("paper_choice")
        for code, name in paper_names().items():
            self.choice.addItem(name, code)
        self.choice.setCurrentIndex(max(0, self.choice.findData(paper)))
        toolbar, preview = self.findChild(QToolBar), self.findChild(QPrintPreviewWidget)
        if toolbar is None or preview is None:
            raise RuntimeError("QPrintPreviewDialog without its tool bar or preview widget")
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(translate("Printing", "Paper:")))
        toolbar.addWidget(self.choice)
        self.preview = preview
        self.choice.currentIndexChanged.connect(lambda _i: preview.updatePreview())
        self.paintRequested.connect(self.paint_on)

    @property
    def paper(self) -> str:
        return self.choice.currentData()

    def paint_on(self, printer: QPrinter) -> None:
        """Paint the chosen paper for the preview or the printer. Printed to a PDF file
        (print to file), the file's text maps are repaired as an exported PDF's are."""
        paper = self.papers[self.paper]
        printer.setDocName(paper.title)
        to_pdf = (printer.paintEngine().type() == QPaintEngine.Type.Pdf
                  and printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.outputFileName())
        text = paint(paper, printer)
        if to_pdf:
            repair_text(Path(printer.outputFileName()), text)


def print_meeting(parent: QWidget, services, tasks, meeting_id: str, era: bool,
                  paper: str = "minutes") -> None:
    """Read the meeting's papers on the lane, then open the preview on them."""

    def show(papers: dict[str, Paper]) -> None:
        dialog = PrintPreview(papers, parent, paper)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    tasks.run_in_background(lambda: build_papers(services, meeting_id, era), show, owner=parent)


def offer_open(parent: QWidget, path: str | Path) -> QMessageBox:
    """After an export: open the file (or, for a folder, the folder) with the desktop's own
    application, or open the folder it is in, or just close."""
    path = Path(path)
    box = QMessageBox(QMessageBox.Icon.Information, translate("Printing", "Exported"),
                      tr_args("Printing", "Written: %1", str(path)),
                      QMessageBox.StandardButton.Close, parent)
    box.setObjectName("offer_open")
    open_file = None if path.is_dir() else box.addButton(translate("Printing", "&Open the file"),
                                                         QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton(translate("Printing", "Open the &folder"), QMessageBox.ButtonRole.ActionRole)
    box.setDefaultButton(open_file or open_folder)

    def clicked(button) -> None:
        if button is open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif button is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path if path.is_dir() else path.parent)))

    box.buttonClicked.connect(clicked)
    box.finished.connect(box.deleteLater)
    box.open()
    return box


def install(window) -> QAction:
    """File ▸ Print… (Ctrl+P) on the meeting selected in the meetings list, and the offer to
    open the file after each export of the Excel and 同期 pages."""
    action = QAction(translate("Printing", "&Print…"), window)
    action.setObjectName("print_action")
    action.setShortcut(QKeySequence.StandardKey.Print)
    window.menu("file").insertAction(window.settings_action, action)

    def print_selected() -> None:
        page = window.pages.get("meeting")
        row = page.current() if page is not None and hasattr(page, "current") else None
        if row is None:
            window.show_page("meeting")
            window.statusBar().showMessage(translate("Printing", "Choose a meeting in the list first."), 5000)
            return
        print_meeting(window, window.services, window.tasks, row.id, window.display.era)

    def connect_exports() -> None:
        excel, sync = window.pages.get("excel"), window.pages.get("sync")
        if excel is not None:
            excel.exported.connect(lambda report: report is not None and offer_open(window, report.path))
            excel.template_saved.connect(lambda path: offer_open(window, path))
            excel.opendata_written.connect(lambda report: offer_open(window, report.outdir))
        if sync is not None:
            sync.exported.connect(lambda result: offer_open(window, result.path))

    action.triggered.connect(print_selected)
    window.pages_built.connect(connect_exports)
    return action
