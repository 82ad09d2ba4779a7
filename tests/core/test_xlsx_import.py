"""The template round trip and edited exports: every row checked, one transaction, nothing twice."""

import datetime as dt

import openpyxl
import pytest
from progress_helpers import CancelAt
from sqlalchemy import func, select
from xlsx_helpers import FORMULA_TITLES, dump, fill

from meguro_jukyo.core import models as m
from meguro_jukyo.core.exchange.xlsx_export import export_workbook
from meguro_jukyo.core.exchange.xlsx_import import import_workbook
from meguro_jukyo.core.exchange.xlsx_template import export_template
from meguro_jukyo.core.progress import Cancelled
from meguro_jukyo.core.services import ListQuery
from meguro_jukyo.core.services.history import entity_history


@pytest.fixture
def data(services):
    return fill(services)


def _col(ws, header: str) -> int:
    return [c.value for c in ws[1]].index(header) + 1


def _row_of(ws, record_id: str) -> int:
    col = _col(ws, "ID")
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=col).value == record_id)


def _changes(store) -> int:
    with store.engine.connect() as con:
        return con.execute(select(func.count()).select_from(m.Change)).scalar_one()


def test_an_untouched_export_imports_as_unchanged(services, store, data, tmp_path):
    export_workbook(services, tmp_path / "out.xlsx", personal=True)
    before, changes = dump(store), _changes(store)
    report = import_workbook(services, tmp_path / "out.xlsx")
    assert report.ok and not report.written, report.lines()
    assert report.unchanged == {"地域課題": 10, "アクション": 1}
    assert dump(store) == before and _changes(store) == changes


def test_edited_cells_update_exactly_those_records_and_a_second_import_changes_nothing(
        services, store, data, tmp_path):
    export_workbook(services, tmp_path / "out.xlsx", personal=True)
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    issues, actions = wb["地域課題"], wb["アクション"]
    target, other = data["issues"][7], data["issues"][1]
    issues.cell(row=_row_of(issues, target.id), column=_col(issues, "状況")).value = "協議中"
    issues.cell(row=_row_of(issues, target.id), column=_col(issues, "施策視点")).value = "2-2-1、3-1-2 デジタル技術"
    _type(issues.cell(row=_row_of(issues, other.id), column=_col(issues, "課題名")), "=SUM(1,2) は文字")
    issues.cell(row=_row_of(issues, other.id), column=_col(issues, "提起日")).value = "令和7年5月1日"
    action_row = _row_of(actions, data["action"].id)
    actions.cell(row=action_row, column=_col(actions, "担当")).value = "佐藤"
    actions.cell(row=action_row, column=_col(actions, "期限")).value = dt.datetime(2025, 7, 31)
    wb.save(tmp_path / "edited.xlsx")

    report = import_workbook(services, tmp_path / "edited.xlsx")
    assert report.ok, report.lines()
    assert report.updated == {"地域課題": 2, "アクション": 1}
    assert report.changed["issue"] == {target.id, other.id}
    assert report.changed["action_item"] == {data["action"].id}
    assert services.issues.get(target.id).status == "discussing"
    edited = services.issues.get(other.id)
    assert (edited.title, edited.raised_on) == ("=SUM(1,2) は文字", dt.date(2025, 5, 1))
    action = services.actions.get(data["action"].id)
    assert (action.assignee, action.due_on) == ("佐藤", dt.date(2025, 7, 31))
    assert {lk.viewpoint_id for lk in services.links.list(ListQuery(equals={"issue_id": target.id}))} == \
        {"2-2-1", "3-1-2"}
    untouched = [i for i in data["issues"] if i.id not in (target.id, other.id)]
    assert all(services.issues.get(i.id).rev == i.rev for i in untouched)
    labels = {h.label for h in entity_history(store, "issue", target.id)}
    assert "Excelから取り込み: edited.xlsx" in labels

    before, changes = dump(store), _changes(store)
    again = import_workbook(services, tmp_path / "edited.xlsx")
    assert again.ok and not again.written and not again.updated.get("地域課題")
    assert dump(store) == before and _changes(store) == changes

    assert services.undo().label == "Excelから取り込み: edited.xlsx"  # one import, one Undo
    assert services.issues.get(target.id).status == "raised"


