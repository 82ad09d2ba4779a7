"""Checks on a workbook someone sent us, before any XML parser sees it (DESIGN.md §8).

An .xlsx file is a zip of XML parts, and either layer can be made to exhaust a machine: a
zip bomb, a billion-laughs entity expansion, a sheet declaring (or holding) a million rows.
:func:`scan_workbook` looks at the zip directory (size, member count, total uncompressed
size, compression ratio), refuses any DTD, finds each sheet's part through the workbook's
relationships (parsed with defusedxml) and counts its rows by streaming the decompressed
bytes — so the parser that follows only ever runs on a file whose size is known to be sane.
Every rejection is a :class:`BadWorkbook` with a message a person can act on.
"""

from __future__ import annotations

import posixpath
import re
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 1000
MAX_UNCOMPRESSED = 384 * 1024 * 1024
MAX_PART = 256 * 1024 * 1024  # one XML part, decompressed (100k rows of long text fit)
MAX_RATIO = 200  # zip bombs compress far better than any real sheet
MAX_ROWS = 100_000  # data rows per imported sheet
MAX_SECONDS = 120.0

_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row(?=[\s/>])([^>]*)>")
_ROW_NUMBER = re.compile(rb"\sr\s*=\s*[\"'](\d{1,9})[\"']")
_DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension\s[^>]*ref\s*=\s*[\"']([A-Z]{0,3}\d{0,7})(?::([A-Z]{1,3})(\d{1,7}))?[\"']")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class BadWorkbook(UserError):
    """A workbook we will not read, and why."""


@dataclass
class SheetScan:
    name: str
    part: str
    rows: int = 0  # <row> elements
    last_row: int = 0  # the highest row number
    declared_rows: int | None = None  # what <dimension> claims


@dataclass
class WorkbookScan:
    path: Path
    sheets: dict[str, SheetScan] = field(default_factory=dict)  # every sheet, by name; scanned ones counted


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
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                with zf.open(info) as fh:
                    if _DTD.search(fh.read(4096)):
                        raise BadWorkbook(
                            "ファイルに許可されていない XML の宣言（DTD・実体）が含まれています。"
                            "Excel で開いて保存し直したファイルを使ってください。",
                            "The file contains an XML DTD or entity declaration, which is not allowed.",
                        )
        scan = WorkbookScan(path, _sheet_parts(zf, names))
        for name in sheets_to_count:
            sheet = scan.sheets.get(name)
            if sheet is not None:
                _count_rows(zf, names[sheet.part], sheet, max_rows, deadline)
    return scan


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


def _parse_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo):
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    if info.file_size > 8 * 1024 * 1024:
        raise BadWorkbook(f"ブックの構成（{info.filename}）が大きすぎます。", f"{info.filename} is too large.")
    try:
        return fromstring(zf.read(info))
    except (ParseError, DefusedXmlException, ValueError):
        raise BadWorkbook(f"ブックの構成（{info.filename}）が壊れています。",
                          f"{info.filename} is not valid XML.") from None


def _sheet_parts(zf: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo]) -> dict[str, SheetScan]:
    """Sheet name -> the zip member holding it, from workbook.xml and its relationships."""
    book = _parse_small(zf, names["xl/workbook.xml"])
    rels_info = names.get("xl/_rels/workbook.xml.rels")
    if rels_info is None:
        raise _not_xlsx(Path(zf.filename or ""))
    targets = {}
    for rel in _parse_small(zf, rels_info).iter(f"{{{_PKG_REL_NS}}}Relationship"):
        target = rel.get("Target", "")
        target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        targets[rel.get("Id")] = target
    out = {}
    for sheet in book.iter(f"{{{_MAIN_NS}}}sheet"):
        part = targets.get(sheet.get(f"{{{_REL_NS}}}id"))
        if part in names:
            out[sheet.get("name", "")] = SheetScan(sheet.get("name", ""), part)
    return out


def _too_many(sheet: SheetScan, max_rows: int) -> BadWorkbook:
    return BadWorkbook(
        f"シート「{sheet.name}」の行が多すぎます（上限 {max_rows:,} 行）。いくつかのファイルに分けてください。",
        f"Sheet {sheet.name} has too many rows (the limit is {max_rows}).",
    )


def _count_rows(zf: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: SheetScan, max_rows: int,
                deadline: Deadline) -> None:
    """Count ``<row>`` elements and the highest row number by streaming the part's bytes."""
    limit = max_rows + 1  # plus the header row
    tail = b""
    first = True
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(1024 * 1024)
            if not chunk:
                break
            deadline.check()
            buf = tail + chunk
            cut = buf.rfind(b"<")
            if cut < 0:
                cut = len(buf)
            body, tail = buf[:cut], buf[cut:]
            if len(tail) > 1024 * 1024:
                raise BadWorkbook(f"シート「{sheet.name}」が壊れています。", f"Sheet {sheet.name} is malformed.")
            if first:
                dim = _DIMENSION.search(body)
                if dim and dim.group(3):
                    sheet.declared_rows = int(dim.group(3))
                    if sheet.declared_rows > limit:
                        raise _too_many(sheet, max_rows)
                first = False
            for m in _ROW.finditer(body):
                sheet.rows += 1
                number = _ROW_NUMBER.search(m.group(1))
                sheet.last_row = int(number.group(1)) if number else sheet.last_row + 1
                if sheet.rows > limit or sheet.last_row > limit:
                    raise _too_many(sheet, max_rows)
    for m in _ROW.finditer(tail):
        sheet.rows += 1
        number = _ROW_NUMBER.search(m.group(1))
        sheet.last_row = int(number.group(1)) if number else sheet.last_row + 1
    if sheet.rows > limit or sheet.last_row > limit:
        raise _too_many(sheet, max_rows)
