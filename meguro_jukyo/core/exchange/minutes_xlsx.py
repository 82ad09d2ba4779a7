"""The minutes as one print-ready Excel sheet (A4 portrait), the same content as the PDF.

Layout: the heading on top, then for each section a shaded row with its title in column A
(merged across the sheet), then its rows with the label in column B and the text in column C.
Signature rows get a tall row with a line to sign on. Everything a user typed is written as a
string cell, never as a formula, whatever it starts with. :func:`read_minutes_xlsx` reads the
sections back (the tests use it to check the sheet says what the minutes say).
"""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path

from ..files import atomic_path
from .minutes import SIGNATURES, Report

SHEET_TITLE = "議事録"
WIDTHS = {"A": 4, "B": 16, "C": 66}  # in Excel's character units (a full-width char is ~2)
FONT_NAME = "游ゴシック"
FONT_SIZE = 11
LINE_HEIGHT = 16  # points per line of 11-point Japanese text
_FORMULA_STARTS = frozenset("=+-@＝＋－＠\t\r\n ")
_ILLEGAL = {c: None for c in range(0x20) if c not in (9, 10)}


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text)


def _lines(text: str, columns: float) -> int:
    """Lines ``text`` wraps to in a column ``columns`` wide (Excel does not size rows itself)."""
    return sum(max(1, math.ceil(_width(line) / columns)) for line in (text.splitlines() or [""]))


def _text(cell, value: str) -> None:
    value = value.translate(_ILLEGAL)
    cell.value = value
    cell.data_type = "s"  # never a formula
    if value and value[0] in _FORMULA_STARTS:
        cell.quotePrefix = True


def write_minutes_xlsx(minutes: Report, dest: str | Path, *, sheet_title: str = SHEET_TITLE) -> Path:
    """The sheet; any report of the same shape (heading, sections()) prints the same way."""
    from openpyxl import Workbook  # start-up: openpyxl loads on first use
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.page import PageMargins

    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title
    for col, width in WIDTHS.items():
        ws.column_dimensions[col].width = width
    base = Font(name=FONT_NAME, size=FONT_SIZE)
    bold = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
    top = Alignment(wrap_text=True, vertical="top")
    thin = Side(style="thin", color="999999")
    line = Side(style="medium", color="000000")
    shade = PatternFill("solid", fgColor="E8EEF4")

    _text(ws["A1"], minutes.heading)
    ws["A1"].font = Font(name=FONT_NAME, size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.merge_cells("A1:C1")
    ws.row_dimensions[1].height = 32 * _lines(minutes.heading, sum(WIDTHS.values()) / 1.5)
    row = 3
    for title, rows in minutes.sections():
        cell = ws.cell(row=row, column=1)
        _text(cell, title)
        cell.font = bold
        cell.fill = shade
        cell.alignment = Alignment(vertical="center")
        ws.merge_cells(start_row=row, end_row=row, start_column=1, end_column=3)
        ws.row_dimensions[row].height = LINE_HEIGHT + 6
        row += 1
        for label, text in rows:
            lab, val = ws.cell(row=row, column=2), ws.cell(row=row, column=3)
            if label:
                _text(lab, label)
            if text:
                _text(val, text)
            lab.font, val.font = bold, base
            lab.alignment, val.alignment = top, top
            lab.border = Border(bottom=thin)
            if title == SIGNATURES and label:
                val.border = Border(bottom=line)
                ws.row_dimensions[row].height = 40
            else:
                val.border = Border(bottom=thin)
                lines = max(_lines(text, WIDTHS["C"] - 2), _lines(label, WIDTHS["B"] - 2))
                ws.row_dimensions[row].height = LINE_HEIGHT * lines + 4
            row += 1
        row += 1  # a blank row between sections

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(left=0.6, right=0.6, top=0.7, bottom=0.7, header=0.3, footer=0.3)
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "&P / &N"
    ws.print_area = f"A1:C{row}"
    with atomic_path(dest) as tmp:
        wb.save(tmp)
    return Path(dest)


def read_minutes_xlsx(path: str | Path, *, sheet_title: str = SHEET_TITLE) -> tuple[str, list[tuple[str, list[tuple[str, str]]]]]:
    """(heading, sections) as written by :func:`write_minutes_xlsx`."""
    from openpyxl import load_workbook  # start-up: openpyxl loads on first use

    wb = load_workbook(path, read_only=True)
    try:
        ws = wb[sheet_title]
        rows = list(ws.iter_rows(values_only=True))
    finally:
        wb.close()
    heading = rows[0][0]
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    for a, b, c, *_ in rows[1:]:
        if a is not None:
            sections.append((a, []))
        elif b is not None or c is not None:
            sections[-1][1].append((b or "", c or ""))
    return heading, sections
