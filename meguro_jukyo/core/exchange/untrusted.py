"""Checks on a workbook someone sent us, before any XML parser sees it (DESIGN.md §8).

An .xlsx file is a zip of XML parts, and either layer can be made to exhaust a machine: a
zip bomb, a billion-laughs entity expansion, a sheet declaring (or holding) a million rows.
:func:`scan_workbook` looks at the zip directory (size, member count, total uncompressed
size, compression ratio), refuses any DTD anywhere in any part, finds each sheet's part (and
the shared strings and styles) through the workbook's relationships (parsed with defusedxml)
and measures its cells by streaming the decompressed bytes — so the reader that follows
(:mod:`.xlsx_reader`) only ever runs on a file whose size is known to be sane.
Every rejection is a :class:`BadWorkbook` with a message a person can act on.

The measure is the rectangle from A1 to a sheet's last row and column: a cell's position is
taken as a reader takes it (its ``r`` attribute, or one past the cell before it) and the sheet
is refused when its rectangle exceeds :data:`MAX_CELLS`, so a cell far out (XFD1048576) is
refused, not read. The shared-strings table, the one part a reader holds whole, is bounded by
count and characters. Cells whose value is not what they show — an error value (#N/A …), or a
formula with no cached value (what LibreOffice and many tools write when they do not compute)
— are noted by position.
"""

from __future__ import annotations

