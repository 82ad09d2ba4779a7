"""Workbooks made to hurt: each is refused with a message a person can act on; the store stays as it was.

The files are written straight from XML text (a million rows would take minutes row by row
through openpyxl). Rejections come from counting before parsing, so they cost time and
memory in proportion to the file's bounded size, never to what it claims to contain.
"""

import random
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xlsx_helpers import dump, header_row, inline, write_raw_xlsx

from meguro_jukyo.core.errors import UserError
from meguro_jukyo.core.exchange import untrusted
from meguro_jukyo.core.exchange.untrusted import BadWorkbook
from meguro_jukyo.core.exchange.xlsx_import import import_workbook
from meguro_jukyo.core.exchange.xlsx_reader import CellError, open_workbook

LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    '<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
)


@pytest.fixture
def untouched(store, services):
    """Asserts after the test that nothing in the store changed."""
    services.organizations.create({"kind": "association", "name": "駒場町会", "jukyo_code": "komaba"})
    before = dump(store)
    yield
    assert dump(store) == before


def _refused(services, path, *words) -> str:
    with pytest.raises(UserError) as exc:
        import_workbook(services, path)
    for word in words:
        assert word in exc.value.ja
    assert "\n" not in exc.value.ja
    return exc.value.ja


def test_billion_laughs_is_refused_before_parsing(services, untouched, tmp_path):
    path = tmp_path / "laughs.xlsx"
    row = f'<row r="2">{inline("A2", "&lol9;")}{inline("B2", "駒場町会")}</row>'
    write_raw_xlsx(path, [header_row(), row], doctype=LAUGHS)
    _refused(services, path, "DTD")


def _rewrite(path, member, change) -> None:
    """Rewrite one member of a zip through ``change(bytes) -> bytes``."""
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members[member] = change(members[member])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)


XXE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LONG_COMMENT = "<!--" + "x" * 6000 + "-->"


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
                                  "docProps/custom.xml", "xl/_rels/workbook.xml.rels"])
def test_a_dtd_far_down_any_part_is_refused_by_the_scan(services, untouched, tmp_path, part):
    path = tmp_path / "xxe.xlsx"
    body = f'<?xml version="1.0" encoding="UTF-8"?>{LONG_COMMENT}{XXE}<root>&xxe;</root>'
    row = f'<row r="2">{inline("A2", "課題")}{inline("B2", "駒場町会")}</row>'
    if part == "xl/worksheets/sheet1.xml":
        write_raw_xlsx(path, [header_row(), row], doctype=LONG_COMMENT + XXE)
    elif part == "xl/_rels/workbook.xml.rels":  # the helper writes its own rels: rebuild the zip around it
        write_raw_xlsx(path, [header_row(), row])
        _rewrite(path, part, lambda xml: xml.replace(b"?>", b"?>" + (LONG_COMMENT + XXE).encode(), 1))
    else:
        write_raw_xlsx(path, [header_row(), row], extra={part: body})
    with pytest.raises(BadWorkbook) as exc:  # the scan's own refusal, not a parser's failure
        untrusted.scan_workbook(path, sheets_to_count=("地域課題",))
    assert "DTD" in exc.value.ja
    _refused(services, path, "DTD")


def test_a_declaration_split_across_two_read_chunks_is_found(tmp_path):
    path = tmp_path / "split.xlsx"
    pad = random.Random(17).randbytes(1024 * 1024).hex()[:1024 * 1024 - len('<?xml version="1.0" encoding="UTF-8"?><!--') - 4]
    write_raw_xlsx(path, [header_row()], doctype=f"<!--{pad}-->{XXE}")
    with zipfile.ZipFile(path) as z:
        assert z.read("xl/worksheets/sheet1.xml").index(b"<!DOCTYPE") < 1024 * 1024 < \
            z.read("xl/worksheets/sheet1.xml").index(b"<!DOCTYPE") + len("<!DOCTYPE")
    with pytest.raises(BadWorkbook, match="DTD"):
        untrusted.scan_workbook(path, sheets_to_count=("地域課題",))


def test_a_utf16_part_is_refused_because_the_check_could_not_see_into_it(services, untouched, tmp_path):
    path = tmp_path / "utf16.xlsx"
    body = '<?xml version="1.0" encoding="UTF-16"?>' + XXE + "<sst/>"
    write_raw_xlsx(path, [header_row()], extra={"xl/sharedStrings.xml": "\ufeff".encode("utf-16-le") + body.encode("utf-16-le")})
    _refused(services, path, "UTF-8")


