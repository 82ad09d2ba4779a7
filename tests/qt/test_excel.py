"""The Excel page driven as a person would: real widgets, a real store, files read back independently."""

from __future__ import annotations

import csv
import datetime as dt
import io
import threading
import zipfile

import openpyxl
import pytest
from progress_dialog import press_cancel, shown
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from meguro_jukyo.core.exchange import opendata, xlsx_import
from meguro_jukyo.core.exchange.dump import write_dump
from meguro_jukyo.core.reference import council_id
from meguro_jukyo.core.services import ListQuery
from meguro_jukyo.qt import excel

WAIT = 10_000
NORTH = council_id("komaba")  # 北部
SOUTH = council_id("gekkouhara")  # 南部
ASSIGNEE = "鈴木花子"
ATTENDEE = "田中一郎"
DATA_SHEETS = ["地域課題", "会議", "議事・合意", "アクション", "施策視点対応"]


@pytest.fixture
def data(services):
    """Two councils in two 地区: meetings, issues of several statuses and years, notes, an action."""
    meeting = services.meetings.create({
        "organization_id": NORTH, "title": "令和7年度 定期総会", "meeting_type": "general_regular",
        "starts_at": dt.datetime(2025, 5, 18, 10, 0), "members_total": 40, "present": 18, "proxies": 5})
    services.meetings.create({"organization_id": SOUTH, "title": "令和6年度 役員会",
                              "starts_at": dt.datetime(2024, 6, 2, 19, 0)})
    issues = [services.issues.create({"organization_id": NORTH, "title": title, "status": status,
                                      "raised_on": dt.date(2025, 4, 10) + dt.timedelta(days=i)})
              for i, (title, status) in enumerate((("街灯が暗い", "raised"), ("公園のベンチ", "discussing"),
                                                   ("=防災倉庫", "raised")))]
    issues.append(services.issues.create({"organization_id": SOUTH, "title": "昨年度の課題", "status": "resolved",
                                          "raised_on": dt.date(2024, 6, 1)}))
    services.links.create({"issue_id": issues[0].id, "viewpoint_id": "2-1-1"})
    services.notes.create({"meeting_id": meeting.id, "kind": "decision", "body": "見回りを増やす",
                           "decision_method": "majority", "votes_for": 15, "votes_against": 3})
    services.actions.create({"organization_id": NORTH, "title": "夜間の見回り", "assignee": ASSIGNEE,
                             "due_on": dt.date(2025, 6, 30), "issue_id": issues[0].id})
    services.attendees.create({"meeting_id": meeting.id, "name": ATTENDEE, "yomi": "たなかいちろう"})
    return {"meeting": meeting, "issues": issues}


def open_page(qtbot, window) -> excel.ExcelPage:
    with qtbot.waitSignal(window.excel_page.preview_ready, timeout=WAIT):
        page = window.show_page("excel")
    assert page is window.excel_page
    return page


def wait_idle(qtbot, tasks):
    qtbot.waitUntil(lambda: tasks.pending == 0, timeout=WAIT)


def sheet_rows(path) -> dict[str, int]:
    """Data rows per sheet, as another program opening the file sees them."""
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return {name: sum(1 for row in wb[name].iter_rows(min_row=2, values_only=True) if any(v is not None for v in row))
                for name in wb.sheetnames}
    finally:
        wb.close()


