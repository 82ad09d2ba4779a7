"""The streaming sheet reader: values typed as the import takes them, rows as they stand in
the file, and its own guards (a DTD, an oversize shared-strings table) even when the scan
before it was passed by."""

import datetime as dt
import zipfile

import openpyxl
import pytest
from xlsx_helpers import header_row, inline, write_raw_xlsx

from meguro_jukyo.core.exchange import untrusted
from meguro_jukyo.core.exchange.untrusted import BadWorkbook, Deadline, scan_workbook
from meguro_jukyo.core.exchange.xlsx_reader import NO_VALUE, CellError, open_workbook

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _rows(path, sheet="地域課題", *, max_columns=100, scan=None) -> dict[int, list]:
    scan = scan or scan_workbook(path, sheets_to_count=(sheet,))
    with open_workbook(scan, Deadline(60)) as book:
        return dict(book.rows(sheet, max_columns=max_columns))


def _shared(*items: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}">' + "".join(items) + "</sst>"


def test_cells_come_typed_as_excel_shows_them(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "地域課題"
    ws.append([1, 2.5, dt.date(2025, 4, 1), dt.datetime(2025, 4, 1, 10, 30), dt.time(10, 30), True, False,
               "文字", "=1+1", -3])
    ws["A2"] = 45000
    ws["A2"].number_format = '[$-ja-JP]ggge"年"m"月"d"日"'  # 和暦, as Japanese Excel writes it
    ws["B2"] = 45000
    ws["B2"].number_format = '"m"0'  # a letter in quotes is no date
    ws["C2"] = 1.5
    ws["C2"].number_format = "[h]:mm"  # elapsed time
    ws["D2"] = 45000
    ws["D2"].number_format = "0.00"
    ws["E2"] = "#N/A"
    ws["E2"].data_type = "e"
    path = tmp_path / "types.xlsx"
    wb.save(path)
    rows = _rows(path)
    assert rows[1] == [1.0, 2.5, dt.date(2025, 4, 1), dt.datetime(2025, 4, 1, 10, 30), dt.time(10, 30), True, False,
                       "文字", NO_VALUE, -3.0]
    assert [type(v) for v in rows[1][:2]] == [float, float]
    assert rows[2] == [dt.date(2023, 3, 15), 45000.0, dt.timedelta(hours=36), 45000.0, CellError("#N/A")]


def test_rows_keep_their_numbers_and_cells_their_columns(tmp_path):
    """Rows with nothing in them are not yielded; gaps and the rest of a merged range are None;
    a row holds values up to its last cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "地域課題"
    ws["A1"], ws["C1"] = "課題名", "組織"
    ws["B4"], ws["E4"] = "街灯", "駒場町会"
    ws["A6"] = "合わせたセル"
    ws.merge_cells("A6:C7")
    ws["D9"].font = openpyxl.styles.Font(bold=True)  # a styled, empty cell
    path = tmp_path / "sparse.xlsx"
    wb.save(path)
    rows = _rows(path)
    assert rows == {1: ["課題名", None, "組織"], 4: [None, "街灯", None, None, "駒場町会"], 6: ["合わせたセル"]}


def test_cells_without_references_follow_the_one_before(tmp_path):
    path = tmp_path / "implicit.xlsx"
    write_raw_xlsx(path, [header_row(), '<row><c t="inlineStr"><is><t>a</t></is></c><c r="D2"><v>4</v></c>'
                                        '<c t="b"><v>1</v></c><c t="b"><v>TRUE</v></c><c t="b"><v>0</v></c></row>'])
    assert _rows(path)[2] == ["a", None, None, 4.0, True, True, False]


def test_inline_and_shared_strings_read_as_shown(tmp_path):
    """Runs of rich text are joined; the furigana Japanese Excel keeps (rPh) is left out; a
    carriage return written as _x000D_ comes back."""
    strings = _shared("<si><t>駒場町会</t></si>",
                      "<si><r><t>街灯が</t></r><r><rPr><b/></rPr><t>暗い</t></r></si>",
                      "<si><t>目黒</t><rPh sb=\"0\" eb=\"2\"><t>メグロ</t></rPh><phoneticPr fontId=\"1\"/></si>",
                      "<si><t xml:space=\"preserve\"> 一行目_x000D_\n二行目 </t></si>")
    row = ('<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>2</v></c>'
           '<c r="D2" t="s"><v>3</v></c><c r="E2" t="inlineStr"><is><r><t>防</t></r><r><t>犯</t></r>'
           '<rPh sb="0" eb="1"><t>ボウ</t></rPh></is></c><c r="F2" t="str"><f>A2</f><v>a_x000D_b</v></c></row>')
    path = tmp_path / "strings.xlsx"
    write_raw_xlsx(path, [header_row(), row], extra={"xl/sharedStrings.xml": strings})
    assert _rows(path)[2] == ["街灯が暗い", "駒場町会", "目黒", " 一行目\r\n二行目 ", "防犯", "a\rb"]


def test_dates_of_a_1904_workbook(tmp_path):
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    path = tmp_path / "mac.xlsx"
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "地域課題"
    ws["A1"] = dt.datetime(2025, 4, 1, 12)
    ws["B1"] = dt.date(2025, 4, 1)
    wb.save(path)
    assert b'date1904="1"' in zipfile.ZipFile(path).read("xl/workbook.xml")
    assert _rows(path) == {1: [dt.datetime(2025, 4, 1, 12), dt.date(2025, 4, 1)]}


def test_cells_right_of_the_columns_asked_for_are_not_read(tmp_path):
    path = tmp_path / "far.xlsx"
    write_raw_xlsx(path, [header_row(), f'<row r="2">{inline("A2", "x")}{inline("XFD2", "far")}</row>'])
    assert _rows(path, max_columns=2) == {1: ["課題名", "組織"], 2: ["x"]}  # not 16,384 values


def test_rows_stream_one_at_a_time(tmp_path):
    """The first row is read without parsing the rest: the broken end of the sheet is not reached."""
    path = tmp_path / "stream.xlsx"
    rows = [header_row(), *(f'<row r="{i}">{inline(f"A{i}", "x" * 200)}</row>' for i in range(2, 20_000))]
    write_raw_xlsx(path, [*rows, '<row r="20000"><c r="A20000" t="inlineStr"><is><t>unclosed</is></c></row>'])
    scan = scan_workbook(path, sheets_to_count=())
    with open_workbook(scan, Deadline(60)) as book:
        first = next(book.rows("地域課題", max_columns=10))
        assert first == (1, ["課題名", "組織"])
        with pytest.raises(BadWorkbook, match="壊れて"):
            for _ in book.rows("地域課題", max_columns=10):
                pass


def test_the_reader_bounds_the_shared_strings_itself(tmp_path, monkeypatch):
    """Should the scan be passed by (or the file change after it), a shared-strings table
    over the bounds is refused as it is read, not held."""
    path = tmp_path / "strings.xlsx"
    write_raw_xlsx(path, [header_row()], extra={"xl/sharedStrings.xml": _shared(*(f"<si><t>{i}</t></si>" for i in range(5)))})
    scan = scan_workbook(path, sheets_to_count=("地域課題",))
    monkeypatch.setattr(untrusted, "MAX_SHARED_STRINGS", 4)
    with pytest.raises(BadWorkbook, match="文字列が多すぎます"):
        open_workbook(scan, Deadline(60))
    monkeypatch.setattr(untrusted, "MAX_SHARED_STRINGS", 5)
    monkeypatch.setattr(untrusted, "MAX_SHARED_CHARS", 4)
    with pytest.raises(BadWorkbook, match="文字列が多すぎます"):
        open_workbook(scan, Deadline(60))
    monkeypatch.setattr(untrusted, "MAX_SHARED_CHARS", 5)
    open_workbook(scan, Deadline(60)).close()  # exactly at both bounds


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"])
def test_a_dtd_put_in_after_the_scan_is_refused_by_the_reader(tmp_path, part):
    """defusedxml guards the parse on its own: a file swapped after it was scanned still
    cannot expand an entity or read a file."""
    path = tmp_path / "swapped.xlsx"
    row = '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'
    write_raw_xlsx(path, [header_row(), row], extra={"xl/sharedStrings.xml": _shared("<si><t>課題</t></si>")})
    scan = scan_workbook(path, sheets_to_count=("地域課題",))
    if part == "xl/sharedStrings.xml":
        hostile = f'<?xml version="1.0" encoding="UTF-8"?>{XXE}<sst xmlns="{_MAIN}"><si><t>&xxe;</t></si></sst>'
        write_raw_xlsx(path, [header_row(), row], extra={part: hostile})
    else:
        write_raw_xlsx(path, [header_row(), f'<row r="2">{inline("A2", "&xxe;")}</row>'], doctype=XXE,
                       extra={"xl/sharedStrings.xml": _shared("<si><t>課題</t></si>")})
    with pytest.raises(BadWorkbook, match="DTD"):
        _rows(path, scan=scan)


def test_an_undeclared_entity_is_a_broken_sheet(tmp_path):
    path = tmp_path / "entity.xlsx"
    write_raw_xlsx(path, [header_row(), f'<row r="2">{inline("A2", "&lol9;")}</row>'])
    scan = scan_workbook(path, sheets_to_count=())
    with pytest.raises(BadWorkbook, match="壊れて"):
        _rows(path, scan=scan)


@pytest.mark.parametrize("row", [
    '<row r="2"><c r="A2" t="s"><v>7</v></c></row>',  # no such shared string
    '<row r="2"><c r="A2"><v>twelve</v></c></row>',  # not a number
    '<row r="2"><c r="A3"><v>1</v></c></row>',  # a cell naming another row
    '<row r="x"><c><v>1</v></c></row>',
    '<row r="2"><c r="A2"><row r="3"></row><v>1</v></c></row>',  # a row closed inside its own cell
])
def test_a_cell_that_cannot_be_read_is_a_broken_sheet(tmp_path, row):
    path = tmp_path / "bad.xlsx"
    write_raw_xlsx(path, [header_row(), row])
    with pytest.raises(BadWorkbook, match="壊れて"):
        _rows(path, scan=scan_workbook(path, sheets_to_count=()))

