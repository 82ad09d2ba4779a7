"""Writing sheets with openpyxl's write-only mode: text that stays text, A4 print setup, tables.

A write-only sheet streams its rows to disk, so memory stays flat however many rows there
are; the price is that everything placed before ``<sheetData>`` (column widths, frozen panes)
must be known before the first row. :class:`SheetWriter` buffers the first rows, sizes the
columns from them and the headers, then streams the rest.

Text a user typed is always written as a string cell (``t="inlineStr"``), never as a formula,
whatever it starts with. Cells starting with ``= + - @`` (or their full-width forms, which
Japanese Excel also treats as formula starts) or with whitespace also carry the
``quotePrefix`` style, so that editing the cell in Excel keeps it text. Characters XML cannot
carry (and CR, which XML parsers turn into LF) are written in OOXML's ``_xHHHH_`` escape,
which Excel, LibreOffice and :func:`from_cell_text` decode.
"""

from __future__ import annotations

import math
import re
import unicodedata
import warnings
from copy import copy
from dataclasses import dataclass
from typing import Any, Sequence

#: Excel's limit on the characters in one cell.
CELL_MAX_CHARS = 32767
TRUNCATED_MARK = "…（以下省略: 全{n}文字。アプリで確認してください）"

# ``[$-411]`` selects the Japanese calendar: ``ggg`` is the era name, ``e`` the era year, which
# Excel and LibreOffice show as 令和1年. The tag that shows 元年, ``[$-ja-JP-x-gannen]``, is
# newer Excel's only: LibreOffice does not understand it and shows a bare serial number. So the
# first year of 令和 is a section of its own, chosen by the value, as Microsoft's own note on the
# era change does it: up to 2019-04-30 (serial < 43586) the era as usual (平成31年), up to
# 2019-12-31 (< 43831) 令和元年 written out, after that the era as usual again. Number-format
# conditions are understood alike by Excel and LibreOffice, the cell stays a real date (sorting,
# filters, the import read it as one), and 2019-05-01 shows as 令和元年5月1日 in both.
# Two conditions per format is Excel's limit, so 平成元年 (1989) still shows as 平成1年.
REIWA_START, REIWA_2 = 43586, 43831  # the 1900 date system's serials of 2019-05-01 and 2020-01-01


def _gannen(rest: str) -> str:
    era = f'[$-411]ggge"年"{rest}'
    return f'[<{REIWA_START}]{era};[<{REIWA_2}][$-411]"令和元年"{rest};{era}'


DATE_FORMATS = {
    True: _gannen('m"月"d"日"'),
    False: 'yyyy"年"m"月"d"日"',
}
DATETIME_FORMATS = {
    True: _gannen('m"月"d"日" h:mm'),
    False: 'yyyy"年"m"月"d"日" h:mm',
}

_ESCAPE_RE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)|[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_UNESCAPE_RE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_FORMULA_STARTS = frozenset("=+-@＝＋－＠\t\r\n ")


def to_cell_text(value: str) -> str:
    """``value`` in OOXML's escaped form: what goes between ``<t>`` and ``</t>``."""
    if not _ESCAPE_RE.search(value):
        return value
    return _ESCAPE_RE.sub(lambda m: "_x005F_" if m.group() == "_" else f"_x{ord(m.group()):04X}_", value)


def from_cell_text(value: str) -> str:
    """The inverse of :func:`to_cell_text` (Excel writes the same escapes)."""
    if "_x" not in value:
        return value
    return _UNESCAPE_RE.sub(lambda m: chr(int(m.group(1), 16)), value)


#: text that openpyxl would store as an error value, not a string (a title "#N/A")
_ERROR_TEXTS = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))


def needs_quote_prefix(value: str) -> bool:
    """Text Excel would take as something else when typed: a formula, or an error value."""
    return bool(value) and (value[0] in _FORMULA_STARTS or value in _ERROR_TEXTS)


def truncated(value: str) -> str:
    """``value`` cut to fit one cell, saying so (the import knows the mark)."""
    if len(value) <= CELL_MAX_CHARS:
        return value
    mark = TRUNCATED_MARK.format(n=len(value))
    return value[: CELL_MAX_CHARS - len(mark)] + mark


def display_width(text: str) -> int:
    """Columns ``text`` takes in a monospace sense: wide and ambiguous East Asian chars count 2.

    Ambiguous ones (○, ①, ※) are full width in Japanese fonts.
    """
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text)


@dataclass(frozen=True)
class Col:
    """One column of a written sheet."""

    header: str
    key: str
    kind: str = "text"  # text | long | date | datetime | int | bool | link | hidden
    max_width: int = 40
    hidden: bool = False
    min_width: int = 6
    paper: bool = True  # printed: IDs and links are not, and come after the printed columns

    @property
    def printed(self) -> bool:
        return self.paper and not self.hidden and self.kind != "link"


