"""Meeting flow: agenda, carry-over, status steps, capture, decisions, time boxes, drafts."""

import datetime as dt
import json

import pytest
from sqlalchemy import select

from meguro_jukyo.core import models as m
from meguro_jukyo.core.db import Store
from meguro_jukyo.core.errors import UserError, ValidationError
from meguro_jukyo.core.meeting import MeetingFlow
from meguro_jukyo.core.services import Services


@pytest.fixture
def org(services):
    return services.organizations.create({"kind": "association", "name": "駒場町会", "jukyo_code": "komaba"})


def make_meeting(services, org, title="定例会", day=dt.datetime(2025, 6, 1, 19, 0), **kw):
    return services.meetings.create({"organization_id": org.id, "meeting_type": "regular",
                                     "title": title, "starts_at": day, **kw})


@pytest.fixture
def meeting(services, org):
    return make_meeting(services, org)


@pytest.fixture
def flow(services):
    return MeetingFlow(services)


def test_items_are_added_at_the_end_and_moved_in_one_undoable_change(flow, services, meeting):
    a = flow.add_item(meeting.id, "防災訓練", 15)
    b = flow.add_item(meeting.id, "夏祭り", 20)
    c = flow.add_item(meeting.id, "会計報告", 5)
    assert [(i.title, i.position) for i in flow.agenda(meeting.id)] == [
        ("防災訓練", 1), ("夏祭り", 2), ("会計報告", 3)]
    flow.move_item(c.id, 0)
    assert [i.title for i in flow.agenda(meeting.id)] == ["会計報告", "防災訓練", "夏祭り"]
    assert [i.position for i in flow.agenda(meeting.id)] == [1, 2, 3]
    assert services.undo_label() == "議題の順番を変更"
    services.undo()
    assert [i.id for i in flow.agenda(meeting.id)] == [a.id, b.id, c.id]


def test_status_goes_planned_open_closed_finalized_and_never_skips(flow, meeting):
    with pytest.raises(UserError, match="開催中"):
        flow.close_meeting(meeting.id)
    with pytest.raises(UserError, match="終了"):
        flow.finalize(meeting.id)
    assert flow.open_meeting(meeting.id).status == "in_session"
    with pytest.raises(UserError, match="予定"):
        flow.open_meeting(meeting.id)
    assert flow.close_meeting(meeting.id).status == "closed"
    assert flow.finalize(meeting.id).status == "finalized"
    with pytest.raises(UserError):
        flow.close_meeting(meeting.id)


def test_notes_can_only_be_captured_while_in_session(flow, meeting):
    item = flow.add_item(meeting.id, "防災訓練")
    with pytest.raises(UserError, match="開会"):
        flow.capture(meeting.id, item.id, "opinion", "まだ始まっていない")


def test_capture_numbers_notes_per_item_and_links_the_items_issue(flow, services, org, meeting):
    issue = services.issues.create({"organization_id": org.id, "title": "避難所の備蓄"})
    first = flow.add_item(meeting.id, "防災", issue_id=issue.id)
    second = flow.add_item(meeting.id, "夏祭り")
    flow.open_meeting(meeting.id)
    n1 = flow.capture(meeting.id, first.id, "opinion", "水を増やしたい")
    n2 = flow.capture(meeting.id, first.id, "question", "予算は？")
    n3 = flow.capture(meeting.id, second.id, "report", "7月に開催")
    assert (n1.position, n2.position, n3.position) == (1, 2, 1)
    assert n1.issue_id == issue.id and n3.issue_id is None
    assert [n.body for n in flow.notes(meeting.id, first.id)] == ["水を増やしたい", "予算は？"]


def test_decision_with_votes_and_minority_is_one_change(flow, services, meeting):
    item = flow.add_item(meeting.id, "会費")
    flow.open_meeting(meeting.id)
    d = flow.decide(meeting.id, item.id, "会費を年1,200円とする", "majority", 12, 3, 2,
                    minority=["据え置くべき", "  "])
    assert (d.kind, d.decision_method, d.votes_for, d.votes_against, d.votes_abstain) == (
        "decision", "majority", 12, 3, 2)
    minority = [n for n in flow.notes(meeting.id, item.id) if n.kind == "minority"]
    assert [(n.body, n.decision_id) for n in minority] == [("据え置くべき", d.id)]
    assert services.undo_label() == "決定を記録"
    services.undo()
    assert flow.notes(meeting.id, item.id) == []


def test_majority_needs_more_for_than_against(flow, meeting):
    item = flow.add_item(meeting.id, "会費")
    flow.open_meeting(meeting.id)
    with pytest.raises(ValidationError):
        flow.decide(meeting.id, item.id, "否決", "majority", 3, 5, 0)
    assert flow.notes(meeting.id) == []