import posixpath
import re
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..errors import UserError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 1000
MAX_UNCOMPRESSED = 384 * 1024 * 1024
MAX_PART = 256 * 1024 * 1024  # one XML part, decompressed (100k rows of long text fit)
MAX_RATIO = 200  # zip bombs compress far better than any real sheet
MAX_ROWS = 100_000  # data rows per imported sheet
MAX_CELLS = 3_000_000  # rows × columns of a sheet that is read (100k rows × 30 columns; ~100 MB)
MAX_SECONDS = 120.0
#: the shared-strings table the reader holds whole: one string per distinct cell text at most
#: (MAX_CELLS), and text for 100k rows with about 200 characters each
MAX_SHARED_STRINGS = MAX_CELLS
MAX_SHARED_CHARS = 20_000_000

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
#: a <row>, <c>, <f> (formula) or <v> (value) start tag and its attributes, up to the first ">"
#: (see _CellMeasure.feed)
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|f|v)(?=[\s/>])([^<>]*)>")
_TAG_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:row|c|f|v)(?=[\s/>])")
_ANY_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_QUOTED = re.compile(rb"\"[^\"]*\"|'[^']*'")
#: every r="…" among a tag's attributes: letters (a cell's column) and digits (its row)
_REF = re.compile(rb"(?:^|\s)r\s*=\s*[\"']\s*([A-Za-z]*)(\d*)")
_ERROR_TYPE = re.compile(rb"(?:^|\s)t\s*=\s*[\"']e[\"']")
#: the plain form Excel, LibreOffice and openpyxl write: no prefixes, every row and cell with
#: its reference as its first attribute, double-quoted. A body of such tags is measured with a
#: few searches over the whole body (each starting at a literal) instead of a step per tag.
_PREFIXED_TAG = re.compile(rb"<[A-Za-z_][\w.-]*:(?:row|c)[\s/>]")
_ANY_CELL = re.compile(rb"<c[\s/>]")
_ANY_ROW = re.compile(rb"<row[\s/>]")
_PLAIN_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"')
_PLAIN_ROW = re.compile(rb'<row r="(\d{1,7})"')
_SPACED_REF = re.compile(rb"r\s+=")
_ANY_ERROR_TYPE = re.compile(rb"t\s*=\s*[\"']e[\"']")
_PLAIN_ERROR_CELL = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"[^<>]*? t="e"')
_DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension\s[^>]*ref\s*=\s*[\"']([A-Z]{0,3}\d{0,7})(?::([A-Z]{1,3})(\d{1,7}))?[\"']")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
_TEXT = re.compile(rb">([^<]+)")  # character data: after a tag, up to the next (pieces start at "<")
_UTF8_CONTINUATIONS = bytes(range(0x80, 0xC0))  # deleted, one byte per character is left
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UTF16_STARTS = (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")
_MEDIA = "xl/media/"


class BadWorkbook(UserError):
    """A workbook we will not read, and why."""


@dataclass
class SheetScan:
    name: str
    part: str
    rows: int = 0  # <row> elements
    last_row: int = 0  # the highest row number
    last_column: int = 0  # the highest column number (A = 1)
    declared_rows: int | None = None  # what <dimension> claims
    error_cells: set[tuple[int, int]] = field(default_factory=set)  # (row, column) of #N/A and the like
    formula_cells: set[tuple[int, int]] = field(default_factory=set)  # (row, column) of formulas with no value


@dataclass
class WorkbookScan:
    path: Path
    sheets: dict[str, SheetScan] = field(default_factory=dict)  # every sheet, by name; scanned ones counted
    shared_strings: str | None = None  # the part holding the shared strings, measured
    styles: str | None = None  # the part holding the cell styles (which numbers are dates)
    date1904: bool = False  # dates counted from 1904 (old Mac workbooks), not 1900


class Deadline:
    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds
        self.seconds = seconds

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise BadWorkbook(
                f"ファイルの読み込みが{self.seconds:.0f}秒を超えたため中止しました。"
                "ファイルが大きすぎるか壊れている可能性があります。",
                f"Reading the file took more than {self.seconds:.0f} s and was stopped.",
            )


def _not_xlsx(path: Path) -> BadWorkbook:
    return BadWorkbook(f"Excel のブック（.xlsx）として読めません: {path.name}",
                       f"Not an Excel workbook (.xlsx): {path.name}")


def scan_workbook(path, *, sheets_to_count: tuple[str, ...], max_rows: int = MAX_ROWS,
                  deadline: Deadline | None = None) -> WorkbookScan:
    """Check ``path`` as an untrusted .xlsx; count the rows of the named sheets."""
    path = Path(path)
    deadline = deadline or Deadline(MAX_SECONDS)
    if not path.is_file():
        raise BadWorkbook(f"ファイルが見つかりません: {path}", f"File not found: {path}")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise BadWorkbook(
            f"ファイルが大きすぎます（{size / 1024 / 1024:.1f} MB、上限 {MAX_FILE_BYTES // 1024 // 1024} MB）。"
            "行を分けて、いくつかのファイルにしてください。",
            f"The file is too large ({size} bytes; the limit is {MAX_FILE_BYTES}).",
        )
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == _OLE_MAGIC:
        raise BadWorkbook(
            "古い形式（.xls）か、パスワードで保護されたブックです。"
            "Excel で「Excel ブック（.xlsx）」として保存し直してから取り込んでください。",
            "An old .xls or password-protected workbook: save it as .xlsx first.",
        )
    if not zipfile.is_zipfile(path):
        raise _not_xlsx(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _not_xlsx(path) from None
    with zf:
        infos = zf.infolist()
        _check_directory(path, infos)
        names = {i.filename: i for i in infos}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise _not_xlsx(path)
        _refuse_macros(path, zf, names)
        # Pictures are not XML a reader parses (an SVG may well carry a DOCTYPE); every other
        # part is, or may be named as one by a relationship, so it is read whole.
        for info in infos:
            if not info.filename.startswith(_MEDIA):
                _refuse_dtd(zf, info, deadline)
        scan = WorkbookScan(path)
        targets = _book_parts(zf, names, scan)
        for target in targets:
            if target.startswith(_MEDIA) and target in names:
                _refuse_dtd(zf, names[target], deadline)
        for info in infos:  # the one the relationships name is read; any other is measured too
            if info.filename == scan.shared_strings or posixpath.basename(info.filename).lower() == "sharedstrings.xml":
                _measure_shared_strings(zf, info, deadline)
        for name in sheets_to_count:
            sheet = scan.sheets.get(name)
            if sheet is not None:
                _count_rows(zf, names[sheet.part], sheet, max_rows, deadline)
    return scan


def _refuse_macros(path: Path, zf: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo]) -> None:
    """Refuse a macro-enabled workbook rather than import it with its macros ignored: a sheet
    filled or checked by a macro may hold values only the macro would have made right, and a
    macro workbook from outside is the commonest carrier of malware. Saving as .xlsx removes them."""
    content_types = zf.read(names["[Content_Types].xml"]) if names["[Content_Types].xml"].file_size < 1024 * 1024 else b""
    if (path.suffix.lower() in (".xlsm", ".xltm", ".xlam")
            or any(posixpath.basename(n).lower() == "vbaproject.bin" for n in names)
            or b"macroenabled" in content_types.lower()):
        raise BadWorkbook(
            "マクロを含むブック（.xlsm など）は取り込めません。"
            "Excel で「Excel ブック（.xlsx）」として保存し直し、マクロを外してから取り込んでください。",
            "Workbooks with macros (.xlsm, vbaProject.bin) are not imported: save as .xlsx without macros first.",
        )


def _refuse_dtd(zf: zipfile.ZipFile, info: zipfile.ZipInfo, deadline: Deadline) -> None:
    """Refuse a part holding a DTD or an entity declaration anywhere, not just near its start
    (a comment can push one far down). Streamed: the part's size is bounded by _check_directory."""
    overlap = len(b"<!DOCTYPE") - 1  # a declaration split across two chunks is still found
    tail = b""
    first = True
    with zf.open(info) as fh:
        while chunk := fh.read(1024 * 1024):
            deadline.check()
            if first and info.filename.endswith((".xml", ".rels")) and chunk.startswith(_UTF16_STARTS):
                # an encoding Excel never writes, in which the declaration would not be seen
                raise BadWorkbook(
                    f"ファイルの中の「{info.filename}」が UTF-8 ではありません。Excel で開いて保存し直してください。",
                    f"The part {info.filename} is not UTF-8.",
                )
            first = False
            if _DTD.search(tail + chunk):
                raise BadWorkbook(
                    "ファイルに許可されていない XML の宣言（DTD・実体）が含まれています。"
                    "Excel で開いて保存し直したファイルを使ってください。",
                    "The file contains an XML DTD or entity declaration, which is not allowed.",
                )
            tail = chunk[-overlap:]


def _check_directory(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    if len(infos) > MAX_MEMBERS:
        raise BadWorkbook(f"ファイルの中身が多すぎます（{len(infos)} 個）。Excel のブックではないようです。",
                          f"Too many members in the zip ({len(infos)}).")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise BadWorkbook("暗号化されたファイルは取り込めません。パスワードを外して保存し直してください。",
                              "Encrypted files cannot be imported.")
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
            raise BadWorkbook(
                f"ファイルの中の「{info.filename}」が展開すると大きすぎます。壊れているか、不正なファイルです。",
                f"The member {info.filename} expands too much (zip bomb?).",
            )
    if total > MAX_UNCOMPRESSED:
        raise BadWorkbook("ファイルを展開すると大きすぎます。行を分けて、いくつかのファイルにしてください。",
                          "The file expands to too much data.")


def parse_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo):
    if info.file_size > 8 * 1024 * 1024:
        raise BadWorkbook(f"ブックの構成（{info.filename}）が大きすぎます。", f"{info.filename} is too large.")
    try:
        return fromstring(zf.read(info))
    except (ParseError, DefusedXmlException, ValueError):
        raise BadWorkbook(f"ブックの構成（{info.filename}）が壊れています。",
                          f"{info.filename} is not valid XML.") from None


def _book_parts(zf: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo], scan: WorkbookScan) -> set[str]:
    """Fill ``scan`` from workbook.xml and its relationships: each sheet's name and the zip
    member holding it, the shared strings' and styles' members, the date system. Returns every
    part those relationships name."""
    book = parse_small(zf, names["xl/workbook.xml"])
    rels_info = names.get("xl/_rels/workbook.xml.rels")
    if rels_info is None:
        raise _not_xlsx(Path(zf.filename or ""))
    targets = {}
    for rel in parse_small(zf, rels_info).iter(f"{{{_PKG_REL_NS}}}Relationship"):
        target = rel.get("Target", "")
        target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id")] = target
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        if kind == "sharedStrings" and target in names and scan.shared_strings is None:
            scan.shared_strings = target
        elif kind == "styles" and target in names and scan.styles is None:
            scan.styles = target
    for sheet in book.iter(f"{{{_MAIN_NS}}}sheet"):
        part = targets.get(sheet.get(f"{{{_REL_NS}}}id"))
        if part in names:
            scan.sheets[sheet.get("name", "")] = SheetScan(sheet.get("name", ""), part)
    for default, attr in (("xl/sharedStrings.xml", "shared_strings"), ("xl/styles.xml", "styles")):
        if getattr(scan, attr) is None and default in names:  # where readers look when no relationship says
            setattr(scan, attr, default)
    pr = book.find(f"{{{_MAIN_NS}}}workbookPr")
    scan.date1904 = pr is not None and pr.get("date1904", "").lower() in ("1", "true")
    return set(targets.values())


