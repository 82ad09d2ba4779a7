"""Minutes content, the Excel sheet and the `minutes` command."""

import pytest
from meeting_sample import TITLE, build_sample
from openpyxl import load_workbook

from meguro_jukyo.cli import main
from meguro_jukyo.core.db import Store
from meguro_jukyo.core.exchange.minutes import build_minutes, signer_names
from meguro_jukyo.core.exchange.minutes_xlsx import read_minutes_xlsx, write_minutes_xlsx
from meguro_jukyo.core.meeting import MeetingFlow
from meguro_jukyo.core.services import Services


@pytest.fixture
def sample(services):
    return build_sample(services)


def _section(minutes, title):
    return dict(minutes.sections())[title]


def test_minutes_hold_every_part_a_ward_expects(services, sample):
    minutes = build_minutes(services, sample.meeting_id)
    titles = [t for t, _ in minutes.sections()]
    assert titles == ["会議の概要", "出席", "議題", "議事と決定事項", "少数意見", "継続審議",
                      "アクション", "次回予定", "署名"]
    overview = dict(_section(minutes, "会議の概要"))
    assert overview["日時"] == "令和7年5月18日（日） 10:02〜11:45"  # as held: opened late, closed early
    assert overview["場所"] == "駒場住区センター 第1会議室"
    assert (overview["議長"], overview["記録者"]) == ("山田太郎", "佐藤花子")
    attendance = dict(_section(minutes, "出席"))
    # a 総会 counts 書面表決 apart from 委任状 and lists nobody by name
    assert attendance == {"全会員数": "120名", "出席": "48名", "委任状": "20名", "書面表決": "0名",
                          "定足数": "61名以上（全会員の過半数の出席（委任状・書面表決を含む））",
                          "成立": "成立（定足数に数える出席68名）"}
    assert _section(minutes, "議題") == [("第1号議案", "令和7年度 予算案"), ("第2号議案", "防災訓練の実施")]
    proceedings = _section(minutes, "議事と決定事項")
    assert ("第1号議案", "令和7年度 予算案（予定20分）") in proceedings
    assert ("決定", "年会費を1,500円とする［多数決（賛成52・反対10・棄権6）］") in proceedings
    assert ("決定", "訓練内容は役員会で決める［全会一致］") in proceedings
    kinds = [label for label, _ in proceedings]
    for label in ("報告", "論点", "質問", "意見", "合意", "継続審議", "少数意見"):
        assert label in kinds
    assert _section(minutes, "少数意見") == [
        ("少数意見", "据え置いて寄付を募るべき（決定「年会費を1,500円とする」に対して）")]
    assert _section(minutes, "継続審議") == [("継続審議", "避難所の鍵の管理方法（第2号議案「防災訓練の実施」）")]
    assert _section(minutes, "アクション") == [
        ("アクション", "区の防災課に資材を相談する／担当: 防災部長／期限: 令和7年7月31日")]
    assert _section(minutes, "次回予定") == [("次回", "令和7年6月15日 10時 同会場")]
    assert _section(minutes, "署名") == [
        ("", "上記の議事の経過及びその結果を明確にするため、議長及び議事録署名人は次に署名押印する。"),
        ("", "令和　　年　　月　　日"), ("議長", "山田太郎"),
        ("議事録署名人", "鈴木一郎"), ("議事録署名人", "高橋次郎")]
    assert minutes.heading == f"{TITLE} 議事録"


def test_minutes_before_finalising_are_marked_draft_and_quorum_can_fail(services):
    s = build_sample(services, finalize=False)
    services.meetings.update(s.meeting_id, {"present": 30, "proxies": 10})
    minutes = build_minutes(services, s.meeting_id, era=False)
    assert minutes.heading.endswith("（案）")
    assert dict(_section(minutes, "出席"))["成立"] == "不成立（定足数に数える出席40名）"
    assert dict(_section(minutes, "会議の概要"))["日時"].startswith("2025年5月18日")