def test_a_captured_minority_opinion_attaches_to_the_items_latest_decision(flow, meeting):
    item = flow.add_item(meeting.id, "会費")
    flow.open_meeting(meeting.id)
    d = flow.decide(meeting.id, item.id, "値上げする", "majority", 10, 2, 0)
    note = flow.capture(meeting.id, item.id, "minority", "反対の理由")
    assert note.decision_id == d.id


def test_action_item_belongs_to_the_meeting_organization_and_issue(flow, services, org, meeting):
    issue = services.issues.create({"organization_id": org.id, "title": "街灯"})
    item = flow.add_item(meeting.id, "街灯", issue_id=issue.id)
    action = flow.add_action(meeting.id, item.id, "区に要望書を出す", "山田", dt.date(2025, 7, 1))
    assert (action.organization_id, action.meeting_id, action.issue_id, action.due_on) == (
        org.id, meeting.id, issue.id, dt.date(2025, 7, 1))


def test_carry_over_offers_continued_notes_and_open_actions_once(flow, services, org):
    issue = services.issues.create({"organization_id": org.id, "title": "公園の清掃"})
    may = make_meeting(services, org, "5月定例会", dt.datetime(2025, 5, 10, 19))
    item = flow.add_item(may.id, "公園", issue_id=issue.id)
    other = flow.add_item(may.id, "防犯")
    flow.open_meeting(may.id)
    flow.capture(may.id, item.id, "continued", "清掃の回数は次回に決める")
    flow.capture(may.id, other.id, "continued", "防犯カメラの設置場所")
    flow.decide(may.id, other.id, "夜回りの担当は継続して検討", "continued")
    flow.capture(may.id, other.id, "opinion", "ただの意見")
    open_action = flow.add_action(may.id, None, "見積もりを取る", "佐藤", dt.date(2025, 6, 1))
    done = flow.add_action(may.id, None, "済んだこと", "佐藤")
    services.actions.update(done.id, {"status": "done"})
    other_org = services.organizations.create({"name": "別の町会"})
    services.actions.create({"organization_id": other_org.id, "title": "よその話"})

    june = make_meeting(services, org, "6月定例会", dt.datetime(2025, 6, 14, 19))
    cands = flow.carry_over_candidates(june.id)
    assert [(c.source, c.title) for c in cands] == [
        ("continued", "清掃の回数は次回に決める"),
        ("continued", "防犯カメラの設置場所"),
        ("continued", "夜回りの担当は継続して検討"),
        ("action", "見積もりを取る"),
    ]
    assert cands[0].issue_id == issue.id and cands[0].from_meeting == "5月定例会"
    assert cands[3].source_id == open_action.id and cands[3].assignee == "佐藤"
    assert cands[3].due_on == dt.date(2025, 6, 1) and cands[3].overdue  # due before the 14th

    added = flow.add_candidate(june.id, cands[0])
    assert added.issue_id == issue.id
    flow.add_candidate(june.id, cands[3])
    assert [c.title for c in flow.carry_over_candidates(june.id)] == [
        "防犯カメラの設置場所", "夜回りの担当は継続して検討"]
    # taken up in June, so July is not offered it again; the open action comes back
    july = make_meeting(services, org, "7月定例会", dt.datetime(2025, 7, 12, 19))
    assert [c.title for c in flow.carry_over_candidates(july.id)] == [
        "防犯カメラの設置場所", "夜回りの担当は継続して検討", "見積もりを取る"]


def test_timer_accumulates_across_items_pause_and_resume(flow, meeting):
    a = flow.add_item(meeting.id, "一")
    b = flow.add_item(meeting.id, "二")
    flow.go_to(meeting.id, a.id, now=1000.0, run=True)
    flow.go_to(meeting.id, b.id, now=1300.0)  # 5 minutes on a; the clock keeps running
    s = flow.pause(meeting.id, now=1360.0)
    assert s.item_id == b.id
    assert (s.seconds(a.id, 5000.0), s.seconds(b.id, 5000.0)) == (300.0, 60.0)
    s = flow.resume(meeting.id, now=2000.0)
    assert s.seconds(b.id, 2030.0) == 90.0
    s = flow.go_to(meeting.id, a.id, now=2060.0)
    assert s.seconds(a.id, 2120.0) == 360.0 and s.seconds(b.id, 2120.0) == 120.0