class SheetWriter:
    """One write-only sheet: a header row, streamed rows, an Excel table, A4 landscape."""

    SAMPLE_ROWS = 200

    def __init__(self, wb, title: str, columns: Sequence[Col], *, table_name: str | None,
                 era: bool, landscape: bool = True, hidden: bool = False,
                 table_style: str = "TableStyleMedium2"):
        from openpyxl.cell import WriteOnlyCell  # start-up: openpyxl loads on first use
        from openpyxl.styles import Alignment

        self._WriteOnlyCell = WriteOnlyCell
        self.wb = wb
        self.ws = wb.create_sheet(title)
        if hidden:
            self.ws.sheet_state = "hidden"
        self.title = title
        self.columns = list(columns)
        self.table_name = table_name
        self.table_style = table_style
        self.era = era
        self.landscape = landscape
        self.rows = 0
        self._buffer: list[list] | None = []
        self._widths = [display_width(c.header) + 4 for c in self.columns]  # room for the filter button
        # One styled prototype cell per style; new cells copy its style array, which skips
        # openpyxl's per-cell lookup of the number format and hashing of the alignment.
        self._wrap = Alignment(wrap_text=True, vertical="top")
        self._top = Alignment(vertical="top")
        self._styles = {}
        for name, attr, value in (("date", "number_format", DATE_FORMATS[era]),
                                  ("datetime", "number_format", DATETIME_FORMATS[era]),
                                  ("long", "alignment", self._wrap), ("top", "alignment", self._top)):
            proto = WriteOnlyCell(self.ws)
            setattr(proto, attr, value)
            self._styles[name] = proto._style
        self._wrap_id, self._top_id = self._styles["long"].alignmentId, self._styles["top"].alignmentId
        self._top_cells = [WriteOnlyCell(self.ws) for _ in self.columns]
        self.validations: list = []
        self.conditional: list[tuple[str, Any]] = []
        self.truncated_cells = 0
        self._kinds = [c.kind for c in self.columns]
        self._long = [i for i, k in enumerate(self._kinds) if k == "long"]
        self._row_no = 1  # the sheet row last written or buffered (1: the header)
        self._tall: list[tuple[int, Sequence]] = []  # buffered rows with long text, sized at _start
        self._converters = [self._converter(kind) for kind in self._kinds]

    # -- cells ------------------------------------------------------------------------

    def _converter(self, kind: str):
        """How a value of a column of ``kind`` becomes a cell (decided once per column: an
        export converts millions of values). None and "" leave the cell empty."""
        ws, make = self.ws, self._WriteOnlyCell

        def styled(style: str):
            """A cell of ``style`` holding a value. Once rows stream, ws.append writes a row
            before the next is made, so the column reuses one cell instead of making and
            styling one per row; rows held back until the widths are known get their own."""
            shared = make(ws)
            shared._style = copy(self._styles[style])

            def cell(value):
                if self._buffer is not None:
                    own = make(ws, value)
                    own._style = copy(shared._style)
                    return own
                shared.value = value
                return shared
            return cell

        if kind == "date" or kind == "datetime":
            dated = styled(kind)
            return lambda value: None if value is None or value == "" else dated(value)
        if kind == "link":
            return lambda value: value or None  # a formula the app built (never user text): see link_formula()
        wrap = kind == "long"
        wrapped = styled("long") if wrap else None

        def text_or_value(value):
            if value.__class__ is not str:
                return None if value == "" else value
            if not value:
                return None
            if len(value) > CELL_MAX_CHARS:
                self.truncated_cells += 1
            cell = text_value(ws, value)
            if wrap and wraps(value):
                if cell.__class__ is str:
                    cell = wrapped(cell)  # not formula-like (see text_value): a string cell
                else:
                    cell.alignment = self._wrap  # rare: a long text starting like a formula
            return cell
        return text_or_value

    def _width_of(self, kind: str, value) -> int:
        if value is None:
            return 0
        if kind == "date":
            return 16
        if kind == "datetime":
            return 22
        if kind == "link":
            return 10
        if isinstance(value, str):
            return max(display_width(line) for line in value.splitlines() or [""])
        return len(str(value))

    # -- rows -------------------------------------------------------------------------

    def add(self, values: Sequence) -> None:
        kinds = self._kinds
        if self._buffer is not None:
            for i, v in enumerate(values):
                w = self._width_of(kinds[i], v) + 2
                if w > self._widths[i]:
                    self._widths[i] = w
        row = [convert(v) for convert, v in zip(self._converters, values)]
        self.rows += 1
        self._row_no += 1
        if self._long and any(wraps(values[i]) for i in self._long):
            # a row of several lines: every cell at its top, so a title stays beside the
            # first line of its 内容 rather than sinking to the row's foot
            topped = self._topped
            row = [topped(i, cell) for i, cell in enumerate(row)]
            if self._buffer is None:
                self._size_row(self._row_no, values)
            else:
                self._tall.append((self._row_no, values))
        if self._buffer is not None:
            self._buffer.append(row)
            if len(self._buffer) >= self.SAMPLE_ROWS:
                self._start()
        else:
            self.ws.append(row)

    def _topped(self, i: int, cell):
        """``cell`` of column ``i`` (a value or a styled cell, maybe a column's shared one) as a
        cell aligned to the top, its style otherwise kept. Like the columns' styled cells, once
        rows stream each column reuses one cell, since a row is written before the next is made."""
        if cell is None:
            return None
        own = self._top_cells[i] if self._buffer is None else self._WriteOnlyCell(self.ws)
        if hasattr(cell, "_style"):  # a styled cell (openpyxl's WriteOnlyCell makes a Cell)
            own._style = copy(cell._style)
            own._value, own.data_type = cell._value, cell.data_type
            if own._style.alignmentId != self._wrap_id:  # wrapped text is at the top already
                own._style.alignmentId = self._top_id
        else:
            own._style = copy(self._styles["top"])
            own.value = cell
        return own

    def add_raw(self, row: Sequence) -> None:
        """A row of ready cells (headers of a sub-table, formulas the app built)."""
        self._row_no += 1
        if self._buffer is not None:
            self._buffer.append(list(row))
        else:
            self.ws.append(list(row))

    def _start(self) -> None:
        from openpyxl.utils import get_column_letter  # start-up: openpyxl loads on first use

        ws = self.ws
        widths = [min(max(self._widths[i], col.min_width), col.max_width) for i, col in enumerate(self.columns)]
        self._final_widths = widths
        for row_no, values in self._tall:
            self._size_row(row_no, values)
        self._tall = []
        for i, col in enumerate(self.columns, 1):
            dim = ws.column_dimensions[get_column_letter(i)]
            dim.width = widths[i - 1]
            if col.hidden:
                dim.hidden = True
        ws.freeze_panes = "A2"
        setup_print(ws, self.landscape, width=sum(widths[:self.printed_columns]))
        ws.append([c.header for c in self.columns])
        buffered, self._buffer = self._buffer, None
        assert buffered is not None  # started once, while still buffering
        for row in buffered:
            ws.append(row)

    def _size_row(self, row_no: int, values: Sequence) -> None:
        """A row whose long text wraps gets the height of its lines: Excel does not grow a row
        it opens, and LibreOffice's print of an unsized row shows one line of it."""
        lines = max((wrapped_lines(values[i], self._final_widths[i]) for i in self._long
                     if wraps(values[i])), default=1)
        if lines > 1:
            self.ws.row_dimensions[row_no].height = min(MAX_ROW_POINTS, lines * LINE_POINTS)

    def close(self) -> None:
        """Finish the sheet: the table over everything written, validations, formats."""
        from openpyxl.utils import get_column_letter  # start-up: openpyxl loads on first use
        from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
        from openpyxl.worksheet.filters import AutoFilter

        if self._buffer is not None:
            self._start()
        last_row = self.rows + 1
        if self.rows == 0:
            self.ws.append([None] * len(self.columns))  # a table needs a data row
            last_row = 2
        if self.printed_columns:
            self.ws.print_area = f"A1:{get_column_letter(self.printed_columns)}{last_row}"
        if self.table_name:
            ref = f"A1:{get_column_letter(len(self.columns))}{last_row}"
            table = Table(displayName=self.table_name, ref=ref)
            # write-only sheets cannot be read back, so the columns are named here
            table.tableColumns = [TableColumn(id=i, name=c.header) for i, c in enumerate(self.columns, 1)]
            table.autoFilter = AutoFilter(ref=ref)
            table.tableStyleInfo = TableStyleInfo(name=self.table_style, showRowStripes=True)
            add_table(self.ws, table)
        for dv in self.validations:
            self.ws.data_validations.append(dv)
        for ref, rule in self.conditional:
            self.ws.conditional_formatting.add(ref, rule)

    @property
    def printed_columns(self) -> int:
        """How many columns, from A, the print area holds: those up to the first not printed."""
        return next((i for i, c in enumerate(self.columns) if not c.printed), len(self.columns))

    def column_letter(self, key: str) -> str:
        from openpyxl.utils import get_column_letter  # start-up: openpyxl loads on first use

        return get_column_letter([c.key for c in self.columns].index(key) + 1)


