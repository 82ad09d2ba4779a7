"""A4 papers set with Qt: the page, the fonts and the pagination every printed paper shares.

A :class:`Paper` is HTML with its own style sheet; it is laid out in a QTextDocument and
painted page by page onto a QPdfWriter (an exported PDF) or a QPrinter (File ▸ Print and its
preview), so what is previewed is what the PDF holds. The body is set in a 明朝 (Noto Serif CJK
JP, Yu Mincho…) and headings and labels in a ゴシック (Noto Sans CJK JP, Yu Gothic…), as
Japanese documents are; with only one kind installed it serves for both, with neither
fontconfig substitutes. Qt embeds the glyphs it uses as a subset, so the PDF shows the same on
a machine without the font.

The pages are painted here rather than by ``QTextDocument.print_`` so that a heading is never
the last thing on a page (it moves to the next page with the text it heads) and the page
numbers are known when the text maps of the PDF are repaired.

QTextDocument and QPdfWriter only paint, so they may run on the database lane (Qt allows
painting on a QPdfWriter outside the GUI thread); the document is made where it is printed.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
)

from ..core.files import atomic_path
from .pdf_text import repair_text

if TYPE_CHECKING:  # for the annotations only: QtPrintSupport is loaded where a paper is printed
    from PySide6.QtPrintSupport import QPrinter

#: Families tried in order; the first one installed is used.
MINCHO_FAMILIES = ("Noto Serif CJK JP", "Yu Mincho", "IPAexMincho", "IPAMincho",
                   "Hiragino Mincho ProN", "MS Mincho")
GOTHIC_FAMILIES = ("Noto Sans CJK JP", "Yu Gothic", "IPAexGothic", "IPAGothic", "Meiryo",
                   "Hiragino Sans", "MS Gothic")
FONT_POINTS = 10.5
MARGINS_MM = QMarginsF(20, 18, 20, 18)
RESOLUTION = 300
#: The strip at the page foot, inside the margins, where the page number goes.
FOOTER_POINTS = 18

BASE_CSS = """
h1, h2, th, td.label { font-family: '%(gothic)s'; }
h1 { font-size: 17pt; text-align: center; margin-bottom: 2pt; }
p.org { text-align: center; font-size: 11pt; margin-top: 0; }
h2 { font-size: 12pt; background-color: #e8eef4; margin-top: 12pt; margin-bottom: 3pt;
     padding: 2pt; }