def test_a_formula_with_no_cached_value_is_reported_by_cell_not_read_as_empty(services, store, data, tmp_path):
    """openpyxl, like LibreOffice and many tools, writes a formula with no computed value: read
    as empty, it would blank the field."""
    export_workbook(services, tmp_path / "out.xlsx")
    issue = data["issues"][3]
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    ws = wb["地域課題"]
    row, col = _row_of(ws, issue.id), _col(ws, "内容")
    ws.cell(row=row, column=col).value = '=CONCAT("駅前", "の街灯")'
    wb.save(tmp_path / "edited.xlsx")
    before, changes = dump(store), _changes(store)
    report = import_workbook(services, tmp_path / "edited.xlsx")
    assert not report.ok and not report.written
    (problem,) = report.errors
    assert (problem.row, problem.column, problem.header) == (row, openpyxl.utils.get_column_letter(col), "内容")
    assert "数式" in problem.message
    assert dump(store) == before and _changes(store) == changes
    assert services.issues.get(issue.id).description == issue.description


def test_a_record_changed_since_the_export_is_reported_not_overwritten(services, store, data, tmp_path):
    export_workbook(services, tmp_path / "out.xlsx")
    issue = data["issues"][7]
    services.issues.update(issue.id, {"status": "agreed"})  # someone else, after the export
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    ws = wb["地域課題"]
    ws.cell(row=_row_of(ws, issue.id), column=_col(ws, "場所")).value = "駅前"
    wb.save(tmp_path / "edited.xlsx")
    before = dump(store)
    report = import_workbook(services, tmp_path / "edited.xlsx")
    assert not report.ok and not report.written
    (problem,) = report.errors
    assert problem.row == _row_of(ws, issue.id) and "版 1 → 2" in problem.message
    assert dump(store) == before


def test_a_record_in_two_rows_is_updated_by_the_first_and_the_second_is_reported(services, store, data,
                                                                                 tmp_path):
    """Updates are written a batch at a time: the second row for a record must still see the
    first row's update (and be refused as stale), not the record as the batch found it."""
    export_workbook(services, tmp_path / "out.xlsx")
    issue = data["issues"][7]
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    ws = wb["地域課題"]
    row = _row_of(ws, issue.id)
    ws.cell(row=row, column=_col(ws, "場所")).value = "駅前"
    ws.append([c.value for c in ws[row]])  # the same record again, further down
    ws.cell(row=ws.max_row, column=_col(ws, "場所")).value = "公園"
    wb.save(tmp_path / "edited.xlsx")
    report = import_workbook(services, tmp_path / "edited.xlsx", valid_only=True)
    assert report.updated["地域課題"] == 1 and report.skipped["地域課題"] == 1
    (problem,) = report.errors
    assert problem.row == ws.max_row and "版 1 → 2" in problem.message
    assert services.issues.get(issue.id).place == "駅前"


def _fill_template(path, rows, sheet="地域課題"):
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    for i, values in enumerate(rows, start=2):
        for header, value in values.items():
            _type(ws.cell(row=i, column=headers.index(header) + 1), value)
    wb.save(path)


