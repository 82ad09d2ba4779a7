"""The minutes as a PDF with Qt's own writer: A4 portrait, margins, Japanese font embedded.

The content is :meth:`Minutes.sections` — the same rows the Excel sheet prints — laid out as
an HTML table in a QTextDocument, which paginates onto a QPdfWriter. The body is set in a
明朝 (Noto Serif CJK JP, Yu Mincho…) and headings and labels in a ゴシック (Noto Sans CJK JP,
Yu Gothic…), as Japanese documents are; with only one kind installed it serves for both, with
neither fontconfig substitutes. Qt embeds the glyphs it uses as a subset, so the PDF shows the
same on a machine without the font.

QTextDocument and QPdfWriter only paint, so they may run on the database lane (Qt allows
painting on a QPdfWriter outside the GUI thread); the document is made where it is printed.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from ..core.exchange.minutes import SIGNATURES, Minutes
from ..core.files import atomic_path
from .pdf_text import repair_text

#: Families tried in order; the first one installed is used.
MINCHO_FAMILIES = ("Noto Serif CJK JP", "Yu Mincho", "IPAexMincho", "IPAMincho",
                   "Hiragino Mincho ProN", "MS Mincho")
GOTHIC_FAMILIES = ("Noto Sans CJK JP", "Yu Gothic", "IPAexGothic", "IPAGothic", "Meiryo",
                   "Hiragino Sans", "MS Gothic")
FONT_POINTS = 10.5
MARGINS_MM = QMarginsF(20, 18, 20, 18)
RESOLUTION = 300

_CSS = """
h1, h2, td.label { font-family: '%(gothic)s'; }
h1 { font-size: 17pt; text-align: center; margin-bottom: 2pt; }
p.org { text-align: center; font-size: 11pt; margin-top: 0; }
h2 { font-size: 12pt; background-color: #e8eef4; margin-top: 12pt; margin-bottom: 3pt;
     padding: 2pt; }
table { border-collapse: collapse; }
td { padding: 3pt 4pt; vertical-align: top; border-bottom: 1px solid #999999; }
td.label { font-weight: bold; }
td.text { white-space: pre-wrap; }
td.sign { border-bottom: 1px solid #000000; }
"""


def font_families(installed: set[str] | None = None) -> tuple[str, str]:
    """(body, heading) families: a 明朝 and a ゴシック, either standing in for the other."""
    installed = set(QFontDatabase.families()) if installed is None else installed
    mincho = next((f for f in MINCHO_FAMILIES if f in installed), None)
    gothic = next((f for f in GOTHIC_FAMILIES if f in installed), None)
    body = mincho or gothic or GOTHIC_FAMILIES[0]  # none: let fontconfig substitute
    return body, gothic or body


def minutes_html(minutes: Minutes) -> str:
    parts = [f"<h1>{escape(minutes.heading)}</h1>",
             f"<p class='org'>{escape(minutes.organization)}</p>"]
    for title, rows in minutes.sections():
        parts.append(f"<h2>{escape(title)}</h2>")
        parts.append("<table width='100%' cellspacing='0'>")
        for label, text in rows:
            body = escape(text).replace("\n", "<br>")
            if title == SIGNATURES and label:  # a line to sign on, 印 at its end
                parts.append(
                    f"<tr><td class='label' width='18%'><br><br>{escape(label)}</td>"
                    f"<td width='30%' class='sign'><br><br>{body}</td>"
                    f"<td width='52%' class='sign' align='right'><br><br>印</td></tr>")
            else:
                parts.append(f"<tr><td class='label' width='18%'>{escape(label)}</td>"
                             f"<td width='82%' colspan='2' class='text'>{body}</td></tr>")
        parts.append("</table>")
    return "<html><body>" + "".join(parts) + "</body></html>"


def write_minutes_pdf(minutes: Minutes, dest: str | os.PathLike) -> Path:
    """Write the PDF (whole or not at all). Needs a QGuiApplication."""
    dest = Path(dest)
    with atomic_path(dest) as tmp:
        writer = QPdfWriter(str(tmp))
        writer.setTitle(minutes.heading)
        writer.setCreator("meguro_jukyo")
        writer.setResolution(RESOLUTION)
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                         QPageLayout.Orientation.Portrait, MARGINS_MM,
                                         QPageLayout.Unit.Millimeter))
        doc = QTextDocument()
        body, heading = font_families()
        doc.setDefaultFont(QFont(body, FONT_POINTS))
        doc.setDefaultStyleSheet(_CSS % {"gothic": heading})
        doc.setHtml(minutes_html(minutes))
        doc.print_(writer)
        del writer  # closes the file before it is renamed into place
        repair_text(tmp, doc.toPlainText())
    return dest


def write_minutes_pdf_headless(minutes: Minutes, dest: str | os.PathLike) -> Path:
    """For the command line: make a QGuiApplication (offscreen when there is no display)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and os.name == "posix":
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["meguro-jukyo"])
    return write_minutes_pdf(minutes, dest)
