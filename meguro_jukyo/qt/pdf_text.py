"""Make the text of a PDF written by Qt copy, search and extract as what was printed.

Qt's PDF writer gives each embedded font subset a ToUnicode map built by walking the font's
character map backwards (QFontSubset::getReverseMap / createToUnicodeMap). For Japanese
documents that map is wrong in three ways, each seen with Noto CJK (and Yu, Meiryo):

- a glyph shared by several code points maps to the *lowest* of them, so a printed 長 extracts
  as the radical ⻑ (U+2ED1), 日 as ⽇, ・ as ‧;
- a glyph the shaper substituted is in no character map and is left out: under a Japanese
  locale OpenType ``locl`` gives " and ' their Japanese forms, and their text is lost;
- some runs of ten or more glyphs with consecutive code points are left out (Qt 6.11).

The page itself tells the truth. Qt draws each piece of a line as one text object (BT … ET)
of glyph ids in one font, so a text object is a stretch of the document's text. With the
entries Qt got right as anchors, a text object with a hole ("文字<?>の") is looked up in the
document's text; where every place it occurs agrees on the character in the hole, that is the
hole's character. Entries whose character the document does not hold at all (the radical
instead of 長) count as holes too. What cannot be told for certain keeps Qt's entry.
"""

from __future__ import annotations

import logging
import re
import zlib
from pathlib import Path

log = logging.getLogger(__name__)

_XREF = re.compile(rb"xref\n0 (\d+)\n")
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_STARTXREF = re.compile(rb"startxref\n(\d+)")
_FONT_RESOURCE = re.compile(rb"/(F\d+) (\d+) 0 R")
_TO_UNICODE_REF = re.compile(rb"/Subtype /Type0.*?/ToUnicode (\d+) 0 R", re.DOTALL)
_CONTENTS_REF = re.compile(rb"/Type /Page\n.*?/Contents (\d+) 0 R", re.DOTALL)
_LENGTH = re.compile(rb"/Length (\d+)( 0 R)?")
_RANGE = re.compile(rb"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)")
_HEX = re.compile(rb"<([0-9A-Fa-f]+)>")
_TEXT_OP = re.compile(rb"/(F\d+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj|\bET\b")

Cmap = dict[int, str]  # CID → the text it stands for


class _Pdf:
    """The objects of a PDF Qt wrote (one classic cross-reference table, no object streams)."""

    def __init__(self, data: bytes):
        self.data = data
        self.xref_at = int(_STARTXREF.findall(data)[-1])
        table = _XREF.match(data, self.xref_at)
        if table is None:
            raise ValueError("not a PDF with a classic cross-reference table")
        self.count = int(table.group(1))
        self.entries = _XREF_ENTRY.findall(data, table.end())[:self.count]
        self.trailer = data[data.index(b"trailer", table.end()):]
        self.spans: dict[int, tuple[int, int]] = {}
        for number, (offset, _, kind) in enumerate(self.entries):
            if kind == b"n":
                start = int(offset)
                self.spans[number] = (start, data.index(b"endobj", start) + len(b"endobj"))

    def body(self, number: int) -> bytes:
        start, end = self.spans[number]
        return self.data[start:end]

    def stream(self, number: int) -> bytes:
        body = self.body(number)
        length = _LENGTH.search(body)
        assert length is not None
        size = int(length.group(1))
        if length.group(2):  # an indirect length: the object holds the number
            size = int(self.body(size).split(b"obj", 1)[1].split()[0])
        start = body.index(b"stream\n") + len(b"stream\n")
        raw = body[start:start + size]
        return zlib.decompress(raw) if b"/FlateDecode" in body[:start] else raw

    def replaced(self, objects: dict[int, bytes]) -> bytes:
        """The file with whole objects replaced and the cross-reference table moved to match."""
        edits = sorted((self.spans[number], new) for number, new in objects.items())
        out, last = [], 0
        for (start, end), new in edits:
            out += [self.data[last:start], new]
            last = end
        body = b"".join(out) + self.data[last:self.xref_at]

        def moved(offset: int) -> int:
            return offset + sum(len(new) - (end - start) for (start, end), new in edits if end <= offset)

        rows = b"".join(b"%010d %s %s \n" % (moved(int(offset)) if kind == b"n" else int(offset), gen, kind)
                        for offset, gen, kind in self.entries)
        trailer = _STARTXREF.sub(b"startxref\n%d" % len(body), self.trailer)
        return body + b"xref\n0 %d\n" % self.count + rows + trailer


def qt_cmap(cmap: bytes) -> Cmap:
    """CID → text as Qt wrote it (bfrange with a list, or first/last/first code)."""
    entries: Cmap = {}
    for first, last, codes in _RANGE.findall(cmap[cmap.index(b"beginbfrange"):]):
        cids = range(int(first, 16), int(last, 16) + 1)
        if codes.startswith(b"["):
            for cid, code in zip(cids, _HEX.findall(codes)):
                entries[cid] = bytes.fromhex(code.decode()).decode("utf-16-be")
        else:
            for offset, cid in enumerate(cids):
                entries[cid] = chr(int(codes[1:-1], 16) + offset)
    entries.pop(0, None)  # .notdef
    return entries


Token = tuple[int, int, int]  # (font object, CID, number of the text object on its page)