def _type(cell, value):
    """Enter a value as a person would in Excel; text starting with = is typed as '=…, i.e. text."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def test_a_filled_in_template_creates_records_once(services, store, data, tmp_path):
    path = tmp_path / "template.xlsx"
    export_template(path, services)
    rows = [{"課題名": t, "組織": "駒場町会", "分野": "防犯", "状況": "提起", "提起日": "R7.6.1",
             "施策視点": "2-1-1 コミュニティ形成の推進"} for t in FORMULA_TITLES]
    rows.append({"課題名": "公園の照明", "組織": "碑文谷町会", "優先度": "高", "区への要望": "はい",
                 "提起日": dt.date(2025, 6, 2)})
    _fill_template(path, rows)
    count = services.issues.count()
    report = import_workbook(services, path)
    assert report.ok and report.created == {"地域課題": len(rows), "アクション": 0}, report.lines()
    titles = {i.title for i in services.issues.list(ListQuery(date_from=dt.date(2025, 6, 1)))}
    assert titles == {*FORMULA_TITLES, "公園の照明"}
    park = next(i for i in services.issues.list() if i.title == "公園の照明")
    assert (park.priority, park.is_request, park.organization_id) == (1, True, data["south"].id)
    assert services.issues.count() == count + len(rows)

    before = dump(store)
    again = import_workbook(services, path)
    assert again.ok and again.unchanged["地域課題"] == len(rows) and not again.created["地域課題"]
    assert dump(store) == before


def test_every_problem_is_reported_by_row_and_column_and_nothing_is_written(services, store, data, tmp_path):
    path = tmp_path / "template.xlsx"
    export_template(path, services)
    _fill_template(path, [
        {"課題名": "正しい行", "組織": "駒場町会"},
        {"課題名": "状態が違う", "組織": "駒場町会", "状況": "完了済"},
        {"課題名": "日付が違う", "組織": "駒場町会", "提起日": "きのう"},
        {"課題名": "", "組織": "駒場町会", "場所": "課題名なし"},
        {"課題名": "組織なし", "組織": "存在しない町会"},
        {"課題名": "視点が違う", "組織": "駒場町会", "施策視点": "9-9-9"},
        {"課題名": "回答日だけ", "組織": "駒場町会", "回答日": "2025-06-01"},
    ])
    before = dump(store)
    report = import_workbook(services, path)
    assert not report.written and dump(store) == before
    texts = [p.text() for p in report.errors]
    assert texts[0] == "地域課題 3行目 D列（状況）: 「完了済」は選択肢にありません（提起・協議中・合意・区へ要望・対応中・解決・保留・取り下げ）。"
    assert texts[1].startswith("地域課題 4行目 G列（提起日）: 「きのう」は日付として読めません")
    assert texts[2] == "地域課題 5行目 A列（課題名）: 入力してください。"
    assert texts[3].startswith("地域課題 6行目 B列（組織）: 組織「存在しない町会」が見つかりません")
    assert texts[4].startswith("地域課題 7行目 L列（施策視点）: 「9-9-9」は施策立案の視点にありません")
    assert texts[5].startswith("地域課題 8行目 J列（区の回答）: 回答日を入れるときは回答も入れてください")
    assert len(texts) == 6
    assert report.lines()[-1] == "問題があるため、何も取り込んでいません。"
    assert report.lines()[0].startswith("地域課題: 追加できる行 1件、更新できる行 0件")  # not "追加": none written

    dry = import_workbook(services, path, dry_run=True, valid_only=True)
    assert dry.created["地域課題"] == 1 and not dry.written and dump(store) == before

    partial = import_workbook(services, path, valid_only=True)
    assert partial.written and partial.created["地域課題"] == 1 and partial.skipped["地域課題"] == 6
    assert partial.lines()[0] == "地域課題: 追加 1件、更新 0件、変更なし 0件、取り込まなかった行 6件"
    assert [i.title for i in services.issues.list() if i.title == "正しい行"] == ["正しい行"]


def test_action_items_come_in_through_their_own_sheet(services, data, tmp_path):
    path = tmp_path / "template.xlsx"
    export_template(path, services)
    _fill_template(path, [{"内容": "清掃の日程を決める", "組織": "駒場町会", "担当": "会長", "期限": "令和7年8月1日",
                           "状況": "未着手", "地域課題ID": data["issues"][0].id}], sheet="アクション")
    report = import_workbook(services, path)
    assert report.ok and report.created["アクション"] == 1, report.lines()
    (action,) = [a for a in services.actions.list() if a.title == "清掃の日程を決める"]
    assert (action.due_on, action.issue_id, action.assignee) == (dt.date(2025, 8, 1), data["issues"][0].id, "会長")


def test_an_action_item_without_an_issue_comes_in(services, data, tmp_path):
    path = tmp_path / "template.xlsx"
    export_template(path, services)
    _fill_template(path, [{"内容": "会報を配る", "組織": "駒場町会", "地域課題ID": ""},
                          {"内容": "掲示板を直す", "組織": "駒場町会"}], sheet="アクション")
    report = import_workbook(services, path)
    assert report.ok and report.created["アクション"] == 2, report.lines()
    made = {a.title: a.issue_id for a in services.actions.list() if a.title in ("会報を配る", "掲示板を直す")}
    assert made == {"会報を配る": None, "掲示板を直す": None}


def test_the_template_speaks_the_apps_words(services, data, tmp_path):
    from meguro_jukyo.core.exchange.xlsx_template import INSTRUCTIONS_SHEET

    path = tmp_path / "template.xlsx"
    export_template(path, services)
    wb = openpyxl.load_workbook(path)
    headers = {name: [c.value for c in wb[name][1]] for name in ("地域課題", "アクション")}
    assert {"分野", "状況"} <= set(headers["地域課題"]) and "状況" in headers["アクション"]
    text = "\n".join(str(row[0].value or "") for row in wb[INSTRUCTIONS_SHEET].iter_rows())
    for old in ("分類", "状態", "Excelから取り込み"):
        assert old not in text and all(old not in h for hs in headers.values() for h in hs if h)
    assert "分野・状況" in text and "「地域課題ID」を空けて" in text


def test_a_workbook_with_the_old_headers_still_comes_in(services, data, tmp_path):
    path = tmp_path / "template.xlsx"
    export_template(path, services)
    wb = openpyxl.load_workbook(path)
    ws = wb["地域課題"]
    ws.cell(row=1, column=_col(ws, "分野")).value = "分類"
    ws.cell(row=1, column=_col(ws, "状況")).value = "状態"
    wb.save(path)
    _fill_template(path, [{"課題名": "古い見出しの行", "組織": "駒場町会", "分類": "防犯", "状態": "協議中"}])
    report = import_workbook(services, path)
    assert report.ok and report.created["地域課題"] == 1, report.lines()
    (issue,) = [i for i in services.issues.list() if i.title == "古い見出しの行"]
    assert (issue.category, issue.status) == ("crime", "discussing")

    ws = openpyxl.load_workbook(path)["地域課題"]
    wb = ws.parent
    ws.cell(row=1, column=ws.max_column + 1).value = "分野"  # the same column twice, under both names
    wb.save(path)
    before = dump(services.store)
    twice = import_workbook(services, path)
    assert not twice.written and dump(services.store) == before
    assert any("同じ見出しの列" in p.text() for p in twice.errors)


def test_a_collision_retried_reads_the_rows_from_the_file_again_and_writes_them_once(
        services, store, data, tmp_path, monkeypatch):
    """The rows stream from the file inside the unit of work: when a collision makes it run
    again, the second attempt reads the sheet afresh (the first consumed it) and the store
    gets each row once."""
    from meguro_jukyo.core.concurrency import Collision
    from meguro_jukyo.core.exchange import xlsx_import

    path = tmp_path / "template.xlsx"
    export_template(path, services)
    rows = [{"課題名": f"街灯 {i}", "組織": "駒場町会"} for i in range(2500)]  # more than one batch
    _fill_template(path, rows)
    count = services.issues.count()
    flush, calls = xlsx_import._Importer.flush, []

    def colliding_once(self):
        calls.append(1)
        if len(calls) == 1:
            raise Collision()
        return flush(self)

    monkeypatch.setattr(xlsx_import._Importer, "flush", colliding_once)
    report = import_workbook(services, path)
    assert report.ok and report.created["地域課題"] == len(rows), report.lines()
    assert services.issues.count() == count + len(rows)
    assert len(calls) > 2  # the first attempt collided, the second wrote every batch


def test_a_cancelled_import_writes_nothing_and_progress_reaches_the_end(services, store, data, tmp_path):
    export_workbook(services, tmp_path / "out.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "out.xlsx")
    issues = wb["地域課題"]
    for number in range(2, issues.max_row + 1):
        issues.cell(row=number, column=_col(issues, "状況")).value = "協議中"
    wb.save(tmp_path / "edited.xlsx")
    before, changes = dump(store), _changes(store)
    with pytest.raises(Cancelled):
        import_workbook(services, tmp_path / "edited.xlsx", progress=CancelAt(1))  # after the first batch
    assert dump(store) == before and _changes(store) == changes
    progress = CancelAt()
    report = import_workbook(services, tmp_path / "edited.xlsx", progress=progress)
    assert report.written
    rows = sum(report.updated.values()) + sum(report.unchanged.values())
    assert progress.seen[0][:2] == (0, rows) and progress.seen[-1][:2] == (rows, rows)
