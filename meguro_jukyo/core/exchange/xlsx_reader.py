"""Reading the sheets of a workbook someone sent us, a row at a time (DESIGN.md §8).

:func:`.untrusted.scan_workbook` has checked the file and measured its parts before this
module opens it; what is read here is bounded by that scan. The sheet's XML is streamed
through defusedxml's ``iterparse`` (no DTD, no entities, nothing external: a second guard
behind the scan's), and each ``<row>`` is turned into values and dropped before the next, so
memory follows one row, not the sheet. The shared-strings table is the one part held whole:
its text is kept in one UTF-8 buffer with an array of offsets (a few bytes per string
instead of a Python object each), within the scan's bounds on its count and characters,
which :class:`SharedStrings` enforces again as it reads.

Values come as the importer takes them: text as ``str``, numbers as ``float``, booleans as
``bool``, a number formatted as a date as ``datetime.date`` (``datetime`` when it has a time
of day, ``time`` below one day, ``timedelta`` for an elapsed-time format such as ``[h]:mm``),
an empty or missing cell as ``None``. A cell showing an error (#N/A …) is a :class:`CellError`
and a formula with no stored value is :data:`NO_VALUE`, so the import reports them instead of
reading an empty field.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from . import untrusted
from .untrusted import BadWorkbook, Deadline, WorkbookScan, column_number, parse_small, too_much_text

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _C, _V, _F, _IS, _T, _R, _SI = (_NS + tag for tag in ("row", "c", "v", "f", "is", "t", "r", "si"))
_SHEET_DATA, _SST = _NS + "sheetData", _NS + "sst"
_REF = re.compile(r"\s*([A-Za-z]{1,3})(\d{1,7})?\s*$|\s*(\d{1,7})\s*$")
_READ = 1024 * 1024  # bytes handed to the parser at a time
#: a character XML cannot carry (a carriage return, a control character) as OOXML writes it
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")

#: number formats Excel builds in that show a date or time (27–36 and 50–58 are the Japanese
#: locale's 和暦 and 年月日 forms); 46 is elapsed time ([h]:mm:ss)
_DATE_FORMATS = frozenset([*range(14, 23), *range(27, 37), 45, 47, *range(50, 59)])
_DURATION_FORMATS = frozenset([46])
_DATE, _DURATION = 1, 2
#: the parts of a format code that are not date or time tokens: quoted text, escaped and
#: padding characters, [$-ja-JP]-style locale and [Red]-style colour sections
_LITERALS = re.compile(r'"[^"]*"|\\.|_.|\*.|\[(?![hms]+\])[^\]]*\]', re.IGNORECASE)
_ELAPSED = re.compile(r"\[[hms]+\]", re.IGNORECASE)
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)


@dataclass(frozen=True)
class CellError:
    """A cell showing an error value such as #N/A."""

    text: str

    def __str__(self) -> str:
        return self.text


class _NoValue:
    def __repr__(self) -> str:
        return "NO_VALUE"

    def __str__(self) -> str:
        return ""


#: a formula whose value was never computed (what LibreOffice and many tools write)
NO_VALUE = _NoValue()


def _broken(part: str) -> BadWorkbook:
    return BadWorkbook(f"ブックの中身が壊れているため読めませんでした（{part}）。Excel で開いて保存し直してください。",
                       f"The workbook's part {part} is broken.")


def _refused_dtd() -> BadWorkbook:
    return BadWorkbook(
        "ファイルに許可されていない XML の宣言（DTD・実体）が含まれています。"
        "Excel で開いて保存し直したファイルを使ってください。",
        "The file contains an XML DTD or entity declaration, which is not allowed.",
    )


def _events(zf: zipfile.ZipFile, part: str, deadline: Deadline) -> Iterator[tuple[str, object]]:
    """(event, element) of ``part`` as defusedxml parses it, read in bounded pieces."""
    try:
        with zf.open(part) as fh:
            reader = _Checked(fh, deadline)
            yield from iterparse(reader, events=("start", "end"), forbid_dtd=True)
    except DefusedXmlException:
        raise _refused_dtd() from None
    except (ParseError, ValueError, zipfile.BadZipFile, EOFError, OSError, KeyError):
        raise _broken(part) from None