def test_a_picture_with_a_doctype_is_not_read_as_xml_and_does_not_block_the_import(services, tmp_path):
    services.organizations.create({"kind": "association", "name": "駒場町会", "jukyo_code": "komaba"})
    path = tmp_path / "svg.xlsx"
    svg = '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg/>'
    write_raw_xlsx(path, [header_row(), f'<row r="2">{inline("A2", "課題")}{inline("B2", "駒場町会")}</row>'],
                   extra={"xl/media/image1.svg": svg})
    untrusted.scan_workbook(path, sheets_to_count=("地域課題",))


def _shared_strings(strings) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + "".join(f"<si><t>{t}</t></si>" for t in strings) + "</sst>")


@pytest.mark.parametrize("limit, strings", [
    ("MAX_SHARED_STRINGS", [f"課題{i}" for i in range(1001)]),  # too many strings
    ("MAX_SHARED_CHARS", ["駒場町会の街灯" * 100] * 2),  # too much text, in few strings
])
def test_an_oversize_shared_strings_table_is_refused_before_the_reader_reads_it(
        services, untouched, tmp_path, monkeypatch, limit, strings):
    monkeypatch.setattr(untrusted, limit, 1000)  # a real one is tens of MB; the measure is the same
    monkeypatch.setattr("meguro_jukyo.core.exchange.xlsx_import.open_workbook",
                        lambda *a: pytest.fail("the reader opened the workbook"))
    path = tmp_path / "strings.xlsx"
    row = '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row>'
    write_raw_xlsx(path, [header_row(), row], extra={"xl/sharedStrings.xml": _shared_strings(strings)})
    message = _refused(services, path, "文字列が多すぎます", "1,000")
    assert "分けて" in message


def test_a_shared_strings_table_within_the_bounds_is_read(services, tmp_path, monkeypatch):
    monkeypatch.setattr(untrusted, "MAX_SHARED_STRINGS", 2)
    monkeypatch.setattr(untrusted, "MAX_SHARED_CHARS", len("課題駒場町会"))  # exactly at the limits
    path = tmp_path / "strings.xlsx"
    row = '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row>'
    write_raw_xlsx(path, [header_row(), row], extra={"xl/sharedStrings.xml": _shared_strings(["課題", "駒場町会"])})
    untrusted.scan_workbook(path, sheets_to_count=("地域課題",))