def page_tokens(content: bytes, fonts: dict[bytes, int]) -> list[Token]:
    """Every glyph a page draws, in the order it draws them."""
    tokens: list[Token] = []
    font, run = None, 0
    for match in _TEXT_OP.finditer(content):
        name, glyphs = match.group(1), match.group(2)
        if name is not None:
            font, run = fonts.get(name), run + 1
        elif glyphs is None:  # ET: the text object ends
            run += 1
        elif font is not None:
            tokens += [(font, int(glyphs[i:i + 4], 16), run) for i in range(0, len(glyphs), 4)]
    return tokens


_WIDEST = 8  # neighbours tried on each side of a hole before giving up on that place
_PLACES = 6  # places a hole is looked up at before Qt's entry is kept (page numbers: no text)


def resolve(cmaps: dict[int, Cmap], pages: list[list[Token]], text: str) -> dict[int, Cmap]:
    """Fill every hole of ``cmaps`` that the pages and the document's text settle.

    A hole is looked up with its neighbours on the page, one more on each side at a time, until
    every place that stretch occurs in the text agrees on the hole's character. Neighbours from
    different text objects (another piece of the line, the next line or cell) may have white
    space between them in the text.
    """
    holds = set(text)
    known = {font: {cid: t for cid, t in cmap.items() if t and set(t) <= holds} for font, cmap in cmaps.items()}
    places: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for p, tokens in enumerate(pages):
        for i, (font, cid, _) in enumerate(tokens):
            if font in known and cid not in known[font]:
                places.setdefault((font, cid), []).append((p, i))

    def piece(token: Token) -> str:
        font, cid, _ = token
        return re.escape(known[font][cid]) if cid in known.get(font, {}) else "."

    def settle(tokens: list[Token], i: int) -> str | None:
        for width in range(1, _WIDEST + 1):
            start = max(0, i - width)
            while start < i and piece(tokens[start]) == ".":
                start += 1  # begin on a known character: the search then skips ahead to it
            window = tokens[start:i + width + 1]
            parts = []
            for k, token in enumerate(window):
                if k and token[2] != window[k - 1][2]:
                    parts.append(r"\s*")
                parts.append("(.)" if start + k == i else piece(token))
            # inside a lookahead, so that matches may overlap: in "FAA0" the stretch "A?." is
            # both "AA0" and "A0 ", and only the second one is the hole's place
            found = {m.group(1) for m in re.finditer("(?=%s)" % "".join(parts), text, re.DOTALL)}
            if len(found) <= 1:
                return found.pop() if found else None
        return None

    for (font, cid), where in places.items():
        for p, i in where[:_PLACES]:
            if (char := settle(pages[p], i)) is not None:
                known[font][cid] = char
                break
    return {font: {**cmaps[font], **known[font]} for font in cmaps}


def to_unicode_stream(number: int, cmap: Cmap) -> bytes:
    entries = [b"<%04X> <%s>" % (cid, text.encode("utf-16-be").hex().upper().encode())
               for cid, text in sorted(cmap.items()) if text]
    sections = b"".join(b"%d beginbfchar\n%s\nendbfchar\n" % (len(chunk), b"\n".join(chunk))
                        for chunk in (entries[i:i + 100] for i in range(0, len(entries), 100)))
    content = (b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
               b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
               b"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
               b"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" + sections
               + b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
    return b"%d 0 obj\n<< /Length %d >>\nstream\n%sendstream\nendobj" % (number, len(content), content)


def repair_text(path: Path, text: str) -> None:
    """Rewrite the ToUnicode maps of the PDF at ``path``, printed from ``text``, where Qt's are
    wrong or incomplete (in place: the file is still in its atomic writer's hands)."""
    data = path.read_bytes()
    try:
        repaired = _repaired(data, text)
    except (ValueError, KeyError, AssertionError, zlib.error):
        # not laid out as Qt writes: the pages are right, only copied text may not be
        log.warning("PDF text map left as Qt wrote it: %s", path.name, exc_info=True)
        return
    if repaired is not None:
        path.write_bytes(repaired)


def _repaired(data: bytes, text: str) -> bytes | None:
    pdf = _Pdf(data)
    heads: dict[int, bytes] = {}  # each object up to its stream, if it has one
    for number in pdf.spans:
        body = pdf.body(number)
        at = body.find(b"stream\n")
        heads[number] = body if at < 0 else body[:at]
    to_unicode: dict[int, int] = {}  # font object → its ToUnicode object
    fonts: dict[bytes, int] = {}  # resource name → font object
    contents: list[int] = []
    for number, head in heads.items():
        if (ref := _TO_UNICODE_REF.search(head)) is not None:
            to_unicode[number] = int(ref.group(1))
        if (page := _CONTENTS_REF.search(head)) is not None:
            contents.append(int(page.group(1)))
        fonts.update((name, int(obj)) for name, obj in _FONT_RESOURCE.findall(head))
    pages = [page_tokens(pdf.stream(number), fonts) for number in contents]
    cmaps = {font: qt_cmap(pdf.stream(obj)) for font, obj in to_unicode.items()}
    fixed = resolve(cmaps, pages, text)
    changed = {to_unicode[font]: to_unicode_stream(to_unicode[font], cmap)
               for font, cmap in fixed.items() if cmap != cmaps[font]}
    return pdf.replaced(changed) if changed else None
