"""The coordinators' workbook: sheets, tables, print setup, dates, text that stays text, personal data."""

import datetime as dt
import re
import zipfile

import openpyxl
import pytest
from progress_helpers import CancelAt
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from xlsx_helpers import ASSIGNEE, ATTENDEE, FORMULA_TITLES, PERSON, fill, sheet_xml

from meguro_jukyo.core import models as m
from meguro_jukyo.core.exchange.xlsx_export import ExportFilters, export_workbook, preview_export
from meguro_jukyo.core.progress import Cancelled
from meguro_jukyo.core.exchange.xlsx_writer import display_width, from_cell_text, to_cell_text

DATA_SHEETS = ["地域課題", "会議", "議事・合意", "アクション", "施策視点対応"]


@pytest.fixture
def data(services):
    return fill(services)


def _rows(ws):
    return [r for r in ws.iter_rows(values_only=True)]


def test_every_sheet_is_there_with_its_headers_and_rows(services, data, tmp_path):
    report = export_workbook(services, tmp_path / "out.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert wb.sheetnames == ["概要", *DATA_SHEETS, "視点別集計", "_lists", "_meta"]
    assert wb["_meta"].sheet_state == "hidden" and wb["_lists"].sheet_state == "hidden"
    assert report.counts == preview_export(services)
    assert report.counts == {"会議": 1, "地域課題": 10, "議事・合意": 2, "アクション": 1, "施策視点対応": 3}
    for name in DATA_SHEETS:
        ws = wb[name]
        assert ws.max_row == report.counts[name] + 1
        assert ws.freeze_panes == "A2"
        (table,) = ws.tables.values()
        assert table.ref.endswith(str(report.counts[name] + 1))
        assert [c.name for c in table.tableColumns] == [c.value for c in ws[1]]
        assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
        # fitted to the width, or (too wide for that at 9 pt) printed at a scale that keeps 9 pt
        assert (ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
                or ws.page_setup.scale >= 82 and not ws.sheet_properties.pageSetUpPr.fitToPage)
        assert ws.print_title_rows == "$1:$1"
    issues = wb["地域課題"]
    headers = [c.value for c in issues[1]]
    assert headers[:3] == ["課題名", "組織", "住区"] and headers[-3:] == ["ID", "版", "更新印"]
    ids = {r[headers.index("ID")] for r in _rows(issues)[1:]}
    assert ids == {i.id for i in data["issues"]} | {data["old"].id}
    assert issues.column_dimensions["Q"].hidden  # the ID column
    meta = dict(r for r in _rows(wb["_meta"]))
    assert meta["形式"] == "meguro-jukyo-workbook" and meta["書き出しID"] == report.export_id
    assert "バージョン" in meta and "絞り込み" in meta


def test_dates_are_real_dates_shown_in_wareki_or_seireki(services, data, tmp_path):
    export_workbook(services, tmp_path / "w.xlsx")
    export_workbook(services, tmp_path / "s.xlsx", era=False)
    for name, fmt in (("w.xlsx", "[<43586][$-411]ggge"), ("s.xlsx", "yyyy")):
        ws = openpyxl.load_workbook(tmp_path / name)["地域課題"]
        col = [c.value for c in ws[1]].index("提起日") + 1
        cell = ws.cell(row=2, column=col)
        assert isinstance(cell.value, dt.datetime) and cell.is_date
        assert cell.number_format.startswith(fmt)
        meetings = openpyxl.load_workbook(tmp_path / name)["会議"]
        start = meetings.cell(row=2, column=[c.value for c in meetings[1]].index("開始") + 1)
        assert start.value == dt.datetime(2025, 5, 18, 10, 0) and "h:mm" in start.number_format


def test_titles_that_look_like_formulas_are_text_in_the_xml(services, data, tmp_path):
    export_workbook(services, tmp_path / "out.xlsx")
    xml = sheet_xml(tmp_path / "out.xlsx", "地域課題")
    formulas = re.findall(r"<f>(.*?)</f>", xml)
    assert formulas and all(f.startswith("HYPERLINK(\"#'会議'!A") for f in formulas)  # only our links
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["地域課題"]
    titles = {from_cell_text(c.value) for c in ws["A"][1:]}
    for title in FORMULA_TITLES:
        assert title in titles
        cell = next(c for c in ws["A"][1:] if from_cell_text(c.value) == title)
        assert cell.data_type == "s" and cell.quotePrefix
    assert "X\tTAB" in titles and "Y\r\nX" in titles
    notes = openpyxl.load_workbook(tmp_path / "out.xlsx")["議事・合意"]
    assert "=見回りを増やす" in {c.value for row in notes.iter_rows() for c in row}
    assert all(f.startswith("HYPERLINK(") for f in re.findall(r"<f>(.*?)</f>", sheet_xml(tmp_path / "out.xlsx", "議事・合意")))


def test_titles_that_read_as_error_values_are_text_and_come_back_unchanged(services, data, tmp_path):
    """openpyxl stores a string such as "#N/A" as an error value; the import would then read it
    as an error cell. Such titles are written as text, with the quote prefix."""
    from openpyxl.cell.cell import ERROR_CODES

    from meguro_jukyo.core.exchange.xlsx_import import import_workbook
    from meguro_jukyo.core.exchange.xlsx_writer import _ERROR_TEXTS

    assert _ERROR_TEXTS == set(ERROR_CODES)  # the same list as openpyxl's
    org = data["org"].id
    for title in ("#N/A", "#REF!"):
        services.issues.create({"organization_id": org, "title": title})
    export_workbook(services, tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["地域課題"]
    cells = {c.value: c for c in ws["A"][1:]}
    for title in ("#N/A", "#REF!"):
        assert cells[title].data_type == "s" and cells[title].quotePrefix
    report = import_workbook(services, tmp_path / "out.xlsx")
    assert report.ok and not report.written, report.lines()


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
def test_cell_text_escaping_round_trips_any_text(text):
    escaped = to_cell_text(text)
    assert from_cell_text(escaped) == text
    assert not re.search(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]", escaped)


def test_widths_count_japanese_characters_as_two():
    assert display_width("abc") == 3
    assert display_width("地域課題") == 8
    assert display_width("○①") == 4


def test_links_lead_from_an_issue_to_its_meetings_row(services, data, tmp_path):
    export_workbook(services, tmp_path / "out.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    issues, meetings = wb["地域課題"], wb["会議"]
    headers = [c.value for c in issues[1]]
    first = next(r for r in issues.iter_rows(min_row=2) if r[headers.index("ID")].value == data["issues"][0].id)
    link = first[headers.index("会議へ")].value
    target_row = int(re.search(r"'会議'!A(\d+)", link).group(1))
    meeting_headers = [c.value for c in meetings[1]]
    assert meetings.cell(row=target_row, column=meeting_headers.index("ID") + 1).value == data["meeting"].id


def test_personal_data_stays_out_unless_asked(services, data, tmp_path):
    export_workbook(services, tmp_path / "plain.xlsx")
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as z:
        everything = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    for name in (PERSON, ASSIGNEE, ATTENDEE):
        assert name not in everything
    wb = openpyxl.load_workbook(tmp_path / "plain.xlsx")
    assert "出席者" not in wb.sheetnames
    assert "進行役" not in [c.value for c in wb["会議"][1]]
    assert "担当" not in [c.value for c in wb["アクション"][1]]
    meta = dict(_rows(wb["_meta"]))
    assert "端末名" not in meta and meta["端末ID"] == services.store.device_id


def test_the_device_name_is_personal_data_and_stays_out_unless_asked(services, store, data, tmp_path):
    store.device_name = "田中さんのPC"
    export_workbook(services, tmp_path / "plain.xlsx")
    export_workbook(services, tmp_path / "personal.xlsx", personal=True)
    for name, present in (("plain.xlsx", False), ("personal.xlsx", True)):
        with zipfile.ZipFile(tmp_path / name) as z:
            everything = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
        assert ("田中さん" in everything) is present
    assert dict(_rows(openpyxl.load_workbook(tmp_path / "personal.xlsx")["_meta"]))["端末名"] == "田中さんのPC"


def test_a_personal_export_is_recorded_and_not_undoable(services, store, data, tmp_path):
    undo_before = services.undo_label()
    report = export_workbook(services, tmp_path / "personal.xlsx", personal=True)
    wb = openpyxl.load_workbook(tmp_path / "personal.xlsx")
    assert [r[2] for r in _rows(wb["出席者"])[1:]] == [ATTENDEE]
    assert PERSON in [c.value for c in wb["会議"][2]]
    with store.engine.connect() as con:
        change = con.execute(select(m.Change).where(m.Change.kind == "export")).mappings().one()
        rows = con.execute(select(m.History).where(m.History.change_id == change["id"])).mappings().all()
    assert "personal.xlsx" in change["label"]
    assert {r["field"] for r in rows} == {"file", "personal_columns", "rows", "filters"}
    assert {r["entity_id"] for r in rows} == {report.export_id}
    assert services.undo_label() == undo_before


def test_filters_choose_the_rows(services, data, tmp_path):
    south = ExportFilters(district_code="south")
    assert preview_export(services, south)["地域課題"] == 1
    fy2025 = ExportFilters(nendo=2025)
    assert preview_export(services, fy2025)["地域課題"] == 9
    resolved = ExportFilters(statuses=("resolved",))
    assert preview_export(services, resolved)["地域課題"] == 1
    one_org = ExportFilters(organization_ids=(data["org"].id,), date_from=dt.date(2025, 4, 2),
                            date_to=dt.date(2025, 4, 3))
    counts = preview_export(services, one_org)
    assert counts["地域課題"] == 2 and counts["会議"] == 0
    report = export_workbook(services, tmp_path / "south.xlsx", south)
    ws = openpyxl.load_workbook(tmp_path / "south.xlsx")["地域課題"]
    assert report.counts["地域課題"] == 1 and ws.cell(row=2, column=1).value == "昨年度の課題"
    summary = openpyxl.load_workbook(tmp_path / "south.xlsx")["概要"]
    assert any("南部" in str(c.value) for row in summary.iter_rows() for c in row)


def test_the_category_filter_and_what_makes_an_export_empty(services, data):
    from meguro_jukyo.core.exchange.xlsx_export import rows_without_each_filter
    from meguro_jukyo.core.exchange.xlsx_sheets import Labels

    crime = ExportFilters(categories=("crime",))
    counts = preview_export(services, crime)
    assert counts["地域課題"] == 4 and counts["アクション"] == 0  # the action follows a 防災 issue
    assert "分野: 防犯" in crime.describe(Labels(services))
    assert crime.to_json()["categories"] == ["crime"]
    assert preview_export(services, ExportFilters(categories=("crime", "disaster")))["地域課題"] == 9

    clash = ExportFilters(organization_ids=(data["org"].id,), district_code="south")  # 駒場 is in 北部
    assert sum(preview_export(services, clash).values()) == 0
    why = rows_without_each_filter(services, clash)
    assert set(why) == {"organization", "district"} and all(n > 0 for n in why.values())
    assert why["district"] == sum(preview_export(services, ExportFilters(organization_ids=(data["org"].id,))).values())
    both = rows_without_each_filter(services, ExportFilters(categories=("crime",), statuses=("resolved",)))
    assert both["categories"] > 0 and both["statuses"] > 0


def test_summary_counts_and_the_viewpoint_matrix(services, data, tmp_path):
    export_workbook(services, tmp_path / "out.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    summary = {r[0]: r[1] for r in _rows(wb["概要"]) if r and r[0] is not None}
    assert summary["提起"] == 9 and summary["解決"] == 1
    assert summary["2-1-1 コミュニティ形成の推進"] == 2
    with zipfile.ZipFile(tmp_path / "out.xlsx") as z:
        assert any(n.startswith("xl/charts/chart") for n in z.namelist())
    matrix = wb["視点別集計"]
    tables = matrix.tables
    assert set(tables) == {"T_viewpoint_district", "T_viewpoint_jukyo"}
    rows = _rows(matrix)
    assert rows[0][:6] == ("施策立案の視点 × 地区（件数）", "北部", "東部", "中央", "南部", "西部")
    assert len([r for r in rows[1:14]]) == 13
    row = next(r for r in rows[1:14] if r[0].startswith("2-1-1"))
    assert (row[1], row[4], rows[0][7], row[7]) == (1, 1, "合計", 2)  # 北部 1, 南部 1, 合計 2
    jukyo_header = rows[16]
    assert len(jukyo_header) >= 22 + 3
    assert matrix.conditional_formatting


def test_cancel_leaves_no_file_and_progress_reaches_the_end(services, data, tmp_path):
    dest = tmp_path / "exports" / "out.xlsx"
    with pytest.raises(Cancelled):
        export_workbook(services, dest, progress=CancelAt(0))
    whole = CancelAt()
    export_workbook(services, tmp_path / "whole.xlsx", progress=whole)
    saving = whole.seen.index(next(s for s in whole.seen if s[2] == "保存"))
    # cancelled after the rows, while the file is being saved
    with pytest.raises(Cancelled):
        export_workbook(services, dest, progress=CancelAt(saving + 1))
    assert not dest.exists() and not dest.parent.exists()  # nor the folder made for it
    assert whole.seen[-1][0] == whole.seen[-1][1] == sum(preview_export(services).values())


def test_long_text_rows_are_as_tall_as_their_wrapped_lines(services, data, tmp_path):
    from meguro_jukyo.core.exchange.xlsx_writer import LINE_POINTS, wrapped_lines

    long_text = "防災倉庫の備蓄品が古くなっているため、町会として入れ替えの計画を立てる必要がある。" * 4
    issue = services.issues.create({"organization_id": data["issues"][0].organization_id, "title": "備蓄品の入替え",
                                    "description": long_text})
    export_workbook(services, tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["地域課題"]
    headers = [c.value for c in ws[1]]
    col = headers.index("内容")
    [row] = [r for r in ws.iter_rows(min_row=2) if r[headers.index("ID")].value == issue.id]
    width = ws.column_dimensions[row[col].column_letter].width
    lines = wrapped_lines(long_text, width)
    assert lines >= 3 and row[col].alignment.wrap_text
    assert ws.row_dimensions[row[0].row].height == lines * LINE_POINTS
    # 「説明 0\n二行目」: two short lines, both shown
    [two] = [r for r in ws.iter_rows(min_row=2) if r[headers.index("ID")].value == data["issues"][0].id]
    assert two[col].alignment.wrap_text and ws.row_dimensions[two[0].row].height == 2 * LINE_POINTS
    [one] = [r for r in ws.iter_rows(min_row=2) if r[headers.index("ID")].value == data["old"].id]
    assert ws.row_dimensions[one[0].row].height is None  # one line: the default height


@pytest.mark.parametrize("sample_rows", [200, 3])  # rows held back to size the columns, and rows streamed
def test_every_cell_of_a_wrapped_row_sits_at_its_top(services, data, tmp_path, monkeypatch, sample_rows):
    from meguro_jukyo.core.exchange.xlsx_writer import SheetWriter

    monkeypatch.setattr(SheetWriter, "SAMPLE_ROWS", sample_rows)
    issue = services.issues.create({"organization_id": data["issues"][0].organization_id, "title": "備蓄品の入替え",
                                    "description": "古くなった備蓄品を入れ替える。" * 12, "raised_on": dt.date(2026, 1, 5)})
    export_workbook(services, tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx")["地域課題"]
    headers = [c.value for c in ws[1]]
    by_id = {r[headers.index("ID")].value: r for r in ws.iter_rows(min_row=2)}
    for tall in (by_id[issue.id], by_id[data["issues"][0].id]):
        filled = [c for c in tall if c.value not in (None, "")]
        assert len(filled) >= 5
        assert {c.alignment.vertical for c in filled} == {"top"}, [(c.column_letter, c.alignment.vertical) for c in filled]
        assert tall[headers.index("内容")].alignment.wrap_text
    row = by_id[issue.id]
    raised = row[headers.index("提起日")]
    assert raised.is_date and raised.number_format.startswith("[<43586]")  # the date keeps its format
    title = by_id[data["issues"][0].id][headers.index("課題名")]
    assert title.data_type == "s" and title.quotePrefix  # a formula-like title keeps its guard