@pytest.mark.parametrize("name, extra, content_type", [
    ("book.xlsm", {}, ""),
    ("book.xlsx", {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 a VBA project"}, ""),
    ("book.xlsx", {"xl/VBAPROJECT.BIN": b"macro"}, ""),
    ("book.xlsx", {}, "application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
])
def test_a_workbook_with_macros_is_refused_with_the_reason(services, untouched, tmp_path, name, extra, content_type):
    path = tmp_path / name
    row = f'<row r="2">{inline("A2", "課題")}{inline("B2", "駒場町会")}</row>'
    write_raw_xlsx(path, [header_row(), row], extra=extra)
    if content_type:
        _rewrite(path, "[Content_Types].xml", lambda xml: xml.replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", content_type.encode()))
    _refused(services, path, "マクロ", ".xlsx")


def test_openpyxl_parses_with_defusedxml_as_a_second_guard():
    from defusedxml import EntitiesForbidden
    from openpyxl.xml.functions import fromstring

    assert openpyxl.DEFUSEDXML is True
    with pytest.raises(EntitiesForbidden):
        fromstring(LAUGHS + "<a>&lol9;</a>")


def test_a_huge_declared_dimension_is_refused(services, untouched, tmp_path):
    path = tmp_path / "dimension.xlsx"
    write_raw_xlsx(path, [header_row()], dimension='<dimension ref="A1:XFD1048576"/>')
    _refused(services, path, "行が多すぎます")


def test_two_far_apart_cells_are_refused_without_allocating_the_rectangle(services, untouched, tmp_path):
    path = tmp_path / "sparse.xlsx"
    write_raw_xlsx(path, [header_row(), f'<row r="1048576">{inline("XFD1048576", "x")}</row>'])
    _refused(services, path, "行が多すぎます")


def test_a_million_rows_are_refused(services, untouched, tmp_path):
    path = tmp_path / "million.xlsx"
    rows = (f'<row r="{i}">{inline(f"A{i}", f"課題{i * 7919 % 1_000_003}")}{inline(f"B{i}", "駒場町会")}</row>'
            for i in range(2, 1_000_002))
    write_raw_xlsx(path, [header_row(), *rows])
    assert path.stat().st_size < untrusted.MAX_FILE_BYTES  # it gets past the size check
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
        assert info.file_size / info.compress_size < untrusted.MAX_RATIO  # and past the ratio check
    _refused(services, path, "行が多すぎます", "100,000")


def test_wrong_headers_are_reported_and_nothing_is_written(services, untouched, tmp_path):
    path = tmp_path / "headers.xlsx"
    write_raw_xlsx(path, [header_row(("題名", "組織")), f'<row r="2">{inline("A2", "x")}{inline("B2", "駒場町会")}</row>'])
    report = import_workbook(services, path)
    assert not report.written
    assert [p.text() for p in report.errors] == ["地域課題 1行目: 必要な列「課題名」がありません（見出しは1行目に置いてください）。"]
    assert [p.text() for p in report.warnings] == ["地域課題 1行目 A列（題名）: この列は取り込みません。"]


def test_wrong_types_are_reported_by_cell(services, untouched, tmp_path):
    path = tmp_path / "types.xlsx"
    headers = ("課題名", "組織", "提起日", "優先度", "区への要望")
    row = ('<row r="2">' + inline("A2", "x") + inline("B2", "駒場町会") + '<c r="C2"><v>12.5</v></c>'
           + '<c r="D2"><v>7</v></c>' + inline("E2", "たぶん") + "</row>")
    write_raw_xlsx(path, [header_row(headers), row])
    report = import_workbook(services, path)
    assert not report.written
    assert [(p.column, p.header) for p in report.errors] == [("C", "提起日"), ("D", "優先度"), ("E", "区への要望")]


def test_an_error_cell_is_reported_not_read_as_empty(services, untouched, tmp_path):
    """A formula gone wrong (#N/A) shows no value: taken as empty, an update
    would empty the field. The reader knows the cell, and the import says where it is."""
    path = tmp_path / "error.xlsx"
    write_raw_xlsx(path, [header_row(), '<row r="2"><c r="A2" t="e"><v>#N/A</v></c>' + inline("B2", "駒場町会") + "</row>"])
    report = import_workbook(services, path)
    assert not report.written
    assert [p.text() for p in report.errors] == ["地域課題 2行目 A列（課題名）: エラー（#N/A など）になっています。値を入れ直してください。"]


def test_a_zip_that_is_not_a_workbook_is_refused(services, untouched, tmp_path):
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("photo.jpg", b"\xff\xd8\xff" + b"0" * 100)
    _refused(services, path, "Excel のブック（.xlsx）として読めません")


def test_a_file_that_is_not_a_zip_is_refused(services, untouched, tmp_path):
    path = tmp_path / "text.xlsx"
    path.write_text("課題名,組織\n街灯,駒場町会\n", encoding="utf-8")
    _refused(services, path, "Excel のブック（.xlsx）として読めません")
    old = tmp_path / "old.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    _refused(services, old, ".xls")


def test_a_zip_bomb_is_refused_from_its_directory(services, untouched, tmp_path):
    path = tmp_path / "bomb.xlsx"
    write_raw_xlsx(path, [header_row()])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        with z.open("xl/media/zeros.bin", "w", force_zip64=True) as fh:
            block = b"\0" * (1024 * 1024)
            for _ in range(64):
                fh.write(block)
    _refused(services, path, "展開すると大きすぎます")


def test_an_oversized_file_is_refused_before_it_is_opened(services, untouched, tmp_path, monkeypatch):
    path = tmp_path / "big.xlsx"
    write_raw_xlsx(path, [header_row()])
    monkeypatch.setattr(untrusted, "MAX_FILE_BYTES", path.stat().st_size - 1)
    _refused(services, path, "ファイルが大きすぎます")


def test_a_scan_that_runs_out_of_time_is_stopped(tmp_path):
    path = tmp_path / "slow.xlsx"
    write_raw_xlsx(path, [header_row(), *(f'<row r="{i}">{inline(f"A{i}", "x")}</row>' for i in range(2, 50_000))])
    with pytest.raises(BadWorkbook) as exc:
        untrusted.scan_workbook(path, sheets_to_count=("地域課題",), deadline=untrusted.Deadline(-1))
    assert "中止しました" in exc.value.ja


def test_a_sheet_with_broken_xml_gets_a_message(services, untouched, tmp_path):
    path = tmp_path / "broken.xlsx"
    write_raw_xlsx(path, [header_row(), '<row r="2"><c r="A2" t="inlineStr"><is><t>unclosed</is></c></row>'])
    _refused(services, path, "壊れている")


def test_a_sheet_too_wide_for_its_rows_is_refused(services, untouched, tmp_path):
    path = tmp_path / "wide.xlsx"
    write_raw_xlsx(path, [header_row(), f'<row r="60000">{inline("ZZ60000", "x")}</row>'])
    _refused(services, path, "範囲が広すぎます", "60,000 行 × 702 列")


def test_cells_without_references_are_measured_where_a_reader_puts_them(services, untouched, tmp_path):
    path = tmp_path / "implicit.xlsx"
    cells = '<c t="inlineStr"><is><t>z</t></is></c>' * 20_000  # one past the cell before: A, B, … ADPH
    write_raw_xlsx(path, [header_row(), f'<row r="200">{cells}</row>'])
    _refused(services, path, "範囲が広すぎます", "200 行 × 15,001 列")  # refused as it passes the bound


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_LETTERS = ("A", "B", "C", "Z", "AA", "AZ", "BC")


@st.composite
def _sheet_rows(draw):
    """Rows and cells as writers of all kinds spell them: references plain, missing, quoted
    otherwise, spaced, lower-case or given twice; tags with a namespace prefix; error cells."""
    rows = []
    for _ in range(draw(st.integers(0, 5))):
        number = draw(st.integers(1, 40))
        row_ref = draw(st.sampled_from(["", f' r="{number}"', f" r='{number}'", f' r = "{number}"']))
        cells = []
        for _ in range(draw(st.integers(0, 5))):
            ref = f"{draw(st.sampled_from(_LETTERS))}{draw(st.integers(1, 40))}"
            other = f"{draw(st.sampled_from(_LETTERS))}{draw(st.integers(1, 40))}"
            attrs = draw(st.sampled_from(["", f' r="{ref}"', f" r='{ref}'", f' r="{ref.lower()}"',
                                          f' r = "{ref}"', f' r="{ref}" r="{other}"', f' r="{ref}"\tr="{other}"']))
            if draw(st.booleans()):
                attrs += ' t="e"><v>#N/A</v>'
            else:
                attrs += "><v>1</v>"
            if draw(st.booleans()):
                cells.append(f'<x:c xmlns:x="{_MAIN}"' + attrs.replace("<v>", "<x:v>").replace("</v>", "</x:v>")
                             + "</x:c>")
            else:
                cells.append("<c" + attrs + "</c>")
        rows.append(f"<row{row_ref}>{''.join(cells)}</row>")
    return rows


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_sheet_rows())
def test_the_scan_never_measures_a_sheet_smaller_than_the_reader_reads_it(tmp_path, rows):
    """The scan's bound on a sheet's rectangle (A1 to the last cell) must hold for every cell
    the reader places, however the rows and cells are spelt (or the sheet is refused), and the
    error cells it notes are where the reader finds them."""
    path = tmp_path / "spelt.xlsx"
    write_raw_xlsx(path, rows)
    try:
        scan = untrusted.scan_workbook(path, sheets_to_count=("地域課題",))
    except BadWorkbook:
        return  # refused: nothing reads it
    try:
        with open_workbook(scan, untrusted.Deadline(60)) as book:
            cells = list(book.rows("地域課題", max_columns=16384))
    except BadWorkbook:  # the reader refuses it itself (two r attributes are not XML): reported as broken
        return
    sheet = scan.sheets["地域課題"]
    assert max((number for number, _ in cells), default=0) <= sheet.last_row
    assert max((len(row) for _, row in cells), default=0) <= sheet.last_column
    errors = {(number, column) for number, row in cells for column, v in enumerate(row, 1) if isinstance(v, CellError)}
    assert errors <= sheet.error_cells


def test_plain_sheets_are_measured_exactly(tmp_path):
    path = tmp_path / "plain.xlsx"
    write_raw_xlsx(path, [header_row(), f'<row r="7">{inline("C7", "x")}<c r="F7" t="e"><v>#N/A</v></c></row>',
                          f'<row r="9">{inline("B9", "y")}</row>'])
    scan = untrusted.scan_workbook(path, sheets_to_count=("地域課題",)).sheets["地域課題"]
    assert (scan.rows, scan.last_row, scan.last_column, scan.error_cells) == (3, 9, 6, {(7, 6)})


def test_formulas_without_a_value_are_found_however_they_are_spelt(tmp_path):
    """A formula with a cached value reads as that value; one without (no <v>, an empty one, a
    shared formula's mention) is noted by position, also when a cell without r follows."""
    rows = [header_row(),
            '<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2"><f>1+1</f></c><c r="C2"><f>1</f><v/></c></row>',
            '<row r="3"><c r="A3"><f t="shared" si="0"/><v></v></c><c><f>1</f></c><c r="D3" t="str"><f>"a"</f>'
            '<v>a</v></c></row>',
            f'<row r="4"><x:c xmlns:x="{_MAIN}" r="E4"><x:f>1</x:f></x:c></row>']
    path = tmp_path / "formulas.xlsx"
    write_raw_xlsx(path, rows)
    scan = untrusted.scan_workbook(path, sheets_to_count=("地域課題",)).sheets["地域課題"]
    assert scan.formula_cells == {(2, 2), (2, 3), (3, 1), (3, 2), (4, 5)}
    assert (scan.last_row, scan.last_column) == (4, 5)