def text_value(ws, value: str):
    """A string as a cell value that Excel and LibreOffice show literally, never evaluate."""
    if value and value[0] not in _FORMULA_STARTS and len(value) <= CELL_MAX_CHARS and value not in _ERROR_TEXTS and (
            # printable text (no control character, no U+FFFE/FFFF) without "_x" has nothing to
            # escape: str.isprintable is a quarter of the regex's cost (it is False for some
            # harmless characters too, such as U+3000: those take the regex)
            value.isprintable() and "_x" not in value or not _ESCAPE_RE.search(value)):
        return value  # the common case, checked once
    escaped = to_cell_text(truncated(value))
    if not needs_quote_prefix(value):
        return escaped
    from openpyxl.cell import WriteOnlyCell  # start-up: openpyxl loads on first use

    cell = WriteOnlyCell(ws)
    cell.value = escaped
    cell.data_type = "s"  # never a formula or an error value, whatever it says
    cell.quotePrefix = True  # and still text after someone edits it in Excel
    return cell


#: The font every cell is set in: 游ゴシック, with the charset (128, Shift_JIS) and family
#: (3, modern) that let Excel and LibreOffice substitute another Japanese font where 游ゴシック is
#: not installed, rather than a Latin one.
FONT_NAME, FONT_POINTS = "游ゴシック", 11
#: On paper no text is smaller than this (the cell font times the print scale).
PRINT_MIN_POINTS = 9
#: Width of A4 inside the margins below, in column-width units at 100 %: one unit is about
#: 7 pt (widths count the font's digit width; measured through LibreOffice's substitute font).
_PAGE_UNITS = {True: 108, False: 74}