class _Checked:
    """A file object whose reads check the deadline (the parser pulls from it)."""

    def __init__(self, fh, deadline: Deadline):
        self.fh, self.deadline = fh, deadline

    def read(self, size: int = -1) -> bytes:
        self.deadline.check()
        return self.fh.read(_READ if size is None or size < 0 or size > _READ else size)


def _text(element) -> str:
    """The text of an <si> or <is>: its <t>, or the <t> of each run; phonetic guides (<rPh>,
    the furigana Japanese Excel keeps beside a string) are left out, as Excel shows them."""
    parts = []
    for child in element:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag == _R:
            for t in child.iter(_T):
                parts.append(t.text or "")
    return _unescape("".join(parts))


def _unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


class SharedStrings:
    """The workbook's shared strings in one UTF-8 buffer and an array of where each ends."""

    def __init__(self) -> None:
        self._text = bytearray()
        self._ends = array("Q")
        self.characters = 0

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, index: int) -> str:
        start = self._ends[index - 1] if index > 0 else 0
        return self._text[start:self._ends[index]].decode()

    def append(self, text: str) -> None:
        self.characters += len(text)
        if len(self._ends) >= untrusted.MAX_SHARED_STRINGS or self.characters > untrusted.MAX_SHARED_CHARS:
            raise too_much_text()
        self._text += text.encode()
        self._ends.append(len(self._text))

    @classmethod
    def read(cls, zf: zipfile.ZipFile, part: str | None, deadline: Deadline) -> SharedStrings:
        strings = cls()
        if part is None:
            return strings
        root = None
        for event, element in _events(zf, part, deadline):
            if event == "start":
                if root is None:
                    root = element
                continue
            if element.tag == _SI:
                strings.append(_text(element))
                root.clear()  # the <si> just read, and every one before it
        return strings


def _format_kinds(zf: zipfile.ZipFile, part: str | None) -> list[int]:
    """For each cell style (the ``s`` of a cell), whether its number format shows a date, an
    elapsed time, or neither (0)."""
    if part is None or part not in zf.NameToInfo:
        return []
    styles = parse_small(zf, zf.getinfo(part))
    custom = {}
    for fmt in styles.iter(_NS + "numFmt"):
        try:
            custom[int(fmt.get("numFmtId", ""))] = fmt.get("formatCode", "")
        except ValueError:
            continue
    kinds = []
    xfs = styles.find(_NS + "cellXfs")
    for xf in xfs.iter(_NS + "xf") if xfs is not None else ():
        try:
            number = int(xf.get("numFmtId", "0"))
        except ValueError:
            number = 0
        kinds.append(_format_kind(number, custom.get(number)))
    return kinds


def _format_kind(number: int, code: str | None) -> int:
    if code is None:
        return _DATE if number in _DATE_FORMATS else _DURATION if number in _DURATION_FORMATS else 0
    if _ELAPSED.search(code):
        return _DURATION
    bare = _LITERALS.sub("", code).lower().replace("general", "")
    return _DATE if any(ch in bare for ch in "ymdhs") else 0


def _serial_date(serial: float, kind: int, date1904: bool):
    """An Excel serial number as the date, time or duration its format shows (as calamine and
    openpyxl read it: 1900-based with Excel's leap-year day, or 1904-based)."""
    millis = round(serial * 86_400_000)
    if kind == _DURATION:
        return dt.timedelta(milliseconds=millis)
    if 0 <= serial < 1:
        return (dt.datetime.min + dt.timedelta(milliseconds=millis)).time()
    if not date1904 and serial < 60:
        millis += 86_400_000  # Excel counts a 29 February 1900 that never was
    try:
        when = (_EPOCH_1904 if date1904 else _EPOCH_1900) + dt.timedelta(milliseconds=millis)
    except OverflowError:
        return serial
    return when.date() if when.time() == dt.time() else when


@dataclass
class _Position:
    row: int = 0
    column: int = 0


