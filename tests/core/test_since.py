"""Since the last meeting, over the round trip the issue asks for: a council's meeting is held, a
要望 goes to the ward in a package, the ward routes it and answers twice in its bundle, and the
council's next meeting hears of both answers, the action done, the status changed and the 継続審議
— each one step from an agenda item. The story is tests/council_year.py's."""

from __future__ import annotations

import datetime as dt

from council_year import (
    CONTINUED,
    FINAL,
    PROGRESS,
    bundle_back,
    december,
    hold_october,
    laptop_and_ward,
    send_to_the_ward,
    ward_answers,
)

from meguro_jukyo.core.exchange.papers import build_since_page
from meguro_jukyo.core.meeting import MeetingFlow
from meguro_jukyo.core.reference import council_id
from meguro_jukyo.core.services import Services
from meguro_jukyo.core.since import meetings_to_prepare, next_meeting, since_last_meeting


def test_the_next_meeting_hears_of_both_answers_the_done_actions_and_the_continued(tmp_path):
    with laptop_and_ward(tmp_path) as (laptop, ward):
        mine = Services(laptop)
        october = hold_october(mine)
        send_to_the_ward(laptop, ward, tmp_path)
        ward_answers(ward, october.bench)
        bundle_back(laptop, ward, tmp_path)

        nxt = december(mine)
        since = since_last_meeting(mine, nxt)
        assert since.last.id == october.held
        assert [(a.kind, a.answered_on, a.department, a.candidate.text) for a in since.answers] == [PROGRESS, FINAL]
        assert [(d.candidate.source_id, d.done_on) for d in since.done_actions] == [
            (october.flyer, dt.date(2026, 10, 20))]
        assert [c.source_id for c in since.open_actions] == [october.visit]
        # closing records the minute: the issue, raised within that minute, may count as new since
        assert [(s.candidate.issue_id, s.new) for s in since.status_changes] == [(october.bench, "requested")]
        assert since.status_changes[0].old in (None, "raised")
        assert [c.text for c in since.continued] == [CONTINUED]
        assert since.on_agenda == frozenset()
        page = build_since_page(mine, nxt)  # the 次第's first page names nobody
        lines = dict(page.sections)
        assert page.last.startswith("10月定例会")
        assert any("最終回答" in line and FINAL[3] in line for line in lines["区からの回答"])
        assert lines["前回から済んだ宿題"] == ("回覧板でお知らせ（令和8年10月20日完了）",)
        assert lines["まだ済んでいない宿題"] == ("現地を見る",)

        flow = MeetingFlow(mine)
        agenda = flow.add_candidate(nxt, since.answers[-1].candidate)  # one step to an agenda item
        assert (agenda.title, agenda.issue_id) == ("ベンチを増やして", october.bench)
        assert since_last_meeting(mine, nxt).on_agenda == {since.answers[-1].candidate.source_id}

        first = mine.meetings.create({"organization_id": council_id("yakumo"), "title": "初回",
                                      "starts_at": dt.datetime(2026, 12, 1, 19)})
        assert since_last_meeting(mine, first.id).last is None
        planned = meetings_to_prepare(mine, council_id("komaba"))
        assert [m.id for m in planned] == [nxt]
        assert next_meeting(planned, dt.date(2026, 12, 1)).id == nxt
        assert next_meeting(planned, dt.date(2027, 1, 1)).id == nxt  # none ahead: the last not held
        assert next_meeting([], dt.date(2027, 1, 1)) is None