def _too_many(sheet: SheetScan, max_rows: int) -> BadWorkbook:
    return BadWorkbook(
        f"シート「{sheet.name}」の行が多すぎます（上限 {max_rows:,} 行）。いくつかのファイルに分けてください。",
        f"Sheet {sheet.name} has too many rows (the limit is {max_rows}).",
    )


def _too_wide(sheet: SheetScan) -> BadWorkbook:
    return BadWorkbook(
        f"シート「{sheet.name}」の範囲が広すぎます（{sheet.last_row:,} 行 × {sheet.last_column:,} 列）。"
        "表から離れた列や行に入っている値を消すか、いくつかのファイルに分けてください。",
        f"Sheet {sheet.name} spans too many cells ({sheet.last_row} rows × {sheet.last_column} columns).",
    )


def _malformed(sheet: SheetScan) -> BadWorkbook:
    return BadWorkbook(f"シート「{sheet.name}」が壊れています。", f"Sheet {sheet.name} is malformed.")


def column_number(letters: bytes) -> int:
    """A → 1, Z → 26, AA → 27, XFD → 16384."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def _ends_inside_quotes(attrs: bytes) -> bool:
    if b"'" not in attrs:  # what Excel writes: double quotes only, so their parity tells
        return attrs.count(b'"') % 2 == 1
    rest = _QUOTED.sub(b"", attrs)
    return b'"' in rest or b"'" in rest


class _CellMeasure:
    """Positions of rows and cells in the order they stream past, as a reader places them."""

    def __init__(self, sheet: SheetScan, max_rows: int):
        self.sheet = sheet
        self.row_limit = max_rows + 1  # plus the header row
        self.row = 0  # the current row's number
        self.column = 0  # the last cell's column in it
        self.cell: tuple[int, int] | None = None  # the last cell's (row, column)
        #: (row, column) of the cell being read if it holds a formula and no value has come yet
        self.formula: tuple[int, int] | None = None

    def feed(self, body: bytes) -> None:
        # formulas are rare: a body with one is read tag by tag, which sees where its value is
        if self.formula is not None or _ANY_FORMULA.search(body) or not self._feed_plain(body):
            self._feed_tags(body)

    def finish(self) -> None:
        self._end_cell()

    def _end_cell(self) -> None:
        if self.formula is not None:
            self.sheet.formula_cells.add(self.formula)
            self.formula = None

    def _feed_plain(self, body: bytes) -> bool:
        """Measure ``body`` if all its tags are plain (see _PLAIN_CELL), False if they are not.

        Plain means: no prefixed tag; every <c> and <row> starts with a plain r="…"; and
        there are no other r attributes (a reader takes the last of several), which holds
        when ' r="' occurs once per tag and no r attribute is spelt any other way.
        """
        if _PREFIXED_TAG.search(body):
            return False
        cells = _PLAIN_CELL.findall(body)
        rows = _PLAIN_ROW.findall(body)
        if (len(cells) != len(_ANY_CELL.findall(body)) or len(rows) != len(_ANY_ROW.findall(body))
                or body.count(b' r="') != len(cells) + len(rows) or _SPACED_REF.search(body)
                or any(other in body for other in (b" r='", b"\tr=", b"\nr=", b"\rr="))):
            return False
        errors = []
        if _ANY_ERROR_TYPE.search(body):  # error cells are rare: find them only where there are some
            errors = _PLAIN_ERROR_CELL.findall(body)
            if len(errors) != len(_ANY_ERROR_TYPE.findall(body)):
                return False
        sheet = self.sheet
        sheet.rows += len(rows)
        sheet.error_cells.update((int(digits), column_number(letters)) for letters, digits in errors)
        last_row = max([int(n) for n in {*rows, *(digits for _, digits in cells)}], default=0)
        last_column = max([column_number(c) for c in {letters for letters, _ in cells}], default=0)
        self._check(last_row, last_column)
        # as a tag-by-tag reading would leave them, or beyond: the next body is measured from here
        self.row, self.column = max(self.row, last_row), max(self.column, last_column)
        return True

    def _check(self, last_row: int, last_column: int) -> None:
        sheet = self.sheet
        sheet.last_row, sheet.last_column = max(sheet.last_row, last_row), max(sheet.last_column, last_column)
        if sheet.last_row > self.row_limit or sheet.rows > self.row_limit:
            raise _too_many(sheet, self.row_limit - 1)
        if sheet.last_row * sheet.last_column > MAX_CELLS:
            raise _too_wide(sheet)

    def _feed_tags(self, body: bytes) -> None:
        """Measure the tags in ``body`` one by one. A tag is read up to its first ">": one that has no ">"
        before the next "<", or whose ">" falls inside a quoted value, would be read differently
        by the reader, so the sheet is refused as malformed (Excel writes neither)."""
        sheet = self.sheet
        tags = 0
        for tag in _TAG.finditer(body):
            tags += 1
            attrs = tag.group(2)
            if _ends_inside_quotes(attrs):
                raise _malformed(sheet)
            kind = tag.group(1)
            if kind == b"f":  # <f>…</f>, or <f …/> naming a shared formula: the cell holds a formula
                self.formula = self.cell
                continue
            if kind == b"v":
                # a value that is not empty: the next character is its text, not the "<" of </v>
                if not attrs.endswith(b"/") and body[tag.end():tag.end() + 1] not in (b"", b"<"):
                    self.formula = None
                continue
            self._end_cell()
            refs = _REF.findall(attrs)
            if any(len(letters) > 3 or len(digits) > 7 for letters, digits in refs):
                raise _malformed(sheet)
            if tag.group(1) == b"row":
                sheet.rows += 1
                self.row = max((int(d) for _, d in refs if d), default=self.row + 1)
                self.column = 0
                row, column = self.row, 0
            else:  # where a reader puts a cell: its own reference, else one past the one before
                row = max((int(d) for _, d in refs if d), default=self.row)
                column = max((column_number(c) for c, _ in refs if c), default=self.column + 1)
                self.column = column
                self.cell = (row, column)
                if _ERROR_TYPE.search(attrs):
                    sheet.error_cells.add((row, column))
            self._check(row, column)
        if tags != len(_TAG_START.findall(body)):
            raise _malformed(sheet)
        self._check(0, 0)


def _bodies(zf: zipfile.ZipFile, info: zipfile.ZipInfo, deadline: Deadline,
            malformed: BadWorkbook) -> Iterator[bytes]:
    """A part's bytes in pieces of about 1 MiB, each cut before a "<" so that no tag is split
    (a tag never holds "<"); a tag longer than 1 MiB is ``malformed``."""
    tail = b""
    with zf.open(info) as fh:
        while chunk := fh.read(1024 * 1024):
            deadline.check()
            buf = tail + chunk
            cut = buf.rfind(b"<")
            if cut < 0:
                cut = len(buf)
            body, tail = buf[:cut], buf[cut:]
            if len(tail) > 1024 * 1024:
                raise malformed
            yield body
    yield tail


def _count_rows(zf: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: SheetScan, max_rows: int,
                deadline: Deadline) -> None:
    """Measure the rows and columns of a sheet by streaming the part's bytes."""
    measure = _CellMeasure(sheet, max_rows)
    first = True
    for body in _bodies(zf, info, deadline, _malformed(sheet)):
        if first:
            dim = _DIMENSION.search(body)
            if dim and dim.group(3):
                sheet.declared_rows = int(dim.group(3))
                if sheet.declared_rows > max_rows + 1:
                    raise _too_many(sheet, max_rows)
            first = False
        measure.feed(body)
    measure.finish()