class WorkbookReader:
    """The sheets of a scanned workbook, read row by row; a context manager (it holds the zip)."""

    def __init__(self, scan: WorkbookScan, deadline: Deadline):
        self.scan = scan
        self.deadline = deadline
        self.zf = zipfile.ZipFile(scan.path)
        try:
            self.strings = SharedStrings.read(self.zf, scan.shared_strings, deadline)
            self.formats = _format_kinds(self.zf, scan.styles)
        except BaseException:
            self.zf.close()
            raise

    def __enter__(self) -> WorkbookReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.zf.close()

    def rows(self, sheet: str, *, max_columns: int) -> Iterator[tuple[int, list]]:
        """(row number, values from column A) of each row of ``sheet`` holding a cell, in the
        order of the file; cells right of ``max_columns`` are not read. A row's values end
        at its last cell; cells it lacks (a gap, or the rest of a merged range) are ``None``."""
        part = self.scan.sheets[sheet].part
        parent = None
        at = _Position()
        count = 0
        for event, element in _events(self.zf, part, self.deadline):
            if event == "start":
                if parent is None or element.tag == _SHEET_DATA:  # rows live in <sheetData>
                    parent = element
                continue
            if element.tag != _ROW:
                continue
            number = self._row_number(element, at, part)
            values = self._values(element, at, max_columns, part)
            if parent is not None:
                parent.clear()  # the row just read: memory stays at one row
            count += 1
            if count % 1000 == 0:
                self.deadline.check()
            if values:
                yield number, values

    def _row_number(self, row, at: _Position, part: str) -> int:
        ref = row.get("r")
        if ref is None:
            at.row += 1
        else:
            match = _REF.match(ref)
            if match is None or match.group(3) is None:
                raise _broken(part)
            at.row = int(match.group(3))
        at.column = 0
        return at.row

    def _values(self, row, at: _Position, max_columns: int, part: str) -> list:
        values: list = []
        for cell in row:
            if cell.tag != _C:
                continue
            ref = cell.get("r")
            if ref is None:
                at.column += 1
            else:
                match = _REF.match(ref)
                if match is None or match.group(1) is None:
                    raise _broken(part)
                at.column = column_number(match.group(1).encode())
                if match.group(2) is not None and int(match.group(2)) != at.row:
                    raise _broken(part)  # a cell naming another row than its own (Excel never writes one)
            if at.column > max_columns:
                continue
            value = self._value(cell, part)
            if value is None:
                continue
            if at.column > len(values):
                values.extend([None] * (at.column - len(values)))
            values[at.column - 1] = value
        return values

    def _value(self, cell, part: str):
        kind = cell.get("t", "n")
        text = None
        formula = inline = False
        for child in cell:
            tag = child.tag
            if tag == _V:
                text = child.text
            elif tag == _F:
                formula = True
            elif tag == _IS:
                inline = _text(child)
        if kind == "inlineStr":
            return inline if inline is not False else None
        if not text:
            return NO_VALUE if formula else None
        try:
            if kind == "s":
                return self.strings[int(text)]
            if kind == "str":
                return _unescape(text)
            if kind == "b":
                return text.strip() in ("1", "true")
            if kind == "e":
                return CellError(text)
            if kind == "d":
                return _iso_date(text)
            number = float(text)
        except (ValueError, IndexError):
            raise _broken(part) from None
        style = cell.get("s")
        if style is not None and self.formats:
            try:
                format_kind = self.formats[int(style)]
            except (ValueError, IndexError):
                format_kind = 0
            if format_kind:
                return _serial_date(number, format_kind, self.scan.date1904)
        return number


def _iso_date(text: str):
    """A cell of type ``d`` (an ISO 8601 date, which few writers use)."""
    try:
        when = dt.datetime.fromisoformat(text.strip().rstrip("Z"))
    except ValueError:
        return text
    return when.date() if when.time() == dt.time() else when


def open_workbook(scan: WorkbookScan, deadline: Deadline) -> WorkbookReader:
    """A reader of the workbook ``scan`` has checked."""
    if not Path(scan.path).is_file():
        raise BadWorkbook(f"ファイルが見つかりません: {scan.path}", f"File not found: {scan.path}")
    try:
        return WorkbookReader(scan, deadline)
    except (zipfile.BadZipFile, OSError):
        raise _broken(Path(scan.path).name) from None
