"""File ▸ Print (Ctrl+P) with a preview of each paper of a meeting, and the offer to open
what was exported. Nothing is sent to a printer: the preview is painted, and the printer
it holds is pointed at a PDF file where the tests read what it would print."""

import shutil
import subprocess

import pytest
from meeting_sample import TITLE, build_sample
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox

from meguro_jukyo.qt.meeting.window import MeetingModeWindow
from meguro_jukyo.qt.printing import PAPERS, PrintPreview, offer_open

WAIT = 30_000


class Opened(QObject):
    """Stands in for the desktop: the URLs QDesktopServices was asked to open."""

    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url):
        self.urls.append(url)


@pytest.fixture
def opened():
    handler = Opened()
    QDesktopServices.setUrlHandler("file", handler, "open")
    yield handler
    QDesktopServices.unsetUrlHandler("file")


def preview_shown(qtbot) -> PrintPreview:
    qtbot.waitUntil(lambda: any(isinstance(w, PrintPreview) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=WAIT)
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, PrintPreview) and w.isVisible())


def printed_text(dialog: PrintPreview, path) -> str:
    """What Print would send, written by the dialog's own printer to a PDF instead."""
    dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    dialog.printer().setOutputFileName(str(path))
    dialog.paint_on(dialog.printer())
    return "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())


def test_ctrl_p_previews_each_paper_of_the_selected_meeting(qtbot, window, services, tmp_path):
    sample = build_sample(services)
    page = window.show_page("meeting")
    qtbot.waitUntil(lambda: page.select_id(sample.meeting_id), timeout=WAIT)
    print_action = window.findChild(type(window.new_action), "print_action")
    assert print_action.shortcut().toString() == "Ctrl+P"
    assert print_action in window.menu("file").actions()
    print_action.trigger()
    dialog = preview_shown(qtbot)
    assert dialog.paper == "minutes"
    assert [dialog.choice.itemData(i) for i in range(dialog.choice.count())] == list(PAPERS)
    pages = {}
    for index, code in enumerate(PAPERS):
        with qtbot.waitSignal(dialog.paintRequested, timeout=WAIT):
            dialog.choice.setCurrentIndex(index) if index else dialog.preview.updatePreview()
        pages[code] = dialog.preview.pageCount()
    # the 出席簿 has a row for each of the 120 members; the 回覧板 is one page
    assert pages["circular"] == 1 and pages["agenda"] == 1 and pages["signin"] > pages["minutes"] > 1
    if shutil.which("pdftotext"):
        assert "駒場町会からのお知らせ" in printed_text(dialog, tmp_path / "回覧板.pdf")
        dialog.choice.setCurrentIndex(0)
        assert "議事録署名人" in printed_text(dialog, tmp_path / "議事録.pdf")
    dialog.reject()


def test_print_without_a_meeting_chosen_says_what_to_do(qtbot, window):
    window.findChild(type(window.new_action), "print_action").trigger()
    assert window.current_page() == "meeting"
    assert window.statusBar().currentMessage()
    assert not any(isinstance(w, PrintPreview) for w in QApplication.topLevelWidgets() if w.isVisible())


@pytest.fixture
def mode(qtbot, services, tasks, display):
    """Meeting mode on the sample meeting, loaded and shown."""
    window = MeetingModeWindow(services, tasks, display, build_sample(services).meeting_id)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.loaded):
        window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def test_ctrl_p_in_meeting_mode_previews_its_minutes(qtbot, mode, tmp_path):
    mode.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is mode)
    qtbot.keyClick(mode, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = preview_shown(qtbot)
    assert dialog.parent() is mode and dialog.paper == "minutes"
    if shutil.which("pdftotext"):
        assert TITLE.replace(" ", "") in printed_text(dialog, tmp_path / "議事録.pdf")
    dialog.reject()


def test_after_an_export_the_file_or_its_folder_can_be_opened(qtbot, window, tmp_path, opened):
    path = tmp_path / "ブック.xlsx"
    path.write_bytes(b"x")
    box = offer_open(window, path)
    assert str(path) in box.text()
    open_file = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    open_file.click()
    assert [u.toLocalFile() for u in opened.urls] == [str(path)]
    box = offer_open(window, path)
    folder = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.ActionRole)
    folder.click()
    assert opened.urls[-1].toLocalFile() == str(tmp_path)
    # a folder (open data) is opened itself; there is no file to open
    box = offer_open(window, tmp_path)
    assert not [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    box.close()


def test_the_excel_export_offers_to_open_the_workbook(qtbot, window, services, tmp_path, opened):
    build_sample(services)
    page = window.pages["excel"]
    out = tmp_path / "ブック.xlsx"
    with qtbot.waitSignal(page.exported, timeout=WAIT):
        page.export_to(out)
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "offer_open") is not None, timeout=WAIT)
    box = window.findChild(QMessageBox, "offer_open")
    assert str(out) in box.text()
    box.defaultButton().click()
    assert [u.toLocalFile() for u in opened.urls] == [str(out)]


def test_minutes_written_in_meeting_mode_offer_to_open_the_pdf(qtbot, mode, tmp_path, opened):
    with qtbot.waitSignal(mode.minutes_written, timeout=WAIT) as written:
        mode.write_minutes(str(tmp_path))
    box = mode.findChild(QMessageBox, "offer_open")
    assert box is not None and box.isVisible()
    box.defaultButton().click()
    assert [u.toLocalFile() for u in opened.urls] == [str(written.args[0][0])]
