"""Reading the sheets of a workbook someone sent us, a row at a time (DESIGN.md §8).

:func:`.untrusted.scan_workbook` has checked the file and measured its parts before this
module opens it; what is read here is bounded by that scan. Each part's XML is fed in pieces
of 256 KiB to an expat parser guarded as defusedxml guards one (a DTD, an entity declaration
or an external reference stops the parse: a second guard behind the scan's, on the very
bytes being parsed), and its handlers turn each ``<row>`` into values as it closes: no tree
is built, and memory follows the rows of one piece, not the sheet. The shared-strings table
is the one part held whole: its text is kept in one UTF-8 buffer with an array of offsets
(4 bytes per string instead of a Python object each), within the scan's bounds on its count
and characters, which :class:`SharedStrings` enforces again as it reads.

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
from typing import Callable, Iterator, NoReturn
from xml.parsers import expat

from . import untrusted
from .untrusted import BadWorkbook, Deadline, WorkbookScan, column_number, parse_small, too_much_text

_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main "  # expat's "namespace local-name"
_ROW, _C, _V, _F, _IS, _T, _SI, _RPH = (_NS + tag for tag in ("row", "c", "v", "f", "is", "t", "si", "rPh"))
_STYLES_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"  # ElementTree's spelling
_REF = re.compile(r"\s*([A-Za-z]{1,3})(\d{1,7})?\s*$|\s*(\d{1,7})\s*$")
_READ = 256 * 1024  # bytes handed to the parser at a time
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


class _Forbidden(Exception):
    """A DTD, an entity declaration or an external reference met by the parser."""


def _forbid(*_args: object) -> NoReturn:
    raise _Forbidden


def _parser(start: Callable, end: Callable, text: Callable) -> expat.XMLParserType:
    """An expat parser with defusedxml's guards (DefusedXMLParser sets the same handlers):
    no DTD, no entity declared or unparsed, nothing external, no parameter entities. An entity
    that is not declared (there can be none) is a parse error."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.buffer_size = 64 * 1024
    parser.StartDoctypeDeclHandler = _forbid
    parser.EntityDeclHandler = _forbid
    parser.UnparsedEntityDeclHandler = _forbid
    parser.ExternalEntityRefHandler = _forbid
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    return parser


def _feed(zf: zipfile.ZipFile, part: str, parser: expat.XMLParserType, deadline: Deadline) -> Iterator[None]:
    """Parse ``part`` a piece at a time, yielding after each piece (so that what its handlers
    made can be taken before the next)."""
    try:
        with zf.open(part) as fh:
            while chunk := fh.read(_READ):
                deadline.check()
                parser.Parse(chunk, False)
                yield
            parser.Parse(b"", True)
            yield
    except _Forbidden:
        raise _refused_dtd() from None
    except (expat.ExpatError, ValueError, zipfile.BadZipFile, EOFError, OSError, KeyError):
        raise _broken(part) from None


