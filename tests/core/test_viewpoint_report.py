"""The report per 施策立案の視点: what it says for a 年度, and the CLI writing it as Excel."""

from __future__ import annotations

import datetime as dt

import pytest

from meguro_jukyo.core.exchange.minutes_xlsx import read_minutes_xlsx
from meguro_jukyo.core.exchange.viewpoint_report import (
    SHEET_TITLE,
    build_viewpoint_report,
)
from meguro_jukyo.core.policy import load_framework
from meguro_jukyo.core.reference import council_id

FRAMEWORK = load_framework()


def make_year(services):
    """2026年度: three issues under 1-1-1 from 北部 (駒場) and 南部 (碑文谷), one a 要望 the ward
    answered, a decision on one; an issue of 2025 and one under another 視点."""
    north, south = council_id("komaba"), council_id("ishibumi")
    made = {}
    for key, org, title, category, on, extra in (
            ("a", north, "防災訓練の参加者を増やす", "disaster", dt.date(2026, 5, 1), {"priority": 1}),
            ("b", north, "防災倉庫の点検", "disaster", dt.date(2026, 7, 1), {"is_request": True}),
            ("c", south, "外国人住民との交流会", "events", dt.date(2027, 3, 31), {}),
            ("old", south, "防災無線が聞こえにくい", "disaster", dt.date(2026, 3, 31), {}),
            ("other", north, "職員数について", "other", dt.date(2026, 6, 1), {})):
        made[key] = services.issues.create({"organization_id": org, "title": title, "category": category,
                                            "raised_on": on, **extra})
    for key in ("a", "b", "c", "old"):
        services.links.create({"issue_id": made[key].id, "viewpoint_id": "1-1-1"})
    services.links.create({"issue_id": made["other"].id, "viewpoint_id": "3-2-2"})
    services.issues.answer(made["b"].id, "来年度に点検の予算を付けます。", dt.date(2026, 9, 1))
    meeting = services.meetings.create({"organization_id": north, "title": "定例会",
                                        "starts_at": dt.datetime(2026, 6, 10, 19, 0)})
    services.notes.create({"meeting_id": meeting.id, "issue_id": made["a"].id, "kind": "decision",
                           "decision_method": "unanimous", "body": "秋の防災訓練を町会合同で行う",
                           "recorded_at": dt.datetime(2026, 6, 10, 20, 0)})
    return made


def test_each_viewpoint_says_what_was_raised_where_decided_and_answered_in_the_year(services):
    make_year(services)
    report = build_viewpoint_report(services, FRAMEWORK, 2026, today=dt.date(2027, 4, 10))
    assert [v.viewpoint_id for v in report.viewpoints] == [vp.id for vp in FRAMEWORK.viewpoints()]
    first = report.viewpoints[0]
    assert first.viewpoint_id == "1-1-1" and first.issues == 3  # the 2025 one is not in 2026年度
    assert first.districts == (("北部", 2), ("東部", 0), ("中央", 0), ("南部", 1), ("西部", 0))
    assert first.categories == (("防災", 2), ("親睦・行事", 1))
    assert ("防災", 2) in first.words
    assert first.titles[0] == "防災訓練の参加者を増やす"  # the most pressing first
    assert set(first.titles) == {"防災訓練の参加者を増やす", "防災倉庫の点検", "外国人住民との交流会"}
    assert first.decisions == ("秋の防災訓練を町会合同で行う",) and first.decisions_total == 1
    assert (first.requests_total, first.answered) == (1, 1)
    assert first.requests[0].answer == "来年度に点検の予算を付けます。"
    for item in FRAMEWORK.items("1-1-1"):
        assert item.text in first.text  # the plan's words, verbatim
    other = next(v for v in report.viewpoints if v.viewpoint_id == "3-2-2")
    assert other.issues == 1 and other.decisions == ()
    assert sum(v.issues for v in report.viewpoints) == 4


def test_the_report_reads_in_japanese_dates_and_lists_answers(services):
    make_year(services)
    report = build_viewpoint_report(services, FRAMEWORK, 2026, today=dt.date(2027, 4, 10))
    assert report.heading == "施策立案の視点別 地域課題の報告（令和8年度）"
    assert "令和8年4月1日〜令和9年3月31日" in report.organization
    sections = dict(report.sections())
    rows = dict(sections[FRAMEWORK.node("1-1-1").heading])
    assert rows["地域課題"] == "3件（北部 2・東部 0・中央 0・南部 1・西部 0）"
    assert "回答: 来年度に点検の予算を付けます。（令和8年9月1日）" in rows["区への要望"]
    seireki = build_viewpoint_report(services, FRAMEWORK, 2026, era=False, today=dt.date(2027, 4, 10))
    assert seireki.heading.endswith("（2026年度）")


def test_cli_writes_the_report_as_excel_and_refuses_a_bad_name(tmp_path, capsys):
    from meguro_jukyo.cli import main
    from meguro_jukyo.core.db import Store
    from meguro_jukyo.core.services import Services

    db = tmp_path / "s.sqlite3"
    with Store.open(db, create=True) as store:
        make_year(Services(store))
    out = tmp_path / "視点別.xlsx"
    assert main(["--db", str(db), "report", "viewpoints", "--nendo", "2026", str(out)]) == 0
    heading, sections = read_minutes_xlsx(out, sheet_title=SHEET_TITLE)
    assert heading == "施策立案の視点別 地域課題の報告（令和8年度）"
    assert len(sections) == 1 + 13
    capsys.readouterr()
    for bad in (["--nendo", "2026", str(tmp_path / "x.docx")], ["--nendo", "26", str(tmp_path / "x.xlsx")]):
        assert main(["--db", str(db), "report", "viewpoints", *bad]) == 1
        err = capsys.readouterr().err
        assert err.startswith("meguro-jukyo: ") and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("s.sqlite3")) == ["視点別.xlsx"]


@pytest.mark.parametrize("nendo", [2026])
def test_a_year_without_issues_still_lists_every_viewpoint(services, nendo):
    report = build_viewpoint_report(services, FRAMEWORK, nendo)
    assert len(report.viewpoints) == 13 and all(v.issues == 0 for v in report.viewpoints)
    assert len(report.sections()) == 14


def test_the_words_of_a_title_are_its_kanji_and_katakana_nouns():
    from meguro_jukyo.core.exchange.viewpoint_report import words

    assert words("防災訓練の参加者を増やす") == {"防災", "訓練", "参加者"}
    assert words("放置自転車の撤去") == {"放置自転車", "撤去"}
    assert words("防犯カメラの設置") == {"防犯", "カメラ", "設置"}
