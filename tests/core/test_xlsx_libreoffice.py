"""The exported workbook opens in LibreOffice and reads back with openpyxl and the import's reader.

LibreOffice runs headless in a throwaway HOME. CI installs it (.ci/run); on a machine without
``soffice`` the test is skipped.
"""

import datetime as dt
import shutil
import subprocess

import openpyxl
import pytest
from xlsx_helpers import FORMULA_TITLES, fill, sheet_xml

from meguro_jukyo.core.db import Store
from meguro_jukyo.core.exchange import untrusted
from meguro_jukyo.core.exchange.xlsx_export import export_workbook
from meguro_jukyo.core.exchange.xlsx_reader import open_workbook
from meguro_jukyo.core.exchange.xlsx_template import export_template
from meguro_jukyo.core.services import Services

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

SHEETS = ["概要", "地域課題", "会議", "議事・合意", "アクション", "施策視点対応", "視点別集計", "_lists", "_meta"]


def _convert(src, outdir, fmt: str, home):
    subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{home}", "--convert-to", fmt,
         "--outdir", str(outdir), str(src)],
        check=True, capture_output=True, timeout=180, env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
    )
    return outdir / (src.stem + "." + fmt.split(":")[0])


@pytest.fixture
def exported(tmp_path):
    store = Store.open(tmp_path / "store.sqlite3", create=True)
    services = Services(store)
    data = fill(services)
    # 令和の最初の年: shown as 令和元年 in print, and before it 平成31年
    for title, raised in (("改元の年の課題", dt.date(2019, 6, 1)), ("改元の前の課題", dt.date(2019, 4, 30))):
        services.issues.create({"organization_id": data["org"].id, "title": title, "raised_on": raised})
    report = export_workbook(services, tmp_path / "book.xlsx")
    export_template(tmp_path / "template.xlsx", services)
    yield tmp_path, report
    store.close()


def _read(path) -> dict[str, list[list]]:
    """Each sheet's rows that hold something, as the import's reader reads them."""
    scan = untrusted.scan_workbook(path, sheets_to_count=())
    with open_workbook(scan, untrusted.Deadline(60)) as book:
        return {name: [row for _, row in book.rows(name, max_columns=100)] for name in scan.sheets}


def test_libreoffice_opens_the_workbook_and_it_reads_back(exported):
    tmp_path, report = exported
    home = tmp_path / "home"
    home.mkdir()
    converted = _convert(tmp_path / "book.xlsx", tmp_path / "lo", "xlsx", home)
    pdf = _convert(tmp_path / "book.xlsx", tmp_path / "pdf", "pdf", home)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000

    wb = openpyxl.load_workbook(converted)
    assert wb.sheetnames == SHEETS
    cal = _read(converted)
    assert list(cal) == SHEETS
    original = openpyxl.load_workbook(tmp_path / "book.xlsx")
    for name, count in report.counts.items():
        headers = [c.value for c in original[name][1]]
        assert [c.value for c in wb[name][1]][: len(headers)] == headers
        rows = [r for r in cal[name] if any(v not in ("", None) for v in r)]
        assert rows[0][: len(headers)] == headers
        assert len(rows) == count + 1
    # titles that look like formulas are still the same text, and still not formulas
    titles = [r[0] for r in cal["地域課題"][1:]]
    for title in FORMULA_TITLES:
        assert title in titles
    ws = wb["地域課題"]
    for cell in ws["A"][1:]:
        if cell.value in FORMULA_TITLES:
            assert cell.data_type == "s"
    xml = sheet_xml(converted, "地域課題")
    for title in FORMULA_TITLES:
        assert f"<f>{title[1:]}" not in xml


def test_libreoffice_opens_the_template(exported):
    tmp_path, _ = exported
    home = tmp_path / "home"
    home.mkdir()
    converted = _convert(tmp_path / "template.xlsx", tmp_path / "lo", "xlsx", home)
    wb = openpyxl.load_workbook(converted)
    assert {"記入方法", "地域課題", "アクション"} <= set(wb.sheetnames)
    assert [c.value for c in wb["地域課題"][1]][:2] == ["課題名", "組織"]
    assert wb["地域課題"].data_validations.dataValidation  # the drop-down lists survive


def test_every_printed_page_is_a4_at_9_points_or_more_without_ids_or_links(exported):
    """The workbook printed (LibreOffice to PDF): A4 pages whose smallest text is 9 pt, with
    the columns a clerk reads and not the ids, links and version stamps."""
    from paper_helpers import page_texts, smallest_text

    tmp_path, _ = exported
    home = tmp_path / "home"
    home.mkdir()
    pdf = _convert(tmp_path / "book.xlsx", tmp_path / "pdf", "pdf", home)
    sizes = smallest_text(pdf)
    assert len(sizes) >= 7 and min(sizes) >= 9, sizes
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "A4" in info
    words = {w for page in page_texts(pdf) for line in page.splitlines() for w in line.split()}
    assert {"課題名", "組織", "状況", "会議名", "内容", "施策立案の視点"} <= words
    assert not words & {"ID", "地域課題ID", "会議へ", "少数意見の対象", "更新印", "版"}
    text = "".join(page_texts(pdf))
    assert "令和元年6月1日" in text and "平成31年4月30日" in text and "令和1年" not in text


def test_the_print_setup_of_each_data_sheet(exported):
    tmp_path, _ = exported
    wb = openpyxl.load_workbook(tmp_path / "book.xlsx")
    for name in ("地域課題", "会議", "議事・合意", "アクション", "施策視点対応"):
        ws = wb[name]
        assert ws.page_setup.paperSize == 9 and ws.print_title_rows == "$1:$1"
        last = ws.print_area[0].split(":")[1] if isinstance(ws.print_area, list) else ws.print_area.split(":")[1]
        printed = [c.value for c in ws[1]][:openpyxl.utils.column_index_from_string(last.split("$")[1])]
        assert printed and not {"ID", "地域課題ID", "会議へ", "少数意見の対象"} & set(printed), (name, printed)
        assert ws["A1"].font.name == "游ゴシック"