def _unescape(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


class _Text:
    """The text of an <si> or <is> as it is parsed: its <t>, or the <t> of each run; phonetic
    guides (<rPh>, the furigana Japanese Excel keeps beside a string) are left out, as Excel
    shows them."""

    def __init__(self) -> None:
        self.parts: list[str] | None = None  # inside a string: its pieces so far
        self.chars: list[str] | None = None  # inside a <t> that counts: its character data
        self.phonetic = False

    def begin(self) -> None:
        self.parts, self.phonetic = [], False

    def start(self, name: str) -> bool:
        """Take the start of ``name`` if it belongs to the string; False if it does not."""
        if name == _T:
            if self.parts is not None and not self.phonetic:
                self.chars = []
        elif name == _RPH:
            self.phonetic = True
        else:
            return False
        return True

    def end(self, name: str) -> None:
        if name == _T and self.chars is not None and self.parts is not None:  # chars only inside a string
            self.parts.append("".join(self.chars))
            self.chars = None
        elif name == _RPH:
            self.phonetic = False

    def done(self) -> str:
        text = _unescape("".join(self.parts or ()))
        self.parts = self.chars = None
        return text


class SharedStrings:
    """The workbook's shared strings in one UTF-8 buffer and an array of where each ends."""

    def __init__(self) -> None:
        self._text = bytearray()
        self._ends = array("I")  # 4 bytes an offset: the text is bounded far below 4 GiB
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
        text = _Text()

        def start(name, _attrs):
            if name == _SI:
                text.begin()
            else:
                text.start(name)

        def end(name):
            if name == _SI:
                strings.append(text.done())
            else:
                text.end(name)

        def chars(data):
            if text.chars is not None:
                text.chars.append(data)

        for _ in _feed(zf, part, _parser(start, end, chars), deadline):
            pass
        return strings


def _format_kinds(zf: zipfile.ZipFile, part: str | None) -> list[int]:
    """For each cell style (the ``s`` of a cell), whether its number format shows a date, an
    elapsed time, or neither (0)."""
    if part is None or part not in zf.NameToInfo:
        return []
    styles = parse_small(zf, zf.getinfo(part))
    custom = {}
    for fmt in styles.iter(_STYLES_NS + "numFmt"):
        try:
            custom[int(fmt.get("numFmtId", ""))] = fmt.get("formatCode", "")
        except ValueError:
            continue
    kinds = []
    xfs = styles.find(_STYLES_NS + "cellXfs")
    for xf in xfs.iter(_STYLES_NS + "xf") if xfs is not None else ():
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
    """An Excel serial number as the date, time or duration its format shows (as openpyxl and
    python-calamine read it: 1900-based with Excel's leap-year day, or 1904-based)."""
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


class _Sheet:
    """The handlers that turn a sheet's XML into rows as it is parsed."""

    def __init__(self, book: WorkbookReader, part: str, max_columns: int):
        self.strings, self.formats, self.date1904 = book.strings, book.formats, book.scan.date1904
        self.part = part
        self.max_columns = max_columns
        self.done: list[tuple[int, list]] = []  # rows closed since they were last taken
        self.row = 0  # the current row's number
        self.column = 0  # the last cell's column in it
        self.values: list | None = None  # the current row's values
        self.cell: tuple[str, str | None] | None = None  # the open cell's type and style, if read
        self.value: str | None = None  # its <v>
        self.formula = False
        self.chars: list[str] | None = None  # character data of the open <v>
        self.text = _Text()  # an inline string
        self.row_digits = "0"  # the current row's number as a plain reference spells it
        self.columns: dict[str, int] = {}  # column letters met in plain references ("G2"), by letters

    def start(self, name: str, attrs: dict) -> None:
        if name == _V:
            if self.cell is not None:
                self.chars = []
        elif name == _C:
            self._start_cell(attrs)
        elif name == _F:
            self.formula = True
        elif name == _IS:
            if self.cell is not None:
                self.text.begin()
        elif name == _ROW:
            ref = attrs.get("r")
            if ref is None:
                self.row += 1
            else:
                match = _REF.match(ref)
                if match is None or match.group(3) is None:
                    raise _broken(self.part)
                self.row = int(match.group(3))
            self.row_digits = str(self.row)
            self.column = 0
            self.values = []
        else:
            self.text.start(name)

    def _start_cell(self, attrs: dict) -> None:
        ref = attrs.get("r")
        if ref is None:
            self.column += 1
        else:
            letters = ref.rstrip("0123456789")
            column = self.columns.get(letters)
            if column is None or ref[len(letters):] != self.row_digits:
                column = self._column_of(ref)
            self.column = column
        self.value, self.formula = None, False
        inside = self.values is not None and self.column <= self.max_columns
        self.cell = (attrs.get("t", "n"), attrs.get("s")) if inside else None

    def _column_of(self, ref: str) -> int:
        """The column a cell's reference names, spelt any way the scan allows; the sheet is
        broken if it names another row than its own (Excel never writes one)."""
        match = _REF.match(ref)
        if match is None or match.group(1) is None:
            raise _broken(self.part)
        if match.group(2) is not None and int(match.group(2)) != self.row:
            raise _broken(self.part)
        column = column_number(match.group(1).encode())
        if match.group(2) is not None and ref == f"{match.group(1)}{self.row_digits}":
            self.columns[match.group(1)] = column  # the plain spelling: its letters are known from now on
        return column

    def end(self, name: str) -> None:
        if name == _V:
            if self.chars is not None:
                self.value = "".join(self.chars)
                self.chars = None
        elif name == _C:
            if self.cell is not None:
                value = self._value()
                if value is not None:
                    values = self.values
                    if values is None:  # a <row> inside the cell closed the row it stood in
                        raise _broken(self.part)
                    if self.column > len(values):
                        values.extend([None] * (self.column - len(values)))
                    values[self.column - 1] = value
                self.cell = None
        elif name == _ROW:
            if self.values:
                self.done.append((self.row, self.values))
            self.values = None
        else:
            self.text.end(name)

    def chars_of(self, data: str) -> None:
        if self.chars is not None:
            self.chars.append(data)
        elif self.text.chars is not None:
            self.text.chars.append(data)

    def _value(self):
        kind, style = self.cell
        if kind == "inlineStr":
            return self.text.done() if self.text.parts is not None else None
        text = self.value
        if not text:
            return NO_VALUE if self.formula else None
        try:
            if kind == "s":
                return self.strings[int(text)]
            if kind == "str":
                return _unescape(text)
            if kind == "b":
                return text.strip().lower() in ("1", "true")
            if kind == "e":
                return CellError(text)
            if kind == "d":
                return _iso_date(text)
            number = float(text)
        except (ValueError, IndexError):
            raise _broken(self.part) from None
        if style is not None and self.formats:
            try:
                format_kind = self.formats[int(style)]
            except (ValueError, IndexError):
                format_kind = 0
            if format_kind:
                return _serial_date(number, format_kind, self.date1904)
        return number


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
        handlers = _Sheet(self, part, max_columns)
        parser = _parser(handlers.start, handlers.end, handlers.chars_of)
        for _ in _feed(self.zf, part, parser, self.deadline):
            done, handlers.done = handlers.done, []
            yield from done


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