table { border-collapse: collapse; }
td { padding: 3pt 4pt; vertical-align: top; border-bottom: 1px solid #999999; }
td.label { font-weight: bold; }
td.text { white-space: pre-wrap; }
"""


def font_families(installed: set[str] | None = None) -> tuple[str, str]:
    """(body, heading) families: a 明朝 and a ゴシック, either standing in for the other."""
    installed = set(QFontDatabase.families()) if installed is None else installed
    mincho = next((f for f in MINCHO_FAMILIES if f in installed), None)
    gothic = next((f for f in GOTHIC_FAMILIES if f in installed), None)
    body = mincho or gothic or GOTHIC_FAMILIES[0]  # none: let fontconfig substitute
    return body, gothic or body


def a4_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       MARGINS_MM, QPageLayout.Unit.Millimeter)


@dataclass(frozen=True)
class Paper:
    title: str
    html: str  # a fragment: what goes inside <body>
    css: str = ""  # on top of BASE_CSS
    points: float = FONT_POINTS
    numbered: bool = True  # page numbers at the foot
    whole: tuple[str, ...] = ()  # headings of sections kept on one page (a signature block)
    smallest: float = 0  # for a one-page paper: the smallest body size it may shrink to
    breaks: tuple[str, ...] = ()  # headings that begin a page (the 次第 after its 前回からの経過)

    def document(self, device: QPdfWriter | QPrinter) -> QTextDocument:
        """The paper laid out on ``device``'s pages, headings kept with what follows them;
        a one-page paper set smaller, down to ``smallest`` points, until it fits."""
        points = self.points
        doc = self._layout(device, points)
        while self.smallest and doc.pageCount() > 1 and points > self.smallest:
            points -= 1
            doc = self._layout(device, points)
        return doc

    def _layout(self, device: QPdfWriter | QPrinter, points: float) -> QTextDocument:
        doc = QTextDocument()
        body, heading = font_families()
        doc.setDefaultFont(QFont(body, int(points)))  # whole points, as QFont(family, size) takes them
        doc.setDefaultStyleSheet((BASE_CSS + self.css) % {"gothic": heading})
        doc.setHtml(f"<html><body>{self.html}</body></html>")
        doc.documentLayout().setPaintDevice(device)
        page = device.pageLayout().paintRectPixels(device.resolution())
        footer = FOOTER_POINTS * device.resolution() / 72 if self.numbered else 0
        doc.setPageSize(QSizeF(page.width(), page.height() - footer))
        keep_headings_with_next(doc, self.whole, self.breaks)
        return doc


def keep_headings_with_next(doc: QTextDocument, whole: tuple[str, ...] = (), breaks: tuple[str, ...] = ()) -> None:
    """Start a new page at each heading that would otherwise end one, and at each named in
    ``breaks`` that is not at a page's top already.

    A heading ends a page when the block after it (its text, or the first cell of its table)
    begins on a later page; a heading named in ``whole`` also moves when its section (up to
    the next heading) would not end on its page. Each move pushes what follows down, so
    headings are checked in order, each on the layout its predecessors left."""
    height = doc.pageSize().height()
    layout = doc.documentLayout()

    def page(block, edge: str = "top") -> int:
        rect = layout.blockBoundingRect(block)
        return math.floor((rect.top() if edge == "top" else rect.bottom() - 1) / height)

    headings = [b for b in _blocks(doc) if b.blockFormat().headingLevel()]
    for n, heading in enumerate(headings):
        after = heading.next()
        if not after.isValid():
            continue
        last = after
        if heading.text() in whole:
            end = headings[n + 1].position() if n + 1 < len(headings) else doc.characterCount()
            last = doc.findBlock(end - 1)
        top = layout.blockBoundingRect(heading).top()
        if heading.text() in breaks and top - math.floor(top / height) * height > doc.documentMargin() + 2:
            _push_to_next_page(doc, heading, height)
        elif page(after) > page(heading) or page(last, "bottom") > page(heading):
            _push_to_next_page(doc, heading, height)


def _push_to_next_page(doc: QTextDocument, block, height: float) -> None:
    """More space above ``block``, down to the next page's top. Not a page break: after a
    table Qt's break can skip a page and leave one blank. Qt scales a margin by the device's
    resolution, so the shift one margin makes is measured and the margin set to match."""
    layout = doc.documentLayout()
    top = layout.blockBoundingRect(block).top()
    wanted = (math.floor(top / height) + 1) * height + 1 - top
    margin = block.blockFormat().topMargin()
    fmt = QTextBlockFormat()
    fmt.setTopMargin(margin + wanted)
    QTextCursor(block).mergeBlockFormat(fmt)
    _lay_out_whole(doc)
    shift = layout.blockBoundingRect(block).top() - top
    if shift > 0:
        fmt.setTopMargin(margin + wanted * wanted / shift)
        QTextCursor(block).mergeBlockFormat(fmt)
        _lay_out_whole(doc)


def _lay_out_whole(doc: QTextDocument) -> None:
    """Lay the whole document out again now. After a format change Qt lays out only up to the
    change and leaves the rest to a timer, which never fires without an event loop (the
    command line): the blocks after it would keep no lines and print as nothing."""
    doc.markContentsDirty(0, doc.characterCount())
    doc.documentLayout().documentSize()


def _blocks(doc: QTextDocument):
    block = doc.begin()
    while block.isValid():
        yield block
        block = block.next()


def paint(paper: Paper, device: QPdfWriter | QPrinter) -> str:
    """Paint every page of ``paper`` on ``device``; the text drawn (for :func:`repair_text`)."""
    doc = paper.document(device)
    size = doc.pageSize()
    pages = doc.pageCount()
    numbers = [f"{n} / {pages}" for n in range(1, pages + 1)] if paper.numbered and pages > 1 else []
    painter = QPainter(device)
    painter.setFont(QFont(font_families()[0], 9))
    full = device.pageLayout().paintRectPixels(device.resolution())
    for n in range(pages):
        if n:
            device.newPage()
        painter.save()
        painter.translate(0, -n * size.height())
        doc.drawContents(painter, QRectF(0, n * size.height(), size.width(), size.height()))
        painter.restore()
        if numbers:
            painter.drawText(QRectF(0, size.height(), full.width(), full.height() - size.height()),
                             Qt.AlignmentFlag.AlignCenter, numbers[n])
    painter.end()
    return doc.toPlainText() + "\n" + "\n".join(numbers)


def write_pdf(paper: Paper, dest: str | os.PathLike, *, archive: bool = False) -> Path:
    """Write the PDF (whole or not at all); ``archive`` makes it PDF/A-1b. Needs a QGuiApplication."""
    dest = Path(dest)
    with atomic_path(dest) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setTitle(paper.title)
        writer.setCreator("meguro_jukyo")
        writer.setResolution(RESOLUTION)
        writer.setPageLayout(a4_layout())
        if archive:
            writer.setPdfVersion(QPagedPaintDevice.PdfVersion.PdfVersion_A1b)
        text = paint(paper, writer)
        del writer  # closes the file before it is repaired and renamed into place
        repair_text(tmp, text)
    return dest


def gui_app():
    """For the command line: the QGuiApplication (made offscreen when there is no display).
    The caller holds it while it paints."""
    app = QGuiApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and os.name == "posix":
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["meguro-jukyo"])
    return app