def test_edits_after_finalising_appear_as_amendments(services, sample):
    services.notes.update(sample.decision_id, {"body": "年会費を1,400円とする"})
    minutes = build_minutes(services, sample.meeting_id)
    title, rows = minutes.sections()[-1]
    assert title == "確定後の修正"
    assert [text for _, text in rows] == [
        "決定「年会費を1,400円とする」の本文: 年会費を1,500円とする → 年会費を1,400円とする"]
    # the decision itself shows the amended text
    assert any("1,400円" in text for _, text in _section(minutes, "議事と決定事項"))


def test_blank_signature_lines_when_no_signers_are_named():
    assert signer_names("") == ("", "")
    assert signer_names("山田 太郎／佐藤花子，鈴木") == ("山田 太郎", "佐藤花子", "鈴木")


def test_excel_minutes_read_back_the_same_content(services, sample, tmp_path):
    minutes = build_minutes(services, sample.meeting_id)
    path = write_minutes_xlsx(minutes, tmp_path / "議事録.xlsx")
    heading, sections = read_minutes_xlsx(path)
    assert heading == minutes.heading
    assert sections == minutes.sections()
    ws = load_workbook(path)["議事録"]
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) and ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert ws.column_dimensions["C"].width >= 60


def test_excel_keeps_text_that_looks_like_a_formula_as_text(services, tmp_path):
    s = build_sample(services, finalize=False)
    flow = MeetingFlow(services)
    services.meetings.update(s.meeting_id, {"status": "in_session"})
    item = flow.agenda(s.meeting_id)[0]
    flow.capture(s.meeting_id, item.id, "opinion", "=HYPERLINK(\"http://x\",\"y\")")
    path = write_minutes_xlsx(build_minutes(services, s.meeting_id), tmp_path / "m.xlsx")
    ws = load_workbook(path)["議事録"]
    cells = [c for row in ws.iter_rows() for c in row if c.value and str(c.value).startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.sqlite3"
    with Store.open(path, create=True) as store:
        sample = build_sample(Services(store))
    return path, sample


def test_cli_writes_excel_minutes(db, tmp_path, capsys):
    path, sample = db
    out = tmp_path / "out" / "minutes.xlsx"
    assert main(["--db", str(path), "minutes", sample.meeting_id, str(out)]) == 0
    heading, sections = read_minutes_xlsx(out)
    with Store.open(path, write=False) as store:
        assert sections == build_minutes(Services(store), sample.meeting_id).sections()


def test_cli_lists_a_general_meeting_s_attendees_only_when_asked(db, tmp_path):
    path, sample = db
    with Store.open(path) as store:
        Services(store).attendees.create({"meeting_id": sample.meeting_id, "name": "鈴木一郎"})
    plain, asked = tmp_path / "plain.xlsx", tmp_path / "asked.xlsx"
    assert main(["--db", str(path), "minutes", sample.meeting_id, str(plain)]) == 0
    assert main(["--db", str(path), "minutes", "--attendees", sample.meeting_id, str(asked)]) == 0
    assert "出席者" not in dict(dict(read_minutes_xlsx(plain)[1])["出席"])
    assert dict(dict(read_minutes_xlsx(asked)[1])["出席"])["出席者"] == "鈴木一郎"


def test_cli_refuses_unknown_meeting_and_extension(db, tmp_path, capsys):
    path, sample = db
    assert main(["--db", str(path), "minutes", "no-such-meeting", str(tmp_path / "m.xlsx")]) == 1
    assert "会議が見つかりません" in capsys.readouterr().err
    assert main(["--db", str(path), "minutes", sample.meeting_id, str(tmp_path / "m.docx")]) == 1
    assert ".pdf か .xlsx" in capsys.readouterr().err
    assert not (tmp_path / "m.xlsx").exists() and not (tmp_path / "m.docx").exists()


def _meeting(services, present, **kw):
    import datetime as dt

    org = services.organizations.create({"name": "駒場町会"})
    return services.meetings.create({
        "organization_id": org.id, "meeting_type": "board", "title": "役員会", "members_total": 15,
        "present": present, "starts_at": dt.datetime(2025, 6, 7, 19), "ends_at": dt.datetime(2025, 6, 7, 21), **kw})


def test_minutes_show_when_the_meeting_was_held_and_the_items_it_never_took_up(services):
    import datetime as dt

    flow = MeetingFlow(services)
    meeting = _meeting(services, 9)
    assert dict(_section(build_minutes(services, meeting.id), "会議の概要"))["日時"] == "令和7年6月7日（土） 19:00〜21:00"
    first, second, third = (flow.add_item(meeting.id, t) for t in ("会計", "夏祭り", "防犯"))
    flow.open_meeting(meeting.id, now=dt.datetime(2025, 6, 7, 19, 12, 40).timestamp())
    assert dict(_section(build_minutes(services, meeting.id), "会議の概要"))["日時"] == "令和7年6月7日（土） 19:12"
    flow.capture(meeting.id, first.id, "report", "黒字")
    flow.add_action(meeting.id, second.id, "テントを借りる")
    assert [i.title for i in flow.not_taken_up(meeting.id)] == ["防犯"]
    flow.close_meeting(meeting.id, now=dt.datetime(2025, 6, 7, 20, 31).timestamp())
    minutes = build_minutes(services, meeting.id)
    assert dict(_section(minutes, "会議の概要"))["日時"] == "令和7年6月7日（土） 19:12〜20:31"
    assert _section(minutes, "議題")[2] == ("議題3", "防犯（審議せず）")
    assert ("結果", "審議せず") in _section(minutes, "議事と決定事項")
    assert [i.outcome for i in flow.agenda(meeting.id)] == ["", "", "審議せず"]
    services.undo()  # 閉会 and its marks are one change
    assert [i.outcome for i in flow.agenda(meeting.id)] == ["", "", ""]
    assert third.id in {i.id for i in flow.not_taken_up(meeting.id)}


def test_decisions_taken_without_a_quorum_are_marked_in_the_minutes(services, tmp_path):
    flow = MeetingFlow(services)
    meeting = _meeting(services, 6)  # 役員会 of 15: 8 needed
    item = flow.add_item(meeting.id, "会費")
    flow.open_meeting(meeting.id)
    short = flow.decide(meeting.id, item.id, "据え置く", "unanimous")
    services.meetings.update(meeting.id, {"present": 9})  # two more arrived
    full = flow.decide(meeting.id, item.id, "寄付を募る", "majority", 7, 2, 0)
    assert (short.without_quorum, full.without_quorum) == (True, False)
    rows = _section(build_minutes(services, meeting.id), "議事と決定事項")
    assert ("決定", "据え置く［全会一致］　※定足数に達しないまま決定") in rows
    assert ("決定", "寄付を募る［多数決（賛成7・反対2・棄権0）］") in rows


def test_amended_dates_are_written_like_every_other_date_of_the_minutes(services, sample):
    import datetime as dt

    [action] = [a for a in services.actions.list() if a.meeting_id == sample.meeting_id]
    services.actions.update(action.id, {"due_on": dt.date(2025, 8, 31)})
    [amended] = dict(build_minutes(services, sample.meeting_id).sections())["確定後の修正"]
    assert amended[1] == "アクション「区の防災課に資材を相談する」の期限: 令和7年7月31日 → 令和7年8月31日"
    [amended] = dict(build_minutes(services, sample.meeting_id, era=False).sections())["確定後の修正"]
    assert amended[1].endswith("2025年7月31日 → 2025年8月31日") and amended[0].startswith("20")


def test_the_chosen_chair_and_signers_sign_the_minutes(services, sample):
    services.meetings.choose_officers(sample.meeting_id, " 田中正 ", ["伊藤花子", "", "渡辺一"])
    minutes = build_minutes(services, sample.meeting_id)
    assert dict(_section(minutes, "会議の概要"))["議長"] == "田中正"  # not the facilitator
    assert _section(minutes, "署名")[2:] == [("議長", "田中正"), ("議事録署名人", "伊藤花子"),
                                            ("議事録署名人", "渡辺一")]


@pytest.mark.parametrize(("chair", "signers", "field", "words"), [
    ("", ["伊藤花子"], "chair", "議長の氏名"),
    ("田中正", ["", " "], "signers", "1名以上"),
    ("田中正", ["田中正", "伊藤花子"], "signers", "兼ねられません"),
    ("田中正", ["伊藤花子", "伊藤花子"], "signers", "2回"),
    ("田中正", ["伊藤花子、渡辺一"], "signers", "一人ずつ"),
])
def test_officers_that_cannot_sign_are_refused_and_change_nothing(services, sample, chair, signers, field, words):
    from meguro_jukyo.core.errors import ValidationError

    before = services.meetings.get(sample.meeting_id)
    with pytest.raises(ValidationError) as caught:
        services.meetings.choose_officers(sample.meeting_id, chair, signers)
    assert caught.value.field == field and words in caught.value.ja
    after = services.meetings.get(sample.meeting_id)
    assert (after.chair, after.signers, after.rev) == (before.chair, before.signers, before.rev)


def _board(services, org_id, **values):
    import datetime as dt

    meeting = services.meetings.create({"organization_id": org_id, "meeting_type": "board", "title": "5月 役員会",
                                        "starts_at": dt.datetime(2025, 5, 25, 19), "members_total": 15,
                                        "present": 8, "proxies": 3, **values})
    for name, how in (("鈴木一郎", "present"), ("青木斉", "present"), ("西長民", "proxy"), ("高橋次郎", "absent")):
        services.attendees.create({"meeting_id": meeting.id, "name": name, "attendance": how})
    return meeting


def test_a_board_meeting_counts_its_officers_not_proxies_and_names_who_attended(services, sample):
    meeting = _board(services, sample.org_id)
    attendance = dict(_section(build_minutes(services, meeting.id), "出席"))
    assert attendance == {"役員総数": "15名", "出席": "8名", "委任状": "3名",
                          "定足数": "8名以上（役員の過半数の出席（委任状は含まない））",
                          "成立": "成立（定足数に数える出席8名）",
                          "出席者": "鈴木一郎、青木斉"}  # present only (not by proxy, not absent)
    services.meetings.update(meeting.id, {"present": 7})
    assert dict(_section(build_minutes(services, meeting.id), "出席"))["成立"] == "不成立（定足数に数える出席7名）"


def test_a_general_meeting_names_nobody_unless_asked_and_counts_written_votes(services, sample):
    services.attendees.create({"meeting_id": sample.meeting_id, "name": "鈴木一郎", "attendance": "present"})
    services.meetings.update(sample.meeting_id, {"present": 30, "proxies": 10, "written_votes": 25})
    attendance = dict(_section(build_minutes(services, sample.meeting_id), "出席"))
    assert "出席者" not in attendance
    assert (attendance["書面表決"], attendance["成立"]) == ("25名", "成立（定足数に数える出席65名）")
    asked = dict(_section(build_minutes(services, sample.meeting_id, with_attendees=True), "出席"))
    assert asked["出席者"] == "鈴木一郎"


def test_general_meeting_bills_are_numbered_with_their_results(services, sample):
    import datetime as dt

    flow = MeetingFlow(services)
    meeting = services.meetings.create({"organization_id": sample.org_id, "meeting_type": "general_extra",
                                        "title": "臨時総会", "starts_at": dt.datetime(2025, 9, 7, 10),
                                        "members_total": 10, "present": 8})
    items = [flow.add_item(meeting.id, t) for t in ("決算報告", "会則の改正", "集会所の建替え", "会費の値上げ")]
    flow.open_meeting(meeting.id)
    flow.decide(meeting.id, items[1].id, "原案どおり改正する", "unanimous")
    flow.decide(meeting.id, items[2].id, "次の総会で改めて諮る", "continued")
    flow.capture(meeting.id, items[3].id, "opinion", "値上げは早い")
    services.agenda.update(items[0].id, {"outcome": "承認"})  # a report is approved, not voted on
    services.agenda.update(items[3].id, {"outcome": "否決"})  # entered: a decision states what was carried
    rows = _section(build_minutes(services, meeting.id), "議事と決定事項")
    results = [text for label, text in rows if label == "結果"]
    assert [label for label, _ in rows if label.endswith("号議案")] == [f"第{n}号議案" for n in range(1, 5)]
    assert results == ["承認", "可決", "継続", "否決"]
    board = _board(services, sample.org_id)
    flow.add_item(board.id, "夏祭りの役割分担")
    assert _section(build_minutes(services, board.id), "議題") == [("議題1", "夏祭りの役割分担")]
