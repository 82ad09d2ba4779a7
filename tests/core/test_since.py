"""Since the last meeting, over the round trip the issue asks for: a council's meeting is held, a
要望 goes to the ward in a package, the ward routes it and answers twice in its bundle, and the
council's next meeting hears of both answers, the action done, the status changed and the 継続審議
— each one step from an agenda item."""

from __future__ import annotations

import datetime as dt

from meguro_jukyo.core.db import Store
from meguro_jukyo.core.meeting import MeetingFlow
from meguro_jukyo.core.reference import council_id
from meguro_jukyo.core.services import Services
from meguro_jukyo.core.since import since_last_meeting
from meguro_jukyo.core.sync import identity, importer, package


def test_the_next_meeting_hears_of_both_answers_the_done_actions_and_the_continued(tmp_path):
    laptop = Store.open(tmp_path / "laptop.sqlite3", create=True, device_name="駒場PC")
    ward = Store.open(tmp_path / "ward.sqlite3", create=True, device_name="地域振興課")
    try:
        identity.trust_card(ward, identity.device_card(laptop))
        identity.trust_card(laptop, identity.device_card(ward))
        identity.set_ward_office(ward, True)
        mine, desk = Services(laptop), Services(ward)
        flow, org = MeetingFlow(mine), council_id("komaba")
        held = mine.meetings.create({"organization_id": org, "title": "10月定例会", "starts_at": dt.datetime(2026, 10, 5, 19)})
        bench = mine.issues.create({"organization_id": org, "title": "ベンチを増やして", "raised_on": dt.date(2026, 9, 1)})
        item = flow.add_item(held.id, "ベンチ", issue_id=bench.id)
        flow.open_meeting(held.id)
        flow.capture(held.id, item.id, "continued", "設置場所は次回に決める")
        flyer = flow.add_action(held.id, item.id, "回覧板でお知らせ")
        visit = flow.add_action(held.id, item.id, "現地を見る")
        flow.close_meeting(held.id)
        mine.issues.update(bench.id, {"is_request": True, "status": "requested"})
        mine.actions.update(flyer.id, {"status": "done", "done_on": dt.date(2026, 10, 20)})
        package.export_package(laptop, tmp_path / "laptop.mjsync")
        assert importer.import_package(ward, tmp_path / "laptop.mjsync").status == importer.IMPORTED
        desk.issues.route(bench.id, "midori", dt.date(2026, 10, 10), dt.date(2027, 3, 31))
        desk.issues.answer(bench.id, "設置場所を調べています。", dt.date(2026, 10, 25), kind="progress")
        desk.issues.answer(bench.id, "来年度に2基設置します。", dt.date(2026, 11, 20), kind="final")
        package.export_package(ward, tmp_path / "bundle.mjsync", scope="bundle")
        assert importer.import_package(laptop, tmp_path / "bundle.mjsync").status == importer.IMPORTED

        nxt = mine.meetings.create({"organization_id": org, "title": "12月定例会", "starts_at": dt.datetime(2026, 12, 7, 19)})
        since = since_last_meeting(mine, nxt.id)
        assert since.last.id == held.id
        assert [(a.kind, a.answered_on, a.department, a.candidate.text) for a in since.answers] == [
            ("progress", dt.date(2026, 10, 25), "midori", "設置場所を調べています。"),
            ("final", dt.date(2026, 11, 20), "midori", "来年度に2基設置します。")]
        assert [c.source_id for c in since.done_actions] == [flyer.id]
        assert [c.source_id for c in since.open_actions] == [visit.id]
        # closing records the minute: the issue, raised within that minute, may count as new since
        assert [(s.candidate.issue_id, s.new) for s in since.status_changes] == [(bench.id, "requested")]
        assert since.status_changes[0].old in (None, "raised")
        assert [c.text for c in since.continued] == ["設置場所は次回に決める"]
        agenda = flow.add_candidate(nxt.id, since.answers[-1].candidate)  # one step to an agenda item
        assert (agenda.title, agenda.issue_id) == ("ベンチを増やして", bench.id)
        first = mine.meetings.create({"organization_id": council_id("yakumo"), "title": "初回",
                                      "starts_at": dt.datetime(2026, 12, 1, 19)})
        assert since_last_meeting(mine, first.id).last is None
    finally:
        laptop.close()
        ward.close()