def _measure_shared_strings(zf: zipfile.ZipFile, info: zipfile.ZipInfo, deadline: Deadline) -> None:
    """Refuse a shared-strings table the reader would hold in memory at a size out of proportion
    to any sheet we import: count its strings (<si>) and the characters of its text (markup
    removed; an entity such as &amp; counts as its spelling, which only overestimates)."""
    strings = characters = 0
    for body in _bodies(zf, info, deadline, BadWorkbook("ブックの文字列の表（sharedStrings）が壊れています。",
                                                        "The shared-strings part is malformed.")):
        strings += len(_SHARED_STRING.findall(body))
        characters += len(b"".join(_TEXT.findall(body)).translate(None, _UTF8_CONTINUATIONS))
        if strings > MAX_SHARED_STRINGS or characters > MAX_SHARED_CHARS:
            raise too_much_text()


def too_much_text() -> BadWorkbook:
    """The refusal of a shared-strings table over its bounds (here, and as the reader reads it)."""
    return BadWorkbook(
        f"ブックの文字列が多すぎます（上限 {MAX_SHARED_STRINGS:,} 個・{MAX_SHARED_CHARS:,} 文字）。"
        "使っていないシートや列を消すか、いくつかのファイルに分けてください。",
        f"The workbook holds too much text (the limits are {MAX_SHARED_STRINGS} shared strings "
        f"and {MAX_SHARED_CHARS} characters).",
    )