def fill_template(path, rows, sheet="地域課題"):
    """Type rows into a saved template as a person would in Excel (text stays text)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    for i, values in enumerate(rows, start=2):
        for header, value in values.items():
            cell = ws.cell(row=i, column=headers.index(header) + 1)
            cell.value = value
            cell.data_type = "s"
    wb.save(path)


def save_template(qtbot, page, path):
    with qtbot.waitSignal(page.template_saved, timeout=WAIT):
        page.save_template(path)
    return path


def check(qtbot, page, path):
    with qtbot.waitSignal(page.checked, timeout=WAIT) as blocker:
        page.check_import(path)
    return blocker.args[0]


# --------------------------------------------------------------------------- export


def test_the_page_and_its_file_menu_entries_are_in_the_window(qtbot, window, japanese):
    assert window.nav.item(window.stack.indexOf(window.pages["excel"])).text() == "Excel"
    file_actions = window.menu("file").actions()
    names = [a.objectName() for a in file_actions]
    for name in ("excel_export_action", "excel_template_action", "excel_import_action", "excel_opendata_action"):
        assert name in names
    assert names.index("excel_opendata_action") < file_actions.index(window.new_action)


def test_the_template_names_the_menu_entry_and_page_that_take_it_in(japanese):
    from PySide6.QtCore import QCoreApplication

    from meguro_jukyo.core.exchange.xlsx_template import INSTRUCTIONS

    def shown(context, text):
        return QCoreApplication.translate(context, text).replace("(&F)", "").replace("&", "")

    told = "".join(INSTRUCTIONS)
    for context, text in (("MainWindow", "&File"), ("MainWindow", "Import Excel workbook…"),
                          ("MainWindow", "Excel"), ("Excel", "Template and import")):
        assert f"「{shown(context, text)}」" in told, text


def test_the_preview_counts_the_stores_rows_and_follows_the_filters(qtbot, window, services, data, japanese):
    page = open_page(qtbot, window)
    assert page.preview.rows() == {
        "地域課題": services.issues.count(), "会議": services.meetings.count(), "議事・合意": services.notes.count(),
        "アクション": services.actions.count(), "施策視点対応": services.links.count()}
    assert page.preview.rows()["地域課題"] == 4

    with qtbot.waitSignal(page.preview_ready, timeout=WAIT) as blocker:
        page.district.set_value("north")
    north = ListQuery(district_code="north")
    assert blocker.args[0]["地域課題"] == services.issues.count(north) == 3
    assert blocker.args[0]["会議"] == services.meetings.count(north) == 1
    assert page.preview.rows() == blocker.args[0]

    with qtbot.waitSignal(page.preview_ready, timeout=WAIT) as blocker:
        qtbot.mouseClick(page.status_filter.box("raised"), Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert blocker.args[0]["地域課題"] == 2  # 北部 and 提起

    with qtbot.waitSignal(page.preview_ready, timeout=WAIT) as blocker:  # several statuses at once
        qtbot.mouseClick(page.status_filter.box("discussing"), Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert page.status_filter.values() == ("raised", "discussing")
    assert blocker.args[0]["地域課題"] == services.issues.count(
        ListQuery(district_code="north", equals={"status": ["raised", "discussing"]})) == 3

    with qtbot.waitSignal(page.preview_ready, timeout=WAIT) as blocker:
        page.status_filter.set_values(())
        page.district.set_value(None)
        page.nendo.set_value(2024)  # 令和6年度: April 2024 – March 2025
    assert (blocker.args[0]["地域課題"], blocker.args[0]["会議"]) == (1, 1)
    assert not page.date_from.isEnabled()  # the fiscal year sets the period

    assert "出席者" not in page.preview.rows()
    with qtbot.waitSignal(page.preview_ready, timeout=WAIT) as blocker:
        page.personal.setChecked(True)
    assert "出席者" in blocker.args[0]
    assert "履歴に記録" in page.personal_warning.text()


def test_the_category_filter_and_why_a_preview_is_empty(qtbot, window, services, data, japanese):
    services.issues.update(data["issues"][1].id, {"category": "crime"})
    page = open_page(qtbot, window)
    with qtbot.waitSignal(page.preview_ready, timeout=WAIT) as blocker:
        page.category_filter.box("crime").setChecked(True)
    assert blocker.args[0]["地域課題"] == 1 and page.category_filter.text() == "防犯"
    with qtbot.waitSignal(page.preview_ready, timeout=WAIT) as blocker:
        page.category_filter.box("other").setChecked(True)  # several at once
    assert blocker.args[0]["地域課題"] == 4 and page.category_filter.values() == ("crime", "other")
    with qtbot.waitSignal(page.preview_ready, timeout=WAIT):
        page.category_filter.set_values(())

    with qtbot.waitSignal(page.preview_ready, timeout=WAIT) as blocker:  # 駒場 is in 北部, not 南部
        page.organization.set_value(NORTH)
        page.district.set_value("south")
    assert sum(blocker.args[0].values()) == 0
    text = page.preview_label.text()
    from meguro_jukyo.core.exchange.xlsx_export import ExportFilters, preview_export

    without_district = sum(preview_export(services, ExportFilters(organization_ids=(NORTH,))).values())
    assert "これらの条件をすべて満たす行はありません" in text
    assert f"「地区」を外すと {without_district:,} 件" in text and "「組織」を外すと" in text


def test_unreadable_dates_stop_the_preview_and_the_export_until_corrected(qtbot, window, data, tmp_path, japanese):
    page = open_page(qtbot, window)
    page.date_from.setText("きのう")
    page.date_from.editingFinished.emit()
    qtbot.waitUntil(lambda: page.filter_error.isVisible(), timeout=WAIT)
    assert page.filter_error.text() and not page.export_button.isEnabled()
    assert page.export_to(tmp_path / "never.xlsx") is None and not (tmp_path / "never.xlsx").exists()
    with qtbot.waitSignal(page.preview_ready, timeout=WAIT) as blocker:
        page.date_from.setText("R7.4.1")
        page.date_from.editingFinished.emit()
    assert page.export_button.isEnabled() and not page.filter_error.isVisible()
    assert blocker.args[0]["地域課題"] == 3  # raised from 令和7年4月1日


def test_export_writes_the_workbook_with_the_previewed_rows(qtbot, window, services, data, tmp_path, japanese):
    page = open_page(qtbot, window)
    with qtbot.waitSignal(page.preview_ready, timeout=WAIT):
        page.organization.set_value(NORTH)
    previewed = page.preview.rows()
    page.seireki.setChecked(True)
    out = tmp_path / "ブック.xlsx"
    with qtbot.waitSignal(page.exported, timeout=WAIT) as blocker:
        page.export_to(out)
    report = blocker.args[0]
    assert report.path == out and report.counts == previewed and not report.personal
    rows = sheet_rows(out)
    assert {"概要", *DATA_SHEETS, "視点別集計"} <= set(rows) and "出席者" not in rows
    assert {name: rows[name] for name in DATA_SHEETS} == previewed
    assert previewed["地域課題"] == 3
    summary = {r[0]: r[1] for r in openpyxl.load_workbook(out)["概要"].iter_rows(values_only=True) if r and r[0]}
    assert summary["日付の表示"] == "西暦"
    assert str(out) in page.export_status.text() and "地域課題 3行" in page.export_status.text()
    titles = [r[0] for r in openpyxl.load_workbook(out)["地域課題"].iter_rows(min_row=2, values_only=True)]
    assert "=防災倉庫" in titles  # text, never a formula
    assert ASSIGNEE not in {c for r in openpyxl.load_workbook(out)["アクション"].iter_rows(values_only=True) for c in r}


def test_an_export_with_names_has_the_attendees_and_is_recorded(qtbot, window, store, data, tmp_path, japanese):
    from sqlalchemy import select

    from meguro_jukyo.core import models as m

    page = open_page(qtbot, window)
    with qtbot.waitSignal(page.preview_ready, timeout=WAIT):
        page.personal.setChecked(True)
    out = tmp_path / "personal.xlsx"
    with qtbot.waitSignal(page.exported, timeout=WAIT) as blocker:
        page.export_to(out)
    assert blocker.args[0].personal and sheet_rows(out)["出席者"] == 1
    assert "個人情報" in page.export_status.text()
    with store.engine.connect() as con:
        kinds = con.execute(select(m.Change.kind, m.Change.label)).all()
    assert any(kind == "export" and "personal.xlsx" in label for kind, label in kinds)


def test_cancelling_an_export_leaves_no_file(qtbot, window, tasks, data, tmp_path, japanese):
    page = open_page(qtbot, window)
    gate = threading.Event()
    tasks.run_in_background(lambda: gate.wait(WAIT / 1000))  # the lane is busy: the export waits its turn
    out = tmp_path / "cancelled.xlsx"
    dialog = page.export_to(out)
    [cancel] = dialog.findChildren(QPushButton)
    cancel.click()
    with qtbot.waitSignal(page.exported, timeout=WAIT) as blocker:
        gate.set()
    assert blocker.args[0] is None
    wait_idle(qtbot, tasks)
    assert list(tmp_path.glob("cancelled*")) == [] and list(tmp_path.glob(".cancelled*")) == []
    assert page.export_status.text() == "書き出しを中止しました。ファイルは作られていません。"


def test_the_file_menu_export_asks_for_a_file_then_writes_it(qtbot, window, data, tmp_path, monkeypatch):
    out = tmp_path / "from the menu"
    asked = []

    def save_as(_parent, title, name, _filter):
        asked.append(name)
        return str(out), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    open_page(qtbot, window)
    action = next(a for a in window.menu("file").actions() if a.objectName() == "excel_export_action")
    with qtbot.waitSignal(window.excel_page.exported, timeout=WAIT) as blocker:
        action.trigger()
    assert asked and asked[0].endswith(".xlsx")
    assert blocker.args[0].path.name == "from the menu.xlsx" and (tmp_path / "from the menu.xlsx").exists()


# --------------------------------------------------------------------------- template and import


def test_a_filled_in_template_is_previewed_then_imported(qtbot, window, services, data, tmp_path, japanese):
    page = open_page(qtbot, window)
    path = save_template(qtbot, page, tmp_path / "ひな形.xlsx")
    assert "地域課題" in openpyxl.load_workbook(path).sheetnames
    fill_template(path, [
        {"課題名": "通学路の見守り", "組織": "駒場住区住民会議", "状況": "提起", "提起日": "R7.6.1"},
        {"課題名": "ごみ集積所の清掃", "組織": "駒場住区住民会議", "分野": "防犯"},
    ])
    before = services.issues.count()
    report = check(qtbot, page, path)
    assert report.ok and report.dry_run
    assert services.issues.count() == before  # a preview writes nothing
    assert page.import_counts.row_texts(0) == ["地域課題", "2", "0", "0", "0"]
    assert page.problems.rowCount() == 0
    assert page.import_button.isEnabled() and not page.import_valid_button.isEnabled()
    assert page.import_status.text().startswith("ひな形.xlsx を取り込めます: 追加 2件、更新 0件。まだ何も書き込んでいません。")

    with qtbot.waitSignal(window.changed, timeout=WAIT) as changed, \
            qtbot.waitSignal(page.imported, timeout=WAIT) as blocker:
        page.import_button.click()
    assert blocker.args[0].written
    titles = {i.title for i in services.issues.list()}
    assert {"通学路の見守り", "ごみ集積所の清掃"} <= titles and services.issues.count() == before + 2
    assert len(changed.args[0]["issue"]) == 2
    assert not page.import_button.isEnabled() and not page.import_valid_button.isEnabled()
    assert page.import_counts.row_texts(0)[:2] == ["地域課題", "2"]
    wait_idle(qtbot, window.tasks)
    assert "Excelから取り込み" in window.undo_action.text()


def test_a_bad_row_is_shown_by_row_and_column_and_blocks_the_import(qtbot, window, services, data, tmp_path, japanese):
    page = open_page(qtbot, window)
    path = save_template(qtbot, page, tmp_path / "bad.xlsx")
    fill_template(path, [
        {"課題名": "正しい行", "組織": "駒場住区住民会議"},
        {"課題名": "状態が違う", "組織": "駒場住区住民会議", "状況": "完了済"},
    ])
    before = services.issues.count()
    report = check(qtbot, page, path)
    assert not report.ok
    kind, sheet, row, column, message = page.problems.row_texts(0)
    assert (kind, sheet, row, column) == ("問題", "地域課題", "3", "D（状況）")
    assert message.startswith("「完了済」は選択肢にありません")
    assert page.import_counts.row_texts(0) == ["地域課題", "1", "0", "0", "1"]
    assert not page.import_button.isEnabled()
    assert page.import_valid_button.isEnabled()
    assert page.import_status.text().startswith("bad.xlsx に問題が 1件あります（下の一覧）。何も書き込んでいません。")
    assert services.issues.count() == before


def test_import_only_the_valid_rows_leaves_the_bad_ones_out(qtbot, window, services, data, tmp_path, japanese):
    page = open_page(qtbot, window)
    path = save_template(qtbot, page, tmp_path / "partly.xlsx")
    fill_template(path, [
        {"課題名": "正しい行", "組織": "駒場住区住民会議"},
        {"課題名": "日付が違う", "組織": "駒場住区住民会議", "提起日": "きのう"},
        {"課題名": "もう一つ正しい行", "組織": "月光原住区住民会議"},
    ])
    before = services.issues.count()
    check(qtbot, page, path)
    with qtbot.waitSignal(page.imported, timeout=WAIT) as blocker:
        page.import_valid_button.click()
    report = blocker.args[0]
    assert report.written and report.skipped["地域課題"] == 1
    titles = {i.title for i in services.issues.list()}
    assert {"正しい行", "もう一つ正しい行"} <= titles and "日付が違う" not in titles
    assert services.issues.count() == before + 2
    assert page.problems.row_texts(0)[2:4] == ["3", "G（提起日）"]
    assert page.import_status.text() == ("partly.xlsx を取り込みました: 追加 2件、更新 0件。「元に戻す」（Ctrl+Z）1回で"
                                         "取り込み全体を取り消せます。問題のある 1行は取り込んでいません。")


def test_an_import_that_writes_nothing_does_not_say_added(qtbot, window, services, data, tmp_path, japanese):
    page = open_page(qtbot, window)
    path = save_template(qtbot, page, tmp_path / "ひな形.xlsx")
    fill_template(path, [{"課題名": "通学路の見守り", "組織": "駒場住区住民会議"}])
    assert check(qtbot, page, path).ok
    assert page.import_counts.horizontalHeaderItem(1).text() == "追加予定"
    fill_template(path, [{"課題名": "通学路の見守り", "組織": "駒場住区住民会議"},
                         {"課題名": "後から足した行", "組織": "駒場住区住民会議", "状況": "完了済"}])  # changed since
    before = services.issues.count()
    with qtbot.waitSignal(page.imported, timeout=WAIT) as blocker:
        page.import_button.click()
    report = blocker.args[0]
    assert not report.written and report.created["地域課題"] == 1 and services.issues.count() == before
    assert page.import_counts.horizontalHeaderItem(1).text() == "追加予定"  # not "追加": nothing was written
    assert page.import_counts.row_texts(0)[:2] == ["地域課題", "1"]
    assert page.import_status.text().startswith("ひな形.xlsx からは何も取り込んでいません: 問題が 1件あります")


def _csv_named_xlsx(path):
    path.write_text("氏名,住所\n山田,目黒\n", encoding="utf-8")


def _entity_bomb(path):
    """A zip with the parts of a workbook whose XML declares entities (a billion-laughs attempt)."""
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">&lol2;</Types>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", bomb)
        z.writestr("xl/workbook.xml", "<workbook/>")


@pytest.mark.parametrize(("make", "message"), [
    (_csv_named_xlsx, "Excel のブック（.xlsx）として読めません: 名簿.xlsx"),
    (_entity_bomb, ("ファイルに許可されていない XML の宣言（DTD・実体）が含まれています。"
                    "Excel で開いて保存し直したファイルを使ってください。")),
])
def test_a_file_that_is_not_a_workbook_shows_why_and_changes_nothing(
        qtbot, window, services, data, tmp_path, japanese, make, message):
    page = open_page(qtbot, window)
    path = tmp_path / "名簿.xlsx"
    make(path)
    before = services.issues.count()
    with qtbot.waitSignal(page.import_failed, timeout=WAIT) as blocker:
        page.check_import(path)
    assert blocker.args[0] == message
    assert page.import_status.text() == blocker.args[0]
    [box] = [b for b in page.findChildren(QMessageBox) if b.isVisible()]
    assert box.text() == blocker.args[0]
    box.close()
    assert page.import_counts.rowCount() == 0 and page.problems.rowCount() == 0
    assert not page.import_button.isEnabled() and not page.import_valid_button.isEnabled()
    assert services.issues.count() == before


# --------------------------------------------------------------------------- open data


def test_open_data_writes_the_csv_files_without_names(qtbot, window, services, data, tmp_path, japanese):
    page = open_page(qtbot, window)
    folder = tmp_path / "opendata"
    assert page.contact.placeholderText() == opendata.CONTACT
    page.contact.setText("目黒区 区民生活部 地域振興課 03-0000-0000")
    with qtbot.waitSignal(page.opendata_written, timeout=WAIT) as written_signal:
        page.export_opendata_to(folder)
    readme = (folder / opendata.README_FILE).read_text(encoding="utf-8-sig")
    assert "問い合わせ先: 目黒区 区民生活部 地域振興課 03-0000-0000" in readme and "CC BY 4.0" in readme
    assert page.settings.q.value(excel.CONTACT_KEY) == "目黒区 区民生活部 地域振興課 03-0000-0000"
    written = {p.name for p in folder.iterdir()}
    assert {opendata.ISSUES_FILE, opendata.DECISIONS_FILE, opendata.COUNTS_FILE, opendata.README_FILE,
            opendata.SCHEMA_FILE} <= written
    assert written_signal.args[0].problems == [] == opendata.check_opendata(folder)
    with (folder / opendata.ISSUES_FILE).open(encoding="utf-8-sig", newline="") as fh:
        issues = list(csv.reader(fh))
    assert len(issues) - 1 == services.issues.count()
    everything = "".join((folder / name).read_text(encoding="utf-8-sig") for name in written)
    assert ASSIGNEE not in everything and ATTENDEE not in everything
    files = [page.files.item(r, 0).text() for r in range(page.files.rowCount())]
    assert opendata.ISSUES_FILE in files and page.files.item(0, 1).text() == str(services.issues.count())
    assert opendata.SCHEMA_FILE in files
    assert str(folder) in page.opendata_status.text() and "\n" not in page.opendata_status.text()


# --------------------------------------------------------------------------- cancelling an import

LONG = 120_000  # thousands of rows on a machine that may be busy: a bound, not a measure
ROWS = 3 * xlsx_import.WRITE_BATCH  # three batches: a Cancel pressed once the first is written stops it


def many_rows(qtbot, page, tmp_path, name="多い.xlsx"):
    path = save_template(qtbot, page, tmp_path / name)
    fill_template(path, [{"課題名": f"街灯 {i}", "組織": "駒場住区住民会議"} for i in range(ROWS)])
    return path


def store_dump(store) -> str:
    out = io.StringIO()
    write_dump(store, out)
    return out.getvalue()


def test_cancelling_an_import_half_way_writes_nothing_and_it_can_be_imported_again(
        qtbot, window, services, store, data, tmp_path, japanese):
    page = open_page(qtbot, window)
    path = many_rows(qtbot, page, tmp_path)
    with qtbot.waitSignal(page.checked, timeout=LONG) as checked:
        page.check_import(path)
    assert checked.args[0].ok
    before, issues, undo = store_dump(store), services.issues.count(), window.undo_action.text()

    with qtbot.waitSignal(page.import_cancelled, timeout=LONG) as cancelled:
        page.import_button.click()
        # the first batch is written (in the transaction, not committed) when Cancel is pressed
        dialog = press_cancel(qtbot, page, lambda d: d.value() >= xlsx_import.WRITE_BATCH, LONG)
        assert dialog.maximum() == ROWS
    wait_idle(qtbot, window.tasks)
    message = "取り込みを中止しました。何も取り込んでいません。データは元のままです。もう一度取り込めます。"
    assert cancelled.args[0] == page.import_status.text() == message
    assert services.issues.count() == issues and store_dump(store) == before
    assert window.undo_action.text() == undo  # no half import to undo
    assert shown(page) is None and page.isEnabled()
    assert page.import_button.isEnabled()  # the check still holds: the app goes on

    with qtbot.waitSignal(page.imported, timeout=LONG) as imported:
        page.import_button.click()
    assert imported.args[0].written and services.issues.count() == issues + ROWS


def test_cancelling_the_check_of_a_workbook_says_nothing_was_imported(
        qtbot, window, services, store, data, tmp_path, japanese):
    page = open_page(qtbot, window)
    path = many_rows(qtbot, page, tmp_path)
    before = store_dump(store)
    with qtbot.waitSignal(page.import_cancelled, timeout=LONG) as cancelled:
        page.check_import(path)
        press_cancel(qtbot, page, lambda d: d.value() >= xlsx_import.WRITE_BATCH, LONG)
    wait_idle(qtbot, window.tasks)
    assert cancelled.args[0] == page.import_status.text() == (
        "確認を中止しました。何も取り込んでいません。確かめるには、ブックをもう一度選んでください。")
    assert store_dump(store) == before and page.checked_report is None
    assert not page.import_button.isEnabled() and not page.import_valid_button.isEnabled()
    assert page.import_counts.rowCount() == 0
