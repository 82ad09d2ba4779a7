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
import re
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QRawFont,
    QTextDocument,
)

from ..core.exchange.minutes import SIGNATURES, Minutes
from ..core.files import atomic_path

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
        fix_text_mapping(tmp, shared_glyph_fixes(doc))
    return dest


_CMAP = re.compile(rb"begincmap.*?endcmap", re.DOTALL)
# Qt writes glyph ranges with a list of code points, one per glyph (and runs of ten or more
# consecutive code points as "<first> <last> <code>", which radicals never form in practice)
_ARRAY = re.compile(rb"\[[^\]]*\]")
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")


def shared_glyph_fixes(doc: QTextDocument) -> dict[int, int]:
    """For each code point Qt may write in place of a character the document holds, that character.

    Qt's PDF writer builds the ToUnicode map from the glyph back to the *lowest* code point the
    font maps to it (QFontSubset's reverse map). Noto CJK and Yu/Meiryo share one glyph between
    長 and the radical ⻑ (U+2ED1), 日 and ⽇ (U+2F47), ・ and ‧ (U+2027)…, so the page looks
    right but copied or searched text does not match. Asking each font the document is laid
    out in which of the document's own characters share a glyph gives the exact answer, for
    every font and block, without a table of radicals.
    """
    fonts: dict[tuple, QRawFont] = {}
    used: dict[tuple, set[str]] = {}
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            font = fragment.charFormat().font()
            key = (font.family(), font.weight(), font.italic())
            if key not in fonts:
                fonts[key] = QRawFont.fromFont(font)
                used[key] = set()
            used[key].update(fragment.text())
            it += 1
        block = block.next()
    written = set().union(*used.values())
    fixes: dict[int, int] = {}
    for key, raw in fonts.items():
        lowest: dict[int, int] = {}  # glyph -> the code point Qt writes for it
        for code, glyph in zip(_BMP_CODES, raw.glyphIndexesForString(_BMP), strict=True):
            if glyph:
                lowest.setdefault(glyph, code)
        for c in used[key]:
            if len(c.encode("utf-16-le")) != 2:
                continue  # Qt's reverse map covers the BMP only
            low = lowest.get(raw.glyphIndexesForString(c)[0])
            if low is not None and low != ord(c) and chr(low) not in written:
                fixes[low] = ord(c)
    return fixes


# the BMP without surrogates: one UTF-16 unit, so one glyph index, per character
_BMP_CODES = [c for c in range(1, 0x10000) if not 0xD800 <= c <= 0xDFFF]
_BMP = "".join(map(chr, _BMP_CODES))


def fix_text_mapping(path: Path, fixes: dict[int, int]) -> None:
    """Rewrite the PDF's ToUnicode maps in place (same length: the xref offsets stay valid)."""
    if not fixes:
        return
    data = path.read_bytes()

    def code(h: re.Match) -> bytes:
        old = int(h.group(1), 16)
        return b"<%04X>" % fixes.get(old, old)

    def fix_cmap(match: re.Match) -> bytes:
        return _ARRAY.sub(lambda a: _HEX4.sub(code, a.group(0)), match.group(0))

    fixed = _CMAP.sub(fix_cmap, data)
    if fixed != data:
        assert len(fixed) == len(data)
        path.write_bytes(fixed)


def write_minutes_pdf_headless(minutes: Minutes, dest: str | os.PathLike) -> Path:
    """For the command line: make a QGuiApplication (offscreen when there is no display)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and os.name == "posix":
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["meguro-jukyo"])
    return write_minutes_pdf(minutes, dest)