#: The height of a line of FONT_POINTS text in a row (Excel's default row for 11 pt 游ゴシック),
#: and the tallest row Excel allows.
LINE_POINTS, MAX_ROW_POINTS = 18.75, 409


def wraps(value) -> bool:
    """A long column's text that is written wrapped: more than a short phrase, or several lines."""
    return isinstance(value, str) and (len(value) > 30 or "\n" in value)


def wrapped_lines(text: str, width: float) -> int:
    """The lines ``text`` takes wrapped in a column ``width`` units wide (a unit holds about one
    half-width character; one is left for the cell's padding)."""
    per_line = max(1, int(width) - 1)
    return sum(max(1, math.ceil(display_width(line) / per_line)) for line in text.splitlines() or [""])


def setup_workbook_font(wb) -> None:
    """Make 游ゴシック the workbook's default font (before any cell is written)."""
    from openpyxl.styles import Font  # start-up: openpyxl loads on first use
    from openpyxl.utils.indexed_list import IndexedList

    font = Font(name=FONT_NAME, size=FONT_POINTS, family=3, charset=128, scheme=None)
    wb._fonts = IndexedList([font])
    wb._named_styles["Normal"].font = font


def setup_print(ws, landscape: bool = True, title_rows: bool = True, width: float | None = None) -> None:
    """A4, sheet name on top, page numbers below; fitted to the page width when that keeps
    the text at PRINT_MIN_POINTS or more. A print area ``width`` units wide that would not
    is printed at that size instead, its further columns on the next pages across, with the
    first column repeated on them (the row's name)."""
    from openpyxl.worksheet.page import PageMargins  # start-up: openpyxl loads on first use

    setup = ws.page_setup
    setup.paperSize = 9  # A4 (ECMA-376 ST_PaperSize)
    setup.orientation = "landscape" if landscape else "portrait"
    smallest = PRINT_MIN_POINTS / FONT_POINTS
    if width is None or width * smallest <= _PAGE_UNITS[landscape]:
        setup.fitToWidth = 1
        setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        setup.scale = math.ceil(smallest * 100) + 1  # LibreOffice rounds the size down
        setup.pageOrder = "overThenDown"
        ws.print_title_cols = "A:A"
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    if title_rows:
        ws.print_title_rows = "1:1"
    ws.HeaderFooter.oddHeader.left.text = "&A"
    ws.HeaderFooter.oddFooter.center.text = "&P / &N"


def add_table(ws, table) -> None:
    """``ws.add_table`` for a table whose columns are already named."""
    with warnings.catch_warnings():
        # openpyxl warns on every write-only table; ours name their columns themselves
        warnings.filterwarnings("ignore", "In write-only mode you must add table columns manually")
        ws.add_table(table)


def link_formula(sheet: str, row: int, label: str) -> str:
    """A HYPERLINK formula to a row of another sheet of this workbook.

    ``label`` is app text, never user text. Formulas (unlike cell hyperlinks, which openpyxl
    keeps in memory until the sheet is finished) cost nothing per row when streaming.
    """
    return f'=HYPERLINK("#\'{sheet}\'!A{row}","{label}")'