def test_session_and_draft_survive_reopening_the_store(tmp_path):
    path = tmp_path / "s.sqlite3"
    with Store.open(path, create=True) as store:
        services = Services(store)
        flow = MeetingFlow(services)
        org = services.organizations.create({"name": "町会"})
        meeting = make_meeting(services, org)
        item = flow.add_item(meeting.id, "防災")
        flow.open_meeting(meeting.id)
        flow.set_active(meeting.id)
        flow.go_to(meeting.id, item.id, now=100.0, run=True)
        flow.save_draft(meeting.id, item.id, "point", "書きかけの論点")
        undo_before = services.undo_label()
    with Store.open(path) as store:
        flow = MeetingFlow(Services(store))
        assert flow.active() == meeting.id
        session = flow.session(meeting.id)
        assert session.item_id == item.id and session.seconds(item.id, 160.0) == 60.0
        draft = flow.draft(meeting.id)
        assert (draft.item_id, draft.kind, draft.text) == (item.id, "point", "書きかけの論点")
        # drafts are not edits: nothing to undo, nothing in the history
        assert Services(store).undo_label() == undo_before
        flow.capture(meeting.id, item.id, "point", "書きかけの論点")
        assert flow.draft(meeting.id) is None


def test_closing_records_actual_minutes_and_end_time(flow, services, meeting):
    a = flow.add_item(meeting.id, "一", 10)
    b = flow.add_item(meeting.id, "二", 10)
    flow.open_meeting(meeting.id)
    start = dt.datetime(2025, 6, 1, 19, 0).timestamp()
    flow.go_to(meeting.id, a.id, now=start, run=True)
    flow.go_to(meeting.id, b.id, now=start + 12 * 60 + 20)
    closed = flow.close_meeting(meeting.id, now=start + 20 * 60)
    assert [i.actual_minutes for i in flow.agenda(meeting.id)] == [12, 8]
    assert closed.closed_at == dt.datetime(2025, 6, 1, 19, 20) and closed.ends_at is None  # the plan stays
    assert not flow.session(meeting.id).running


def test_edits_after_finalising_are_amendments(flow, services, store, meeting):
    item = flow.add_item(meeting.id, "会費")
    flow.open_meeting(meeting.id)
    d = flow.decide(meeting.id, item.id, "年1,200円とする", "unanimous")
    flow.set_active(meeting.id)
    flow.save_draft(meeting.id, item.id, "opinion", "x")
    flow.close_meeting(meeting.id)
    assert flow.amendments(meeting.id) == []
    flow.finalize(meeting.id)
    assert flow.active() is None and flow.draft(meeting.id) is None
    assert flow.amendments(meeting.id) == []
    services.notes.update(d.id, {"body": "年1,500円とする"})
    services.notes.create({"meeting_id": meeting.id, "agenda_item_id": item.id, "kind": "opinion",
                           "body": "追記"})
    amendments = flow.amendments(meeting.id)
    assert [(a.field, a.old, a.new) for a in amendments if a.entity_id == d.id] == [
        ("body", "年1,200円とする", "年1,500円とする")]
    assert any(a.field == "deleted" and a.new is False and a.entity == "note" for a in amendments)
    with store.engine.connect() as con:
        keys = [k for (k,) in con.execute(select(m.Meta.key)) if k.startswith("meeting_mode.")]
    assert keys == []
    # the meta values are JSON that does not depend on this module's internals
    assert json.loads(flow.session(meeting.id).to_json()) == {"item_id": None, "timers": {}}


def test_a_captured_note_is_corrected_and_deleted_as_undoable_changes(flow, services, meeting):
    item = flow.add_item(meeting.id, "会費")
    flow.open_meeting(meeting.id)
    note = flow.capture(meeting.id, item.id, "opinion", "値上げに反対")
    edited = flow.edit_note(note.id, {"kind": "point", "body": "値上げは必要か"})
    assert (edited.kind, edited.body) == ("point", "値上げは必要か")
    assert services.undo_label() == "意見を修正"
    services.undo()
    assert [(n.kind, n.body) for n in flow.notes(meeting.id)] == [("opinion", "値上げに反対")]

    decision = flow.decide(meeting.id, item.id, "年1,200円とする", "majority", 8, 2, 0, minority=["据え置くべき"])
    flow.edit_note(decision.id, {"decision_method": "unanimous", "votes_for": None,
                                 "votes_against": None, "votes_abstain": None})
    assert services.notes.get(decision.id).decision_method == "unanimous"
    assert flow.delete_note(decision.id) != [decision.id]  # its minority opinion went with it
    assert [n.body for n in flow.notes(meeting.id)] == ["値上げに反対"]
    services.undo()
    assert sorted(n.body for n in flow.notes(meeting.id)) == ["値上げに反対", "年1,200円とする", "据え置くべき"]


def test_a_minority_opinion_edited_into_an_opinion_leaves_its_decision(flow, services, meeting):
    item = flow.add_item(meeting.id, "会費")
    flow.open_meeting(meeting.id)
    flow.decide(meeting.id, item.id, "値上げする", "majority", 10, 2, 0)
    minority = flow.capture(meeting.id, item.id, "minority", "反対の理由")
    assert flow.edit_note(minority.id, {"kind": "opinion"}).decision_id is None


