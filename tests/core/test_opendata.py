"""Open data: national-standard headers, UTF-8 with BOM and CRLF, no personal data, small counts hidden,
every file checked against the schema the project writes down (resources/opendata_schema.json)."""

import csv
import datetime as dt
import io
import json

import pytest
from xlsx_helpers import ASSIGNEE, ATTENDEE, PERSON, fill

from meguro_jukyo.cli import main
from meguro_jukyo.core.exchange.opendata import (
    COUNTS_FILE,
    DECISIONS_FILE,
    ISSUES_FILE,
    README_FILE,
    SCHEMA,
    SCHEMA_FILE,
    SUPPRESSED_REASON,
    check_opendata,
    count_cells,
    export_opendata,
)

REASON = "地域課題の件数_秘匿理由"


@pytest.fixture
def published(services, tmp_path):
    data = fill(services)
    services.issues.update(data["issues"][0].id, {"description": "山本さん宅の前", "place": "駒場1-2-3"})
    report = export_opendata(services, tmp_path / "open", created=dt.date(2026, 4, 1), contact="目黒区 地域振興課 03-0000-0000")
    return data, report, tmp_path / "open"


def _read(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


def test_files_use_the_standard_headers_and_encoding(published):
    data, report, outdir = published
    for name in (ISSUES_FILE, DECISIONS_FILE, COUNTS_FILE):
        table = _read(outdir / name)
        assert table[0][:3] == ["全国地方公共団体コード", "ID", "地方公共団体名"], name
        assert {(r[0], r[2]) for r in table[1:]} == {("131105", "東京都目黒区")}, name
        assert len({r[1] for r in table[1:]}) == len(table) - 1, name  # an ID per row, none twice
    issues = _read(outdir / ISSUES_FILE)
    assert len(issues) - 1 == report.files[ISSUES_FILE] == 10
    first = next(r for r in issues if r[1] == data["issues"][0].id)
    row = dict(zip(issues[0], first))
    assert row["名称"] == data["issues"][0].title  # as it is: no "'" in front of =HYPERLINK(…)
    assert row["名称"].startswith("=")
    assert row["提起年月日"] == "2025-04-01"
    plain = dict(zip(issues[0], next(r for r in issues if r[1] == data["issues"][6].id)))
    assert plain["名称"] == "街灯が暗い"
    # both of its 視点 are single issues in 駒場, so they are hidden here as in the counts file
    assert row["施策立案の視点"] == "" and row["地区"] == "北部地区" and row["住区"] == "駒場住区"
    readme = (outdir / README_FILE).read_text(encoding="utf-8-sig")
    for text in ("CC BY 4.0", "作成日: 2026年4月1日（2026-04-01）", "問い合わせ先: 目黒区 地域振興課 03-0000-0000",
                 SUPPRESSED_REASON, SCHEMA_FILE):
        assert text in readme
    assert json.loads((outdir / SCHEMA_FILE).read_text(encoding="utf-8")) == SCHEMA


def test_no_personal_data_and_no_free_text_beyond_titles_and_decisions(published):
    _, _, outdir = published
    everything = "".join(p.read_text(encoding="utf-8-sig") for p in outdir.glob("*.csv"))
    for text in (PERSON, ASSIGNEE, ATTENDEE, "山本さん宅の前", "駒場1-2-3", "反対の理由"):
        assert text not in everything


def test_small_counts_are_suppressed(published):
    _, report, outdir = published
    decisions = _read(outdir / DECISIONS_FILE)
    row = dict(zip(decisions[0], decisions[1]))
    assert row["内容"] == "=見回りを増やす" and row["賛成"] == "15" and row["反対"] == "3"
    assert row["賛成_秘匿理由"] == row["反対_秘匿理由"] == ""
    counts = _read(outdir / COUNTS_FILE)
    assert len(counts) - 1 == 13 * 22
    komaba = dict(zip(counts[0], next(r for r in counts[1:] if r[3] == "2-1-1" and r[6] == "駒場住区")))
    assert komaba["地域課題の件数"] == "" and komaba[REASON] == SUPPRESSED_REASON  # one issue: hidden
    assert komaba["ID"] == "2-1-1_komaba" and komaba["地区"] == "北部地区"
    # a number column holds numbers only
    assert all(r[-2] == "" or r[-2].isdigit() for r in counts[1:]) and "*" not in {r[-2] for r in counts[1:]}
    assert [count_cells(n) for n in (0, 1, 2, 3, None)] == [
        ("0", ""), ("", SUPPRESSED_REASON), ("", SUPPRESSED_REASON), ("3", ""), ("", "")]


def test_a_suppressed_vote_is_blank_with_its_reason(services, tmp_path):
    data = fill(services)
    services.notes.create({"meeting_id": data["meeting"].id, "kind": "decision", "body": "会費を据え置く",
                           "decision_method": "majority", "votes_for": 12, "votes_against": 2, "votes_abstain": 0})
    export_opendata(services, tmp_path / "open")
    decisions = _read(tmp_path / "open" / DECISIONS_FILE)
    row = dict(zip(decisions[0], next(r for r in decisions if "会費を据え置く" in r)))
    assert (row["賛成"], row["賛成_秘匿理由"]) == ("12", "")
    assert (row["反対"], row["反対_秘匿理由"]) == ("", SUPPRESSED_REASON)
    assert (row["棄権"], row["棄権_秘匿理由"]) == ("0", "")
    assert check_opendata(tmp_path / "open") == []


def test_every_file_keeps_the_schema(published):
    _, report, outdir = published
    assert report.problems == [] and check_opendata(outdir) == []
    assert set(SCHEMA["files"]) == {ISSUES_FILE, DECISIONS_FILE, COUNTS_FILE}
    for spec in SCHEMA["files"].values():  # every suppressible number has its reason column
        names = [c["name"] for c in spec["columns"]]
        assert names[:3] == ["全国地方公共団体コード", "ID", "地方公共団体名"]
        for column in spec["columns"]:
            assert column["type"] in ("string", "integer", "date")
            if "suppressed_by" in column:
                assert column["suppressed_by"] in names


def _rewrite(path, edit):
    table = _read(path)
    edit(table)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(table)


def test_the_check_finds_what_breaks_the_schema(published):
    _, _, outdir = published
    counts = outdir / COUNTS_FILE

    def star(table):  # the old way: "*" in a number column, and a count blank without its reason
        table[1][-2], table[1][-1] = "*", ""
        table[2][-2], table[2][-1] = "", ""
        table[3][1] = table[4][1]
        table[5][2] = "目黒区"

    _rewrite(counts, star)

    def dates(table):
        table[1][table[0].index("提起年月日")] = "令和7年4月1日"
        table[2][table[0].index("区への要望")] = "あり"

    _rewrite(outdir / ISSUES_FILE, dates)
    (outdir / DECISIONS_FILE).write_bytes((outdir / DECISIONS_FILE).read_bytes().replace(b"\r\n", b"\n"))
    problems = check_opendata(outdir)
    joined = "\n".join(problems)
    for text in ("2行目 地域課題の件数: 数字だけのはずの値「*」", "3行目 地域課題の件数: 空欄（必須）",
                 "5行目 ID: 同じ値", "6行目 地方公共団体名: 「東京都目黒区」のはずの値「目黒区」",
                 "2行目 提起年月日: 西暦 YYYY-MM-DD でない日付「令和7年4月1日」", "3行目 区への要望: 決められた値",
                 f"{DECISIONS_FILE} 改行が CRLF でない"):
        assert text in joined, text

    _rewrite(counts, lambda table: table[0].__setitem__(5, "地域"))
    assert any("見出し行が項目定義と違う" in p for p in check_opendata(outdir))
    (outdir / ISSUES_FILE).unlink()
    assert f"{ISSUES_FILE}: ファイルがない" in check_opendata(outdir)


def test_the_command_checks_what_it_writes_and_a_folder_given(services, tmp_path, capsys):
    fill(services)
    outdir = tmp_path / "open"
    export_opendata(services, outdir)
    assert main(["--db", str(tmp_path / "unused.sqlite3"), "opendata", str(outdir), "--check"]) == 0
    assert "項目定義（opendata_schema.json）に合っています" in capsys.readouterr().out
    _rewrite(outdir / COUNTS_FILE, lambda table: table[1].__setitem__(slice(-2, None), ["*", ""]))
    assert main(["--db", str(tmp_path / "unused.sqlite3"), "opendata", str(outdir), "--check"]) == 1
    err = capsys.readouterr().err
    assert "数字だけのはずの値「*」" in err and "1 件" in err


def _cells_counted_from_rows(outdir) -> dict[tuple[str, str], int]:
    """How many rows of the published files place an issue in each (視点, 住区) cell: the
    issues file directly, any other file through its 地域課題ID."""
    issues = _read(outdir / ISSUES_FILE)
    cell_of = {}
    for r in issues[1:]:
        row = dict(zip(issues[0], r))
        cell_of[row["ID"]] = {(vp, row["住区"]) for vp in row["施策立案の視点"].split(";") if vp}
    counted: dict[tuple[str, str], set] = {}
    for path in outdir.glob("*.csv"):
        table = _read(path)
        for r in table[1:]:
            row = dict(zip(table[0], r))
            issue_id = row["ID"] if path.name == ISSUES_FILE else row.get("地域課題ID")
            for cell in cell_of.get(issue_id, ()):
                counted.setdefault(cell, set()).add(issue_id)
    return {cell: len(ids) for cell, ids in counted.items()}


def test_suppression_holds_across_every_file_of_one_publication(services, tmp_path):
    data = fill(services)
    org = data["org"]
    single = {}
    for vp in ("1-2-2", "2-2-2", "3-3-2"):  # one 駒場 issue each: "*" in the counts file
        single[vp] = services.issues.create({"organization_id": org.id, "title": f"{vp} の課題"})
        services.links.create({"issue_id": single[vp].id, "viewpoint_id": vp})
    three = [services.issues.create({"organization_id": org.id, "title": f"公園 {i}"}) for i in range(3)]
    for issue in three:
        services.links.create({"issue_id": issue.id, "viewpoint_id": "1-2-1"})
    services.links.create({"issue_id": three[0].id, "viewpoint_id": "1-2-2"})  # 1-2-2 now 2 in 駒場: still "*"
    meeting = data["meeting"]
    services.notes.create({"meeting_id": meeting.id, "kind": "decision", "body": "調べる", "decision_method": "unanimous",
                           "issue_id": single["2-2-2"].id})
    export_opendata(services, tmp_path / "open")
    outdir = tmp_path / "open"

    counts = _read(outdir / COUNTS_FILE)
    published = {(r[3], r[6]): r[-2] for r in counts[1:]}
    suppressed = [(r[3], r[6]) for r in counts[1:] if r[-1] == SUPPRESSED_REASON]
    assert {("1-2-2", "駒場住区"), ("2-2-2", "駒場住区"), ("3-3-2", "駒場住区"), ("1-1-1", "駒場住区")} <= set(suppressed)
    counted = _cells_counted_from_rows(outdir)
    for cell in suppressed:
        assert counted.get(cell, 0) == 0, f"{cell} is * but {counted[cell]} rows show it"
    for cell, value in published.items():  # what is shown agrees with the rows
        if cell not in suppressed:
            assert counted.get(cell, 0) == int(value), cell
    assert published[("1-2-1", "駒場住区")] == "3"
    issues = _read(outdir / ISSUES_FILE)
    first = dict(zip(issues[0], next(r for r in issues if r[1] == three[0].id)))
    assert first["施策立案の視点"] == "1-2-1"  # the shown 視点 stays beside the hidden one
    assert "施策立案の視点 × 住区" in (outdir / README_FILE).read_text(encoding="utf-8-sig")