def test_a_decision_needs_its_method_and_no_more_votes_than_people(flow, services, org):
    meeting = make_meeting(services, org, meeting_type="board", members_total=15, present=12, proxies=1)
    item = flow.add_item(meeting.id, "会費")
    flow.open_meeting(meeting.id)
    with pytest.raises(UserError):
        flow.capture(meeting.id, item.id, "decision", "方法なしの決定")
    with pytest.raises(ValidationError) as refused:
        flow.decide(meeting.id, item.id, "値上げする", "majority", 10, 3, 1)
    assert "賛成10＋反対3＋棄権1＝14票ですが、出席12名＋委任状1名＝13名です（1票多すぎます）" in refused.value.ja
    assert flow.notes(meeting.id) == []
    assert flow.decide(meeting.id, item.id, "値上げする", "majority", 9, 3, 1).votes_for == 9


def test_decision_problems_say_what_is_off(flow, services, org):
    from meguro_jukyo.core.meeting_checks import decision_problems

    meeting = make_meeting(services, org, meeting_type="board", members_total=15, present=6)
    item = flow.add_item(meeting.id, "会費")
    flow.open_meeting(meeting.id)
    minority = flow.capture(meeting.id, item.id, "minority", "据え置くべき")
    q = services.meetings.quorum(meeting)

    def fields(*args, **kw):
        return [(p.field, p.blocking) for p in decision_problems(meeting, q, [minority], *args, **kw)]

    assert fields(None) == [("method", True), ("quorum", False)]
    assert fields("unanimous", 5, 1, 0) == [("dissent", False), ("dissent", False), ("quorum", False)]
    assert fields("majority", 4, 1, 0) == [("votes", False), ("quorum", False)]  # 5 of 6 voted
    assert fields("majority", 1, 2, 0) == [("votes", True), ("votes", False), ("quorum", False)]
    assert fields("continued") == [("quorum", False)]
    [quorum] = [p for p in decision_problems(meeting, q, [], "continued")]
    assert "定足数に達していません: 出席6名、必要8名（役員の過半数の出席" in quorum.ja


def test_carried_over_items_get_a_short_title_and_are_not_offered_again_whatever_it_becomes(flow, services, org):
    from dataclasses import replace

    from meguro_jukyo.core.meeting import short_title

    may = make_meeting(services, org, "5月定例会", dt.datetime(2025, 5, 10, 19))
    item = flow.add_item(may.id, "防犯")
    flow.open_meeting(may.id)
    long = "パトロールの担当表を作る。町会ごとに2名ずつ出して、月に一度は顔合わせの会を開く"
    flow.capture(may.id, item.id, "continued", long)
    flow.add_action(may.id, None, "見積もりを取る", "佐藤", dt.date(2025, 7, 1))
    june = make_meeting(services, org, "6月定例会", dt.datetime(2025, 6, 14, 19))
    continued, action = flow.carry_over_candidates(june.id)
    assert (continued.title, continued.text) == ("パトロールの担当表を作る", long)
    assert not action.overdue  # due after the meeting
    flow.add_candidate(june.id, replace(continued, title="担当表"))  # edited in the dialog
    assert [i.title for i in flow.agenda(june.id)] == ["担当表"]
    assert [c.source for c in flow.carry_over_candidates(june.id)] == ["action"]
    july = make_meeting(services, org, "7月定例会", dt.datetime(2025, 7, 12, 19))
    assert [c.source for c in flow.carry_over_candidates(july.id)] == ["action"]
    assert flow.carry_over_candidates(july.id)[0].overdue

    assert short_title("短い議題") == "短い議題"
    assert short_title("集会所の鍵の管理について、当番表を作り、各班長が月ごとに受け渡す方法を検討する") == "集会所の鍵の管理について、当番表を作り…"
    assert short_title("あ" * 40) == "あ" * 29 + "…"


def test_without_a_member_count_the_quorum_is_said_to_be_unknown_and_decisions_are_not_marked(flow, services, org):
    from meguro_jukyo.core.meeting_checks import decision_problems

    meeting = make_meeting(services, org, meeting_type="board", present=6)  # members not entered
    item = flow.add_item(meeting.id, "会費")
    flow.open_meeting(meeting.id)
    [problem] = decision_problems(meeting, services.meetings.quorum(meeting), [], "unanimous")
    assert (problem.field, problem.blocking) == ("members", False)
    # named as the type counts it: a 役員会 over its officers
    assert "役員総数が入っていない" in problem.ja and "number of board members" in problem.en
    general = make_meeting(services, org, meeting_type="general_regular", present=6)
    [problem] = decision_problems(general, services.meetings.quorum(general), [], "unanimous")
    assert "全会員数が入っていない" in problem.ja and "number of members" in problem.en
    assert not flow.decide(meeting.id, item.id, "据え置く", "unanimous").without_quorum
